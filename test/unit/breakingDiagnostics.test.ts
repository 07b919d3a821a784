// Breaking changes in `diagnose`: the caller gives a file's text at its base (the editor's git base,
// `datamesh check --base`), and the core reports each change on its place, with the consumers it breaks;
// the versioning rule asks for the major bump, and a bumped major turns the warnings into information.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Severity, type MeshDiagnostic } from '../../server/src/core/languageService';
import { governanceFixes } from '../../server/src/core/features/governanceFixes';
import { applyEdits, buildMesh, type TestMesh, uriOf } from '../support/mesh';
import { ORDER_ID_AND_EMAIL as BOTH, ORDER_ID as ONE, ordersContract, POSTGRES_SERVER, REVENUE_CONSUMER as CONSUMER, MAILING_FROM_EMAIL as DERIVED } from '../support/breakingFixtures';

const contract = (version: string, columns: string) => ordersContract(version, columns, POSTGRES_SERVER);
const POLICY = 'kind: GovernancePolicy\napiVersion: v1\nid: company\nrules:\n  versioning/major-bump-required: error\n';

function mesh(withPolicy = false): TestMesh {
  return buildMesh({ 'orders.odcs.yaml': contract('1.2.0', BOTH), 'revenue.odps.yaml': CONSUMER, 'mailing.odcs.yaml': DERIVED, ...(withPolicy ? { 'policy.yaml': POLICY } : {}) }, { ruleDocs: (id) => `docs:${id}` });
}

function edited(m: TestMesh, text: string, base = contract('1.2.0', BOTH)): MeshDiagnostic[] {
  m.open('orders.odcs.yaml', text);
  m.service.setBaseText(uriOf('orders.odcs.yaml'), { ref: 'HEAD', text: base });
  return m.service.diagnose(uriOf('orders.odcs.yaml')).filter((d) => d.code.startsWith('breaking/') || d.code.startsWith('governance/'));
}

const shown = (m: TestMesh, d: MeshDiagnostic) => `${d.code} ${d.severity} ⟦${m.text('orders.odcs.yaml').slice(d.start, d.end)}⟧`;

test('a removed column is a warning on its list, naming the product that consumes the contract and the column derived from it', () => {
  const m = mesh();
  const found = edited(m, contract('1.2.0', ONE));
  assert.deepEqual(found.map((d) => shown(m, d)), [`breaking/column-removed ${Severity.Warning} ⟦properties⟧`]);
  const [d] = found;
  assert.match(d!.message, /^Breaking schema change against HEAD: The column 'orders\.email' was removed/);
  assert.match(d!.message, /It breaks revenue, mailing: list\.address\./);
  assert.match(d!.message, /Bump the version to 2\.0\.0\./);
  assert.equal(d!.source, 'Data Mesh breaking change');
  // Where the consumers are, for the editor's related information.
  assert.deepEqual(
    d!.related?.map((r) => `${r.location.uri.slice(r.location.uri.lastIndexOf('/') + 1)} ${r.message}`),
    ['revenue.odps.yaml revenue depends on it', 'mailing.odcs.yaml mailing: list.address depends on it'],
  );
});

test('no base, no breaking change; the same text as the base, none either', () => {
  const m = mesh();
  m.open('orders.odcs.yaml', contract('1.2.0', ONE));
  assert.deepEqual(m.service.diagnose(uriOf('orders.odcs.yaml')).filter((d) => d.code.startsWith('breaking/')), []);
  assert.deepEqual(edited(m, contract('1.2.0', BOTH)), []);
  // The base withdrawn (the file is new at the base, or the setting is off): nothing.
  m.service.setBaseText(uriOf('orders.odcs.yaml'), undefined);
  m.open('orders.odcs.yaml', contract('1.2.0', ONE));
  assert.deepEqual(m.service.diagnose(uriOf('orders.odcs.yaml')).filter((d) => d.code.startsWith('breaking/')), []);
});

test('a major version bump makes the breaking changes information: they are intended', () => {
  const m = mesh(true);
  const found = edited(m, contract('2.0.0', ONE));
  assert.deepEqual(found.map((d) => shown(m, d)), [`breaking/column-removed ${Severity.Information} ⟦properties⟧`]);
  assert.match(found[0]!.message, /Intended: the major version grew \(1\.2\.0 → 2\.0\.0\)\./);
});

test('versioning/major-bump-required: a breaking change without a major bump is an error on the version, fixed by the suggested version', () => {
  const m = mesh(true);
  const found = edited(m, contract('1.3.0', ONE));
  assert.deepEqual(found.map((d) => shown(m, d)), [`governance/versioning/major-bump-required ${Severity.Error} ⟦1.3.0⟧`, `breaking/column-removed ${Severity.Warning} ⟦properties⟧`]);
  const rule = found[0]!;
  assert.match(rule.message, /1 breaking change \(column-removed\) since the base, breaking 2 consumers, but the major version did not grow \(1\.2\.0 → 1\.3\.0\): bump the version to 2\.0\.0\./);
  // Each links the page the caller says: the rule's own, and the one page of the breaking checks.
  assert.deepEqual(found.map((d) => d.href), ['docs:versioning/major-bump-required', 'docs:breaking/changes']);
  const [fix] = governanceFixes(uriOf('orders.odcs.yaml'), m.text('orders.odcs.yaml'), rule);
  assert.equal(fix?.title, 'Bump the version to 2.0.0');
  assert.equal(applyEdits(m.text('orders.odcs.yaml'), fix!.edits), contract('2.0.0', ONE));
});

