// What each file contributes to the mesh: the entities it defines and the links it holds, for every
// standard and every kind of link, from both parsers (the editor's YAML tree and the fast disk parse).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { core } from '../support/core';
import { FactLocator } from '../../server/src/core/workspace/locateFacts';
import { namePathOf, shareStrings, type Entity, type FileFacts, type Link, type LinkKind } from '../../server/src/core/workspace/meshFacts';
import { contract, GLOSSARY, marked, ordersContract, ROOT, uriOf } from '../support/mesh';

const short = (key: string) => key.split(ROOT).join('');
const fileNameOf = (uri: string) => new URL(uri).pathname;

/** The facts of a text from the editor's parse, after checking that the fast disk parse agrees. */
function factsOf(path: string, text: string): { facts: FileFacts; locator: FactLocator } {
  const uri = uriOf(path);
  const document = core.parse(text, fileNameOf(uri));
  const facts = core.factsOf(document, uri);
  assert.deepEqual(core.factsOfText(text, uri, fileNameOf(uri)), facts, 'factsOfText (disk) and factsOf (editor) disagree');
  return { facts, locator: FactLocator.of(document) };
}

const describeLink = (l: Link) => `${l.kind} ${short(l.from)} → ${l.targets.map(short).join(' | ')}${l.strict ? '' : ' (optional)'}`;
const describeEntity = (e: Entity) => `${e.kind} ${e.name} = ${short(e.key)}${e.aliases?.length ? ` + ${e.aliases.map(short).join(', ')}` : ''}`;

/**
 * Checks the links of a file. Each ⟦mark⟧ is the part of a reference that names its target, in text
 * order; the i-th expected description belongs to the i-th mark. `kinds` leaves out other links.
 */
function checkLinks(path: string, fixture: string, expected: string[], kinds?: LinkKind[]): Link[] {
  const { text, ranges } = marked(fixture);
  const { facts, locator } = factsOf(path, text);
  const found = facts.links
    .filter((l) => !kinds || kinds.includes(l.kind))
    .map((link) => ({ link, span: locator.linkSpan(link)! }))
    .sort((a, b) => a.span[0] - b.span[0]);
  const actual = found.map(({ link, span }) => `${describeLink(link)} ⟦${text.slice(span[0], span[1])}⟧`);
  assert.deepEqual(
    actual,
    expected.map((e, i) => `${e} ⟦${ranges[i] ? text.slice(ranges[i][0], ranges[i][1]) : '?'}⟧`),
  );
  assert.deepEqual(
    found.map((f) => f.span),
    ranges,
  );
  return found.map((f) => f.link);
}

/** Checks the entities of a file: each ⟦mark⟧ is an entity's name, in text order. */
function checkEntities(path: string, fixture: string, expected: string[]): Entity[] {
  const { text, ranges } = marked(fixture);
  const { facts, locator } = factsOf(path, text);
  const found = facts.entities.map((entity) => ({ entity, span: locator.nameSpan(entity)! })).sort((a, b) => a.span[0] - b.span[0]);
  assert.deepEqual(
    found.map(({ entity, span }) => `${describeEntity(entity)} ⟦${text.slice(span[0], span[1])}⟧`),
    expected.map((e, i) => `${e} ⟦${ranges[i] ? text.slice(ranges[i][0], ranges[i][1]) : '?'}⟧`),
  );
  assert.deepEqual(
    found.map((f) => f.span),
    ranges,
  );
  return found.map((f) => f.entity);
}

const PRODUCT = `apiVersion: v1.0.0
kind: DataProduct
id: ⟦sales-revenue⟧
name: Sales Revenue
version: 1.0.1
status: active
domain: sales
team:
  name: sales-analytics
inputPorts:
  - name: ⟦orders⟧
    version: 1.3.0
    contractId: ⟦sales-orders-v1⟧
  - name: ⟦catalog⟧
    contractId: "⟦sales-product-catalog-v1⟧" # quoted
outputPorts:
  - name: ⟦revenue-daily⟧
    version: 1.0.1
    contractId: ⟦sales-revenue-daily-v1⟧
    inputContracts:
      - id: ⟦sales-orders-v1⟧
        version: 1.3.0
      - id: '⟦sales-product-catalog-v1⟧'
managementPorts:
  - name: ⟦observability⟧
    contractId: not-a-contract-link
    url: https://observability.example/sales-revenue
`;

const onlyMarks = (fixture: string, keep: (mark: number) => boolean) => {
  let i = 0;
  return fixture.replace(/⟦([^⟧]*)⟧/g, (whole, inner: string) => (keep(i++) ? whole : inner));
};

