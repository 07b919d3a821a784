// Findings that need the rest of the mesh: references to nothing, ids defined twice, deprecated
// contracts in use, port and contract versions that disagree, lineage cycles.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Severity } from '../../server/src/core/languageService';
import { buildMesh, contract, GLOSSARY, product, type TestMesh, uriOf } from '../support/mesh';

const ERROR = Severity.Error;
const WARNING = Severity.Warning;

interface Expected {
  code: string;
  message: string | RegExp;
  severity: Severity;
}

/**
 * Builds a workspace and checks the mesh diagnostics of every file: each ⟦mark⟧ of a file is one
 * expected diagnostic, in text order; files not in `expected` must have none.
 */
function checkMesh(files: Record<string, string>, expected: Record<string, Expected[]>): TestMesh {
  const mesh = buildMesh(files);
  for (const uri of mesh.uris()) {
    const path = Object.keys(files).find((p) => uriOf(p) === uri)!;
    const want = expected[path] ?? [];
    const text = mesh.text(uri);
    const actual = mesh.meshFindings(uri).sort((a, b) => a.start - b.start);
    const show = (d: (typeof actual)[number]) => `${d.code} ⟦${text.slice(d.start, d.end)}⟧ ${d.message}`;
    assert.equal(actual.length, want.length, `${path}: expected ${want.length} diagnostics, got:\n${actual.map(show).join('\n')}`);
    const ranges = mesh.ranges(path);
    assert.equal(ranges.length, want.length, `${path}: each expected diagnostic needs a ⟦range⟧`);
    want.forEach((w, i) => {
      const d = actual[i]!;
      assert.equal(d.code, w.code, show(d));
      assert.equal(text.slice(d.start, d.end), text.slice(ranges[i]![0], ranges[i]![1]), `${path}: range of ${show(d)}`);
      assert.deepEqual([d.start, d.end], ranges[i], show(d));
      if (typeof w.message === 'string') assert.equal(d.message, w.message);
      else assert.match(d.message, w.message);
      assert.equal(d.severity, w.severity, show(d));
      assert.equal(d.source, 'Data Mesh');
    });
  }
  return mesh;
}

const unresolved = (message: string | RegExp, severity: Severity): Expected => ({ code: 'mesh/unresolved-reference', message, severity });

test('a contractId that names no contract is a warning with the closest id as a suggestion', () => {
  checkMesh(
    {
      'sales/orders.odcs.yaml': contract('sales-orders-v1'),
      'sales/catalog.odcs.yaml': contract('sales-catalog-v1'),
      'sales/revenue.odps.yaml': product('sales-revenue', '⟦revenue-v1⟧', ['⟦sales-ordrs-v1⟧', 'sales-catalog-v1', '⟦totally-unknown⟧']),
    },
    {
      'sales/revenue.odps.yaml': [
        unresolved("No contract 'sales-ordrs-v1' in the workspace. Did you mean 'sales-orders-v1'?", WARNING),
        unresolved("No contract 'totally-unknown' in the workspace.", WARNING),
        unresolved("No contract 'revenue-v1' in the workspace.", WARNING),
      ],
    },
  );
});

test('a relationship to a column of the same file that does not exist is an error; into another file, a warning', () => {
  checkMesh(
    {
      'crm/customers.odcs.yaml': contract('customers-v1', 'schema:\n  - id: customers_tbl\n    name: customers\n    properties:\n      - id: customer_id_prop\n        name: customer_id\n'),
      'sales/orders.odcs.yaml': contract(
        'orders-v1',
        `schema:
  - id: orders_tbl
    name: orders
    relationships:
      - from: [⟦orders.custmer_id⟧, orders.region]
        to: [customers.customer_id, customers.region]
    properties:
      - name: customer_id
        relationships:
          - to: ⟦../crm/customers.odcs.yaml#schema/customers_tbl/properties/customer_no⟧
          - to: ../crm/customers.odcs.yaml#schema/customers_tbl/properties/customer_id_prop
          - to: ⟦../crm/gone.odcs.yaml#schema/customers_tbl/properties/customer_id_prop⟧
          - to: ⟦schema/orders_tbl/properties/nothing⟧
      - name: region
  - name: customers
    properties:
      - name: customer_id
      - name: region
`,
      ),
    },
    {
      'sales/orders.odcs.yaml': [
        unresolved("No column 'orders.custmer_id' in this contract. Did you mean 'orders.customer_id'?", ERROR),
        unresolved("No column '../crm/customers.odcs.yaml#schema/customers_tbl/properties/customer_no' in ../crm/customers.odcs.yaml.", WARNING),
        unresolved("'../crm/gone.odcs.yaml' is not a file of this workspace, so '../crm/gone.odcs.yaml#schema/customers_tbl/properties/customer_id_prop' cannot be found.", WARNING),
        unresolved("No column 'schema/orders_tbl/properties/nothing' in this contract.", ERROR),
      ],
    },
  );
});

