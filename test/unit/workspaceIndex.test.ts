// The workspace index: disk facts and open facts per file (open wins), removal of files and folders,
// duplicate definitions, and the lineage generation that decides when the lineage graph is rebuilt.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from '../support/core';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { buildMesh, contract, GLOSSARY, ordersContract, product, ROOT, type TestMesh, uriOf } from '../support/mesh';

const short = (key: string) => key.split(ROOT).join('');

/** Where each key is defined, as `path` per definition. */
function definedIn(mesh: TestMesh, key: string): string[] {
  return mesh.index.lookup(key).map((ref) => short(ref.uri));
}

/** The files and links that resolve to the entity defined under a key. */
function referencesTo(mesh: TestMesh, key: string): string[] {
  const [target] = mesh.index.lookup(key);
  return target ? mesh.index.referencesTo(target).map((ref) => `${short(ref.uri)} ${ref.link.kind} ${ref.link.text}`) : [];
}

test('open facts win over disk facts, and closing the document returns to the disk facts', () => {
  const mesh = buildMesh({ 'sales/orders.odcs.yaml': contract('orders-v1'), 'sales/p.odps.yaml': product('p', undefined, ['orders-v1']) });
  const uri = uriOf('sales/orders.odcs.yaml');
  const disk = mesh.index.file(uri);
  assert.deepEqual(referencesTo(mesh, 'contract:orders-v1'), ['sales/p.odps.yaml consumes orders-v1']);

  mesh.open('sales/orders.odcs.yaml', contract('orders-v2'));
  assert.notEqual(mesh.index.file(uri), disk);
  assert.deepEqual(definedIn(mesh, 'contract:orders-v1'), []);
  assert.deepEqual(definedIn(mesh, 'contract:orders-v2'), ['sales/orders.odcs.yaml']);
  assert.equal(mesh.index.resolve(mesh.index.file(uriOf('sales/p.odps.yaml'))!.links[0]!), undefined);

  // A change on disk while the document is open does not count until it is closed.
  mesh.write('sales/orders.odcs.yaml', contract('orders-v3'));
  assert.deepEqual(definedIn(mesh, 'contract:orders-v2'), ['sales/orders.odcs.yaml']);
  assert.deepEqual(definedIn(mesh, 'contract:orders-v3'), []);

  mesh.close('sales/orders.odcs.yaml');
  assert.deepEqual(definedIn(mesh, 'contract:orders-v2'), []);
  assert.deepEqual(definedIn(mesh, 'contract:orders-v3'), ['sales/orders.odcs.yaml']);
  assert.equal(mesh.index.meshFileCount, 2);
});

test('a document that exists only in the editor disappears when it is closed', () => {
  const mesh = buildMesh({ 'sales/p.odps.yaml': product('p', undefined, ['new-v1']) });
  mesh.open('sales/new.odcs.yaml', contract('new-v1'));
  assert.deepEqual(referencesTo(mesh, 'contract:new-v1'), ['sales/p.odps.yaml consumes new-v1']);
  assert.equal(mesh.index.meshFileCount, 2);
  mesh.close('sales/new.odcs.yaml');
  assert.equal(mesh.index.file(uriOf('sales/new.odcs.yaml')), undefined);
  assert.deepEqual(definedIn(mesh, 'contract:new-v1'), []);
  assert.equal(mesh.index.meshFileCount, 1);
});

test('disk facts from the fast parse and open facts from the editor parse replace each other cleanly', () => {
  const index = new WorkspaceIndex();
  const uri = uriOf('sales/orders.odcs.yaml');
  const text = ordersContract();
  index.setDiskFacts(uri, core.factsOfText(text, uri, '/m/sales/orders.odcs.yaml'));
  index.setOpenFacts(uri, core.factsOf(core.parse(text, '/m/sales/orders.odcs.yaml'), uri));
  index.setOpenFacts(uri, undefined);
  // Each key is defined once: nothing of the replaced facts stays behind.
  for (const key of ['contract:sales-orders-v1', `column:${uri}#orders.order_id`, 'physical:sales.orders_v1.orders.order_id', `columnid:${uri}#orders_tbl/order_id_prop`]) {
    assert.equal(index.lookup(key).length, 1, key);
  }
  assert.equal([...index.files()].length, 1);
  assert.equal(index.meshFileCount, 1);
});

