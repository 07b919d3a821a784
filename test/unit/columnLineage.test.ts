// The column-level lineage of a contract (the graph's column view): its tables with every column, the
// columns upstream and downstream through `transformSourceObjects`, across files, by column or by table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColumnLineageModel } from '../../server/src/core/languageService';
import { MAX_COLUMNS } from '../../server/src/core/lineage/columnLineage';
import { MAILING_FROM_EMAIL, ordersContract, POSTGRES_SERVER } from '../support/breakingFixtures';
import { SHOP_GLOSSARY } from '../support/glossary';
import { buildMesh, cursorIn, uriOf } from '../support/mesh';

// orders.email (PII by its business name) → mailing.list.address → campaign.sends.recipient; the table
// orders → stats.daily.order_count.
const ORDERS = ordersContract('1.0.0', '      - name: order_id\n        logicalType: string\n      - name: email\n        businessName: E-mail\n        classification: confidential\n', POSTGRES_SERVER);
const MAILING = MAILING_FROM_EMAIL.replace('schema:', 'servers:\n  - server: prod\n    type: postgres\n    schema: marketing\nschema:');
const CAMPAIGN = `apiVersion: v3.1.0
kind: DataContract
id: campaign
version: 1.0.0
status: active
schema:
  - name: sends
    properties:
      - name: recipient
        transformSourceObjects: [marketing.list.address]
      - name: sent_at
`;
const STATS = `apiVersion: v3.1.0
kind: DataContract
id: stats
version: 1.0.0
status: active
schema:
  - name: daily
    properties:
      - name: order_count
        transformSourceObjects: [sales.orders]
`;

const mesh = () => buildMesh({ 'glossary.yaml': SHOP_GLOSSARY, 'orders.odcs.yaml': ORDERS, 'mailing.odcs.yaml': MAILING, 'campaign.odcs.yaml': CAMPAIGN, 'stats.odcs.yaml': STATS });
const column = (path: string, dotted: string) => `column:${uriOf(path)}#${dotted}`;
const table = (path: string, name: string) => `object:${uriOf(path)}#${name}`;

/** Each table as `contract/table: columns (+hidden)`, and each edge as `from → to` by short names. */
function shape(model: ColumnLineageModel) {
  const names = new Map<string, string>();
  const tables = model.tables.map((t) => {
    names.set(t.id, t.name);
    for (const c of t.columns) names.set(c.id, `${t.name}.${c.name}`);
    return `${t.contractName}/${t.name}: ${t.columns.map((c) => c.name).join(', ')}${t.hiddenColumns > 0 ? ` (+${t.hiddenColumns})` : ''}`;
  });
  return { tables, edges: model.edges.map((e) => `${names.get(e.from)} → ${names.get(e.to)}`) };
}

test("a contract's columns with the columns they come from and the columns computed from them, two steps each way", () => {
  const model = mesh().service.columnLineage('contract:mailing')!;
  assert.equal(model.focus, 'contract:mailing');
  assert.deepEqual(shape(model), {
    // The contract's own tables come first and whole; the others show only the columns on a path.
    tables: ['mailing/list: address', 'campaign/sends: recipient (+1)', 'orders/orders: email (+1)'],
    edges: ['orders.email → list.address', 'list.address → sends.recipient'],
  });
});

test('a source written as a table is an edge from the table; hops bound the walk', () => {
  const m = mesh();
  assert.deepEqual(shape(m.service.columnLineage('contract:orders', 1)!), {
    tables: ['orders/orders: order_id, email', 'mailing/list: address', 'stats/daily: order_count'],
    edges: ['orders → daily.order_count', 'orders.email → list.address'],
  });
  assert.deepEqual(shape(m.service.columnLineage('contract:orders', 2)!).edges, ['orders → daily.order_count', 'orders.email → list.address', 'list.address → sends.recipient']);
  assert.deepEqual(shape(m.service.columnLineage('contract:orders', 0)!).edges, []);
});

test('a column carries its classification and whether it means a personal-data term', () => {
  const orders = mesh().service.columnLineage('contract:orders')!.tables[0]!;
  assert.deepEqual(orders.columns, [
    { id: column('orders.odcs.yaml', 'orders.order_id'), name: 'order_id' },
    { id: column('orders.odcs.yaml', 'orders.email'), name: 'email', classification: 'confidential', pii: true },
  ]);
  assert.equal(orders.id, table('orders.odcs.yaml', 'orders'));
  assert.equal(orders.uri, uriOf('orders.odcs.yaml'));
});

test('an unknown contract has no column lineage; an unsaved edit shows at once', () => {
  const m = mesh();
  assert.equal(m.service.columnLineage('contract:nope'), undefined);
  assert.equal(m.service.columnLineage('product:revenue'), undefined);
  m.open('campaign.odcs.yaml', CAMPAIGN.replace('[marketing.list.address]', '[]'));
  assert.deepEqual(shape(m.service.columnLineage('contract:mailing')!).edges, ['orders.email → list.address']);
});

test('a mesh that fans out past the limit stops at MAX_COLUMNS and says so', () => {
  const many = Array.from({ length: MAX_COLUMNS + 20 }, (_, i) => `      - name: c${i}\n        transformSourceObjects: [sales.orders.email]\n`).join('');
  const wide = `apiVersion: v3.1.0\nkind: DataContract\nid: wide\nversion: 1.0.0\nstatus: active\nschema:\n  - name: wide\n    properties:\n${many}`;
  const m = buildMesh({ 'orders.odcs.yaml': ORDERS, 'wide.odcs.yaml': wide });
  const model = m.service.columnLineage('contract:orders')!;
  assert.equal(model.truncated, true);
  // The walk counts what it reached: the table orders, its two columns, and the first wide columns.
  assert.equal(model.tables.reduce((n, t) => n + t.columns.length, 0), MAX_COLUMNS - 1);
  assert.equal(model.tables.find((t) => t.name === 'wide')!.hiddenColumns, MAX_COLUMNS + 20 - (MAX_COLUMNS - 3));
  assert.ok(model.edges.every((e) => model.tables.some((t) => t.columns.some((c) => c.id === e.to))), 'no edge to a column left out');
});

test('the view starts at the column under the cursor, else at the contract the file defines', () => {
  const m = mesh();
  const onColumn = cursorIn(MAILING.replace('- name: address', '- name: add‸ress'));
  m.open('mailing.odcs.yaml', onColumn.text);
  assert.deepEqual(m.service.columnFocusAt(uriOf('mailing.odcs.yaml'), onColumn.offset), { contract: 'contract:mailing', column: column('mailing.odcs.yaml', 'list.address') });
  assert.equal(m.service.columnLineage('contract:mailing', 2, column('mailing.odcs.yaml', 'list.address'))!.column, column('mailing.odcs.yaml', 'list.address'));
  const onVersion = cursorIn(MAILING.replace('version: 1.0.0', 'version: 1.‸0.0'));
  m.open('mailing.odcs.yaml', onVersion.text);
  assert.deepEqual(m.service.columnFocusAt(uriOf('mailing.odcs.yaml'), onVersion.offset), { contract: 'contract:mailing' });
  assert.equal(m.service.columnFocusAt(uriOf('glossary.yaml'), 0), undefined);
});