test('a `table.column` whose table is not in this contract may point outside it: a warning that says where it looked; a missing column of a table that is there is an error', () => {
  const notHere = (table: string, written: string, hint = '') => `No table '${table}' in this contract (its schema has orders, customers), so '${written}' may be a column outside it and is not checked.${hint}`;
  checkMesh(
    {
      // The same table.column in another contract: ODCS shorthand names this contract's tables only.
      'sales/lookup.odcs.yaml': contract('lookup-v1', 'schema:\n  - name: order_types\n    properties:\n      - name: code\n'),
      'sales/orders.odcs.yaml': contract(
        'orders-v1',
        `schema:
  - name: orders
    relationships:
      - from: [orders.customer_id, ⟦ordrs.region⟧]
        to: [customers.customer_id, ⟦customer.region⟧]
    properties:
      - name: customer_id
      - name: region
      - name: type
        relationships:
          - to: ⟦order_types.code⟧
          - to: ⟦customers.nope⟧
  - name: customers
    properties:
      - name: customer_id
      - name: region
slaProperties:
  - property: latency
    value: 1
    element: ⟦tab1.txn_ref_dt⟧, ⟦orders.order_tz⟧
`,
      ),
    },
    {
      'sales/orders.odcs.yaml': [
        unresolved(notHere('ordrs', 'ordrs.region', " Did you mean 'orders'?"), WARNING),
        unresolved(notHere('customer', 'customer.region', " Did you mean 'customers'?"), WARNING),
        unresolved(notHere('order_types', 'order_types.code'), WARNING),
        unresolved("No column 'customers.nope' in this contract.", ERROR),
        unresolved(notHere('tab1', 'tab1.txn_ref_dt'), WARNING),
        unresolved("No column 'orders.order_tz' in this contract.", ERROR),
      ],
    },
  );
});

test('the official ODCS examples whose SLA and relationships name tables they do not describe have no mesh errors', () => {
  for (const example of ['all/full-example.odcs.yaml', 'sla/database-table-sla.odcs.yaml']) {
    // Each alone: the two examples share one contract id, a true duplicate when checked together.
    const mesh = buildMesh({ [example]: readFileSync(join(process.cwd(), 'test/fixtures/standards/odcs/examples', example), 'utf8') });
    const found = mesh.meshFindings(example);
    assert.deepEqual(found.filter((d) => d.severity === ERROR).map((d) => d.message), [], example);
    assert.ok(found.length > 0 && found.every((d) => d.code === 'mesh/unresolved-reference' && /^No table '(tab1|receiver_types)' in this contract/.test(d.message)), example);
  }
});

test('glossary links: a missing glossary file and a missing term are warnings on the term id', () => {
  const withDefinitions = (urls: string[]) =>
    contract('orders-v1', `schema:\n  - name: orders\n    authoritativeDefinitions:\n${urls.map((u) => `      - type: businessDefinition\n        url: ${u}\n`).join('')}`);
  checkMesh(
    { 'sales/orders.odcs.yaml': withDefinitions(['../glossary.yaml#⟦order⟧', 'https://catalog.example/glossary/unknown']) },
    { 'sales/orders.odcs.yaml': [unresolved("'../glossary.yaml' is not a file of this workspace, so 'order' cannot be found.", WARNING)] },
  );
  checkMesh(
    { 'glossary.yaml': GLOSSARY, 'sales/orders.odcs.yaml': withDefinitions(['../glossary.yaml#⟦ordr⟧', '../glossary.yaml#order', '../glossary.yaml#⟦zzz⟧']) },
    {
      'sales/orders.odcs.yaml': [unresolved("No glossary term 'ordr' in ../glossary.yaml. Did you mean 'order'?", WARNING), unresolved("No glossary term 'zzz' in ../glossary.yaml.", WARNING)],
    },
  );
});