test('ODPS: output ports publish a contract, input ports consume one, output ports name what they are built from', () => {
  const links = checkLinks('sales/revenue.odps.yaml', onlyMarks(PRODUCT, (i) => [2, 4, 6, 7, 8].includes(i)), [
    'consumes port:sales/revenue.odps.yaml#0/input@1.3.0/orders → contract:sales-orders-v1',
    'consumes port:sales/revenue.odps.yaml#0/input/catalog → contract:sales-product-catalog-v1',
    'publishes port:sales/revenue.odps.yaml#0/output@1.0.1/revenue-daily → contract:sales-revenue-daily-v1',
    'inputContract port:sales/revenue.odps.yaml#0/output@1.0.1/revenue-daily → contract:sales-orders-v1',
    'inputContract port:sales/revenue.odps.yaml#0/output@1.0.1/revenue-daily → contract:sales-product-catalog-v1',
  ]);
  // The port's version travels with the link, to be compared with the contract's.
  assert.deepEqual(
    links.map((l) => l.version),
    ['1.3.0', undefined, '1.0.1', undefined, undefined],
  );
  assert.ok(links.every((l) => l.strict && l.expects?.kind === 'contract' && l.expects.scope === undefined));
});

test('ODPS: the product and its ports by direction, named where they are written', () => {
  const entities = checkEntities('sales/revenue.odps.yaml', onlyMarks(PRODUCT, (i) => [0, 1, 3, 5, 9].includes(i)), [
    'product sales-revenue = product:sales-revenue',
    'port orders = port:sales/revenue.odps.yaml#0/input@1.3.0/orders',
    'port catalog = port:sales/revenue.odps.yaml#0/input/catalog',
    'port revenue-daily = port:sales/revenue.odps.yaml#0/output@1.0.1/revenue-daily',
    'port observability = port:sales/revenue.odps.yaml#0/management/observability',
  ]);
  const [productEntity, orders, , revenue, observability] = entities;
  assert.deepEqual(
    { title: productEntity!.title, version: productEntity!.version, status: productEntity!.status, domain: productEntity!.domain, owner: productEntity!.owner },
    { title: 'Sales Revenue', version: '1.0.1', status: 'active', domain: 'sales', owner: 'sales-analytics' },
  );
  assert.deepEqual(
    [orders!.direction, revenue!.direction, observability!.direction],
    ['input', 'output', 'management'],
  );
  assert.ok(entities.slice(1).every((port) => port.container === 'product:sales-revenue'));
});

test('ODPS: a product without an id still exists, as its file', () => {
  const { facts } = factsOf('sales/new.odps.yaml', 'apiVersion: v1.0.0\nkind: DataProduct\nname: New product\noutputPorts:\n  - contractId: x\n');
  assert.deepEqual(
    facts.entities.map((e) => [e.kind, short(e.key), e.name, namePathOf(e)]),
    [
      ['product', 'product:sales/new.odps.yaml#0', 'New product', []],
      ['port', 'port:sales/new.odps.yaml#0/output/0', 'output port 1', ['outputPorts', 0]],
    ],
  );
  assert.deepEqual(facts.links.map(describeLink), ['publishes port:sales/new.odps.yaml#0/output/0 → contract:x']);
});

const RELATIONSHIPS = `apiVersion: v3.1.0
kind: DataContract
id: orders-v1
version: 1.0.0
schema:
  - id: orders_tbl
    name: orders
    relationships:
      - type: foreignKey
        from: [⟦orders.customer_id⟧, ⟦orders.region⟧]
        to: [⟦customers.customer_id⟧, ⟦customers.region⟧]
      - from: ⟦orders.customer_id⟧
        to: ⟦../crm/customers.odcs.yaml#schema/customers_tbl/properties/customer_id_prop⟧
    properties:
      - name: order_id
      - name: customer_id
        relationships:
          - to: ⟦customers.customer_id⟧
          - to: ⟦schema/orders_tbl/properties/region_prop⟧
          - to: ⟦/schema/orders_tbl⟧
          - to: ⟦../crm/customers.odcs.yaml#schema/customers_tbl/properties/address_prop/properties/street_prop⟧
          - to: https://contracts.example/customers.odcs.yaml#schema/customers_tbl/properties/customer_id_prop
      - name: region
        id: region_prop
  - name: customers
    properties:
      - name: customer_id
      - name: region
`;