test('removing a file forgets what it defines and the links it holds', () => {
  const mesh = buildMesh({
    'glossary.yaml': GLOSSARY,
    'sales/orders.odcs.yaml': ordersContract(),
    'sales/p.odps.yaml': product('sales-orders', 'sales-orders-v1'),
  });
  assert.deepEqual(referencesTo(mesh, 'term:file:///m/glossary.yaml#order'), ['sales/orders.odcs.yaml glossary ../glossary.yaml#order', 'sales/orders.odcs.yaml businessName order']);
  mesh.remove('sales/orders.odcs.yaml');
  assert.deepEqual(definedIn(mesh, 'contract:sales-orders-v1'), []);
  assert.deepEqual(definedIn(mesh, 'physical:sales.orders_v1.orders'), []);
  assert.deepEqual(referencesTo(mesh, 'term:file:///m/glossary.yaml#order'), []);
  assert.equal(mesh.index.resolve(mesh.index.file(uriOf('sales/p.odps.yaml'))!.links[0]!), undefined);
  assert.equal(mesh.index.meshFileCount, 2);
  assert.deepEqual(
    [...mesh.index.files()].map((f) => short(f.uri)),
    ['glossary.yaml', 'sales/p.odps.yaml'],
  );
});

test('removing a folder forgets the disk facts under it, not a sibling folder with the same prefix nor open documents', () => {
  const mesh = buildMesh({
    'file:///ws/sales/a.odcs.yaml': contract('a'),
    'file:///ws/sales/deep/b.odcs.yaml': contract('b'),
    'file:///ws/sales-archive/c.odcs.yaml': contract('c'),
    'file:///ws/sales/open.odcs.yaml': contract('d'),
  });
  mesh.open('file:///ws/sales/open.odcs.yaml', contract('d-edited'));
  mesh.index.removeFolder('file:///ws/sales');
  assert.deepEqual(
    [...mesh.index.files()].map((f) => f.uri),
    ['file:///ws/sales-archive/c.odcs.yaml', 'file:///ws/sales/open.odcs.yaml'],
  );
  // Once closed, nothing of the removed folder is left.
  mesh.close('file:///ws/sales/open.odcs.yaml');
  assert.deepEqual(
    [...mesh.index.files()].map((f) => f.uri),
    ['file:///ws/sales-archive/c.odcs.yaml'],
  );
  // A trailing slash means the same folder.
  mesh.index.removeFolder('file:///ws/sales-archive/');
  assert.deepEqual([...mesh.index.files()], []);
  assert.equal(mesh.index.meshFileCount, 0);
});

test('an id defined in two files, in two workspace roots, is found twice until one goes', () => {
  const mesh = buildMesh({
    'file:///root-a/orders.odcs.yaml': contract('orders-v1'),
    'file:///root-b/orders-copy.odcs.yaml': contract('orders-v1'),
    'file:///root-b/p.odps.yaml': product('p', undefined, ['orders-v1']),
  });
  assert.deepEqual(
    mesh.index.lookup('contract:orders-v1').map((r) => r.uri),
    ['file:///root-a/orders.odcs.yaml', 'file:///root-b/orders-copy.odcs.yaml'],
  );
  // A link resolves to the first definition, and only that one has the reference.
  const link = mesh.index.file('file:///root-b/p.odps.yaml')!.links[0]!;
  assert.equal(mesh.index.resolve(link)?.uri, 'file:///root-a/orders.odcs.yaml');
  const [first, second] = mesh.index.lookup('contract:orders-v1');
  assert.equal(mesh.index.referencesTo(first!).length, 1);
  assert.equal(mesh.index.referencesTo(second!).length, 0);

  mesh.index.removeFolder('file:///root-a');
  assert.deepEqual(
    mesh.index.lookup('contract:orders-v1').map((r) => r.uri),
    ['file:///root-b/orders-copy.odcs.yaml'],
  );
  assert.equal(mesh.index.resolve(link)?.uri, 'file:///root-b/orders-copy.odcs.yaml');
});

test('a link resolves to the first of its targets that is defined', () => {
  const mesh = buildMesh({
    'sales/orders.odcs.yaml': ordersContract(),
    'sales/revenue.odcs.yaml': contract(
      'revenue-v1',
      'schema:\n  - name: revenue\n    properties:\n      - name: total\n        transformSourceObjects:\n          - revenue\n          - SALES.ORDERS_V1.ORDERS\n          - sales.orders_v1.orders.order_id\n          - nowhere.table\n',
    ),
  });
  const links = mesh.index.file(uriOf('sales/revenue.odcs.yaml'))!.links;
  assert.deepEqual(
    links.map((l) => short(mesh.index.resolve(l)?.entity.key ?? '-')),
    ['object:sales/revenue.odcs.yaml#revenue', 'object:sales/orders.odcs.yaml#orders', 'column:sales/orders.odcs.yaml#orders.order_id', '-'],
  );
});

