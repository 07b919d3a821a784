// What a fix needs travels with a finding as data (DiagnosticData), never to be parsed from the
// message: the JSON path of the offending node, the value as written, the likely replacement, what is
// missing, and what the standard allows there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DiagnosticData, MeshDiagnostic } from '../../server/src/core/languageService';
import { check } from '../support/check';
import { buildMesh, contract, product } from '../support/mesh';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';

/** The data of the one finding of a fixture, checked against the fixture's ⟦range⟧ and code. */
function dataOf(fixture: string, code: string): DiagnosticData {
  const [finding] = check(fixture, [{ code }], 'orders.odcs.yaml') as [MeshDiagnostic];
  assert.ok(finding.data, `${code} carries no data`);
  return finding.data;
}

test('schema/unknown-property carries its path, the key as written, the closest key and every key allowed there', () => {
  const data = dataOf(`${HEAD}schema:\n  - name: orders\n    logicalType: object\n    ⟦descripton⟧: x\n`, 'schema/unknown-property');
  const { expected, ...rest } = data;
  assert.deepEqual(rest, { docIndex: 0, path: ['schema', 0, 'descripton'], value: 'descripton', suggestions: ['description'] });
  assert.ok(expected?.includes('description') && expected.includes('properties') && !expected.includes('descripton'), String(expected));
});

test('schema/unknown-property with nothing close has no suggestion, but still the allowed keys', () => {
  const data = dataOf(`${HEAD}⟦zzzzzz⟧: 1\n`, 'schema/unknown-property');
  assert.deepEqual(data.suggestions, []);
  assert.equal(data.value, 'zzzzzz');
  assert.ok(data.expected?.includes('servers'), String(data.expected));
});

test('schema/invalid-value carries the value as written, the closest allowed value and every allowed value', () => {
  const data = dataOf(`${HEAD}schema:\n  - name: orders\n    logicalType: object\n    properties:\n      - name: id\n        logicalType: ⟦strnig⟧\n`, 'schema/invalid-value');
  const { expected, ...rest } = data;
  assert.deepEqual(rest, { docIndex: 0, path: ['schema', 0, 'properties', 0, 'logicalType'], value: 'strnig', suggestions: ['string'] });
  assert.ok(expected?.includes('string') && expected.includes('integer'), String(expected));
});

test('schema/missing-property carries the missing properties', () => {
  const data = dataOf(`⟦apiVersion: v3.1.0⟧\nkind: DataContract\nversion: 1.0.0\nstatus: active\n`, 'schema/missing-property');
  assert.deepEqual(data.missing, ['id']);
  assert.deepEqual(data.path, []);
});

test('mesh/unresolved-reference carries the path of the reference, the id as written and the closest id', () => {
  const mesh = buildMesh({
    'orders.odcs.yaml': contract('sales-orders-v1'),
    'revenue.odps.yaml': product('sales-revenue', undefined, ['sales-ordrs-v1', 'nothing-like-it']),
  });
  const findings = mesh.meshFindings('revenue.odps.yaml').filter((d) => d.code === 'mesh/unresolved-reference');
  assert.deepEqual(
    findings.map((d) => d.data),
    [
      { docIndex: 0, path: ['inputPorts', 0, 'contractId'], value: 'sales-ordrs-v1', suggestions: ['sales-orders-v1'] },
      { docIndex: 0, path: ['inputPorts', 1, 'contractId'], value: 'nothing-like-it', suggestions: [] },
    ],
  );
});
