// Quick fixes, each tested on the text the user ends up with: the fix is asked for the diagnostic the
// core reported at the ⟦marked⟧ range, applied, and the result is diagnosed again: the finding is gone
// and no YAML error appeared.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MeshDiagnostic, QuickFix } from '../../server/src/core/languageService';
import { applyEdits, buildMesh, contract, marked, product, uriOf } from '../support/mesh';

const FILE = 'sales/c.odcs.yaml';

interface Fixed {
  diagnostic: MeshDiagnostic;
  fixes: QuickFix[];
  /** The text after the fix with this title. */
  apply(title?: string): string;
  /** The findings of a text, as the same workspace sees it. */
  diagnose(text: string): MeshDiagnostic[];
}

/** The fixes of the finding with `code` at the ⟦range⟧ of `fixture` (opened as `path`, among `others`). */
function fixesAt(fixture: string, code: string, others: Record<string, string> = {}, path = FILE): Fixed {
  const { text, ranges } = marked(fixture);
  const mesh = buildMesh(others);
  mesh.open(path, text);
  const uri = uriOf(path);
  const found = mesh.service.diagnose(uri).filter((d) => d.code === code);
  const show = found.map((d) => `${JSON.stringify(text.slice(d.start, d.end))} ${d.message}`).join('\n');
  assert.equal(found.length, 1, `expected one ${code}, got:\n${show}`);
  const diagnostic = found[0]!;
  assert.deepEqual([diagnostic.start, diagnostic.end], ranges[0], `range of ${show}`);
  // What the client sends back: the diagnostic through JSON, as it crosses the wire.
  const sent = JSON.parse(JSON.stringify(diagnostic)) as MeshDiagnostic;
  const fixes = mesh.service.codeActions(uri, [diagnostic.start, diagnostic.end], [sent]);
  return {
    diagnostic,
    fixes,
    apply(title) {
      const fix = title === undefined ? fixes[0] : fixes.find((f) => f.title === title);
      assert.ok(fix, `no fix '${title}' among: ${fixes.map((f) => f.title).join(', ')}`);
      assert.ok(fix.edits.every((e) => e.uri === uri));
      return applyEdits(text, fix.edits);
    },
    diagnose(edited) {
      mesh.open(path, edited);
      return mesh.service.diagnose(uri);
    },
  };
}

/** The fix leaves `expected`, which no longer has the finding (at that path) and has no YAML error. */
function assertFixed(fixed: Fixed, expected: string, title?: string): void {
  const edited = fixed.apply(title);
  assert.equal(edited, expected);
  const after = fixed.diagnose(edited);
  const same = (d: MeshDiagnostic) => d.code === fixed.diagnostic.code && JSON.stringify(d.data?.path) === JSON.stringify(fixed.diagnostic.data?.path);
  assert.deepEqual(after.filter(same), [], 'the finding is still there');
  assert.deepEqual(after.filter((d) => d.code.startsWith('yaml/')), [], 'the fix broke the YAML');
}

const ORDERS = (body: string) => contract('orders-v1', `schema:\n  - name: orders\n    properties:\n${body}`);

describe('a misspelt key', () => {
  test('is renamed to the suggestion, keeping its value and comment', () => {
    const fixed = fixesAt(ORDERS('      - name: id\n        ⟦descripton⟧: The order.  # why\n        logicalType: string\n'), 'schema/unknown-property');
    assert.deepEqual(
      fixed.fixes.map((f) => [f.title, f.kind, f.isPreferred]),
      [["Rename 'descripton' to 'description'", 'quickfix', true]],
    );
    assertFixed(fixed, ORDERS('      - name: id\n        description: The order.  # why\n        logicalType: string\n'));
  });

  test('in quotes keeps its quotes', () => {
    const fixed = fixesAt(ORDERS('      - name: id\n        ⟦"descripton"⟧: The order.\n'), 'schema/unknown-property');
    assertFixed(fixed, ORDERS('      - name: id\n        "description": The order.\n'));
  });

  test('with an empty value, at the top level', () => {
    const fixed = fixesAt(contract('orders-v1', '⟦descriptio⟧:\n  purpose: x\n'), 'schema/unknown-property');
    assertFixed(fixed, contract('orders-v1', 'description:\n  purpose: x\n'));
  });

  test('in a flow map', () => {
    const fixed = fixesAt(ORDERS('      - {name: id, ⟦logicalTyp⟧: string}\n'), 'schema/unknown-property');
    assertFixed(fixed, ORDERS('      - {name: id, logicalType: string}\n'));
  });

  test('with no close name gets no fix', () => {
    const fixed = fixesAt(ORDERS('      - name: id\n        ⟦zzzzqqq⟧: 1\n'), 'schema/unknown-property');
    assert.deepEqual(fixed.fixes, []);
  });

  test('gets no fix once the text no longer reads as the diagnostic saw it', () => {
    const { text } = marked(ORDERS('      - name: id\n        descripton: x\n'));
    const mesh = buildMesh({});
    mesh.open(FILE, text);
    const [d] = mesh.service.diagnose(uriOf(FILE)).filter((x) => x.code === 'schema/unknown-property');
    mesh.open(FILE, text.replace('descripton', 'descriptio'));
    assert.deepEqual(mesh.service.codeActions(uriOf(FILE), [d!.start, d!.end], [d!]), []);
  });
});