test('references to a term come through its id, its URL, its name and its synonyms, each link once', () => {
  const mesh = buildMesh({
    'glossary.yaml': GLOSSARY,
    'sales/orders.odcs.yaml': contract(
      'orders-v1',
      `schema:
  - name: orders
    businessName: Sales order
    authoritativeDefinitions:
      - url: ../glossary.yaml#order
      - url: https://catalog.example/glossary/order
    properties:
      - name: kind
        businessName: PURCHASE
`,
    ),
  });
  assert.deepEqual(referencesTo(mesh, 'term:file:///m/glossary.yaml#order'), [
    'sales/orders.odcs.yaml glossary ../glossary.yaml#order',
    'sales/orders.odcs.yaml glossary https://catalog.example/glossary/order',
    'sales/orders.odcs.yaml businessName Sales order',
    'sales/orders.odcs.yaml businessName PURCHASE',
  ]);
});

test('entities of one kind and the count of mesh files follow the current facts', () => {
  const mesh = buildMesh({ 'sales/a.yaml': contract('a'), 'sales/b.odcs.yaml': contract('b'), 'ci/workflow.yaml': 'name: CI\non: push\n' });
  assert.equal(mesh.index.meshFileCount, 2);
  // Only files of the mesh are indexed, as the scanner indexes them.
  assert.equal([...mesh.index.files()].length, 2);
  assert.deepEqual(
    [...mesh.index.entitiesOfKind('contract')].map((r) => r.entity.name),
    ['a', 'b'],
  );
  // Edited into something that is not a data-mesh file (a file named *.odcs.yaml would still be claimed).
  mesh.open('sales/a.yaml', 'kind: Deployment\napiVersion: apps/v1\n');
  assert.equal(mesh.index.meshFileCount, 1);
  assert.deepEqual(
    [...mesh.index.entitiesOfKind('contract')].map((r) => r.entity.name),
    ['b'],
  );
});

test('setting the same facts again changes nothing', () => {
  const index = new WorkspaceIndex();
  const uri = uriOf('sales/a.odcs.yaml');
  const facts = core.factsOfText(contract('a'), uri, '/m/sales/a.odcs.yaml');
  index.setDiskFacts(uri, facts);
  const { generation, lineageGeneration } = index;
  index.setDiskFacts(uri, facts);
  index.setOpenFacts(uri, facts);
  index.setOpenFacts(uri, undefined);
  assert.deepEqual([index.generation, index.lineageGeneration], [generation, lineageGeneration]);
  assert.equal(index.lookup('contract:a').length, 1);
});

const PRODUCT_P = product('sales-revenue', 'revenue-v1', ['sales-orders-v1']);

/** Each step changes the workspace (or, `same`, gives equal facts); `lineage` says whether the lineage graph must be rebuilt. */
const STEPS: { step: string; change: (mesh: TestMesh) => void; lineage: boolean; same?: true }[] = [
  { step: 'open a contract unchanged', change: (m) => m.open('sales/orders.odcs.yaml', ordersContract()), lineage: false, same: true },
  { step: 'type a column description', change: (m) => m.open('sales/orders.odcs.yaml', ordersContract().replace('logicalType: string\n', 'logicalType: string\n        description: The id.\n')), lineage: false },
  { step: 'add a column', change: (m) => m.open('sales/orders.odcs.yaml', ordersContract('sales-orders-v1', '      - name: total\n')), lineage: false },
  { step: 'add a glossary term', change: (m) => m.write('glossary.yaml', `${GLOSSARY}  - id: sku\n    name: SKU\n    definition: A stock keeping unit.\n`), lineage: false },
  { step: 'write a product description', change: (m) => m.open('sales/p.odps.yaml', `${PRODUCT_P}description:\n  purpose: Daily revenue.\n`), lineage: false },
  { step: 'change the status of a contract', change: (m) => m.open('sales/orders.odcs.yaml', ordersContract().replace('status: active', 'status: deprecated')), lineage: true },
  { step: 'change the version of a contract', change: (m) => m.open('sales/orders.odcs.yaml', ordersContract().replace('version: 1.3.0', 'version: 2.0.0')), lineage: true },
  { step: 'change the owner of a contract', change: (m) => m.open('sales/orders.odcs.yaml', ordersContract().replace('name: sales-data', 'name: sales-core')), lineage: true },
  { step: 'consume another contract', change: (m) => m.open('sales/p.odps.yaml', product('sales-revenue', 'revenue-v1', ['other-v1'])), lineage: true },
  { step: 'rename an output port', change: (m) => m.open('sales/p.odps.yaml', PRODUCT_P.replace('name: out', 'name: daily')), lineage: true },
  { step: 'close the product (back to the disk)', change: (m) => m.close('sales/p.odps.yaml'), lineage: true },
  { step: 'remove the glossary', change: (m) => m.remove('glossary.yaml'), lineage: false },
  { step: 'add a contract', change: (m) => m.write('sales/revenue.odcs.yaml', contract('revenue-v1')), lineage: true },
  { step: 'remove the product', change: (m) => m.remove('sales/p.odps.yaml'), lineage: true },
];