test(
  'a glossary path with characters Node percent-encodes finds the file under its canonical URI',
  () => {
    checkMesh(
      {
        // The URI as pathToFileURL('/m/g [v2]/glossary.yaml') spells it.
        'g%20%5Bv2%5D/glossary.yaml': GLOSSARY,
        'sales/orders.odcs.yaml': contract('orders-v1', 'authoritativeDefinitions:\n  - type: businessDefinition\n    url: "../g [v2]/glossary.yaml#order"\n'),
      },
      {},
    );
  },
);

test('a glossary term that replaces or relates to a term that is not in the file is an error', () => {
  checkMesh(
    { 'glossary.yaml': GLOSSARY.replace('related: [customer]', 'related: [customer, ⟦custmer⟧]').replace('replacedBy: customer', 'replacedBy: ⟦nobody⟧') },
    { 'glossary.yaml': [unresolved("No glossary term 'custmer' in this glossary. Did you mean 'customer'?", ERROR), unresolved("No glossary term 'nobody' in this glossary.", ERROR)] },
  );
});

test('SLA elements and Data Contract Specification references are checked in their own file', () => {
  checkMesh(
    {
      'sales/orders.odcs.yaml': contract('orders-v1', 'schema:\n  - name: orders\n    properties:\n      - name: order_ts\nslaProperties:\n  - property: latency\n    value: 1\n    element: orders, ⟦order⟧, orders.order_ts, ⟦orders.order_tz⟧\n'),
      'dcs/datacontract.yaml': `dataContractSpecification: 1.1.0
id: orders-dcs
info:
  title: Orders
  version: 1.0.0
models:
  orders:
    fields:
      order_id:
        $ref: '#/definitions/⟦order_idd⟧'
      customer_id:
        references: ⟦customer.id⟧
definitions:
  order_id:
    type: string
servicelevels:
  freshness:
    timestampField: ⟦orders.updated_at⟧
`,
    },
    {
      'sales/orders.odcs.yaml': [unresolved("No schema object 'order' in this contract. Did you mean 'orders'?", ERROR), unresolved("No column 'orders.order_tz' in this contract. Did you mean 'orders.order_ts'?", ERROR)],
      'dcs/datacontract.yaml': [
        unresolved("No definition 'order_idd' in this contract. Did you mean 'order_id'?", ERROR),
        unresolved("No column 'customer.id' in this contract.", ERROR),
        unresolved("No column 'orders.updated_at' in this contract.", ERROR),
      ],
    },
  );
});

test(
  'a Data Contract Specification $ref into a shared definitions file that is not itself a contract is not a missing file',
  () => {
    checkMesh(
      {
        'shared/definitions.yaml': 'definitions:\n  order_id:\n    type: string\n',
        'dcs/datacontract.yaml': 'dataContractSpecification: 1.1.0\nid: d\nmodels:\n  orders:\n    fields:\n      order_id:\n        $ref: ../shared/definitions.yaml#/definitions/order_id\n',
      },
      {},
    );
  },
);

test('links that are only followed (business names, lineage, term URLs, ODPS 4 contracts) are never reported broken', () => {
  checkMesh(
    {
      'glossary.yaml': GLOSSARY,
      'sales/orders.odcs.yaml': contract(
        'orders-v1',
        `schema:
  - name: orders
    businessName: ⟦Something No Glossary Knows⟧
    authoritativeDefinitions:
      - url: https://catalog.example/glossary/nothing
    properties:
      - name: total
        transformSourceObjects: [SOMEWHERE.ELSE.TABLE, orders.nothing]
`,
      ),
      'shop/product.yaml': 'schema: https://opendataproducts.org/v4.0/schema/odps.yaml\nversion: 4.0\nproduct:\n  details:\n    en:\n      productID: shop\n  contract:\n    id: not-in-this-workspace\n',
    },
    // A business name no term has is only a note from the glossary (glossaryDiagnostics.test.ts).
    { 'sales/orders.odcs.yaml': [{ code: 'glossary/unknown-business-name', message: /^No glossary term is named 'Something No Glossary Knows'\./, severity: Severity.Information }] },
  );
});

