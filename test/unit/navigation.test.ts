// Go to definition, find references and rename across the files of a mesh. Fixtures mark the cursor
// with ‸ and the expected locations with ⟦ ⟧; rename is checked by the text a user ends up with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from '../support/core';
import { parse } from 'yaml';
import { needsQuotes } from '../../server/src/core/model/yaml11Traps';
import { buildMesh, contract, GLOSSARY, ordersContract, product, type TestMesh } from '../support/mesh';

/** Go to definition from the ‸ cursor lands on exactly the ⟦marked⟧ names. */
function checkDefinition(files: Record<string, string>): void {
  const mesh = buildMesh(files);
  const { uri, offset } = mesh.cursor();
  const found = mesh.service.findDefinition(uri, offset).map((l) => mesh.show(l));
  assert.deepEqual(found, mesh.markedLocations());
}

/** Find references from the ‸ cursor gives exactly the ⟦marked⟧ places; the declaration first when asked for. */
function checkReferences(files: Record<string, string>, declaration?: string): void {
  const mesh = buildMesh(files);
  const { uri, offset } = mesh.cursor();
  const expected = mesh.markedLocations();
  const withDeclaration = mesh.service.findReferences(uri, offset, true).map((l) => mesh.show(l));
  const without = mesh.service.findReferences(uri, offset, false).map((l) => mesh.show(l));
  assert.deepEqual([...without].sort(), [...expected].sort());
  if (declaration) {
    assert.equal(withDeclaration[0], declaration);
    assert.deepEqual(withDeclaration.slice(1), without);
  }
}

/** Renames the entity under the ‸ cursor; returns what each changed file reads afterwards. */
function renamed(mesh: TestMesh, newName: string): Record<string, string> {
  const { uri, offset } = mesh.cursor();
  const edits = mesh.service.rename(uri, offset, newName);
  assert.ok(Array.isArray(edits), `refused: ${JSON.stringify(edits)}`);
  return mesh.applied(edits);
}

function refusal(files: Record<string, string>, newName = 'new-name'): { prepare: unknown; rename: unknown } {
  const mesh = buildMesh(files);
  const { uri, offset } = mesh.cursor();
  return { prepare: mesh.service.prepareRename(uri, offset), rename: mesh.service.rename(uri, offset, newName) };
}

// ── Go to definition: every kind of link lands on what it names ────────────────────────────────

const CUSTOMERS = contract(
  'customers-v1',
  `servers:
  - server: pg
    type: postgres
    database: shop
    schema: crm
schema:
  - id: customers_tbl
    name: customers
    properties:
      - id: customer_id_prop
        name: customer_id
`,
);

const ORDERS_WITH_LINKS = (cursorAndMarks: (text: string) => string) =>
  cursorAndMarks(
    contract(
      'orders-v1',
      `schema:
  - id: orders_tbl
    name: orders
    relationships:
      - from: [orders.customer_id, orders.region]
        to: [customers.customer_id, customers.region]
    properties:
      - name: order_ts
      - name: customer_id
        relationships:
          - to: ../crm/customers.odcs.yaml#schema/customers_tbl/properties/customer_id_prop
          - to: schema/orders_tbl/properties/region_prop
      - name: region
        id: region_prop
        transformSourceObjects: [customers, SHOP.CRM.CUSTOMERS.CUSTOMER_ID]
  - name: customers
    properties:
      - name: customer_id
      - name: region
slaProperties:
  - property: latency
    value: 1
    element: orders, orders.order_ts
`,
    ),
  );

/** Replaces the n-th occurrence (from 1) of `find` in a text. */
function at(text: string, find: string, replace: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(find, index + 1);
  assert.ok(index >= 0, `'${find}' #${nth} not in the fixture`);
  return text.slice(0, index) + replace + text.slice(index + find.length);
}