test('the lineage generation grows only when products, contracts, ports or the links between them change', () => {
  const mesh = buildMesh({ 'glossary.yaml': GLOSSARY, 'sales/orders.odcs.yaml': ordersContract(), 'sales/p.odps.yaml': PRODUCT_P });
  for (const { step, change, lineage, same } of STEPS) {
    const before = { generation: mesh.index.generation, lineage: mesh.index.lineageGeneration, graph: mesh.mesh.graph };
    change(mesh);
    if (!same) assert.ok(mesh.index.generation > before.generation, `${step}: every change of facts is a new generation`);
    assert.equal(mesh.index.lineageGeneration > before.lineage, lineage, `${step}: lineage ${lineage ? 'changed' : 'unchanged'}`);
    assert.equal(mesh.mesh.graph === before.graph, !lineage, `${step}: the graph is ${lineage ? 'rebuilt' : 'kept'}`);
  }
});

test('a value derived from one kind of entity is kept while others change, and worked out again when one of its kind does', () => {
  const mesh = buildMesh({ 'glossary.yaml': GLOSSARY, 'a.odcs.yaml': contract('a', 'description:\n  purpose: first\n'), 'b.odcs.yaml': contract('b') });
  let computed = 0;
  const termIds = () => mesh.index.derive('test/term-ids', () => (computed++, mesh.index.entitiesOfKind('term').map((r) => r.entity.name)), ['term']);
  assert.deepEqual(termIds(), ['order', 'customer', 'client']);
  // A contract's description typed: the index changed, the terms did not.
  mesh.open('a.odcs.yaml', contract('a', 'description:\n  purpose: second\n'));
  const generation = mesh.index.generation;
  assert.deepEqual(termIds(), ['order', 'customer', 'client']);
  assert.equal(computed, 1);
  // The contracts listed by kind follow every change of a contract: added, changed, removed.
  const contracts = () => mesh.index.entitiesOfKind('contract').map((r) => `${r.entity.name} ${r.entity.description ?? ''}`).sort();
  assert.deepEqual(contracts(), ['a second', 'b ']);
  mesh.write('c.odcs.yaml', contract('c'));
  mesh.remove('b.odcs.yaml');
  assert.deepEqual(contracts(), ['a second', 'c ']);
  // A term renamed: worked out again.
  mesh.write('glossary.yaml', GLOSSARY.replace('id: client', 'id: patron'));
  assert.ok(mesh.index.generation > generation);
  assert.deepEqual(termIds(), ['order', 'customer', 'patron']);
  assert.equal(computed, 2);
});

test('a value derived from the contracts\' ids, statuses and versions is kept while a description is typed, and worked out again when a status changes', () => {
  const mesh = buildMesh({ 'a.odcs.yaml': contract('a', 'description:\n  purpose: first\n') });
  let computed = 0;
  const lifecycle = () => mesh.index.derive('test/lifecycle', () => (computed++, mesh.index.entitiesOfKind('contract').map((r) => `${r.entity.name} ${r.entity.status}`)), ['contract-lifecycle']);
  assert.deepEqual(lifecycle(), ['a active']);
  mesh.open('a.odcs.yaml', contract('a', 'description:\n  purpose: second\n'));
  assert.deepEqual(lifecycle(), ['a active']);
  assert.equal(computed, 1);
  mesh.open('a.odcs.yaml', contract('a', 'description:\n  purpose: second\n').replace('status: active', 'status: deprecated'));
  assert.deepEqual(lifecycle(), ['a deprecated']);
  assert.equal(computed, 2);
});
