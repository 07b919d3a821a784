// Product and contract lineage: the graph, a node's neighbourhood, cycles, the code lenses that count
// consumers, the lineage hover, and the graph as DOT and Mermaid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineageGraph } from '../../server/src/core/lineage/lineageGraph';
import { toDot, toMermaid } from '../../server/src/core/lineage/graphFormats';
import { buildMesh, contract, cursorIn, product, ROOT, type TestMesh, uriOf } from '../support/mesh';

interface Described {
  domain?: string;
  version?: string;
  status?: string;
  owner?: string;
}

function withInfo(lines: string[], { domain, version, status, owner }: Described): string {
  return [...lines.slice(0, 3), ...(domain ? [`domain: ${domain}`] : []), ...(version ? [`version: ${version}`] : []), ...(status ? [`status: ${status}`] : []), ...(owner ? ['team:', `  name: ${owner}`] : []), ...lines.slice(3)].join('\n');
}

/** An ODPS product with ports; `outputs` maps an output port to its contract and what it is built from. */
function odps(id: string, info: Described, inputs: string[], outputs: { name: string; contractId: string; inputContracts?: string[] }[]): string {
  const head = ['apiVersion: v1.0.0', 'kind: DataProduct', `id: ${id}`];
  const lines = [...head];
  if (inputs.length > 0) lines.push('inputPorts:', ...inputs.flatMap((c, i) => [`  - name: in${i + 1}`, `    contractId: ${c}`]));
  if (outputs.length > 0) {
    lines.push('outputPorts:');
    for (const o of outputs) {
      lines.push(`  - name: ${o.name}`, `    contractId: ${o.contractId}`);
      if (o.inputContracts) lines.push('    inputContracts:', ...o.inputContracts.map((c) => `      - id: ${c}`));
    }
  }
  return `${withInfo(lines, info)}\n`;
}

function odcs(id: string, info: Described): string {
  return `${withInfo(['apiVersion: v3.1.0', 'kind: DataContract', `id: ${id}`], info)}\n`;
}

/** sales-orders → sales-orders-v1 → {sales-revenue, shipments}; sales-revenue → revenue-v1; shipments → shipments-v1 (not defined). */
const MESH = {
  'sales/orders.odps.yaml': odps('sales-orders', { domain: 'sales', version: '1.3.0', status: 'active', owner: 'sales-data' }, [], [{ name: 'orders', contractId: 'sales-orders-v1' }]),
  'sales/orders.odcs.yaml': odcs('sales-orders-v1', { domain: 'sales', version: '1.3.0', status: 'active', owner: 'sales-data' }),
  'sales/revenue.odps.yaml': odps('sales-revenue', { domain: 'sales', version: '1.0.0', status: 'active' }, ['sales-orders-v1'], [{ name: 'daily', contractId: 'revenue-v1', inputContracts: ['sales-orders-v1'] }]),
  'sales/revenue.odcs.yaml': odcs('revenue-v1', { domain: 'sales', version: '1.0.0', status: 'draft' }),
  'logistics/shipments.odps.yaml': odps('shipments', { domain: 'logistics' }, ['sales-orders-v1'], [{ name: 'out', contractId: 'shipments-v1' }]),
};