test('the same contract id in two files is an error on both, naming the other file', () => {
  const rule = 'Ids must be unique across the mesh, or links to it are ambiguous.';
  checkMesh(
    {
      'sales/orders.odcs.yaml': contract('⟦orders-v1⟧'),
      'archive/old/orders.odcs.yaml': contract('⟦orders-v1⟧'),
      'sales/p.odps.yaml': product('p', undefined, ['orders-v1']).replace('id: p', 'id: ⟦p⟧'),
      'logistics/p.odps.yaml': product('p', undefined).replace('id: p', 'id: ⟦p⟧'),
    },
    {
      'sales/orders.odcs.yaml': [{ code: 'mesh/duplicate-id', message: `The contract 'orders-v1' is also defined in ../archive/old/orders.odcs.yaml. ${rule}`, severity: ERROR }],
      'archive/old/orders.odcs.yaml': [{ code: 'mesh/duplicate-id', message: `The contract 'orders-v1' is also defined in ../../sales/orders.odcs.yaml. ${rule}`, severity: ERROR }],
      'sales/p.odps.yaml': [{ code: 'mesh/duplicate-id', message: `The data product 'p' is also defined in ../logistics/p.odps.yaml. ${rule}`, severity: ERROR }],
      'logistics/p.odps.yaml': [{ code: 'mesh/duplicate-id', message: `The data product 'p' is also defined in ../sales/p.odps.yaml. ${rule}`, severity: ERROR }],
    },
  );
});

test('a column or port defined twice in one file is an error on each', () => {
  checkMesh(
    {
      'sales/orders.odcs.yaml': contract('orders-v1', 'schema:\n  - name: orders\n    properties:\n      - name: ⟦id⟧\n      - name: ⟦id⟧\n'),
      'sales/p.odps.yaml': `apiVersion: v1.0.0\nkind: DataProduct\nid: p\noutputPorts:\n  - name: ⟦out⟧\n    contractId: orders-v1\n  - name: ⟦out⟧\n`,
    },
    {
      'sales/orders.odcs.yaml': [
        { code: 'mesh/duplicate-id', message: "The column 'orders.id' is defined more than once in this file.", severity: ERROR },
        { code: 'mesh/duplicate-id', message: "The column 'orders.id' is defined more than once in this file.", severity: ERROR },
      ],
      'sales/p.odps.yaml': [
        { code: 'mesh/duplicate-id', message: "The port 'out' is defined more than once in this file.", severity: ERROR },
        { code: 'mesh/duplicate-id', message: "The port 'out' is defined more than once in this file.", severity: ERROR },
      ],
    },
  );
});

test('ODPS ports are versioned: the same name in another version is another port; the same name and version is a duplicate', () => {
  const port = (name: string, version: string, contractId = 'orders-v1') => `  - name: ${name}\n    version: ${version}\n    contractId: ${contractId}\n`;
  checkMesh(
    {
      'sales/orders.odcs.yaml': contract('orders-v1'),
      'sales/items.odcs.yaml': contract('items-v1'),
      'sales/p.odps.yaml': `apiVersion: v1.0.0\nkind: DataProduct\nid: p\noutputPorts:\n${port('out', '1.0.0')}${port('⟦out⟧', '1.1.0')}${port('⟦out⟧', '1.1.0')}inputPorts:\n${port('out', '1.1.0', 'items-v1')}`,
      'sales/q.odps.yaml': `apiVersion: v1.0.0\nkind: DataProduct\nid: q\noutputPorts:\n${port('out', '1.1.0')}`,
    },
    {
      'sales/p.odps.yaml': [
        { code: 'mesh/duplicate-id', message: "The port 'out' version 1.1.0 is defined more than once in this file.", severity: ERROR },
        { code: 'mesh/duplicate-id', message: "The port 'out' version 1.1.0 is defined more than once in this file.", severity: ERROR },
      ],
    },
  );
});

test('the official ODPS example with two versions of each port has no duplicate ids', () => {
  const path = 'odps-bitol/customer-data-product.odps.yaml';
  const mesh = buildMesh({ [path]: readFileSync(join(process.cwd(), 'test/fixtures/standards/odps-bitol/examples/customer-data-product.odps.yaml'), 'utf8') });
  const found = mesh.meshFindings(path);
  assert.deepEqual(found.filter((d) => d.code === 'mesh/duplicate-id'), []);
  // Its contracts are not in this workspace: only those warnings remain.
  assert.deepEqual([...new Set(found.map((d) => d.code))], ['mesh/unresolved-reference']);
});

