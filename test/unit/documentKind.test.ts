import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from '../support/core';

function kindsOf(text: string, fileName = 'x.yaml'): string[] {
  return core.parse(text, fileName).parts.map((p) => `${p.kind.standard.id}@${p.kind.version ?? '-'}`);
}

test('recognises each standard by content, with the version as written', () => {
  assert.deepEqual(kindsOf('apiVersion: v3.1.0\nkind: DataContract\n'), ['odcs@v3.1.0']);
  assert.deepEqual(kindsOf('apiVersion: v1.0.0\nkind: DataProduct\n'), ['odps@v1.0.0']);
  assert.deepEqual(kindsOf('dataContractSpecification: 1.2.1\nid: x\n'), ['dcs@1.2.1']);
  assert.deepEqual(kindsOf('dataProductSpecification: 0.0.1\n'), ['dps@0.0.1']);
  assert.deepEqual(kindsOf('{"dataProductDescriptor": "1.0.0", "info": {}}', 'descriptor.json'), ['dpds@1.0.0']);
  assert.deepEqual(kindsOf('schema: https://opendataproducts.org/v4.1/schema/odps.yaml\nversion: 4.10\nproduct: {}\n'), ['odps4@4.10']);
  assert.deepEqual(kindsOf('kind: BusinessGlossary\napiVersion: v1\n'), ['glossary@v1']);
  assert.deepEqual(kindsOf('kind: GovernancePolicy\napiVersion: v1\n'), ['policy@v1']);
});

test('content wins over the file name; the file name claims an empty or half-typed file', () => {
  assert.deepEqual(kindsOf('kind: DataProduct\napiVersion: v1.0.0\n', 'orders.odcs.yaml'), ['odps@v1.0.0']);
  assert.deepEqual(kindsOf('', 'orders.odcs.yaml'), ['odcs@-']);
  assert.deepEqual(kindsOf('# a new contract\n', 'orders.odcs.yaml'), ['odcs@-']);
  assert.deepEqual(kindsOf('id: orders\n', 'orders.odcs.yaml'), ['odcs@-']);
  assert.deepEqual(kindsOf('- a\n- b\n', 'orders.odcs.yaml'), []);
});

test('YAML that is not part of a mesh is not ours', () => {
  assert.deepEqual(kindsOf('name: CI\non: push\njobs: {}\n', '.github/workflows/ci.yaml'), []);
  assert.deepEqual(kindsOf('kind: Deployment\napiVersion: apps/v1\n'), []);
  assert.deepEqual(kindsOf('version: 2\nproduct: x\n'), []);
  assert.equal(core.validate(core.parse('a: [1, 2\nb: {\n', 'config.yaml')).length, 0, 'syntax errors of foreign YAML are not ours to report');
});

test('each document of a multi-document file is recognised on its own', () => {
  assert.deepEqual(kindsOf('kind: DataContract\napiVersion: v3.1.0\n---\nfoo: bar\n---\nkind: DataProduct\napiVersion: v1.0.0\n'), ['odcs@v3.1.0', 'odps@v1.0.0']);
});