test('the lineage graph of the whole mesh: products, contracts (defined or only referenced), edges in data-flow direction', () => {
  const mesh = buildMesh(MESH);
  const counts = (uri: string) => (uri === uriOf('sales/revenue.odps.yaml') ? { errors: 1, warnings: 2 } : { errors: 0, warnings: 0 });
  assert.deepEqual(lineageGraph(mesh.mesh, { counts }), {
    nodes: [
      { id: 'product:sales-orders', kind: 'product', name: 'sales-orders', domain: 'sales', status: 'active', version: '1.3.0', owner: 'sales-data', location: { uri: uriOf('sales/orders.odps.yaml') }, diagnostics: { errors: 0, warnings: 0 } },
      { id: 'contract:sales-orders-v1', kind: 'contract', name: 'sales-orders-v1', domain: 'sales', status: 'active', version: '1.3.0', owner: 'sales-data', location: { uri: uriOf('sales/orders.odcs.yaml') }, diagnostics: { errors: 0, warnings: 0 } },
      { id: 'product:sales-revenue', kind: 'product', name: 'sales-revenue', domain: 'sales', status: 'active', version: '1.0.0', location: { uri: uriOf('sales/revenue.odps.yaml') }, diagnostics: { errors: 1, warnings: 2 } },
      { id: 'contract:revenue-v1', kind: 'contract', name: 'revenue-v1', domain: 'sales', status: 'draft', version: '1.0.0', location: { uri: uriOf('sales/revenue.odcs.yaml') }, diagnostics: { errors: 0, warnings: 0 } },
      { id: 'product:shipments', kind: 'product', name: 'shipments', domain: 'logistics', location: { uri: uriOf('logistics/shipments.odps.yaml') }, diagnostics: { errors: 0, warnings: 0 } },
      { id: 'contract:shipments-v1', kind: 'contract', name: 'shipments-v1', diagnostics: { errors: 0, warnings: 0 } },
    ],
    edges: [
      { from: 'product:sales-orders', to: 'contract:sales-orders-v1', kind: 'publishes' },
      { from: 'contract:sales-orders-v1', to: 'product:sales-revenue', kind: 'consumes' },
      { from: 'product:sales-revenue', to: 'contract:revenue-v1', kind: 'publishes' },
      { from: 'contract:sales-orders-v1', to: 'product:shipments', kind: 'consumes' },
      { from: 'product:shipments', to: 'contract:shipments-v1', kind: 'publishes' },
    ],
    domains: ['logistics', 'sales'],
  });
});

test('one edge per pair, however many ports say so; each port is kept as evidence', () => {
  const mesh = buildMesh(MESH);
  const edge = mesh.mesh.graph.edges.get('contract:sales-orders-v1->product:sales-revenue')!;
  assert.deepEqual(
    edge.via.map((v) => v.link.kind),
    ['consumes', 'inputContract'],
  );
});

/** The node ids of the neighbourhood of a focus, sorted. */
function neighbourhood(mesh: TestMesh, focus: string, hops?: number): string[] | undefined {
  return mesh.service
    .lineage(focus, hops)
    ?.nodes.map((n) => n.id)
    .sort();
}

test('the neighbourhood of a node: up and down the given number of hops, with only the edges between its nodes', () => {
  const mesh = buildMesh(MESH);
  assert.deepEqual(neighbourhood(mesh, 'product:sales-revenue', 1), ['contract:revenue-v1', 'contract:sales-orders-v1', 'product:sales-revenue']);
  // Two hops up reach the producer; they never turn around to the other consumers of the same contract.
  assert.deepEqual(neighbourhood(mesh, 'product:sales-revenue'), ['contract:revenue-v1', 'contract:sales-orders-v1', 'product:sales-orders', 'product:sales-revenue']);
  assert.deepEqual(neighbourhood(mesh, 'contract:sales-orders-v1', 1), ['contract:sales-orders-v1', 'product:sales-orders', 'product:sales-revenue', 'product:shipments']);
  assert.deepEqual(neighbourhood(mesh, 'product:sales-orders', 3), ['contract:revenue-v1', 'contract:sales-orders-v1', 'contract:shipments-v1', 'product:sales-orders', 'product:sales-revenue', 'product:shipments']);
  assert.deepEqual(neighbourhood(mesh, 'product:sales-orders', 0), ['product:sales-orders']);
  const focused = mesh.service.lineage('product:sales-revenue', 1)!;
  assert.equal(focused.focus, 'product:sales-revenue');
  assert.deepEqual(
    focused.edges.map((e) => `${e.from} → ${e.to}`),
    ['contract:sales-orders-v1 → product:sales-revenue', 'product:sales-revenue → contract:revenue-v1'],
  );
  assert.deepEqual(focused.domains, ['sales']);
  assert.equal(mesh.service.lineage('product:nowhere'), undefined);
});