test('ODCS relationships: property-level `to`, schema-level `from`/`to` with composite keys, shorthand and fully qualified', () => {
  const links = checkLinks('sales/orders.odcs.yaml', RELATIONSHIPS, [
    'relationship object:sales/orders.odcs.yaml#orders → column:sales/orders.odcs.yaml#orders.customer_id',
    'relationship object:sales/orders.odcs.yaml#orders → column:sales/orders.odcs.yaml#orders.region',
    'relationship object:sales/orders.odcs.yaml#orders → column:sales/orders.odcs.yaml#customers.customer_id',
    'relationship object:sales/orders.odcs.yaml#orders → column:sales/orders.odcs.yaml#customers.region',
    'relationship object:sales/orders.odcs.yaml#orders → column:sales/orders.odcs.yaml#orders.customer_id',
    'relationship object:sales/orders.odcs.yaml#orders → columnid:crm/customers.odcs.yaml#customers_tbl/customer_id_prop',
    'relationship column:sales/orders.odcs.yaml#orders.customer_id → column:sales/orders.odcs.yaml#customers.customer_id',
    'relationship column:sales/orders.odcs.yaml#orders.customer_id → columnid:sales/orders.odcs.yaml#orders_tbl/region_prop',
    'relationship column:sales/orders.odcs.yaml#orders.customer_id → objectid:sales/orders.odcs.yaml#orders_tbl',
    'relationship column:sales/orders.odcs.yaml#orders.customer_id → columnid:crm/customers.odcs.yaml#customers_tbl/address_prop/street_prop',
  ]);
  // A reference into another file is looked for there; the URL of a remote contract is not followed.
  assert.deepEqual(
    links.map((l) => [l.expects?.kind, short(l.expects?.scope ?? '')]),
    [
      ['property', 'sales/orders.odcs.yaml'],
      ['property', 'sales/orders.odcs.yaml'],
      ['property', 'sales/orders.odcs.yaml'],
      ['property', 'sales/orders.odcs.yaml'],
      ['property', 'sales/orders.odcs.yaml'],
      ['property', 'crm/customers.odcs.yaml'],
      ['property', 'sales/orders.odcs.yaml'],
      ['property', 'sales/orders.odcs.yaml'],
      ['schemaObject', 'sales/orders.odcs.yaml'],
      ['property', 'crm/customers.odcs.yaml'],
    ],
  );
});

test('ODCS slaProperties[].element: one name, or a comma-separated list where each name is its own link', () => {
  checkLinks(
    'sales/orders.odcs.yaml',
    `${contract('orders-v1')}schema:
  - name: orders
    properties:
      - name: order_ts
      - name: items
        logicalType: array
        items:
          properties:
            - name: sku
slaProperties:
  - property: latency
    value: 4
    element: ⟦orders.order_ts⟧
  - property: retention
    value: 1
    element: "⟦orders⟧, ⟦orders.items.sku⟧ ,⟦missing⟧"
  - property: frequency
    value: 1
`,
    [
      'slaElement contract:orders-v1 → column:sales/orders.odcs.yaml#orders.order_ts',
      'slaElement contract:orders-v1 → object:sales/orders.odcs.yaml#orders',
      'slaElement contract:orders-v1 → column:sales/orders.odcs.yaml#orders.items.sku',
      'slaElement contract:orders-v1 → object:sales/orders.odcs.yaml#missing',
    ],
  );
});

test('ODCS transformSourceObjects: a name in this contract or a physical name anywhere, followed but never required', () => {
  checkLinks(
    'sales/revenue.odcs.yaml',
    `${contract('revenue-v1')}schema:
  - name: revenue
    properties:
      - name: net_revenue
        transformSourceObjects:
          - ⟦orders⟧
          - ⟦orders.order_id⟧
          - ⟦SALES.ORDERS_V1.ORDERS⟧
          - ⟦SALES.ORDERS_V1.ORDERS.ORDER_ID⟧
`,
    [
      'columnLineage column:sales/revenue.odcs.yaml#revenue.net_revenue → column:sales/revenue.odcs.yaml#orders | object:sales/revenue.odcs.yaml#orders | physical:orders (optional)',
      'columnLineage column:sales/revenue.odcs.yaml#revenue.net_revenue → column:sales/revenue.odcs.yaml#orders.order_id | object:sales/revenue.odcs.yaml#orders.order_id | physical:orders.order_id (optional)',
      'columnLineage column:sales/revenue.odcs.yaml#revenue.net_revenue → column:sales/revenue.odcs.yaml#SALES.ORDERS_V1.ORDERS | object:sales/revenue.odcs.yaml#SALES.ORDERS_V1.ORDERS | physical:sales.orders_v1.orders (optional)',
      'columnLineage column:sales/revenue.odcs.yaml#revenue.net_revenue → column:sales/revenue.odcs.yaml#SALES.ORDERS_V1.ORDERS.ORDER_ID | object:sales/revenue.odcs.yaml#SALES.ORDERS_V1.ORDERS.ORDER_ID | physical:sales.orders_v1.orders.order_id (optional)',
    ],
  );
});