test('consuming a deprecated or retired contract is a warning; publishing it is not', () => {
  const deprecated = (status: string) => `Contract 'old-v1' is ${status}. Move to its successor before it is removed.`;
  checkMesh(
    {
      'sales/old.odcs.yaml': contract('old-v1').replace('status: active', 'status: Deprecated'),
      'sales/gone.odcs.yaml': contract('gone-v1').replace('status: active', 'status: retired'),
      'sales/producer.odps.yaml': product('producer', 'old-v1'),
      'sales/consumer.odps.yaml': product(
        'consumer',
        'new-v1',
        ['⟦old-v1⟧', '⟦gone-v1⟧'],
      ).replace('    contractId: new-v1\n', '    contractId: new-v1\n    inputContracts:\n      - id: ⟦old-v1⟧\n'),
      'sales/new.odcs.yaml': contract('new-v1'),
    },
    {
      'sales/consumer.odps.yaml': [
        { code: 'mesh/deprecated-contract', message: deprecated('deprecated'), severity: WARNING },
        { code: 'mesh/deprecated-contract', message: "Contract 'gone-v1' is retired. Move to its successor before it is removed.", severity: WARNING },
        { code: 'mesh/deprecated-contract', message: deprecated('deprecated'), severity: WARNING },
      ],
    },
  );
});

test('a port whose major version differs from its contract is a warning on the port version', () => {
  const port = (direction: 'inputPorts' | 'outputPorts', name: string, version: string, contractId: string) => `${direction}:\n  - name: ${name}\n    version: ${version}\n    contractId: ${contractId}\n`;
  checkMesh(
    {
      'sales/orders.odcs.yaml': contract('orders-v2').replace('version: 1.0.0', 'version: 2.1.0'),
      'sales/legacy.odcs.yaml': contract('legacy').replace('version: 1.0.0', 'version: v0.9'),
      'sales/p.odps.yaml': `apiVersion: v1.0.0\nkind: DataProduct\nid: p\n${port('outputPorts', 'out', '⟦1.4.0⟧', 'orders-v2')}`,
      'sales/q.odps.yaml': `apiVersion: v1.0.0\nkind: DataProduct\nid: q\n${port('inputPorts', 'in', '2.0.0', 'orders-v2')}  - name: legacy\n    version: ⟦"1.0"⟧\n    contractId: legacy\n`,
    },
    {
      'sales/p.odps.yaml': [{ code: 'mesh/version-mismatch', message: "Port version 1.4.0 has major version 1, but contract 'orders-v2' is version 2.1.0 (major 2).", severity: WARNING }],
      'sales/q.odps.yaml': [{ code: 'mesh/version-mismatch', message: "Port version 1.0 has major version 1, but contract 'legacy' is version v0.9 (major 0).", severity: WARNING }],
    },
  );
});

test('a product that consumes, through other products, its own output closes a lineage cycle: an error on each consuming port', () => {
  const cycle = (contractId: string, path: string) => `Consuming '${contractId}' closes a lineage cycle: ${path}. A product cannot depend on its own output.`;
  checkMesh(
    {
      'a/a.odcs.yaml': contract('a-v1'),
      'b/b.odcs.yaml': contract('b-v1'),
      'a/a.odps.yaml': product('a', 'a-v1', ['⟦b-v1⟧']),
      'b/b.odps.yaml': product('b', 'b-v1', ['⟦a-v1⟧', 'upstream-v1']),
      'u/u.odcs.yaml': contract('upstream-v1'),
      'c/c.odps.yaml': product('c', '⟦c-v1⟧', ['a-v1']),
      'self/self.odps.yaml': product('self', 'self-v1', ['⟦self-v1⟧']),
      'self/self.odcs.yaml': contract('self-v1'),
    },
    {
      'a/a.odps.yaml': [{ code: 'mesh/lineage-cycle', message: cycle('b-v1', 'a → b → a'), severity: ERROR }],
      'b/b.odps.yaml': [{ code: 'mesh/lineage-cycle', message: cycle('a-v1', 'b → a → b'), severity: ERROR }],
      'self/self.odps.yaml': [{ code: 'mesh/lineage-cycle', message: cycle('self-v1', 'self → self'), severity: ERROR }],
      'c/c.odps.yaml': [{ code: 'mesh/unresolved-reference', message: "No contract 'c-v1' in the workspace. Did you mean 'a-v1'?", severity: WARNING }],
    },
  );
});