test('consumers and upstream of products and contracts: a contract’s upstream is its producer, a product’s its input contracts', () => {
  const graph = buildMesh(MESH).mesh.graph;
  const table = ['product:sales-orders', 'contract:sales-orders-v1', 'product:sales-revenue', 'contract:revenue-v1', 'contract:shipments-v1', 'contract:unknown'].map(
    (key) => `${key}: consumers [${graph.consumersOf(key).join(', ')}] upstream [${graph.upstreamOf(key).join(', ')}]`,
  );
  assert.deepEqual(table, [
    'product:sales-orders: consumers [product:sales-revenue, product:shipments] upstream []',
    'contract:sales-orders-v1: consumers [product:sales-revenue, product:shipments] upstream [product:sales-orders]',
    'product:sales-revenue: consumers [] upstream [contract:sales-orders-v1]',
    'contract:revenue-v1: consumers [] upstream [product:sales-revenue]',
    'contract:shipments-v1: consumers [] upstream [product:shipments]',
    'contract:unknown: consumers [] upstream []',
  ]);
});

test('Data Product Specification and ODPS 4 products are part of the lineage', () => {
  const graph = buildMesh({
    'dcs/datacontract.yaml': 'dataContractSpecification: 1.1.0\nid: orders-dcs\n',
    'shop/dataproduct.yaml': 'dataProductSpecification: 0.0.1\nid: shop\noutputPorts:\n  - id: orders\n    dataContractId: orders-dcs\n',
    'shop/report.yaml': 'schema: https://opendataproducts.org/v4.0/schema/odps.yaml\nversion: 4.0\nproduct:\n  details:\n    en:\n      productID: report\n  contract:\n    id: report-v1\n',
    'shop/consumer.yaml': 'dataProductSpecification: 0.0.1\nid: consumer\ninputPorts:\n  - id: in\n    dataContractId: orders-dcs\n',
  }).mesh.graph;
  assert.deepEqual([...graph.edges.keys()], ['product:shop->contract:orders-dcs', 'product:report->contract:report-v1', 'contract:orders-dcs->product:consumer']);
});

test('cycles: products that depend on their own output, found across any number of products', () => {
  const graph = buildMesh({
    'a.odps.yaml': product('a', 'a-v1', ['c-v1']),
    'b.odps.yaml': product('b', 'b-v1', ['a-v1']),
    'c.odps.yaml': product('c', 'c-v1', ['b-v1']),
    'd.odps.yaml': product('d', 'd-v1', ['a-v1']),
    'self.odps.yaml': product('self', 'self-v1', ['self-v1']),
    'e.odps.yaml': product('e', 'e-v1', ['f-v1']),
    'f.odps.yaml': product('f', 'f-v1', ['e-v1']),
  }).mesh.graph;
  const cycles = ['a', 'b', 'c', 'd', 'self', 'e', 'f'].map((p) => graph.cycleOf(`product:${p}`));
  // a, b, c share one cycle; d only reads from it; self and e/f are cycles of their own.
  assert.equal(cycles[0], cycles[1]);
  assert.equal(cycles[1], cycles[2]);
  assert.equal(cycles[3], undefined);
  assert.equal(new Set([cycles[0], cycles[4], cycles[5]]).size, 3);
  assert.equal(cycles[5], cycles[6]);
  assert.deepEqual(graph.cyclePath('product:a'), ['product:a', 'product:b', 'product:c', 'product:a']);
  assert.deepEqual(graph.cyclePath('product:self'), ['product:self', 'product:self']);
  assert.deepEqual(graph.cyclePath('product:d'), []);
});

test('locate: where the entity with a key is named, optionally in one file', () => {
  const mesh = buildMesh({ ...MESH, 'copy/orders.odcs.yaml': odcs('sales-orders-v1', {}) });
  const show = (key: string, uri?: string) => {
    const found = mesh.service.locate(key, uri);
    return found && mesh.show(found);
  };
  assert.equal(show('contract:sales-orders-v1'), `sales/orders.odcs.yaml ⟦sales-orders-v1⟧@${mesh.text('sales/orders.odcs.yaml').indexOf('sales-orders-v1')}`);
  assert.equal(show('contract:sales-orders-v1', uriOf('copy/orders.odcs.yaml')), `copy/orders.odcs.yaml ⟦sales-orders-v1⟧@${mesh.text('copy/orders.odcs.yaml').indexOf('sales-orders-v1')}`);
  assert.equal(show(`port:${uriOf('sales/revenue.odps.yaml')}#0/output/daily`), `sales/revenue.odps.yaml ⟦daily⟧@${mesh.text('sales/revenue.odps.yaml').indexOf('daily')}`);
  assert.equal(show('contract:shipments-v1'), undefined);
  assert.equal(show('contract:sales-orders-v1', uriOf('sales/revenue.odps.yaml')), undefined);
});