test('ODCS authoritativeDefinitions: `<glossary file>#<term>` is a strict link, a term URL an optional one', () => {
  const links = checkLinks(
    'sales/orders.odcs.yaml',
    `${contract('orders-v1')}description:
  purpose: Orders.
  authoritativeDefinitions:
    - type: businessDefinition
      url: ../glossary.yaml#⟦order⟧
authoritativeDefinitions:
  - type: canonicalUrl
    url: ⟦https://git.example/sales/orders.odcs.yaml⟧
schema:
  - name: orders
    authoritativeDefinitions:
      - type: businessDefinition
        url: ⟦https://catalog.example/glossary/order⟧
    properties:
      - name: order_id
        authoritativeDefinitions:
          - type: businessDefinition
            url: '../glossary.yaml#⟦order-id⟧'
          - type: businessDefinition
            url: ./terms/orders.yml#⟦order-id⟧
          - type: implementation
            url: ../dbt/models/orders.sql#L10
          - type: businessDefinition
            url: ../glossary.yaml#
`,
    [
      'glossary contract:orders-v1 → term:glossary.yaml#order',
      'glossary contract:orders-v1 → termurl:https://git.example/sales/orders.odcs.yaml (optional)',
      'glossary object:sales/orders.odcs.yaml#orders → termurl:https://catalog.example/glossary/order (optional)',
      'glossary column:sales/orders.odcs.yaml#orders.order_id → term:glossary.yaml#order-id',
      'glossary column:sales/orders.odcs.yaml#orders.order_id → term:sales/terms/orders.yml#order-id',
    ],
    ['glossary'],
  );
  assert.deepEqual(
    links.map((l) => (l.expects ? `${l.expects.kind} in ${short(l.expects.scope!)}` : '-')),
    ['term in glossary.yaml', '-', '-', 'term in glossary.yaml', 'term in sales/terms/orders.yml'],
  );
});

test('ODCS businessName: links by name or synonym, ignoring case and surrounding space', () => {
  // A name with spaces around it inside quotes is not written as it is meant, so the whole value is its range.
  checkLinks(
    'sales/orders.odcs.yaml',
    `${contract('orders-v1')}schema:
  - name: orders
    businessName: ⟦Sales Order⟧
    properties:
      - name: order_id
        businessName: ⟦" Order ID "⟧
      - name: note
        businessName: ""
`,
    ['businessName object:sales/orders.odcs.yaml#orders → termname:sales order | termname:sales orders (optional)', 'businessName column:sales/orders.odcs.yaml#orders.order_id → termname:order id (optional)'],
  );
});

test('ODCS entities: the contract, schema objects and columns (nested, in arrays), found by id and by physical name', () => {
  const entities = checkEntities(
    'sales/orders.odcs.yaml',
    `apiVersion: v3.1.0
kind: DataContract
id: ⟦sales-orders-v1⟧
name: Sales orders
version: 1.3.0
status: active
domain: sales
team:
  name: sales-data
description:
  purpose: Every confirmed order.
servers:
  - server: snowflake
    type: snowflake
    database: SALES
    schema: ORDERS_V1
  - server: pg
    type: postgres
    schema: sales_orders_v1
schema:
  - id: orders_tbl
    name: ⟦orders⟧
    physicalName: ORDERS
    properties:
      - id: order_id_prop
        name: ⟦order_id⟧
        physicalName: ORDER_ID
      - name: ⟦address⟧
        id: address_prop
        properties:
          - id: street_prop
            name: ⟦street⟧
      - name: ⟦lines⟧
        logicalType: array
        items:
          properties:
            - name: ⟦sku⟧
  - name: ⟦audit⟧
    properties:
      - name: ⟦at⟧
      - description: a column without a name is not indexed
`,
    [
      'contract sales-orders-v1 = contract:sales-orders-v1',
      'schemaObject orders = object:sales/orders.odcs.yaml#orders + objectid:sales/orders.odcs.yaml#orders_tbl, physical:orders_v1.orders, physical:sales.orders_v1.orders, physical:sales_orders_v1.orders',
      'property orders.order_id = column:sales/orders.odcs.yaml#orders.order_id + physical:orders_v1.orders.order_id, physical:sales.orders_v1.orders.order_id, physical:sales_orders_v1.orders.order_id, columnid:sales/orders.odcs.yaml#orders_tbl/order_id_prop',
      'property orders.address = column:sales/orders.odcs.yaml#orders.address + physical:orders_v1.orders.address, physical:sales.orders_v1.orders.address, physical:sales_orders_v1.orders.address, columnid:sales/orders.odcs.yaml#orders_tbl/address_prop',
      'property orders.address.street = column:sales/orders.odcs.yaml#orders.address.street + physical:orders_v1.orders.address.street, physical:sales.orders_v1.orders.address.street, physical:sales_orders_v1.orders.address.street, columnid:sales/orders.odcs.yaml#orders_tbl/address_prop/street_prop',
      'property orders.lines = column:sales/orders.odcs.yaml#orders.lines + physical:orders_v1.orders.lines, physical:sales.orders_v1.orders.lines, physical:sales_orders_v1.orders.lines',
      'property orders.lines.sku = column:sales/orders.odcs.yaml#orders.lines.sku + physical:orders_v1.orders.lines.sku, physical:sales.orders_v1.orders.lines.sku, physical:sales_orders_v1.orders.lines.sku',
      'schemaObject audit = object:sales/orders.odcs.yaml#audit + physical:orders_v1.audit, physical:sales.orders_v1.audit, physical:sales_orders_v1.audit',
      'property audit.at = column:sales/orders.odcs.yaml#audit.at + physical:orders_v1.audit.at, physical:sales.orders_v1.audit.at, physical:sales_orders_v1.audit.at',
    ],
  );
  const [contractEntity] = entities;
  assert.deepEqual(
    { title: contractEntity!.title, version: contractEntity!.version, status: contractEntity!.status, domain: contractEntity!.domain, owner: contractEntity!.owner, description: contractEntity!.description },
    { title: 'Sales orders', version: '1.3.0', status: 'active', domain: 'sales', owner: 'sales-data', description: 'Every confirmed order.' },
  );
  assert.ok(entities.slice(1).every((e) => e.container === 'contract:sales-orders-v1'));
});

