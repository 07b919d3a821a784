// Inputs of a size that takes seconds: 20,000-key maps, a 5 MB contract, a 20,000-product lineage
// chain. In `npm test`, not in `npm run test:unit`. The timeouts only turn a hang into a failure;
// budgets are measured by `npm run bench` (bench/largeFiles.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService, Mesh } from '../../server/src/core/languageService';
import { diagnose } from '../support/check';
import { product, uriOf } from '../support/mesh';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';
const options = { timeout: 10_000 };

test('20,000 keys in one map', options, () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `        key${i}: value ${i}`).join('\n');
  const text = `${HEAD}customProperties:\n  - property: many\n    value:\n${keys}\n`;
  assert.deepEqual(diagnose(text), []);
});

test('20,000 unknown keys give a bounded number of diagnostics', options, () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `unknown${i}: ${i}`).join('\n');
  const diagnostics = diagnose(`${HEAD}${keys}\n`);
  assert.equal(diagnostics.length, 1001);
  assert.equal(diagnostics[1000]!.code, 'limit/too-many-problems');
});

test('a 5 MB contract validates', options, () => {
  const column = (i: number) => `      - name: column_${i}\n        logicalType: string\n        physicalType: varchar(255)\n        description: A realistic description of column number ${i} in this table.\n`;
  let text = `${HEAD}schema:\n`;
  for (let t = 0; text.length < 5_000_000; t++) {
    text += `  - name: table_${t}\n    logicalType: object\n    properties:\n`;
    for (let c = 0; c < 200; c++) text += column(c);
  }
  assert.deepEqual(diagnose(text), []);
});

test('a long lineage chain is walked without running out of stack', () => {
  // Indexed from the fast disk parse, as a large workspace is at start.
  const mesh = new Mesh();
  const service = createLanguageService({ mesh });
  const length = 20_000;
  for (let i = 0; i < length; i++) service.setFileText(uriOf(`p${i}.odps.yaml`), product(`p${i}`, `c${i}`, [`c${(i + length - 1) % length}`]));
  const graph = mesh.graph;
  assert.equal(graph.cycleOf('product:p0'), graph.cycleOf(`product:p${length - 1}`));
  assert.notEqual(graph.cycleOf('product:p0'), undefined);
});