test('a cycle of three products names every product on the way', () => {
  const mesh = buildMesh({
    'x.odps.yaml': product('x', 'x-v1', ['z-v1']),
    'y.odps.yaml': product('y', 'y-v1', ['x-v1']),
    'z.odps.yaml': product('z', 'z-v1', ['y-v1']),
    'x.odcs.yaml': contract('x-v1'),
    'y.odcs.yaml': contract('y-v1'),
    'z.odcs.yaml': contract('z-v1'),
  });
  const messages = ['x', 'y', 'z'].map((p) => mesh.meshFindings(`${p}.odps.yaml`).map((d) => d.message));
  assert.deepEqual(messages, [
    ["Consuming 'z-v1' closes a lineage cycle: x → y → z → x. A product cannot depend on its own output."],
    ["Consuming 'x-v1' closes a lineage cycle: y → z → x → y. A product cannot depend on its own output."],
    ["Consuming 'y-v1' closes a lineage cycle: z → x → y → z. A product cannot depend on its own output."],
  ]);
});

test(
  'a cycle closed only through an output port’s inputContracts is reported where it is closed',
  () => {
    const inputs = (id: string) => `    inputContracts:\n      - id: ${id}\n`;
    const mesh = buildMesh({
      'a.odps.yaml': `${product('a', 'a-v1')}${inputs('b-v1')}`,
      'b.odps.yaml': product('b', 'b-v1', ['a-v1']),
      'a.odcs.yaml': contract('a-v1'),
      'b.odcs.yaml': contract('b-v1'),
    });
    const codes = (path: string) => mesh.meshFindings(path).map((d) => d.code);
    assert.deepEqual(codes('b.odps.yaml'), ['mesh/lineage-cycle']);
    assert.deepEqual(codes('a.odps.yaml'), ['mesh/lineage-cycle']);
  },
);

test('mesh findings follow edits in other files', () => {
  const mesh = buildMesh({ 'sales/p.odps.yaml': product('p', undefined, ['orders-v1']), 'sales/orders.odcs.yaml': contract('orders-v0') });
  const codes = () => mesh.meshFindings('sales/p.odps.yaml').map((d) => d.message);
  assert.deepEqual(codes(), ["No contract 'orders-v1' in the workspace. Did you mean 'orders-v0'?"]);
  mesh.open('sales/orders.odcs.yaml', contract('orders-v1'));
  assert.deepEqual(codes(), []);
  mesh.open('sales/orders.odcs.yaml', contract('orders-v1').replace('status: active', 'status: deprecated'));
  assert.deepEqual(codes(), ["Contract 'orders-v1' is deprecated. Move to its successor before it is removed."]);
  mesh.close('sales/orders.odcs.yaml');
  assert.deepEqual(codes(), ["No contract 'orders-v1' in the workspace. Did you mean 'orders-v0'?"]);
});

test('YAML that is not part of the mesh gets no mesh findings', () => {
  const mesh = buildMesh({ 'ci/workflow.yaml': 'name: CI\non: push\ncontractId: nothing\n' });
  assert.deepEqual(mesh.meshFindings('ci/workflow.yaml'), []);
});

test('the sample mesh in examples/ has no mesh findings outside examples/broken', () => {
  const root = join(process.cwd(), 'examples');
  const files: Record<string, string> = {};
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (/\.ya?ml$/.test(file)) files[file.replace(/\\/g, '/')] = readFileSync(join(root, file), 'utf8');
  }
  const mesh = buildMesh(files);
  const clean = Object.keys(files).filter((f) => !f.startsWith('broken/'));
  assert.ok(clean.length >= 17, `${clean.length} sample files`);
  for (const path of clean) {
    const found = mesh.meshFindings(path);
    assert.deepEqual(
      found.map((d) => `${d.code} ${d.message}`),
      [],
      path,
    );
  }
  // The links of the sample mesh do resolve: 8 contracts published, 7 consumed (see examples/README.md).
  const edges = [...mesh.mesh.graph.edges.values()];
  assert.deepEqual(
    [edges.filter((e) => e.kind === 'publishes').length, edges.filter((e) => e.kind === 'consumes').length],
    [8, 7],
  );
  assert.ok(edges.every((e) => mesh.mesh.graph.nodes.get(e.from)?.definition && mesh.mesh.graph.nodes.get(e.to)?.definition));
});