test(
  'ODCS: a nested column is found by its qualified physical name, not by its leaf name alone',
  () => {
    const { facts } = factsOf('sales/c.odcs.yaml', `${contract('c')}servers:\n  - server: pg\n    type: postgres\n    schema: crm\nschema:\n  - name: customers\n    properties:\n      - name: street\n      - name: address\n        properties:\n          - name: street\n`);
    const aliases = (name: string) => facts.entities.find((e) => e.name === name)!.aliases;
    assert.deepEqual(aliases('customers.street'), ['physical:crm.customers.street']);
    assert.deepEqual(aliases('customers.address.street'), ['physical:crm.customers.address.street']);
  },
);

const DCS = `dataContractSpecification: 1.1.0
id: ⟦orders-dcs⟧
info:
  title: Orders
  version: 2.0.0
  status: active
  owner: sales
models:
  ⟦orders⟧:
    fields:
      ⟦order_id⟧:
        $ref: '#/definitions/⟦order_id⟧'
      ⟦customer_id⟧:
        references: ⟦customers.id⟧
      ⟦shipping⟧:
        type: object
        fields:
          ⟦street⟧:
            $ref: shared.yaml#/definitions/⟦street⟧
      ⟦total⟧:
        lineage:
          inputFields:
            - namespace: snowflake
              name: SALES.ORDERS_V1.ORDER_LINES
              field: ⟦LINE_TOTAL⟧
            - name: without-field
  ⟦customers⟧:
    fields:
      ⟦id⟧:
        type: string
definitions:
  ⟦order_id⟧:
    type: string
servicelevels:
  freshness:
    timestampField: ⟦orders.updated_at⟧
  retention:
    sourceTimestampField: ⟦orders.created_at⟧
    processedTimestampField: ⟦orders.loaded_at⟧
    period: P1Y
`;

test('Data Contract Specification: $ref to definitions, references to model.field, service-level timestamp fields, field lineage', () => {
  const linkMarks = [3, 5, 8, 10, 14, 15, 16];
  const links = checkLinks('dcs/datacontract.yaml', onlyMarks(DCS, (i) => linkMarks.includes(i)), [
    'definitionRef column:dcs/datacontract.yaml#orders.order_id → definition:dcs/datacontract.yaml#order_id',
    'relationship column:dcs/datacontract.yaml#orders.customer_id → column:dcs/datacontract.yaml#customers.id',
    'definitionRef column:dcs/datacontract.yaml#orders.shipping.street → definition:dcs/shared.yaml#street (optional)',
    'columnLineage column:dcs/datacontract.yaml#orders.total → column:dcs/datacontract.yaml#SALES.ORDERS_V1.ORDER_LINES.LINE_TOTAL | physical:sales.orders_v1.order_lines.line_total (optional)',
    'slaElement contract:orders-dcs → column:dcs/datacontract.yaml#orders.updated_at',
    'slaElement contract:orders-dcs → column:dcs/datacontract.yaml#orders.created_at',
    'slaElement contract:orders-dcs → column:dcs/datacontract.yaml#orders.loaded_at',
  ]);
  assert.deepEqual(
    links.map((l) => `${l.expects?.kind} in ${short(l.expects?.scope ?? '')}`),
    ['definition in dcs/datacontract.yaml', 'property in dcs/datacontract.yaml', 'definition in dcs/shared.yaml', 'undefined in ', 'property in dcs/datacontract.yaml', 'property in dcs/datacontract.yaml', 'property in dcs/datacontract.yaml'],
  );
});