test('locate and code lens tell two versions of a port apart', () => {
  const text = `apiVersion: v1.0.0\nkind: DataProduct\nid: p\noutputPorts:\n  - name: raw\n    version: 1.0.0\n    contractId: raw-v1\n  - name: raw\n    version: 2.0.0\n    contractId: raw-v2\n`;
  const mesh = buildMesh({ 'sales/p.odps.yaml': text, 'sales/q.odps.yaml': product('q', undefined, ['raw-v2']) });
  const v2 = mesh.service.workspaceSymbols('raw').find((s) => s.ref.entity.kind === 'port' && s.ref.entity.version === '2.0.0')!;
  assert.equal(mesh.show(mesh.service.locate(v2.ref.entity.key, v2.ref.uri)!), `sales/p.odps.yaml ⟦raw⟧@${text.lastIndexOf('raw\n')}`);
  assert.deepEqual(lenses(mesh, 'sales/p.odps.yaml').slice(1), ['⟦raw⟧ contract:raw-v1: 0 consumers · 1 upstream', '⟦raw⟧ contract:raw-v2: 1 consumer · 1 upstream']);
});

/** The code lenses of a file, as `⟦named text⟧ node: title`. */
function lenses(mesh: TestMesh, path: string): string[] {
  const text = mesh.text(path);
  return mesh.service.codeLenses(uriOf(path)).map((l) => `⟦${text.slice(l.span[0], l.span[1])}⟧ ${l.node}: ${l.title}`);
}

test('code lenses count consumers and upstream on products, contracts and output ports', () => {
  const mesh = buildMesh(MESH);
  assert.deepEqual(lenses(mesh, 'sales/orders.odps.yaml'), ['⟦sales-orders⟧ product:sales-orders: 2 consumers · 0 upstream', '⟦orders⟧ contract:sales-orders-v1: 2 consumers · 1 upstream']);
  assert.deepEqual(lenses(mesh, 'sales/orders.odcs.yaml'), ['⟦sales-orders-v1⟧ contract:sales-orders-v1: 2 consumers · 1 upstream']);
  // Input ports get no lens; the output port counts what its contract feeds.
  assert.deepEqual(lenses(mesh, 'sales/revenue.odps.yaml'), ['⟦sales-revenue⟧ product:sales-revenue: 0 consumers · 1 upstream', '⟦daily⟧ contract:revenue-v1: 0 consumers · 1 upstream']);
  // A contract that is not defined still has a lens on the port that publishes it.
  assert.deepEqual(lenses(mesh, 'logistics/shipments.odps.yaml'), ['⟦shipments⟧ product:shipments: 0 consumers · 1 upstream', '⟦out⟧ contract:shipments-v1: 0 consumers · 1 upstream']);
  mesh.write('x.odps.yaml', product('x', 'x-v1', ['revenue-v1']));
  assert.deepEqual(lenses(mesh, 'sales/revenue.odcs.yaml'), ['⟦revenue-v1⟧ contract:revenue-v1: 1 consumer · 1 upstream']);
});

