// A file whose aliases expand past the limit is told so in neutral words, and keeps its outline and facts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, diagnose } from '../support/check';
import { core } from '../support/core';
import { createLanguageService } from '../../server/src/core/languageService';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';

/** A table whose 5,000 columns share one block with a merge key. */
function manyMergeKeys(): string {
  let text = `${HEAD}schema:\n  - name: orders\n    properties:\n      - &column\n        name: first\n        logicalType: string\n`;
  for (let i = 0; i < 5000; i++) text += `      - <<: *column\n        name: c${i}\n`;
  return text;
}

test('past the alias limit: one neutral finding on the first line', () => {
  const text = manyMergeKeys();
  check(`⟦apiVersion: v3.1.0⟧${text.slice('apiVersion: v3.1.0'.length)}`, [
    {
      code: 'yaml/too-many-aliases',
      message: /^This document's aliases \(\*name, <<: \*name\) expand to more than 1,000 nodes, the limit, so it is not checked against the schema\. Use fewer aliases\.$/,
    },
  ]);
  assert.ok(!/attack|exhaustion/i.test(diagnose(text)[0]!.message));
});

test('past the alias limit the outline and the facts still hold what the file writes itself', () => {
  const text = manyMergeKeys();
  const uri = 'file:///orders.odcs.yaml';
  const document = core.parse(text, 'orders.odcs.yaml');
  const service = createLanguageService();
  service.setDocument(uri, text, 1);
  const [contract] = service.documentSymbols(uri);
  const table = contract?.children[0];
  assert.deepEqual([contract?.kind, contract?.name, table?.kind, table?.name], ['contract', 'orders', 'schemaObject', 'orders']);
  assert.deepEqual(table!.children.map((c) => c.name).slice(0, 3), ['first', 'c0', 'c1']);
  assert.equal(table!.children.length, 5001);
  assert.deepEqual(core.factsOfText(text, uri, 'orders.odcs.yaml'), core.factsOf(document, uri));
});

test('an alias without its anchor is unreadable, not too many aliases', () => {
  check(`⟦apiVersion: v3.1.0⟧${HEAD.slice('apiVersion: v3.1.0'.length)}schema: *nowhere\n`, [{ code: 'yaml/unreadable', message: /Unresolved alias/ }]);
});

test('merge keys merge, as every YAML 1.1 reader merges them: no "<<" key to report, and the merged values are checked', () => {
  const head = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';
  const columns = (defaults: string, [a, b] = ['name: a', '<<: [*col]']) =>
    `${head}customProperties:\n  - property: defaults\n    value: &col\n      ${defaults}\nschema:\n  - name: orders\n    properties:\n      - ${a}\n        <<: *col\n      - ${b}\n        name: b\n      - {<<: {logicalType: string}, name: c}\n`;
  check(columns('logicalType: string'), []);
  // A wrong value that arrives through a merge is told by its value, on the first line of the map it is merged into.
  const wrong = { code: 'schema/invalid-value', message: /^'strnig' is not an allowed value\. Did you mean 'string'\?/ };
  check(columns('logicalType: strnig', ['⟦name: a⟧', '⟦<<: [*col]⟧']), [wrong, wrong]);
});

test('an alias inside the node its anchor names is one finding, not a stack overflow, from the editor and from disk', () => {
  const text = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\nschema:\n  - &o\n    name: orders\n    properties: [*o]\n';
  check(`${text.slice(0, 0)}⟦apiVersion: v3.1.0⟧${text.slice('apiVersion: v3.1.0'.length)}`, [{ code: 'yaml/unreadable', message: /an alias \(\*name\) is inside the node its anchor \(&name\) names/ }]);
  const uri = 'file:///orders.odcs.yaml';
  assert.deepEqual(core.factsOfText(text, uri, 'orders.odcs.yaml'), core.factsOf(core.parse(text, 'orders.odcs.yaml'), uri));
});