test('Data Contract Specification entities: models and fields are named by their keys', () => {
  const entities = checkEntities('dcs/datacontract.yaml', onlyMarks(DCS, (i) => ![3, 5, 8, 10, 14, 15, 16].includes(i)), [
    'contract orders-dcs = contract:orders-dcs',
    'schemaObject orders = object:dcs/datacontract.yaml#orders',
    'property orders.order_id = column:dcs/datacontract.yaml#orders.order_id',
    'property orders.customer_id = column:dcs/datacontract.yaml#orders.customer_id',
    'property orders.shipping = column:dcs/datacontract.yaml#orders.shipping',
    'property orders.shipping.street = column:dcs/datacontract.yaml#orders.shipping.street',
    'property orders.total = column:dcs/datacontract.yaml#orders.total',
    'schemaObject customers = object:dcs/datacontract.yaml#customers',
    'property customers.id = column:dcs/datacontract.yaml#customers.id',
    'definition order_id = definition:dcs/datacontract.yaml#order_id + termname:order id',
  ]);
  assert.deepEqual(
    { title: entities[0]!.title, version: entities[0]!.version, status: entities[0]!.status, owner: entities[0]!.owner },
    { title: 'Orders', version: '2.0.0', status: 'active', owner: 'sales' },
  );
  assert.ok(entities.slice(1).every((e) => e.nameIsKey === true && e.container === 'contract:orders-dcs'));
});

test('business glossary: terms found by id, URL, name and synonyms; replacedBy and related link terms of the same file', () => {
  const text = GLOSSARY.replace('related: [customer]', 'related: [⟦customer⟧, ⟦missing⟧]').replace('replacedBy: customer', 'replacedBy: ⟦customer⟧');
  checkLinks('glossary.yaml', text, [
    'termRelation term:glossary.yaml#order → term:glossary.yaml#customer',
    'termRelation term:glossary.yaml#order → term:glossary.yaml#missing',
    'termRelation term:glossary.yaml#client → term:glossary.yaml#customer',
  ]);
  checkEntities('glossary.yaml', GLOSSARY.replace('id: shop-glossary', 'id: ⟦shop-glossary⟧').replace(/- id: (\w+)/g, '- id: ⟦$1⟧'), [
    'glossary shop-glossary = glossary:glossary.yaml#0',
    'term order = term:glossary.yaml#order + termurl:https://catalog.example/glossary/order, termname:order, termname:sales order, termname:purchase',
    'term customer = term:glossary.yaml#customer + termname:customer',
    'term client = term:glossary.yaml#client + termname:client',
  ]);
});

test('Data Product Specification: ports name their contract by dataContractId', () => {
  checkLinks(
    'shop/dataproduct.yaml',
    `dataProductSpecification: 0.0.1
id: shop
info:
  title: Shop
  owner: sales
inputPorts:
  - id: raw
    dataContractId: ⟦raw-orders⟧
outputPorts:
  - id: orders
    name: Orders
    dataContractId: ⟦orders-dcs⟧
`,
    ['consumes port:shop/dataproduct.yaml#0/input/raw → contract:raw-orders', 'publishes port:shop/dataproduct.yaml#0/output/orders → contract:orders-dcs'],
  );
});

test('ODPS 4 (opendataproducts.org): the product publishes product.contract.id, an optional link', () => {
  const text = `schema: https://opendataproducts.org/v4.0/schema/odps.yaml
version: 4.0
product:
  details:
    en:
      name: Shop orders
      productID: ⟦shop-orders⟧
      productVersion: 1.2.0
      status: production
  contract:
    id: ⟦orders-dcs⟧
    type: ODCS
`;
  checkLinks('shop/product.yaml', onlyMarks(text, (i) => i === 1), ['publishes product:shop-orders → contract:orders-dcs (optional)']);
  const [entity] = checkEntities('shop/product.yaml', onlyMarks(text, (i) => i === 0), ['product shop-orders = product:shop-orders']);
  assert.deepEqual([entity!.title, entity!.version, entity!.status], ['Shop orders', '1.2.0', 'production']);
});