describe('a misspelt value', () => {
  test('an enum value is replaced by the suggestion', () => {
    const fixed = fixesAt(ORDERS('      - name: id\n        logicalType: ⟦strin⟧ # the id\n'), 'schema/invalid-value');
    assert.equal(fixed.fixes[0]?.title, "Change 'strin' to 'string'");
    assertFixed(fixed, ORDERS('      - name: id\n        logicalType: string # the id\n'));
  });

  test('a single-quoted value keeps its quotes', () => {
    const fixed = fixesAt(ORDERS("      - name: id\n        logicalType: ⟦'strin'⟧\n"), 'schema/invalid-value');
    assertFixed(fixed, ORDERS("      - name: id\n        logicalType: 'string'\n"));
  });

  test('a status outside the lifecycle', () => {
    const fixed = fixesAt('apiVersion: v3.1.0\nkind: DataContract\nid: orders-v1\nversion: 1.0.0\nstatus: ⟦actve⟧\n', 'schema/unknown-status');
    assertFixed(fixed, 'apiVersion: v3.1.0\nkind: DataContract\nid: orders-v1\nversion: 1.0.0\nstatus: active\n');
  });
});

describe('a broken reference', () => {
  test('a contractId with a typo is replaced by the closest contract', () => {
    const others = { 'sales/orders.odcs.yaml': contract('sales-orders-v1') };
    const fixed = fixesAt(product('p', undefined, ['⟦sales-order-v1⟧']), 'mesh/unresolved-reference', others, 'sales/p.odps.yaml');
    assert.equal(fixed.fixes[0]?.title, "Change 'sales-order-v1' to 'sales-orders-v1'");
    assertFixed(fixed, product('p', undefined, ['sales-orders-v1']));
  });

  test('a table.column relationship in the same contract', () => {
    const body = (to: string) => `      - name: id\n      - name: customer\n        relationships:\n          - to: ${to}\n`;
    const fixed = fixesAt(ORDERS(body('⟦orders.idd⟧')), 'mesh/unresolved-reference');
    assertFixed(fixed, ORDERS(body('orders.id')));
  });

  test('a consumed deprecated contract is replaced by its successor', () => {
    const others = {
      'sales/v0.odcs.yaml': contract('sales-orders-v0').replace('status: active', 'status: deprecated'),
      'sales/v1.odcs.yaml': contract('sales-orders-v1').replace('version: 1.0.0', 'version: 1.2.0'),
      'sales/v2-draft.odcs.yaml': contract('sales-orders-v2').replace('status: active', 'status: retired'),
    };
    const fixed = fixesAt(product('p', undefined, ['"⟦sales-orders-v0⟧"']), 'mesh/deprecated-contract', others, 'sales/p.odps.yaml');
    assert.match(fixed.diagnostic.message, /successor 'sales-orders-v1'/);
    assert.equal(fixed.fixes[0]?.title, "Replace deprecated 'sales-orders-v0' with 'sales-orders-v1'");
    assertFixed(fixed, product('p', undefined, ['"sales-orders-v1"']));
  });

  test('the successor a deprecated contract names (customProperties replacedBy) wins over the id’s version suffix', () => {
    const named = '\ncustomProperties:\n  - property: replacedBy\n    value: orders-2026\n';
    const others = {
      'sales/v0.odcs.yaml': contract('sales-orders-v0').replace('status: active', 'status: deprecated') + named,
      'sales/v1.odcs.yaml': contract('sales-orders-v1'),
      'sales/new.odcs.yaml': contract('orders-2026'),
    };
    const fixed = fixesAt(product('p', undefined, ['⟦sales-orders-v0⟧']), 'mesh/deprecated-contract', others, 'sales/p.odps.yaml');
    assertFixed(fixed, product('p', undefined, ['orders-2026']));
  });

  test('a deprecated contract with no successor gets no fix', () => {
    const others = { 'sales/v0.odcs.yaml': contract('legacy').replace('status: active', 'status: deprecated') };
    const fixed = fixesAt(product('p', undefined, ['⟦legacy⟧']), 'mesh/deprecated-contract', others, 'sales/p.odps.yaml');
    assert.deepEqual(fixed.fixes, []);
  });
});