test('the code lens counts what the hover lists: upstream is its first level, consumers the products under Downstream', () => {
  // p builds c and d from a and b; q and r consume c, s consumes d.
  const files = {
    'p.odps.yaml': `${product('p', 'c', ['a', 'b'])}  - name: out2\n    version: 1.0.0\n    contractId: d\n`,
    'c.odcs.yaml': contract('c'),
    'q.odps.yaml': product('q', undefined, ['c']),
    'r.odps.yaml': product('r', undefined, ['c']),
    's.odps.yaml': product('s', undefined, ['d']),
  };
  /** Upstream: its top-level items; consumers: the products under Downstream at any depth, once each. */
  const listed = (markdown: string) => {
    const [up, down] = markdown.split('**Downstream**');
    const upstream = up!.split('\n').filter((l) => l.startsWith('- '));
    const consumers = new Set(down!.split('\n').filter((l) => /^ *- product /.test(l)));
    return `${consumers.size} consumer${consumers.size === 1 ? '' : 's'} · ${upstream.length} upstream`;
  };
  for (const [path, cursor, expected] of [
    ['c.odcs.yaml', 'id: ‸c', '2 consumers · 1 upstream'],
    ['p.odps.yaml', 'id: ‸p', '3 consumers · 2 upstream'],
  ] as const) {
    const mesh = buildMesh({ ...files, [path]: files[path].replace(cursor.replace('‸', ''), cursor) });
    const { uri, offset } = mesh.cursor();
    const lens = mesh.service.codeLenses(uri).find((l) => offset >= l.span[0] && offset <= l.span[1])!;
    assert.equal(lens.title, expected, path);
    assert.equal(listed(mesh.service.hover(uri, offset)!.markdown), expected, path);
  }
});

test('a lens click shows the input ports (and inputContracts) that consume a contract, or the contracts of a product', () => {
  const mesh = buildMesh(MESH);
  const show = (node: string) => mesh.service.consumerLocations(node).map((l) => mesh.show(l));
  const expected = [
    `sales/revenue.odps.yaml ⟦sales-orders-v1⟧@${mesh.text('sales/revenue.odps.yaml').indexOf('sales-orders-v1')}`,
    `sales/revenue.odps.yaml ⟦sales-orders-v1⟧@${mesh.text('sales/revenue.odps.yaml').lastIndexOf('sales-orders-v1')}`,
    `logistics/shipments.odps.yaml ⟦sales-orders-v1⟧@${mesh.text('logistics/shipments.odps.yaml').indexOf('sales-orders-v1')}`,
  ];
  assert.deepEqual(show('contract:sales-orders-v1'), expected);
  assert.deepEqual(show('product:sales-orders'), expected);
  assert.deepEqual(show('contract:revenue-v1'), []);
  assert.deepEqual(show('contract:nowhere'), []);
});

test('the graph node under the cursor: product and contract ids and the contractIds that name them', () => {
  const cases: [string, string, string | undefined][] = [
    ['sales/revenue.odps.yaml', 'id: sales-re‸venue', 'product:sales-revenue'],
    ['sales/revenue.odps.yaml', 'contractId: sales-orders‸-v1', 'contract:sales-orders-v1'],
    ['sales/revenue.odps.yaml', '      - id: ‸sales-orders-v1', 'contract:sales-orders-v1'],
    ['logistics/shipments.odps.yaml', 'contractId: ‸shipments-v1', 'contract:shipments-v1'],
    ['sales/orders.odcs.yaml', 'id: ‸sales-orders-v1', 'contract:sales-orders-v1'],
    ['sales/revenue.odps.yaml', 'name: dai‸ly', undefined],
    ['sales/revenue.odps.yaml', 'apiVer‸sion', undefined],
  ];
  for (const [path, cursor, node] of cases) {
    const mesh = buildMesh({ ...MESH, [path]: MESH[path as keyof typeof MESH].replace(cursor.replace('‸', ''), cursor) });
    const { uri, offset } = mesh.cursor();
    assert.equal(mesh.service.nodeAt(uri, offset), node, cursor);
  }
});

/** The hover at the ‸ cursor of one file of a mesh. */
function hoverAt(files: Record<string, string>, path: string, cursor: string): { markdown: string; range: string } | undefined {
  const { text } = cursorIn(cursor);
  const mesh = buildMesh({ ...files, [path]: files[path]!.replace(text, cursor) });
  const { uri, offset } = mesh.cursor();
  const hover = mesh.service.hover(uri, offset);
  return hover && { markdown: hover.markdown, range: mesh.text(uri).slice(hover.span[0], hover.span[1]) };
}

