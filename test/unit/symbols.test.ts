// The outline of a file (document symbols) and the search over the whole mesh (workspace symbols).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OutlineItem } from '../../server/src/core/languageService';
import { workspaceSymbols } from '../../server/src/core/features/symbols';
import { buildMesh, contract, GLOSSARY, marked, ordersContract, product, shortPath, uriOf } from '../support/mesh';

/**
 * Checks the outline of one file. `expected` is the tree, one line per item, indented by depth:
 * `kind name (detail)`. Each ⟦mark⟧ is the selection range (the name) of one item, in text order.
 */
function checkOutline(path: string, fixture: string, expected: string[], { selectionInRange = true } = {}): OutlineItem[] {
  const { text, ranges } = marked(fixture);
  const mesh = buildMesh({ [path]: text });
  const outline = mesh.service.documentSymbols(uriOf(path));
  const lines: string[] = [];
  const items: OutlineItem[] = [];
  const walk = (list: OutlineItem[], depth: number) => {
    for (const item of list) {
      lines.push(`${'  '.repeat(depth)}${item.kind} ${item.name}${item.detail ? ` (${item.detail})` : ''}`);
      items.push(item);
      // The selection is inside the item's range (VS Code rejects the whole outline otherwise).
      if (selectionInRange) assert.ok(item.span[0] <= item.selectionSpan[0] && item.selectionSpan[1] <= item.span[1], `${item.name}: selection outside its range`);
      walk(item.children, depth + 1);
    }
  };
  walk(outline, 0);
  assert.deepEqual(lines, expected);
  const selections = items.map((i) => i.selectionSpan).sort((a, b) => a[0] - b[0]);
  assert.deepEqual(
    selections.map(([s, e]) => text.slice(s, e)),
    ranges.map(([s, e]) => text.slice(s, e)),
  );
  assert.deepEqual(selections, ranges);
  return outline;
}

test('outline of an ODCS contract: schema objects, columns, nested and array columns', () => {
  const fixture = `# Orders
apiVersion: v3.1.0
kind: DataContract
id: ⟦sales-orders-v1⟧
name: Sales orders
version: 1.3.0
status: active
schema:
  - name: ⟦orders⟧
    businessName: Order
    properties:
      - name: ⟦order_id⟧
        businessName: Order ID
      - name: ⟦address⟧
        properties:
          - name: ⟦street⟧
      - name: ⟦lines⟧
        items:
          properties:
            - name: ⟦sku⟧
  - name: ⟦audit⟧
`;
  const mesh0Text = marked(fixture).text;
  const [root] = checkOutline(
    'sales/orders.odcs.yaml',
    fixture,
    [
      'contract sales-orders-v1 (Sales orders · v1.3.0 · active)',
      '  schemaObject orders (Order)',
      '    property order_id (Order ID)',
      '    property address',
      '      property street',
      '    property lines',
      '      property sku',
      '  schemaObject audit',
    ],
  );
  // The contract spans its document (from its first key, after the comment); an object spans its map.
  const text = mesh0Text;
  assert.deepEqual(root!.span, ['# Orders\n'.length, text.length]);
  const orders = root!.children[0]!;
  assert.equal(text.slice(orders.span[0], orders.span[1]), text.slice(text.indexOf('name: orders'), text.indexOf('  - name: audit')));
});

test('outline of an ODPS product: ports by direction', () => {
  checkOutline(
    'sales/revenue.odps.yaml',
    `apiVersion: v1.0.0
kind: DataProduct
id: ⟦sales-revenue⟧
name: Sales Revenue
version: 1.0.1
status: active
inputPorts:
  - name: ⟦orders⟧
    version: 1.3.0
    contractId: sales-orders-v1
outputPorts:
  - name: ⟦revenue-daily⟧
    contractId: sales-revenue-daily-v1
managementPorts:
  - name: ⟦observability⟧
`,
    ['product sales-revenue (Sales Revenue · v1.0.1 · active)', '  port orders (input port · v1.3.0)', '  port revenue-daily (output port)', '  port observability (management port)'],
  );
});

test('outline of a glossary: its terms, with their status', () => {
  checkOutline('glossary.yaml', GLOSSARY.replace('id: shop-glossary', 'id: ⟦shop-glossary⟧').replace(/- id: (\w+)/g, '- id: ⟦$1⟧'), [
    'glossary shop-glossary (Shop glossary)',
    '  term order (Order)',
    '  term customer (Customer)',
    '  term client (Client · deprecated)',
  ]);
});