test('the version fix keeps the quotes of a quoted version', () => {
  const m = mesh(true);
  const text = contract("'1.2.0'", ONE);
  const rule = edited(m, text).find((d) => d.code === 'governance/versioning/major-bump-required')!;
  assert.equal(m.text('orders.odcs.yaml').slice(rule.start, rule.end), "'1.2.0'");
  const [fix] = governanceFixes(uriOf('orders.odcs.yaml'), text, rule);
  assert.equal(applyEdits(text, fix!.edits), contract("'2.0.0'", ONE));
});

test('without a policy that turns it on, the versioning rule is silent; the breaking warnings stay', () => {
  const m = mesh();
  assert.deepEqual(edited(m, contract('1.2.0', ONE)).map((d) => d.code), ['breaking/column-removed']);
});

test('a changed logicalType is shown on the type, a removed schema object on the schema key', () => {
  const m = mesh();
  const typed = edited(m, contract('1.2.0', '      - name: order_id\n        logicalType: integer\n      - name: email\n        logicalType: string\n'));
  assert.deepEqual(typed.map((d) => shown(m, d)), [`breaking/column-type-changed ${Severity.Warning} ⟦integer⟧`]);
  const gone = edited(m, contract('1.2.0', ONE).replace('- name: orders', '- name: shipments'));
  assert.deepEqual(gone.map((d) => shown(m, d)), [`breaking/schema-object-removed ${Severity.Warning} ⟦schema⟧`]);
});

test('a broken base or a broken edit gives nothing, never a throw', () => {
  const m = mesh(true);
  for (const [text, base] of [
    [contract('1.2.0', ONE), 'kind: [unclosed'],
    ['kind: DataContract\nschema: [', contract('1.2.0', BOTH)],
    [contract('1.2.0', ONE), 'kind: DataProduct\nid: orders\n'],
    [contract('1.2.0', ONE), `${contract('1.2.0', BOTH)}---\n${CONSUMER}`],
  ] as const) {
    assert.deepEqual(edited(m, text, base).filter((d) => d.code.startsWith('breaking/') || d.code.includes('versioning')), [], `${text} against ${base}`);
  }
});

test('the comparison runs once per version: the base is read once and diagnose again costs no new comparison', () => {
  const m = mesh();
  const first = edited(m, contract('1.2.0', ONE));
  const again = m.service.diagnose(uriOf('orders.odcs.yaml')).filter((d) => d.code.startsWith('breaking/'));
  assert.equal(again[0], first[0], 'the same finding object, from the cache');
});

test('a change undone is no longer reported: the version that equals the base has no findings', () => {
  const m = mesh();
  const changed = contract('1.2.0', BOTH.replace('name: email\n        logicalType: string', 'name: email\n        logicalType: integer'));
  assert.ok(edited(m, changed).some((d) => d.code === 'breaking/column-type-changed'), 'the change is reported');
  // Back to the committed text, as an undo gives it (same facts as the disk's, so the index keeps its generation).
  m.open('orders.odcs.yaml', contract('1.2.0', BOTH));
  assert.deepEqual(m.service.diagnose(uriOf('orders.odcs.yaml')).filter((d) => d.code.startsWith('breaking/')).map((d) => d.code), []);
});

test('quality: a rule removed, or its threshold loosened, breaks the promise; a stricter threshold or a renamed unit does not', () => {
  const withQuality = (table: string, email: string) => contract('1.2.0', `      - name: order_id\n        logicalType: string\n      - name: email\n        logicalType: string\n        quality:\n${email}`)
    .replace('  - name: orders\n', `  - name: orders\n    quality:\n${table}`);
  const volume = (bound: string) => `      - name: Daily volume\n        metric: rowCount\n        ${bound}\n`;
  const nulls = (n: number) => `          - metric: nullValues\n            mustBe: ${n}\n`;
  const m = mesh();
  const base = withQuality(volume('mustBeGreaterThan: 500'), nulls(0));
  const codes = (text: string) => edited(m, text, base).map((d) => `${d.code} ⟦${m.text('orders.odcs.yaml').slice(d.start, d.end)}⟧ ${/: (The quality rule .*?\.)(?= It breaks| Bump|$)/.exec(d.message)?.[1] ?? d.message}`);
  assert.deepEqual(codes(base), []);
  assert.deepEqual(codes(withQuality(volume('mustBeGreaterThan: 100'), nulls(5))), [
    "breaking/quality-weakened ⟦mustBeGreaterThan⟧ The quality rule 'Daily volume' of table 'orders' loosened: mustBeGreaterThan 500 → 100.",
    "breaking/quality-weakened ⟦mustBe⟧ The quality rule 'nullValues' of 'orders.email' loosened: mustBe 0 → 5.",
  ]);
  // Stricter is fine; a rule with another unit is not compared.
  assert.deepEqual(codes(withQuality(volume('mustBeGreaterThan: 900'), nulls(0))), []);
  assert.deepEqual(codes(withQuality(volume('mustBeGreaterThan: 100\n        unit: percent'), nulls(0))), []);
  // Removed: the column has no rule left, so it is reported on the column's name.
  const removed = codes(withQuality(volume('mustBeGreaterThan: 500'), '').replace('        quality:\n', ''));
  assert.equal(removed.length, 1);
  assert.equal(removed[0], "breaking/quality-removed ⟦name⟧ The quality rule 'nullValues' of 'orders.email' was removed.");
});