test('hover on a contractId: the contract, two hops up and down', () => {
  assert.deepEqual(hoverAt(MESH, 'sales/revenue.odps.yaml', 'contractId: sales-‸orders-v1'), {
    range: 'sales-orders-v1',
    markdown: [
      'contract **sales\\-orders\\-v1** · v1\\.3\\.0 · active · owner sales\\-data',
      '',
      '**Upstream**',
      '',
      '- product **sales\\-orders** · v1\\.3\\.0 · active · owner sales\\-data',
      '',
      '**Downstream**',
      '',
      '- product **sales\\-revenue** · v1\\.0\\.0 · active',
      '  - contract **revenue\\-v1** · v1\\.0\\.0 · draft',
      '- product **shipments**',
      '  - contract **shipments\\-v1** · _not found_',
    ].join('\n'),
  });
});

test('hover on a product id, and on a contract that is not defined anywhere', () => {
  assert.deepEqual(hoverAt(MESH, 'logistics/shipments.odps.yaml', 'id: ship‸ments'), {
    range: 'shipments',
    markdown: [
      'product **shipments**',
      '',
      '**Upstream**',
      '',
      '- contract **sales\\-orders\\-v1** · v1\\.3\\.0 · active · owner sales\\-data',
      '  - product **sales\\-orders** · v1\\.3\\.0 · active · owner sales\\-data',
      '',
      '**Downstream**',
      '',
      '- contract **shipments\\-v1** · _not found_',
    ].join('\n'),
  });
  assert.deepEqual(hoverAt(MESH, 'logistics/shipments.odps.yaml', 'contractId: shipments-v1‸'), {
    range: 'shipments-v1',
    markdown: [
      'contract **shipments\\-v1** · _not found_',
      '',
      '_Not defined in this workspace._',
      '',
      '**Upstream**',
      '',
      '- product **shipments**',
      '  - contract **sales\\-orders\\-v1** · v1\\.3\\.0 · active · owner sales\\-data',
      '',
      '**Downstream**',
      '',
      '_No consumers in this workspace._',
    ].join('\n'),
  });
});

test('hover lists at most eight nodes per level and says how many more', () => {
  const files: Record<string, string> = { 'orders.odcs.yaml': contract('orders-v1'), 'producer.odps.yaml': product('producer', 'orders-v1') };
  for (let i = 1; i <= 11; i++) files[`c${i}.odps.yaml`] = product(`consumer-${i}`, undefined, ['orders-v1']);
  const hover = hoverAt(files, 'orders.odcs.yaml', 'id: ‸orders-v1')!;
  const downstream = hover.markdown.slice(hover.markdown.indexOf('**Downstream**')).split('\n').slice(2);
  assert.deepEqual(downstream, [...Array.from({ length: 8 }, (_, i) => `- product **consumer\\-${i + 1}** · active`), '- _and 3 more_']);
});

test('hover shows workspace strings as text: Markdown and HTML in ids, owners and statuses are escaped', () => {
  const hostile = {
    'evil.odcs.yaml': odcs('x', { status: '<img src=x onerror=alert(1)>', owner: '"[click](https://evil.example) *now*"', version: '1.0.0`code`' }),
    'evil.odps.yaml': odps('p_#1!', { owner: '"line\\nbreak & <b>bold</b> | ~strike~ {x}"' }, ['x'], []),
  };
  assert.deepEqual(hoverAt(hostile, 'evil.odcs.yaml', 'id: ‸x')?.markdown.split('\n')[0], 'contract **x** · v1\\.0\\.0\\`code\\` · \\<img src=x onerror=alert\\(1\\)\\> · owner \\[click\\]\\(https://evil\\.example\\) \\*now\\*');
  assert.deepEqual(hoverAt(hostile, 'evil.odps.yaml', 'id: ‸p_#1!')?.markdown.split('\n')[0], 'product **p\\_\\#1\\!** · owner line break \\& \\<b\\>bold\\</b\\> \\| \\~strike\\~ \\{x\\}');
});

test('no lineage hover on what is not a product or contract', () => {
  assert.equal(hoverAt(MESH, 'sales/revenue.odps.yaml', 'name: dai‸ly'), undefined);
  assert.equal(hoverAt(MESH, 'sales/revenue.odps.yaml', 'kind: Data‸Product'), undefined);
});

