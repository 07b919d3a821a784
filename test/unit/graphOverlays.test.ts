// What the lineage graph tells besides its structure, for the graph's overlays: the impact of an open
// contract's or product's unsaved edit (compared with the file on disk, by the breaking-change checks
// and its status), and the nodes whose columns mean a personal-data term of the glossary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ORDER_ID_AND_EMAIL as BOTH, ORDER_ID as ONE, ordersContract, POSTGRES_SERVER, REVENUE_CONSUMER, MAILING_FROM_EMAIL as MAILING } from '../support/breakingFixtures';
import { customers, SHOP_GLOSSARY } from '../support/glossary';
import { buildMesh, type TestMesh, uriOf } from '../support/mesh';

const contract = (columns: string, version = '1.2.0') => ordersContract(version, columns, POSTGRES_SERVER);

function mesh(): TestMesh {
  return buildMesh({ 'orders.odcs.yaml': contract(BOTH), 'revenue.odps.yaml': REVENUE_CONSUMER, 'mailing.odcs.yaml': MAILING });
}

test('an unsaved edit that removes a column marks the product consuming the contract and the contract computed from the column', () => {
  const m = mesh();
  m.open('orders.odcs.yaml', contract(ONE));
  const graph = m.service.lineage()!;
  assert.deepEqual(graph.unsaved, [
    { node: 'contract:orders', uri: uriOf('orders.odcs.yaml'), changes: ["The column 'orders.email' was removed (or renamed)."], affected: ['product:revenue', 'contract:mailing'] },
  ]);
});

test('a status changed and not saved affects every consumer; the breaking changes come with it', () => {
  const m = mesh();
  m.open('orders.odcs.yaml', contract(ONE).replace('status: active', 'status: deprecated'));
  const [impact] = m.service.lineage()!.unsaved!;
  assert.deepEqual(impact!.changes, ["The column 'orders.email' was removed (or renamed).", 'The status changes from active to deprecated.']);
  assert.deepEqual(impact!.affected, ['product:revenue', 'contract:mailing']);
});

test('nothing unsaved: an open file as it is on disk, an edit its consumers do not feel, a half-typed file, a closed file', () => {
  const m = mesh();
  m.open('orders.odcs.yaml', contract(BOTH));
  assert.equal(m.service.lineage()!.unsaved, undefined);
  // A new column breaks no one.
  m.open('orders.odcs.yaml', contract(`${BOTH}      - name: note\n        logicalType: string\n`));
  assert.equal(m.service.lineage()!.unsaved, undefined);
  // Half-typed (a YAML error): it would read as if much were removed; it is compared once it parses.
  m.open('orders.odcs.yaml', contract(ONE).replace('schema:', 'schema: [orders,'));
  assert.equal(m.service.lineage()!.unsaved, undefined);
  m.open('orders.odcs.yaml', contract(ONE));
  assert.equal(m.service.lineage()!.unsaved?.length, 1);
  m.close('orders.odcs.yaml');
  assert.equal(m.service.lineage()!.unsaved, undefined);
});

test('a saved edit is no longer unsaved: the disk is what the open document is compared with', () => {
  const m = mesh();
  m.open('orders.odcs.yaml', contract(ONE));
  assert.equal(m.service.lineage()!.unsaved?.length, 1);
  m.write('orders.odcs.yaml', contract(ONE)); // saved
  assert.equal(m.service.lineage()!.unsaved, undefined);
});

test('a focused graph keeps the impacts of its nodes, and of the affected only those it shows', () => {
  const m = mesh();
  m.open('orders.odcs.yaml', contract(ONE));
  assert.deepEqual(m.service.lineage('product:revenue', 1)!.unsaved?.map((i) => i.affected), [['product:revenue']]);
  assert.equal(m.service.lineage('contract:mailing', 1)!.unsaved, undefined);
});

test('a contract node counts its columns that mean a PII term, by business name or glossary link; a term that is not PII does not count', () => {
  const columns = [
    '      - name: email\n        businessName: E-mail\n',
    '      - name: contact\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#email-address\n',
    '      - name: buyer\n        businessName: Customer\n',
  ].join('');
  const m = buildMesh({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': customers(columns), 'orders.odcs.yaml': contract(BOTH) });
  const nodes = new Map(m.service.lineage()!.nodes.map((n) => [n.id, n]));
  assert.equal(nodes.get('contract:customers-v1')?.pii, 2);
  assert.equal(nodes.get('contract:orders')?.pii, undefined);
});