describe('missing required keys', () => {
  test('at the top level, after the last key, with the standard placeholder', () => {
    const fixed = fixesAt('⟦apiVersion: v3.1.0⟧\nkind: DataContract\nversion: 1.0.0\nstatus: active\n\n# the end\n', 'schema/missing-property');
    assert.equal(fixed.fixes[0]?.title, "Add missing property 'id'");
    assertFixed(fixed, 'apiVersion: v3.1.0\nkind: DataContract\nversion: 1.0.0\nstatus: active\nid: ""\n\n# the end\n');
  });

  test('inside a list item, indented as its keys, after a nested block', () => {
    const before = contract('orders-v1', 'schema:\n  - name: orders\n    properties:\n      - name: id\n        relationships:\n          - ⟦{type: foreignKey}⟧   # no target yet\n  - name: lines\n');
    const fixed = fixesAt(before, 'schema/missing-property');
    assert.deepEqual(fixed.diagnostic.data?.missing, ['to']);
    assertFixed(fixed, contract('orders-v1', 'schema:\n  - name: orders\n    properties:\n      - name: id\n        relationships:\n          - {type: foreignKey, to: ""}   # no target yet\n  - name: lines\n'));
  });

  test('in a block map inside a list item, keeping CRLF line ends', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const fixed = fixesAt(crlf(contract('orders-v1', 'team:\n  members:\n    - ⟦role: owner  # who⟧\n')), 'schema/missing-property');
    assertFixed(fixed, crlf(contract('orders-v1', 'team:\n  members:\n    - role: owner  # who\n      username: ""\n')));
  });

  test('in an empty flow map', () => {
    const fixed = fixesAt(contract('orders-v1', 'team:\n  members:\n    - ⟦{ }⟧\n'), 'schema/missing-property');
    assertFixed(fixed, contract('orders-v1', 'team:\n  members:\n    - {username: "" }\n'));
  });

  test('a flow map over several lines gets no fix', () => {
    const fixed = fixesAt(contract('orders-v1', 'team:\n  members:\n    - ⟦{ role: owner,⟧\n        name: x }\n'), 'schema/missing-property');
    assert.deepEqual(fixed.fixes, []);
  });
});

describe('hostile data from the client', () => {
  test('a placeholder that is not one line of JSON is written as ""', () => {
    const { text } = marked('apiVersion: v3.1.0\nkind: DataContract\nversion: 1.0.0\nstatus: active\n');
    const mesh = buildMesh({});
    mesh.open(FILE, text);
    const [d] = mesh.service.diagnose(uriOf(FILE)).filter((x) => x.code === 'schema/missing-property');
    const hostile = { ...d!, data: { ...d!.data, placeholders: ['x\nkind: other'] } };
    const [fix] = mesh.service.codeActions(uriOf(FILE), [d!.start, d!.end], [hostile]);
    assert.equal(applyEdits(text, fix!.edits), `${text}id: ""\n`);
  });

  test('unknown codes and diagnostics without data get nothing', () => {
    const mesh = buildMesh({});
    mesh.open(FILE, contract('orders-v1'));
    const d: MeshDiagnostic = { start: 0, end: 3, severity: 1, code: 'schema/unknown-property', message: '', source: '' };
    assert.deepEqual(mesh.service.codeActions(uriOf(FILE), [0, 3], [d, { ...d, code: 'other/x', data: { value: 'api', suggestions: ['x'], path: ['apiVersion'] } }]), []);
  });
});
