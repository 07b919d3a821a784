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