const DCS = `dataContractSpecification: 1.1.0
id: ⟦orders-dcs⟧
info:
  title: Orders
  version: 2.0.0
models:
  ⟦orders⟧:
    title: Orders table
    fields:
      ⟦order_id⟧:
        $ref: '#/definitions/order_id'
      ⟦shipping⟧:
        fields:
          ⟦street⟧:
            type: string
definitions:
  ⟦order_id⟧:
    type: string
`;
const DCS_OUTLINE = [
  'contract orders-dcs (Orders · v2.0.0)',
  '  schemaObject orders (Orders table)',
  '    property order_id',
  '    property shipping',
  '      property street',
  '  definition order_id',
];

test('outline of a Data Contract Specification: models and fields by key, shared definitions', () => {
  checkOutline('dcs/datacontract.yaml', DCS, DCS_OUTLINE, { selectionInRange: false });
});

test(
  'outline of a Data Contract Specification: the key that names a model or field is inside its range',
  () => {
    checkOutline('dcs/datacontract.yaml', DCS, DCS_OUTLINE);
  },
);

test('outline of a multi-document file: one root per document; a contract without an id is named by its title', () => {
  checkOutline('sales/two.odcs.yaml', `${contract('⟦a⟧')}---\n⟦apiVersion: v3.1.0\nkind: DataContract\nname: Second\nschema:\n  - name: ⟦t⟧\n⟧`, [
    'contract a (v1.0.0 · active)',
    'contract Second',
    '  schemaObject t',
  ]);
});

test('outline of YAML that is not ours, or of an empty contract, is empty', () => {
  checkOutline('ci/workflow.yaml', 'name: CI\non: push\n', []);
  checkOutline('sales/new.odcs.yaml', '', []);
});

const WORKSPACE = {
  'glossary.yaml': GLOSSARY,
  'sales/orders.odcs.yaml': ordersContract(),
  'sales/p.odps.yaml': product('sales-orders', 'sales-orders-v1'),
  'logistics/shipments.odcs.yaml': contract('logistics-shipments-v1', 'schema:\n  - name: shipments\n    businessName: Parcels\n    properties:\n      - name: order_id\n'),
};

/** Workspace symbols for a query, shown as `kind name in container @ file`. */
function checkWorkspaceSymbols(query: string, expected: string[], limit?: number): void {
  const mesh = buildMesh(WORKSPACE);
  const found = limit === undefined ? mesh.service.workspaceSymbols(query) : workspaceSymbols(mesh.mesh, query, limit);
  assert.deepEqual(
    found.map((m) => `${m.ref.entity.kind} ${m.ref.entity.name}${m.container ? ` in ${m.container}` : ''} @ ${shortPath(m.ref.uri)}`),
    expected,
    `query '${query}'`,
  );
}

test('workspace symbols: the query’s characters in order, ignoring case and spaces, in names and titles', () => {
  checkWorkspaceSymbols('sov1', ['contract sales-orders-v1 @ sales/orders.odcs.yaml']);
  checkWorkspaceSymbols('SALES ORDERS', ['contract sales-orders-v1 @ sales/orders.odcs.yaml', 'product sales-orders @ sales/p.odps.yaml']);
  checkWorkspaceSymbols('shipments.order_id', ['property shipments.order_id in logistics-shipments-v1 @ logistics/shipments.odcs.yaml']);
  // Fuzzy: `order_id` is also in o-r-d-e-r-s.customer_-i-d; results come in index order, unranked.
  checkWorkspaceSymbols('order_id', [
    'property orders.order_id in sales-orders-v1 @ sales/orders.odcs.yaml',
    'property orders.customer_id in sales-orders-v1 @ sales/orders.odcs.yaml',
    'property shipments.order_id in logistics-shipments-v1 @ logistics/shipments.odcs.yaml',
  ]);
  // Titles count: the business name of a table, the name of a term.
  checkWorkspaceSymbols('parcels', ['schemaObject shipments in logistics-shipments-v1 @ logistics/shipments.odcs.yaml']);
  checkWorkspaceSymbols('client', ['term client in shop-glossary @ glossary.yaml']);
  checkWorkspaceSymbols('out', ['property orders.customer_id in sales-orders-v1 @ sales/orders.odcs.yaml', 'port out in sales-orders @ sales/p.odps.yaml']);
  checkWorkspaceSymbols('no such thing', []);
});

test('workspace symbols: an empty query lists everything searchable, up to the limit', () => {
  checkWorkspaceSymbols('', ['term order in shop-glossary @ glossary.yaml', 'term customer in shop-glossary @ glossary.yaml'], 2);
  const mesh = buildMesh(WORKSPACE);
  const kinds = new Set(mesh.service.workspaceSymbols('').map((m) => m.ref.entity.kind));
  assert.deepEqual([...kinds].sort(), ['contract', 'port', 'product', 'property', 'schemaObject', 'term']);
});
