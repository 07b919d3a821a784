// "Migrate to ODCS v3.1.0" on every Data Contract Specification example: the new file validates
// against ODCS v3.1.0 with no finding, the original is not edited, and every value of the source is
// still somewhere in the result (mapped, or kept under customProperties).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CORE_SCHEMA, load } from 'js-yaml';
import { repoRoot } from '../support/lspClient';
import { buildMesh, uriOf } from '../support/mesh';
import { diagnose } from '../support/check';

const EXAMPLES = join(repoRoot, 'test/fixtures/standards/datacontract-specification/examples');

/** Every scalar of a value, as text. */
function scalars(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => scalars(v, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => scalars(v, into));
  else if (value !== null && value !== undefined) into.add(String(value));
  return into;
}

// Values the migration rewrites rather than copies: `$ref`s are inlined, `25h`/`P1Y` become value and
// unit, `5000 USD per month` becomes the price, the specification's version goes into the header comment.
const REWRITTEN = [/^#\/definitions\//, /^\d+(\.\d+)?\s*[a-z]+$/i, /^P\d+[YMWD]$/, /^\d+ [A-Z]{3} per /];

describe('migrate a Data Contract Specification file to ODCS v3.1.0', () => {
  for (const example of readdirSync(EXAMPLES)) {
    test(example, () => {
      const text = readFileSync(join(EXAMPLES, example, 'datacontract.yaml'), 'utf8');
      const path = `${example}/datacontract.yaml`;
      const mesh = buildMesh({});
      mesh.open(path, text);
      const actions = mesh.service.codeActions(uriOf(path), [0, 0], []);
      assert.equal(actions.length, 1);
      const [migrate] = actions;
      assert.equal(migrate!.kind, 'refactor.rewrite');
      assert.deepEqual(migrate!.edits, [], 'the original is not touched');
      assert.equal(migrate!.createFile?.uri, uriOf(`${example}/datacontract.odcs.yaml`));
      const migrated = migrate!.createFile!.text;
      const findings = diagnose(migrated, 'datacontract.odcs.yaml');
      assert.deepEqual(findings.map((d) => `${d.code} ${d.message} @${migrated.slice(d.start, d.end)}`), []);
      assert.match(migrated, /^# Migrated to ODCS v3\.1\.0 from datacontract\.yaml/);
      const source = load(text, { schema: CORE_SCHEMA }) as Record<string, unknown>;
      const kept = scalars(load(migrated, { schema: CORE_SCHEMA }));
      const lost = [...scalars({ ...source, dataContractSpecification: undefined })].filter((v) => !kept.has(v) && !REWRITTEN.some((r) => r.test(v)));
      assert.deepEqual(lost, [], 'values of the source that are nowhere in the result');
    });
  }

  test('what does not fit ODCS as written still validates: checks without an operator or query, unknown server types, nested and array fields', () => {
    const text = `dataContractSpecification: 1.1.0
id: edge
info: { title: Edge, version: 1.0.0, status: active, contact: { email: a@b.example }, x-team: core }
servers:
  spark: { type: dataframe }
  pg: { type: postgres, host: h, port: "5432", database: d, schema: s }
models:
  t:
    type: table
    primaryKey: [a]
    fields:
      a: { type: integer, minimum: 1 }
      b: { type: array, items: { type: record, fields: { c: { type: string } } } }
      d: { type: struct, fields: { e: { type: date } } }
      f: { type: geography }
    quality:
      - { type: sql, mustBeGreaterThan: 1 }
      - { type: library, description: no operator }
      - { type: great-expectations, specification: { x: 1 } }
      - { type: sql, query: select 1, mustBeGreaterThanOrEqualTo: 1 }
servicelevels:
  support: { time: 9-5 }
  frequency: { type: streaming }
`;
    const mesh = buildMesh({});
    mesh.open('e/datacontract.yaml', text);
    const migrated = mesh.service.codeActions(uriOf('e/datacontract.yaml'), [0, 0], [])[0]!.createFile!.text;
    assert.deepEqual(diagnose(migrated, 'datacontract.odcs.yaml').map((d) => `${d.code} ${d.message} @${migrated.slice(d.start, d.end)}`), []);
    const odcs = load(migrated, { schema: CORE_SCHEMA }) as { status: string; servers: { type: string; port?: number }[]; schema: { properties: { name: string; logicalType?: string; primaryKey?: boolean }[]; quality: { type: string }[] }[] };
    assert.equal(odcs.status, 'active');
    assert.deepEqual(odcs.servers.map((x) => [x.type, x.port]), [['custom', undefined], ['postgres', 5432]]);
    assert.deepEqual(odcs.schema[0]!.properties.map((p) => [p.name, p.logicalType, p.primaryKey]), [['a', 'integer', true], ['b', 'array', undefined], ['d', 'object', undefined], ['f', undefined, undefined]]);
    assert.deepEqual(odcs.schema[0]!.quality.map((q) => q.type), ['text', 'text', 'custom', 'sql']);
    assert.match(migrated, /mustBeGreaterOrEqualTo: 1/);
  });

  test('the new file does not overwrite an earlier migration', () => {
    const text = readFileSync(join(EXAMPLES, 'covid-cases', 'datacontract.yaml'), 'utf8');
    const mesh = buildMesh({ 'a/datacontract.odcs.yaml': 'apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\n' });
    mesh.open('a/datacontract.yaml', text);
    assert.equal(mesh.service.codeActions(uriOf('a/datacontract.yaml'), [0, 0], [])[0]?.createFile?.uri, uriOf('a/datacontract-2.odcs.yaml'));
  });

  test('is not offered on other files, nor when only quick fixes are asked for', () => {
    const mesh = buildMesh({});
    mesh.open('a/c.odcs.yaml', 'apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\n');
    assert.deepEqual(mesh.service.codeActions(uriOf('a/c.odcs.yaml'), [0, 0], []), []);
    mesh.open('a/datacontract.yaml', readFileSync(join(EXAMPLES, 'covid-cases', 'datacontract.yaml'), 'utf8'));
    assert.deepEqual(mesh.service.codeActions(uriOf('a/datacontract.yaml'), [0, 0], [], ['quickfix']), []);
  });
});