test('DPDS: the product is named by its fully qualified name; interface components are ports', () => {
  checkEntities(
    'shop/product.dpd.yaml',
    `dataProductDescriptor: 1.0.0
info:
  fullyQualifiedName: ⟦urn:dpds:shop:dataproducts:orders:1⟧
  name: orders
  version: 1.0.0
  domain: sales
  owner:
    id: sales@example.com
interfaceComponents:
  inputPorts:
    - ⟦$ref: https://example.com/ports/raw.json
⟧  outputPorts:
    - name: ⟦orders-out⟧
      version: 1.0.0
`,
    [
      'product urn:dpds:shop:dataproducts:orders:1 = product:urn:dpds:shop:dataproducts:orders:1',
      // A port without a name is named by its $ref, and its range is its whole map.
      'port https://example.com/ports/raw.json = port:shop/product.dpd.yaml#0/input/https://example.com/ports/raw.json',
      'port orders-out = port:shop/product.dpd.yaml#0/output@1.0.0/orders-out',
    ],
  );
});

test('a multi-document file: each document has its own index, and only documents of a standard count', () => {
  const text = `${contract('a')}---\nplain: yaml\n---\n${contract('b')}`;
  const { facts } = factsOf('sales/two.yaml', text);
  assert.deepEqual(facts.standards, ['odcs', 'odcs']);
  // In a file named like a contract, every map is claimed by the name.
  assert.deepEqual(factsOf('sales/two.odcs.yaml', text).facts.standards, ['odcs', 'odcs', 'odcs']);
  assert.deepEqual(
    facts.entities.map((e) => [e.key, e.docIndex]),
    [
      ['contract:a', 0],
      ['contract:b', 2],
    ],
  );
});

test('the fast disk parse and the editor parse give the same facts for realistic files', () => {
  const fixtures: Record<string, string> = {
    'glossary.yaml': GLOSSARY,
    'sales/orders.odcs.yaml': ordersContract(),
    'sales/revenue.odps.yaml': PRODUCT.replace(/[⟦⟧]/g, ''),
    'sales/rel.odcs.yaml': RELATIONSHIPS.replace(/[⟦⟧]/g, ''),
    'dcs/datacontract.yaml': DCS.replace(/[⟦⟧]/g, ''),
    // YAML that tells the two parsers apart: anchors, a merge-looking key, CRLF, a byte order mark, numbers as ids.
    'sales/anchors.odcs.yaml': `${contract('anchors')}schema:\n  - name: a\n    properties: &cols\n      - name: id\n        relationships:\n          - to: b.id\n  - name: b\n    properties: *cols\n`,
    'sales/crlf.odcs.yaml': `\uFEFF${ordersContract('crlf')}`.replace(/\n/g, '\r\n'),
    'sales/numbers.odps.yaml': 'apiVersion: v1.0.0\nkind: DataProduct\nid: 2024\nversion: 1.10\noutputPorts:\n  - name: 7\n    version: 1.0\n    contractId: 0x1F\n',
    'sales/json.odcs.json': '{"apiVersion": "v3.1.0", "kind": "DataContract", "id": "j", "schema": [{"name": "t", "properties": [{"name": "c", "relationships": [{"to": "t.c"}]}]}]}',
    'sales/tags.odcs.yaml': `${contract('tags')}customProperties:\n  - property: x\n    value: !Ref something\nschema:\n  - name: t\n`,
    'sales/multi.odcs.yaml': `${contract('m1')}---\n${contract('m2')}`,
  };
  for (const [path, text] of Object.entries(fixtures)) {
    const { facts } = factsOf(path, text);
    assert.ok(facts.entities.length > 0, `${path} has entities`);
  }
});

/** Every YAML (and JSON) file under a folder of the repository, checked by factsOf(); returns the number of links. */
function agreeOnFolder(folder: string, pattern: RegExp, minimumFiles: number): number {
  const root = join(process.cwd(), folder);
  // ODCS property-definition JSON is only ever read from disk: the editor sends the server no such JSON.
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => pattern.test(f) && !/datacontract-editor[\\/]definitions[\\/]/.test(f));
  assert.ok(files.length >= minimumFiles, `found ${files.length} files in ${folder}`);
  let links = 0;
  for (const file of files) links += factsOf(relative(root, join(root, file)).replace(/\\/g, '/'), readFileSync(join(root, file), 'utf8')).facts.links.length;
  return links;
}

test('the fast disk parse and the editor parse give the same facts for every file of the sample mesh', () => {
  const links = agreeOnFolder('examples', /\.ya?ml$/, 25);
  assert.ok(links > 100, `the sample mesh has ${links} links`);
});

test('the fast disk parse and the editor parse give the same facts for the official examples of every standard', () => {
  agreeOnFolder('test/fixtures/standards', /\.(ya?ml|json)$/, 70);
});