const DEFINITIONS: { name: string; files: Record<string, string> }[] = [
  {
    name: 'an output port contractId (publishes)',
    files: { 'sales/orders.odcs.yaml': contract('⟦orders-v1⟧'), 'sales/p.odps.yaml': product('p', 'orders-‸v1') },
  },
  {
    name: 'an input port contractId (consumes), quoted',
    files: { 'sales/orders.odcs.yaml': contract('⟦orders-v1⟧'), 'sales/p.odps.yaml': product('p', undefined, ['"‸orders-v1"']) },
  },
  {
    name: 'an output port inputContracts[].id',
    files: { 'sales/orders.odcs.yaml': contract('⟦orders-v1⟧'), 'sales/p.odps.yaml': `${product('p', 'p-v1')}    inputContracts:\n      - id: orders-v1‸\n` },
  },
  {
    name: 'a property-level relationship to table.column in the same file',
    files: { 'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => at(at(t, 'customers.customer_id', 'customers.cust‸omer_id'), 'name: customer_id', 'name: ⟦customer_id⟧', 2)) },
  },
  {
    name: 'a schema-level relationship `from` list item',
    files: { 'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => at(at(t, 'orders.region]', '‸orders.region]'), 'name: region\n', 'name: ⟦region⟧\n')) },
  },
  {
    name: 'a fully qualified relationship within the file',
    files: { 'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => at(at(t, 'schema/orders_tbl/properties/region_prop', 'schema/orders_tbl/properties/region_prop‸'), 'name: region\n', 'name: ⟦region⟧\n')) },
  },
  {
    name: 'a fully qualified relationship into another file',
    files: {
      'crm/customers.odcs.yaml': at(CUSTOMERS, 'name: customer_id', 'name: ⟦customer_id⟧'),
      'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => at(t, '#schema/customers_tbl', '#sche‸ma/customers_tbl')),
    },
  },
  {
    name: 'one name of a comma-separated SLA element',
    files: { 'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => at(at(t, 'orders.order_ts', 'orders.‸order_ts'), 'name: order_ts', 'name: ⟦order_ts⟧')) },
  },
  {
    name: 'the object name of an SLA element',
    files: { 'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => at(at(t, 'element: orders', 'element: ‸orders'), 'name: orders', 'name: ⟦orders⟧')) },
  },
  {
    name: 'transformSourceObjects naming an object of the same file',
    files: { 'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => at(at(t, '[customers, SHOP', '[‸customers, SHOP'), 'name: customers', 'name: ⟦customers⟧')) },
  },
  {
    name: "transformSourceObjects naming a column by its physical name, through another contract's server",
    files: {
      'crm/customers.odcs.yaml': at(CUSTOMERS, 'name: customer_id', 'name: ⟦customer_id⟧'),
      'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => at(t, 'SHOP.CRM', 'SHOP.‸CRM')),
    },
  },
  {
    name: 'a glossary link `../glossary.yaml#term`',
    files: { 'glossary.yaml': at(GLOSSARY, 'id: order', 'id: ⟦order⟧'), 'sales/orders.odcs.yaml': ordersContract().replace('glossary.yaml#order', 'glossary.yaml#or‸der') },
  },
  {
    name: "a term's own URL",
    files: {
      'glossary.yaml': at(GLOSSARY, 'id: order', 'id: ⟦order⟧'),
      'sales/orders.odcs.yaml': ordersContract().replace('url: ../glossary.yaml#order', 'url: https://catalog.example/glossary/‸order'),
    },
  },
  {
    name: 'a businessName that is a synonym of a term, in another case',
    files: { 'glossary.yaml': at(GLOSSARY, 'id: order', 'id: ⟦order⟧'), 'sales/orders.odcs.yaml': ordersContract().replace('businessName: order', 'businessName: SALES ‸ORDER') },
  },
  {
    name: 'a glossary term replacedBy',
    files: { 'glossary.yaml': at(at(GLOSSARY, 'id: customer', 'id: ⟦customer⟧'), 'replacedBy: customer', 'replacedBy: cust‸omer') },
  },
  {
    name: 'a glossary term related, in a flow list',
    files: { 'glossary.yaml': at(at(GLOSSARY, 'id: customer', 'id: ⟦customer⟧'), 'related: [customer]', 'related: [‸customer]') },
  },
  {
    name: "a Data Contract Specification `$ref: '#/definitions/x'`",
    files: { 'dcs/datacontract.yaml': "dataContractSpecification: 1.1.0\nid: d\nmodels:\n  orders:\n    fields:\n      id:\n        $ref: '#/definitions/order‸_id'\ndefinitions:\n  ⟦order_id⟧:\n    type: string\n" },
  },
  {
    name: 'a Data Contract Specification `references: model.field`',
    files: { 'dcs/datacontract.yaml': 'dataContractSpecification: 1.1.0\nid: d\nmodels:\n  orders:\n    fields:\n      customer_id:\n        references: customers.‸id\n  customers:\n    fields:\n      ⟦id⟧:\n        type: string\n' },
  },
  {
    name: 'a Data Contract Specification service-level timestampField',
    files: { 'dcs/datacontract.yaml': 'dataContractSpecification: 1.1.0\nid: d\nmodels:\n  orders:\n    fields:\n      ⟦updated_at⟧:\n        type: timestamp\nservicelevels:\n  freshness:\n    timestampField: orders.updated_at‸\n' },
  },
  {
    name: 'a Data Contract Specification lineage input field, by physical name',
    files: {
      'crm/customers.odcs.yaml': at(CUSTOMERS, 'name: customer_id', 'name: ⟦customer_id⟧'),
      'dcs/datacontract.yaml': 'dataContractSpecification: 1.1.0\nid: d\nmodels:\n  orders:\n    fields:\n      customer:\n        lineage:\n          inputFields:\n            - name: shop.crm.customers\n              field: ‸customer_id\n',
    },
  },
  {
    name: 'a Data Product Specification dataContractId',
    files: { 'dcs/datacontract.yaml': 'dataContractSpecification: 1.1.0\nid: ⟦orders-dcs⟧\n', 'shop/dataproduct.yaml': 'dataProductSpecification: 0.0.1\nid: shop\noutputPorts:\n  - id: orders\n    dataContractId: orders-dcs‸\n' },
  },
  {
    name: 'an ODPS 4 product.contract.id',
    files: {
      'sales/orders.odcs.yaml': contract('⟦orders-v1⟧'),
      'shop/product.yaml': 'schema: https://opendataproducts.org/v4.0/schema/odps.yaml\nversion: 4.0\nproduct:\n  details:\n    en:\n      productID: shop\n  contract:\n    id: ‸orders-v1\n',
    },
  },
  {
    name: 'a contract id defined twice: both definitions',
    files: { 'a/orders.odcs.yaml': contract('⟦orders-v1⟧'), 'b/orders.odcs.yaml': contract('⟦orders-v1⟧'), 'sales/p.odps.yaml': product('p', undefined, ['‸orders-v1']) },
  },
  {
    name: 'the name of a definition itself',
    files: { 'sales/orders.odcs.yaml': contract('⟦orders‸-v1⟧'), 'b/orders.odcs.yaml': contract('orders-v1') },
  },
  {
    name: 'a reference to nothing: no definition',
    files: { 'sales/orders.odcs.yaml': contract('orders-v1'), 'sales/p.odps.yaml': product('p', undefined, ['orders-v‸9']) },
  },
  {
    name: 'a key that is no reference: no definition',
    files: { 'sales/orders.odcs.yaml': contract('orders-v1').replace('status: active', 'sta‸tus: active') },
  },
];

for (const { name, files } of DEFINITIONS) test(`go to definition: ${name}`, () => checkDefinition(files));

test('go to definition from the first and the last character of a reference, not from the key before it', () => {
  for (const [cursor, found] of [
    ['contractId: ‸orders-v1', true],
    ['contractId: orders-v1‸', true],
    ['contractI‸d: orders-v1', false],
  ] as const) {
    const mesh = buildMesh({ 'sales/orders.odcs.yaml': contract('orders-v1'), 'sales/p.odps.yaml': product('p', undefined, ['orders-v1']).replace('contractId: orders-v1', cursor) });
    const { uri, offset } = mesh.cursor();
    assert.equal(mesh.service.findDefinition(uri, offset).length, found ? 1 : 0, cursor);
  }
});

// ── Find references ──────────────────────────────────────────────────────────────────────────

test('references of a contract: every port, inputContracts entry, DPS and ODPS 4 product that names it', () => {
  const files = {
    'sales/orders.odcs.yaml': contract('orders‸-v1'),
    'sales/producer.odps.yaml': product('producer', '⟦orders-v1⟧'),
    'sales/consumer.odps.yaml': `${product('consumer', 'c-v1', ['⟦orders-v1⟧'])}    inputContracts:\n      - id: "⟦orders-v1⟧"\n`,
    'shop/dataproduct.yaml': 'dataProductSpecification: 0.0.1\nid: shop\ninputPorts:\n  - id: raw\n    dataContractId: ⟦orders-v1⟧\n',
    'shop/product.yaml': 'schema: https://opendataproducts.org/v4.0/schema/odps.yaml\nversion: 4.0\nproduct:\n  details:\n    en:\n      productID: shop\n  contract:\n    id: ⟦orders-v1⟧\n',
    'sales/unrelated.odps.yaml': product('unrelated', undefined, ['orders-v2']),
  };
  checkReferences(files, 'sales/orders.odcs.yaml ⟦orders-v1⟧@42');
  // From a reference, the same answer.
  checkReferences({ ...files, 'sales/orders.odcs.yaml': contract('orders-v1'), 'sales/producer.odps.yaml': product('producer', '⟦orders-‸v1⟧') }, 'sales/orders.odcs.yaml ⟦orders-v1⟧@42');
});

test('references of a glossary term: links by id (the term part only), by URL, by name and synonym, and related terms', () => {
  checkReferences(
    {
      'glossary.yaml': GLOSSARY.replace('id: order', 'id: ‸order').replace('related: [customer]', 'related: [customer]\n  - id: purchase-order\n    name: Purchase order\n    definition: x\n    related: [⟦order⟧]'),
      'sales/orders.odcs.yaml': ordersContract()
        .replace('glossary.yaml#order', 'glossary.yaml#⟦order⟧')
        .replace('businessName: order', 'businessName: ⟦Purchase⟧')
        .replace('        logicalType: string\n      - id: customer_id_prop', '        authoritativeDefinitions:\n          - url: ⟦https://catalog.example/glossary/order⟧\n        logicalType: string\n      - id: customer_id_prop'),
    },
    'glossary.yaml ⟦order⟧@91',
  );
});

test('references of a column: relationships from this and other files, SLA elements and lineage by physical name', () => {
  checkReferences({
    'crm/customers.odcs.yaml': CUSTOMERS.replace('name: customer_id', 'name: customer‸_id').concat('  - name: accounts\n    properties:\n      - name: owner\n        relationships:\n          - to: ⟦customers.customer_id⟧\nslaProperties:\n  - property: latency\n    value: 1\n    element: "accounts, ⟦customers.customer_id⟧"\n'),
    'sales/orders.odcs.yaml': ORDERS_WITH_LINKS((t) => t.replace('../crm/customers.odcs.yaml#schema/customers_tbl/properties/customer_id_prop', '⟦../crm/customers.odcs.yaml#schema/customers_tbl/properties/customer_id_prop⟧').replace('SHOP.CRM.CUSTOMERS.CUSTOMER_ID', '⟦SHOP.CRM.CUSTOMERS.CUSTOMER_ID⟧')),
  });
});

test('references of something that is not defined, or of nothing, are empty', () => {
  checkReferences({ 'sales/p.odps.yaml': product('p', undefined, ['orders-‸v1']) });
  checkReferences({ 'sales/p.odps.yaml': product('p', undefined, ['orders-v1']).replace('apiVersion', '‸apiVersion') });
});

// ── Rename ───────────────────────────────────────────────────────────────────────────────────

test('rename a contract id: its definition and every reference, with comments, quotes and layout kept', () => {
  const mesh = buildMesh({
    'sales/orders.odcs.yaml': `# The orders contract.
apiVersion: v3.1.0
kind: DataContract
id: sales-orders-v1   # never reuse an id
version: 1.3.0
status: active
`,
    'sales/revenue.odps.yaml': `apiVersion: v1.0.0
kind: DataProduct
id: sales-revenue
inputPorts:
  - name: orders
    contractId: "sales-‸orders-v1" # quoted on purpose
    version: 1.3.0
outputPorts:
  - { name: daily, contractId: revenue-v1, inputContracts: [{ id: 'sales-orders-v1' }] }
`,
    'shop/product.yaml': 'schema: https://opendataproducts.org/v4.0/schema/odps.yaml\nversion: 4.0\nproduct:\n  details:\n    en:\n      productID: shop\n  contract:\n    id: sales-orders-v1\n',
    'sales/other.odcs.yaml': contract('sales-orders-v10'),
  });
  const { uri, offset } = mesh.cursor();
  // Prepare marks the id inside the quotes.
  const start = mesh.text(uri).indexOf('sales-orders-v1"');
  assert.deepEqual(mesh.service.prepareRename(uri, offset), { span: [start, start + 'sales-orders-v1'.length], placeholder: 'sales-orders-v1' });
  assert.deepEqual(renamed(mesh, 'sales-orders-v2'), {
    'sales/orders.odcs.yaml': `# The orders contract.
apiVersion: v3.1.0
kind: DataContract
id: sales-orders-v2   # never reuse an id
version: 1.3.0
status: active
`,
    'sales/revenue.odps.yaml': `apiVersion: v1.0.0
kind: DataProduct
id: sales-revenue
inputPorts:
  - name: orders
    contractId: "sales-orders-v2" # quoted on purpose
    version: 1.3.0
outputPorts:
  - { name: daily, contractId: revenue-v1, inputContracts: [{ id: 'sales-orders-v2' }] }
`,
    'shop/product.yaml': 'schema: https://opendataproducts.org/v4.0/schema/odps.yaml\nversion: 4.0\nproduct:\n  details:\n    en:\n      productID: shop\n  contract:\n    id: sales-orders-v2\n',
  });
});

test('rename a glossary term: its id, `file#term` links (only the term part), replacedBy and related; URLs and synonyms stay', () => {
  const mesh = buildMesh({
    'glossary.yaml': GLOSSARY.replace('  - id: customer\n', '  - id: ‸customer\n'),
    'sales/orders.odcs.yaml': ordersContract().replace('glossary.yaml#order', 'glossary.yaml#customer').replace('businessName: order', 'businessName: Customer'),
  });
  const after = renamed(mesh, 'shopper');
  assert.deepEqual(Object.keys(after), ['glossary.yaml', 'sales/orders.odcs.yaml']);
  assert.equal(after['glossary.yaml'], GLOSSARY.replace('related: [customer]', 'related: [shopper]').replace('  - id: customer\n', '  - id: shopper\n').replace('replacedBy: customer', 'replacedBy: shopper'));
  // The business name finds the term by its name, which a rename of the id does not change.
  assert.equal(after['sales/orders.odcs.yaml'], mesh.text('sales/orders.odcs.yaml').replace('glossary.yaml#customer', 'glossary.yaml#shopper'));
});

test('rename a Data Contract Specification definition: the key and every `$ref` to it', () => {
  const mesh = buildMesh({
    'dcs/datacontract.yaml': "dataContractSpecification: 1.1.0\nid: d\nmodels:\n  orders:\n    fields:\n      id:\n        $ref: '#/definitions/order_id'\n      other:\n        $ref: \"#/definitions/order_id\"\ndefinitions:\n  order‸_id: # shared\n    type: string\n",
  });
  assert.deepEqual(renamed(mesh, 'order_key'), {
    'dcs/datacontract.yaml': "dataContractSpecification: 1.1.0\nid: d\nmodels:\n  orders:\n    fields:\n      id:\n        $ref: '#/definitions/order_key'\n      other:\n        $ref: \"#/definitions/order_key\"\ndefinitions:\n  order_key: # shared\n    type: string\n",
  });
});

test('rename a product id or a port name: only the name changes', () => {
  const product1 = product('sales-revenue', 'revenue-v1', ['orders-v1']);
  assert.deepEqual(renamed(buildMesh({ 'sales/p.odps.yaml': product1.replace('id: sales-revenue', 'id: sales-‸revenue') }), 'revenue'), {
    'sales/p.odps.yaml': product1.replace('id: sales-revenue', 'id: revenue'),
  });
  assert.deepEqual(renamed(buildMesh({ 'sales/p.odps.yaml': product1.replace('name: in1', 'name: i‸n1') }), 'orders'), {
    'sales/p.odps.yaml': product1.replace('name: in1', 'name: orders'),
  });
});

test('rename one version of an ODPS port: its other versions keep their name; a name taken in the same version is refused', () => {
  const ports = (first: string) => `apiVersion: v1.0.0\nkind: DataProduct\nid: p\ninputPorts:\n  - name: ${first}\n    version: 1.0.0\n    contractId: a-v1\n  - name: payments\n    version: 2.0.0\n    contractId: a-v2\n  - name: refunds\n    version: 1.0.0\n    contractId: a-v1\n`;
  assert.deepEqual(renamed(buildMesh({ 'sales/p.odps.yaml': ports('pay‸ments') }), 'payouts'), { 'sales/p.odps.yaml': ports('payouts') });
  assert.deepEqual(refusal({ 'sales/p.odps.yaml': ports('pay‸ments') }, 'refunds').rename, { refused: "A port name 'refunds' already exists in p.odps.yaml." });
});

test('a new name that would read as a number, a boolean or null is quoted where it is written plainly', () => {
  const files = {
    'sales/orders.odcs.yaml': contract('orders-v1'),
    'sales/p.odps.yaml': `${product('p', undefined, ['orders‸-v1'])}outputPorts:\n  - name: out\n    contractId: p-v1\n    inputContracts:\n      - id: 'orders-v1'\n`,
  };
  for (const [name, written] of [
    ['2024', '"2024"'],
    ['1.10', '"1.10"'],
    ['1e3', '"1e3"'],
    ['true', '"true"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['0x1F', '"0x1F"'],
    ['v2', 'v2'],
  ]) {
    const after = renamed(buildMesh(files), name);
    assert.equal(after['sales/orders.odcs.yaml'], contract(written), name);
    // Already quoted stays quoted as it was; a plain reference is quoted like the definition.
    assert.equal(after['sales/p.odps.yaml'], files['sales/p.odps.yaml'].replace('‸', '').replace('contractId: orders-v1', `contractId: ${written}`).replace("id: 'orders-v1'", `id: '${name}'`), name);
    for (const text of Object.values(after)) assert.doesNotThrow(() => parse(text));
    assert.equal(parse(after['sales/orders.odcs.yaml']!).id, name);
  }
});

// Every YAML 1.1 (PyYAML) or 1.2 reading of a plain scalar that is not the same string.
const NOT_TEXT = [
  ...['yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'True', 'FALSE', 'yEs'],
  ...['null', 'Null', 'NULL', '~'],
  ...['0123', '0o17', '0x1F', '0b1010', '1_000', '+1', '-1', '1:20', '190:20:30.15', '1.0', '1.10', '1.', '.5', '1.2.3', '1e3', '1E-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN'],
  ...['2024-01-01', '2024-1-1', '2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43Z'],
  ...['@x', '-x', ':x', 'a:'],
];

test('rename quotes every new name that some YAML reader would not read back as that string, and our own check then finds nothing', () => {
  const files = {
    'sales/orders.odcs.yaml': contract('orders‸-v1'),
    'sales/p.odps.yaml': `${product('p', undefined, ['orders-v1'])}outputPorts:\n  - name: out\n    contractId: p-v1\n    inputContracts:\n      - id: 'orders-v1'\n      - id: "orders-v1"\n`,
  };
  for (const name of NOT_TEXT) {
    const mesh = buildMesh(files);
    const after = renamed(mesh, name);
    const quoted = JSON.stringify(name);
    assert.equal(after['sales/orders.odcs.yaml'], contract(name).replace(`id: ${name}`, `id: ${quoted}`), name);
    // A plain reference is quoted like the definition; one already quoted keeps its own quotes.
    assert.equal(
      after['sales/p.odps.yaml'],
      files['sales/p.odps.yaml'].replace('contractId: orders-v1', `contractId: ${quoted}`).replace("id: 'orders-v1'", `id: '${name}'`).replace('id: "orders-v1"', `id: ${quoted}`),
      name,
    );
    assert.equal(parse(after['sales/orders.odcs.yaml']!, { version: '1.1' }).id, name, `${name} as YAML 1.1 reads it`);
    assert.equal(parse(after['sales/orders.odcs.yaml']!).id, name, `${name} as YAML 1.2 reads it`);
    mesh.write('sales/orders.odcs.yaml', after['sales/orders.odcs.yaml']!);
    assert.deepEqual(core.validate(mesh.document('sales/orders.odcs.yaml')).filter((d) => d.code === 'yaml/ambiguous-scalar'), [], name);
  }
});

test('names that read as text everywhere stay plain; text that is no plain scalar is quoted', () => {
  for (const name of ['v2', 'orders-v1', 'sales.orders', 'a:b', 'x~', 'yes-please', 'null_value', 'on-call', '1a', '0x', 'e3', '1-2', 'ab:12', 'urn:x:1']) assert.equal(needsQuotes(name), false, name);
  // Rename refuses most of these (not a valid id), but the rule that quotes is the same for every value.
  for (const text of ['', ' x', 'x ', 'a: b', 'a #b', '- x', '? x', '[x', 'a,b', '{x}', '#x', '&x', '*x', '!x', '|x', '>x', "'x", '"x', '`x', 'a\nb', '<<', '=']) assert.equal(needsQuotes(text), true, JSON.stringify(text));
});

test('a number-like term id in a `file#term` link is not quoted: it is part of a URL', () => {
  const mesh = buildMesh({ 'glossary.yaml': GLOSSARY.replace('- id: client', '- id: cli‸ent'), 'sales/orders.odcs.yaml': ordersContract().replace('glossary.yaml#order', 'glossary.yaml#client') });
  const after = renamed(mesh, '2024');
  assert.match(after['glossary.yaml']!, /- id: "2024"\n/);
  assert.match(after['sales/orders.odcs.yaml']!, /url: \.\.\/glossary\.yaml#2024\n/);
});

test('renaming to the same name changes nothing', () => {
  const mesh = buildMesh({ 'sales/orders.odcs.yaml': contract('orders-‸v1'), 'sales/p.odps.yaml': product('p', 'orders-v1') });
  const { uri, offset } = mesh.cursor();
  assert.deepEqual(mesh.service.rename(uri, offset, ' orders-v1 '), []);
});

test('rename refuses, with the reason, what it cannot do safely', () => {
  const columns = 'Renaming columns and schema objects is not supported: their names are also used in SQL, physical names and tools outside the mesh.';
  assert.deepEqual(refusal({ 'sales/orders.odcs.yaml': ordersContract().replace('name: order_id', 'name: order‸_id') }), { prepare: { refused: columns }, rename: { refused: columns } });
  assert.deepEqual(refusal({ 'sales/orders.odcs.yaml': ordersContract().replace('name: orders', 'name: ord‸ers') }), { prepare: { refused: columns }, rename: { refused: columns } });

  const undefinedRef = refusal({ 'sales/p.odps.yaml': product('p', undefined, ['nowhere‸-v1']) });
  assert.deepEqual(undefinedRef.prepare, { refused: "'nowhere-v1' is not defined in this workspace, so it cannot be renamed." });
  assert.ok(undefinedRef.rename && typeof undefinedRef.rename === 'object' && 'refused' in undefinedRef.rename);

  const twice = "The contract id 'orders-v1' is defined 2 times; make it unique before renaming it.";
  assert.deepEqual(refusal({ 'a/orders.odcs.yaml': contract('orders‸-v1'), 'b/orders.odcs.yaml': contract('orders-v1') }), { prepare: { refused: twice }, rename: { refused: twice } });

  const base = { 'sales/orders.odcs.yaml': contract('orders‸-v1'), 'sales/other.odcs.yaml': contract('other-v1') };
  for (const bad of ['orders v2', 'a#b', "it's", 'a,b', '"q"', '`x`', '']) {
    assert.deepEqual(refusal(base, bad).rename, { refused: `'${bad}' is not a valid contract id: use letters, digits and . _ - : / @ + ~ only.` }, bad);
  }
  assert.deepEqual(refusal(base, 'other-v1').rename, { refused: "A contract id 'other-v1' already exists in other.odcs.yaml." });

  // A reference that is not written as plain text (a folded block) cannot be edited in place.
  assert.deepEqual(refusal({ ...base, 'sales/p.odps.yaml': 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\ninputPorts:\n  - name: in\n    contractId: >-\n      orders-v1\n' }).rename, {
    refused: 'A reference in p.odps.yaml is not written as plain text, so the rename cannot be done safely; change it by hand first.',
  });
  assert.deepEqual(refusal({ 'sales/orders.odcs.yaml': 'apiVersion: v3.1.0\nkind: DataContract\nid: >-\n  orders‸-v1\n' }).rename, {
    refused: "The contract id 'orders-v1' is not written as plain text, so it cannot be renamed safely; edit it by hand.",
  });
});

test('rename without prepare names the reference that is not defined', () => {
  assert.deepEqual(refusal({ 'sales/p.odps.yaml': product('p', undefined, ['nowhere‸-v1']) }).rename, { refused: "'nowhere-v1' is not defined in this workspace, so it cannot be renamed." });
});

test('prepare rename on nothing renameable answers nothing', () => {
  assert.deepEqual(refusal({ 'sales/orders.odcs.yaml': contract('orders-v1').replace('status: active', 'status: act‸ive') }), { prepare: undefined, rename: undefined });
});

test('a new name starting with a YAML indicator is quoted or refused, never thrown', () => {
  for (const name of ['@sales', '[x', '{x', '*x', '%x']) {
    const mesh = buildMesh({ 'sales/orders.odcs.yaml': contract('orders‸-v1'), 'sales/p.odps.yaml': product('p', undefined, ['orders-v1']) });
    const { uri, offset } = mesh.cursor();
    const result = mesh.service.rename(uri, offset, name);
    if (Array.isArray(result)) {
      for (const text of Object.values(mesh.applied(result))) assert.ok(JSON.stringify(parse(text)).includes(JSON.stringify(name)), name);
    } else assert.ok(result && 'refused' in result, name);
  }
});

test('a new name with a flow indicator keeps a flow list readable', () => {
  const mesh = buildMesh({ 'glossary.yaml': GLOSSARY.replace('  - id: customer\n', '  - id: ‸customer\n') });
  const { uri, offset } = mesh.cursor();
  const result = mesh.service.rename(uri, offset, 'a]b');
  if (!Array.isArray(result)) return assert.ok(result && 'refused' in result);
  const after = parse(mesh.applied(result)['glossary.yaml']!);
  assert.deepEqual(after.terms[0].related, ['a]b']);
});

test('a new name with a backslash keeps its meaning inside double quotes', () => {
  const mesh = buildMesh({ 'sales/orders.odcs.yaml': contract('orders‸-v1'), 'sales/p.odps.yaml': product('p', undefined, ['"orders-v1"']) });
  const { uri, offset } = mesh.cursor();
  const result = mesh.service.rename(uri, offset, 'a\\b');
  if (!Array.isArray(result)) return assert.ok(result && 'refused' in result);
  assert.equal(parse(mesh.applied(result)['sales/p.odps.yaml']!).inputPorts[0].contractId, 'a\\b');
});

test(
  'rename from a reference that finds its target by name or URL either edits that reference or is refused',
  () => {
    const mesh = buildMesh({ 'glossary.yaml': GLOSSARY, 'sales/orders.odcs.yaml': ordersContract().replace('businessName: order', 'businessName: Sales ‸Order') });
    const { uri, offset } = mesh.cursor();
    const prepared = mesh.service.prepareRename(uri, offset);
    if (prepared && 'refused' in prepared) return;
    const edits = mesh.service.rename(uri, offset, 'purchase-order');
    assert.ok(Array.isArray(edits));
    assert.ok(
      edits.some((e) => e.uri === uri && prepared && e.span[0] <= prepared.span[0] && e.span[1] >= prepared.span[1]),
      `the highlighted '${mesh.text(uri).slice(prepared!.span[0], prepared!.span[1])}' is not edited`,
    );
  },
);