const SMALL = {
  'sales/orders.odps.yaml': odps('sales-orders', { domain: 'sales', version: '1.3.0', status: 'active' }, [], [{ name: 'orders', contractId: 'sales-orders-v0' }]),
  'sales/orders.odcs.yaml': odcs('sales-orders-v0', { domain: 'sales', version: '0.9.2', status: 'deprecated' }),
  'x/reader.odps.yaml': odps('reader', {}, ['sales-orders-v0'], []),
};

test('DOT: products as boxes, contracts as notes, a cluster per domain, deprecated dashed, edges that read left to right', () => {
  const graph = buildMesh(SMALL).service.lineage()!;
  assert.equal(
    toDot(graph, ROOT),
    `digraph mesh {
  rankdir=LR;
  node [fontname="Helvetica"];
  subgraph "cluster_sales" {
    label="sales";
    "product:sales-orders" [label="sales-orders\\nv1.3.0 · active", shape=box];
    "contract:sales-orders-v0" [label="sales-orders-v0\\nv0.9.2 · deprecated", shape=note, style=dashed];
  }
  "product:reader" [label="reader", shape=box];
  "product:sales-orders" -> "contract:sales-orders-v0" [label="publishes"];
  "contract:sales-orders-v0" -> "product:reader" [label="consumed by"];
}
`,
  );
});

test('Mermaid: short node ids, products as boxes and contracts as cylinders, a subgraph per domain, edges that read left to right', () => {
  const graph = buildMesh(SMALL).service.lineage()!;
  assert.equal(
    toMermaid(graph),
    `flowchart LR
  subgraph d0["sales"]
    n0["sales-orders<br/>v1.3.0 · active"]
    n1[("sales-orders-v0<br/>v0.9.2 · deprecated")]
  end
  n2["reader"]
  n0 -->|publishes| n1
  n1 -->|consumed by| n2
`,
  );
});

test('DOT names a product without an id by its file relative to the folder, never by an absolute URI', () => {
  const graph = buildMesh({ ...SMALL, 'x/reader.odps.yaml': odps('reader', {}, ['sales-orders-v0'], []).replace('id: reader\n', '') }).service.lineage()!;
  const dot = toDot(graph, `${ROOT}x/`);
  assert.match(dot, /\n {2}"product:reader\.odps\.yaml#0" \[label="unnamed product", shape=box\];\n/);
  assert.match(dot, /\n {2}"contract:sales-orders-v0" -> "product:reader\.odps\.yaml#0" \[label="consumed by"\];\n/);
  assert.doesNotMatch(dot, /file:/);
  assert.match(toDot(graph, ROOT), /"product:x\/reader\.odps\.yaml#0"/);
});

test('DOT and Mermaid escape what workspace strings could break out of a label with', () => {
  const graph = {
    nodes: [
      { id: 'product:a"b', kind: 'product' as const, name: 'a"b\\c', domain: 'dom "x"', status: 'line\nbreak', diagnostics: { errors: 0, warnings: 0 } },
      { id: 'contract:<c>', kind: 'contract' as const, name: '<script>', diagnostics: { errors: 0, warnings: 0 } },
    ],
    edges: [{ from: 'product:a"b', to: 'contract:<c>', kind: 'publishes' as const }],
    domains: ['dom "x"'],
  };
  assert.equal(
    toDot(graph, ROOT),
    `digraph mesh {
  rankdir=LR;
  node [fontname="Helvetica"];
  subgraph "cluster_dom \\"x\\"" {
    label="dom \\"x\\"";
    "product:a\\"b" [label="a\\"b\\\\c\\nline\\nbreak", shape=box];
  }
  "contract:<c>" [label="<script>", shape=note];
  "product:a\\"b" -> "contract:<c>" [label="publishes"];
}
`,
  );
  assert.equal(
    toMermaid(graph),
    `flowchart LR
  subgraph d0["dom #quot;x#quot;"]
    n0["a#quot;b\\c<br/>line<br/>break"]
  end
  n1[("#lt;script#gt;")]
  n0 -->|publishes| n1
`,
  );
});