test('factsOfText on broken YAML falls back to the recovering parser and keeps what it can read', () => {
  const text = `${contract('half-typed')}schema:\n  - name: orders\n    properties:\n      - name: order_id\n      - name: [unclosed\n`;
  const uri = uriOf('sales/half.odcs.yaml');
  let facts: FileFacts | undefined;
  assert.doesNotThrow(() => (facts = core.factsOfText(text, uri, '/m/sales/half.odcs.yaml')));
  assert.deepEqual(facts!.standards, ['odcs']);
  assert.deepEqual(
    facts!.entities.map((e) => short(e.key)),
    ['contract:half-typed', 'object:sales/half.odcs.yaml#orders', 'column:sales/half.odcs.yaml#orders.order_id'],
  );
  // One broken document of several does not cost the others their facts.
  const two = core.factsOfText(`${contract('first')}---\nkind: DataContract\nid: [\n`, uri, '/m/sales/half.odcs.yaml');
  assert.deepEqual(
    two.entities.map((e) => short(e.key)),
    ['contract:first', 'contract:sales/half.odcs.yaml#1'],
  );
  // Text that is hardly YAML gives what can be read (here a contract without an id) or nothing, never an exception.
  assert.deepEqual(
    core.factsOfText('kind: DataContract\n  : : [\n\t- }', uri, '/m/sales/half.odcs.yaml').entities.map((e) => [short(e.key), e.name]),
    [['contract:sales/half.odcs.yaml#0', 'unnamed contract']],
  );
  assert.deepEqual(core.factsOfText('\u0000\u0001\u0002', uri, '/m/sales/x.yaml'), { uri, standards: [], entities: [], links: [] });
});

test('empty and comment-only files are claimed by their file name, with nothing in them', () => {
  for (const text of ['', '# to do\n', '\n\n']) {
    const { facts } = factsOf('sales/new.odcs.yaml', text);
    assert.deepEqual(facts, { uri: uriOf('sales/new.odcs.yaml'), standards: ['odcs'], entities: [], links: [] });
  }
  const { facts } = factsOf('ci/workflow.yaml', 'name: CI\non: push\n');
  assert.deepEqual(facts.standards, []);
});

test('null and empty documents are claimed alike by both parsers', () => {
  for (const text of ['~\n', 'null\n', `${contract('a')}---\n`, `---\n---\n${contract('a')}`]) factsOf('sales/a.odcs.yaml', text);
});

test('an alias bomb gives the same facts from disk as from the editor: what it writes, nothing aliased', () => {
  let text = `${contract('bomb')}customProperties:\n  - property: levels\n    value:\n      l0: &l0 [${Array.from({ length: 10 }, (_, i) => `{name: c${i}}`).join(', ')}]\n`;
  for (let level = 1; level < 4; level++) text += `      l${level}: &l${level} [${Array.from({ length: 10 }, (_, i) => `{name: c${i}, properties: *l${level - 1}}`).join(', ')}]\n`;
  text += 'schema:\n  - name: t\n    properties: *l3\n';
  const uri = uriOf('sales/bomb.odcs.yaml');
  const fast = core.factsOfText(text, uri, '/m/sales/bomb.odcs.yaml');
  const editor = core.factsOf(core.parse(text, '/m/sales/bomb.odcs.yaml'), uri);
  assert.deepEqual(editor.entities.map((e) => e.key), ['contract:bomb', `object:${uri}#t`], 'the editor parse refuses to expand the aliases');
  assert.deepEqual(fast, editor);
});

test('facts read back from JSON keep their data when their repeated strings are shared', () => {
  const dir = join(process.cwd(), 'examples');
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.yaml'));
  let withContainers = 0;
  for (const file of files) {
    const uri = uriOf(file);
    const facts = core.factsOfText(readFileSync(join(dir, file), 'utf8'), uri, fileNameOf(uri));
    withContainers += facts.entities.filter((e) => e.container !== undefined).length;
    const json = JSON.stringify(facts);
    assert.deepEqual(shareStrings(JSON.parse(json) as FileFacts), JSON.parse(json), file);
  }
  assert.ok(files.length > 10 && withContainers > 50, `${files.length} files, ${withContainers} entities in a container`);
  const odd = { uri: 'file:///x.yaml', standards: [], entities: [{ kind: 'future' as never, key: 'k', name: 'k', path: [], docIndex: 0, container: 'elsewhere' }], links: [{ kind: 'later' as never, from: 'k', targets: [], path: [], docIndex: 0, text: '', span: [0, 0] as [number, number], strict: false }] };
  assert.deepEqual(shareStrings(structuredClone(odd)), odd, 'kinds and containers it does not know stay as they are');
});
