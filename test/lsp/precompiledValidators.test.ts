// The schemas the build compiled are found beside the bundles (dist/validators/), one for every
// bundled schema, and validate as ajv does at run time; a bundle without them compiles its own.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { schemaEntries } from '../../server/src/core/schema/schemaCatalog';
import { SchemaValidator } from '../../server/src/core/schema/schemaValidator';
import { validatorsBeside } from '../../server/src/disk/precompiledValidators';
import { repoRoot } from '../support/lspClient';

const built = validatorsBeside(join(repoRoot, 'dist'));

test('dist/validators/ holds a compiled validator for every bundled schema', () => {
  const missing = schemaEntries().filter((e) => typeof built(e.key) !== 'function').map((e) => e.key);
  assert.deepEqual(missing, []);
});

test('a compiled validator from dist/ gives the errors of a run-time compilation', () => {
  const key = 'urn:datamesh-authoring:schema:odcs-v3.1.0';
  const contract = { apiVersion: 'v3.1.0', kind: 'DataContract', id: 'x', version: 1, status: 'active', schema: [{ name: 't', properties: [{ name: 'c', logicalType: 'strin' }] }] };
  const strip = (errors: ReturnType<SchemaValidator['validate']>) => errors.map(({ instancePath, schemaPath, keyword, params }) => ({ instancePath, schemaPath, keyword, params }));
  const expected = strip(new SchemaValidator().validate(key, contract));
  assert.ok(expected.length >= 2, 'the contract is invalid');
  assert.deepEqual(strip(new SchemaValidator(built).validate(key, contract)), expected);
});

test('without a validators folder beside the bundle, nothing is found and the schemas are compiled at run time', () => {
  const none = validatorsBeside(join(repoRoot, 'no-such-folder'));
  assert.equal(none('urn:datamesh-authoring:schema:odcs-v3.1.0'), undefined);
  assert.ok(new SchemaValidator(none).validate('urn:datamesh-authoring:schema:odcs-v3.1.0', { kind: 'DataContract' }).length > 0);
});
