// The graph webview in real Chromium: what it draws for the sample mesh, what the reader's choices
// change, what it posts, and that hostile names stay text. Screenshots: test-results/browser/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { LineageGraph } from '../../protocol/protocol';
import { repoRoot } from '../support/lspClient';
import { GraphPage, skipReason } from './graphPage';

const T = { timeout: 120_000, skip: skipReason };
if (skipReason) console.log(`# browser tests skipped: ${skipReason}`);

/** The sample mesh's graph as `datamesh graph` prints it: the same model the server answers. */
const sample = (): LineageGraph => JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'graph', 'examples', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' })) as LineageGraph;

let view: GraphPage;
before(async () => {
  if (!skipReason) view = await GraphPage.open();
});
after(async () => {
  await view?.close();
});

test('the sample mesh renders with its nodes, edges and domains', T, async () => {
  const graph = sample();
  await view.send({ type: 'graph', mode: 'mesh', graph, navigate: true });
  await view.page.click('button[aria-label="Fit the graph in the view"]');
  await view.screenshot('01-sample-mesh');
  const ids = await view.nodeIds();
  assert.deepEqual(new Set(ids), new Set(graph.nodes.map((n) => n.id)));
  assert.equal(await view.page.locator('svg.graph .edge').count(), graph.edges.length);
  const groups = await view.page.$$eval('.group-name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(groups.sort(), graph.domains.map((d) => `▾ ${d}`).sort());
  // Domains stack top to bottom, upstream first (sales feeds logistics, which feeds customer).
  const top = (domain: string) => view.page.$eval(`.group-header[data-domain="${domain}"]`, (e) => Number(/translate\([\d.-]+ ([\d.-]+)\)/.exec(e.parentElement!.getAttribute('transform') ?? '')?.[1]));
  assert.ok((await top('sales')) < (await top('logistics')) && (await top('logistics')) < (await top('customer')), 'sales above logistics above customer');
  // Every node shows its name, kind/version/status and owner as text.
  const orders = view.page.locator('.node[data-id="contract:sales-orders-v1"]');
  assert.equal(await orders.locator('.node-name').textContent(), 'sales-orders-v1');
  assert.equal(await orders.locator('.node-meta').textContent(), 'contract · v1.3.0 · active');
  assert.match((await orders.locator('.node-owner').textContent()) ?? '', /^owner /);
  assert.deepEqual(await view.violations(), []);
  assert.deepEqual(view.errors, []);
});

test('only what is on screen is in the DOM; zoomed far out, nodes have no text', T, async () => {
  const total = sample().nodes.length;
  const zoomIn = view.page.locator('button[aria-label="Zoom in"]');
  for (let i = 0; i < 6; i++) await zoomIn.click();
  await view.page.waitForFunction((n) => document.querySelectorAll('svg.graph .node').length < n, total);
  const zoomOut = view.page.locator('button[aria-label="Zoom out"]');
  for (let i = 0; i < 14; i++) await zoomOut.click();
  await view.page.waitForFunction((n) => document.querySelectorAll('svg.graph .node').length === n && document.querySelectorAll('svg.graph .node-name').length === 0, total);
  await view.screenshot('01b-far-out');
  await view.page.click('button[aria-label="Fit the graph in the view"]');
  await view.page.waitForFunction(() => document.querySelectorAll('svg.graph .node-name').length > 0);
});

test('a click on a node posts `open` with its id; a drag pans without opening', T, async () => {
  await view.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
  await view.page.click('.node[data-id="product:sales-revenue"] .node-name');
  assert.deepEqual(await view.posted(), [{ type: 'open', nodeId: 'product:sales-revenue' }]);
  const box = (await view.page.locator('.node[data-id="product:sales-orders"]').boundingBox())!;
  await view.page.mouse.move(box.x + 20, box.y + 20);
  await view.page.mouse.down();
  await view.page.mouse.move(box.x + 120, box.y + 60, { steps: 5 });
  await view.page.mouse.up();
  const moved = (await view.page.locator('.node[data-id="product:sales-orders"]').boundingBox())!;
  assert.ok(Math.abs(moved.x - box.x - 100) < 2, 'the graph moved with the pointer');
  assert.equal((await view.posted()).length, 1, 'the drag posted nothing');
});

test('focus with N hops, then expanding a node shows its hidden neighbours ("N of M shown")', T, async () => {
  const graph = sample();
  await view.send({ type: 'graph', mode: 'lineage', graph, focus: 'contract:sales-orders-v1', hops: 1, navigate: true });
  assert.deepEqual(new Set(await view.nodeIds()), new Set(['contract:sales-orders-v1', 'product:sales-orders', 'product:sales-revenue', 'product:customer-360', 'product:logistics-shipments']));
  assert.equal(await view.page.locator('.toolbar .title').textContent(), 'Lineage of sales-orders-v1');
  const pill = view.page.locator('.node[data-id="product:sales-orders"] .expand-text');
  assert.equal(await pill.textContent(), '+ 1 of 2 shown', 'sales-orders also publishes sales-orders-v0, not shown');
  await view.screenshot('02-focus-one-hop');
  await view.redraw(() => view.page.click('.node[data-id="product:sales-orders"] .expand'));
  assert.ok((await view.nodeIds()).includes('contract:sales-orders-v0'));
  assert.equal(await view.page.locator('.node[data-id="product:sales-orders"] .expand').count(), 0, 'all its neighbours are shown');
  // Two hops from the focus reach further downstream.
  await view.redraw(() => view.page.fill('input[aria-label="Hops up and down from the focus"]', '2').then(() => view.page.press('input[aria-label="Hops up and down from the focus"]', 'Enter')));
  assert.ok((await view.nodeIds()).includes('contract:sales-revenue-daily-v1'));
  // A double-click refocuses.
  await view.redraw(() => view.page.dblclick('.node[data-id="product:customer-360"] .node-name'));
  assert.equal(await view.page.locator('.toolbar .title').textContent(), 'Lineage of customer-360');
  assert.ok((await view.page.locator('.node.focus').getAttribute('data-id')) === 'product:customer-360');
});

test('collapsing a domain draws it as one node; clicking it expands it again', T, async () => {
  await view.redraw(() => view.page.click('button[aria-label="Show the whole mesh"]'));
  const before = await view.nodeIds();
  assert.ok(before.includes('product:sales-orders'));
  await view.redraw(() => view.page.click('.group-header[data-domain="sales"]'));
  const after = await view.nodeIds();
  assert.ok(after.includes('domain:sales') && !after.some((id) => id.endsWith(':sales-orders')));
  const salesCount = sample().nodes.filter((n) => n.domain === 'sales').length;
  assert.equal(await view.page.locator('.node[data-id="domain:sales"] .node-owner').textContent(), `${salesCount} nodes · click to expand`);
  assert.ok((await view.page.locator('.edge.links').count()) > 0, 'edges out of sales are merged');
  await view.screenshot('03-sales-collapsed');
  const laidOut = () => view.page.evaluate(() => document.body.dataset.laidOut);
  assert.equal(await laidOut(), '0', 'the other domains are not laid out again');
  await view.redraw(() => view.page.click('.node[data-id="domain:sales"]'));
  assert.deepEqual(new Set(await view.nodeIds()), new Set(before));
  assert.equal(await laidOut(), '0', 'sales comes back from the cache');
});

test('search highlights the matching nodes; filters hide the others', T, async () => {
  await view.page.fill('input[aria-label="Search nodes"]', 'customer-profiles');
  assert.deepEqual(await view.page.$$eval('.node.match', (n) => n.map((e) => (e as SVGGElement).dataset.id).sort()), ['contract:customer-profiles-v1', 'product:customer-profiles']);
  await view.screenshot('04-search');
  await view.page.fill('input[aria-label="Search nodes"]', '');
  await view.redraw(() => view.page.selectOption('select[aria-label="Filter by domain"]', 'logistics'));
  const logistics = sample().nodes.filter((n) => n.domain === 'logistics').map((n) => n.id);
  assert.deepEqual(new Set(await view.nodeIds()), new Set(logistics));
  await view.redraw(() => view.page.selectOption('select[aria-label="Filter by domain"]', ''));
  await view.redraw(() => view.page.selectOption('select[aria-label="Filter by status"]', 'deprecated'));
  assert.deepEqual(await view.nodeIds(), sample().nodes.filter((n) => n.status === 'deprecated').map((n) => n.id));
  await view.redraw(() => view.page.selectOption('select[aria-label="Filter by status"]', ''));
  // The tags of the sample's contracts and products: `pii` is on the customer profiles and their product.
  const piiTagged = sample().nodes.filter((n) => n.tags?.includes('pii')).map((n) => n.id);
  assert.deepEqual(new Set(piiTagged), new Set(['contract:customer-profiles-v1', 'product:customer-profiles']));
  await view.redraw(() => view.page.selectOption('select[aria-label="Filter by tag"]', 'pii'));
  assert.deepEqual(new Set(await view.nodeIds()), new Set(piiTagged));
  await view.redraw(() => view.page.selectOption('select[aria-label="Filter by tag"]', ''));
  await view.redraw(() => view.page.check('input[aria-label="Only nodes with problems"]'));
  const withProblems = sample().nodes.filter((n) => n.diagnostics.errors + n.diagnostics.warnings > 0).map((n) => n.id);
  assert.ok(withProblems.length > 0);
  assert.deepEqual(new Set(await view.nodeIds()), new Set(withProblems));
  await view.screenshot('05-problems-only');
  await view.redraw(() => view.page.uncheck('input[aria-label="Only nodes with problems"]'));
});

test('overlays: PII tabs, the unsaved edit and the nodes it affects, and a highlight that dims the rest', T, async () => {
  const removed = "The column 'orders.amount' was removed (or renamed).";
  const graph: LineageGraph = { ...sample(), unsaved: [{ node: 'contract:sales-orders-v1', uri: 'file:///w/sales/sales-orders-v1.odcs.yaml', changes: [removed], affected: ['product:sales-revenue', 'product:logistics-shipments'] }] };
  await view.redraw(() => view.send({ type: 'graph', mode: 'mesh', graph, navigate: true }));
  const ids = (selector: string) => view.page.$$eval(selector, (n) => n.map((e) => (e as SVGGElement).dataset.id).sort());
  // PII: the server's count of columns meaning a PII term, on a tab of the node.
  const withPii = graph.nodes.filter((n) => (n.pii ?? 0) > 0);
  assert.ok(withPii.length > 0, 'the sample mesh has columns that mean PII terms');
  assert.deepEqual(await ids('.node.pii'), withPii.map((n) => n.id).sort());
  assert.equal(await view.page.locator('.node[data-id="contract:customer-profiles-v1"] .pii-tab').textContent(), `PII ${withPii.find((n) => n.id === 'contract:customer-profiles-v1')!.pii}`);
  // The unsaved edit: the edited node and the two it affects are marked, and say why in their tooltip.
  assert.deepEqual(await ids('.node.edited'), ['contract:sales-orders-v1']);
  assert.deepEqual(await ids('.node.affected'), ['product:logistics-shipments', 'product:sales-revenue']);
  assert.equal(await view.page.locator('.node[data-id="product:sales-revenue"] .impact-tab').textContent(), 'affected by edit');
  assert.match((await view.page.locator('.node[data-id="product:sales-revenue"] > title').textContent())!, /affected by the unsaved edit of sales-orders-v1: The column 'orders\.amount' was removed/);
  const note = view.page.locator('button[aria-label="Highlight what the unsaved edits affect"]');
  assert.equal(await note.textContent(), 'Unsaved edit of sales-orders-v1: 2 nodes affected');
  // The note lights up the impact: every other node is dimmed.
  await note.click();
  assert.equal(await view.page.inputValue('select[aria-label="Highlight"]'), 'impact');
  assert.deepEqual(await ids('.node.lit'), ['contract:sales-orders-v1', 'product:logistics-shipments', 'product:sales-revenue']);
  assert.equal(await view.page.$eval('svg.graph', (e) => e.classList.contains('highlighting')), true);
  await view.page.click('button[aria-label="Fit the graph in the view"]');
  await view.screenshot('05b-unsaved-impact');
  await view.page.selectOption('select[aria-label="Highlight"]', 'pii');
  assert.deepEqual(await ids('.node.lit'), withPii.map((n) => n.id).sort());
  await view.screenshot('05c-pii-highlight');
  // A collapsed domain carries its members' marks.
  await view.redraw(() => view.page.click('.group-header[data-domain="sales"]'));
  assert.deepEqual(await ids('.node.domain.edited'), ['domain:sales']);
  await view.redraw(() => view.page.click('.node[data-id="domain:sales"]'));
  await view.page.selectOption('select[aria-label="Highlight"]', 'none');
  assert.equal(await view.page.$eval('svg.graph', (e) => e.classList.contains('highlighting')), false);
  // Saved: the next graph has no unsaved edits, and the marks and the note are gone.
  await view.redraw(() => view.send({ type: 'graph', mode: 'mesh', graph: sample() }));
  assert.deepEqual(await ids('.node.edited, .node.affected'), []);
  assert.equal(await note.isHidden(), true);
  // A highlight about nothing shown (no unsaved edit left) dims nothing.
  await view.page.selectOption('select[aria-label="Highlight"]', 'impact');
  assert.equal(await view.page.$eval('svg.graph', (e) => e.classList.contains('highlighting')), false);
  await view.page.selectOption('select[aria-label="Highlight"]', 'none');
});

test('the list view shows the same nodes, and its buttons post the same messages', T, async () => {
  await view.page.click('button[aria-label="Show the graph as a list"]');
  const items = view.page.locator('.list li');
  assert.equal(await items.count(), sample().nodes.length);
  await view.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
  const item = items.filter({ hasText: 'product sales-revenue · product:sales-revenue' });
  await item.locator('button', { hasText: 'Open' }).focus();
  await view.page.keyboard.press('Enter');
  assert.deepEqual(await view.posted(), [{ type: 'open', nodeId: 'product:sales-revenue' }]);
  await view.screenshot('06-list-view');
  await view.page.click('button[aria-label="Show the graph as a list"]');
});

test('Follow tells the extension to follow the cursor, and stays pressed after a reload', T, async () => {
  const follow = view.page.locator('button[aria-label^="Follow the cursor"]');
  await view.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
  await follow.click();
  assert.deepEqual(await view.posted(), [{ type: 'follow', on: true }]);
  assert.equal(await follow.getAttribute('aria-pressed'), 'true');
  await view.load();
  await view.send({ type: 'graph', mode: 'mesh', graph: sample() });
  assert.equal(await follow.getAttribute('aria-pressed'), 'true');
  await view.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
  await follow.click();
  assert.deepEqual(await view.posted(), [{ type: 'follow', on: false }]);
});

test('exports post SVG, PNG and the CLI\'s Mermaid text', T, async () => {
  await view.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
  for (const label of ['Export as SVG', 'Export as PNG', 'Export as Mermaid']) await view.page.click(`button[aria-label="${label}"]`);
  await view.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length === 3);
  const posted = (await view.posted()) as { type: string; format: string; content: string }[];
  const byFormat = new Map(posted.map((m) => [m.format, m.content]));
  assert.match(byFormat.get('svg')!, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*sales-orders-v1<\/text>/);
  assert.doesNotMatch(byFormat.get('svg')!, /var\(--/, 'theme variables are resolved to colours');
  assert.match(byFormat.get('png')!, /^data:image\/png;base64,/);
  assert.ok(byFormat.get('png')!.length > 10_000, 'the PNG has content');
  const mermaid = execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'graph', 'examples', '--format', 'mermaid'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(byFormat.get('mermaid'), mermaid);
});

test('the reader\'s choices survive a reload (getState/setState, as the serializer restores them)', T, async () => {
  await view.redraw(() => view.page.selectOption('select[aria-label="Filter by domain"]', 'customer'));
  await view.page.fill('input[aria-label="Search nodes"]', '360');
  await view.load();
  await view.send({ type: 'graph', mode: 'mesh', graph: sample() });
  assert.equal(await view.page.inputValue('select[aria-label="Filter by domain"]'), 'customer');
  assert.equal(await view.page.inputValue('input[aria-label="Search nodes"]'), '360');
  assert.deepEqual(new Set(await view.nodeIds()), new Set(sample().nodes.filter((n) => n.domain === 'customer').map((n) => n.id)));
  await view.page.evaluate(() => sessionStorage.clear());
  await view.load();
  assert.deepEqual(await view.violations(), []);
  assert.deepEqual(view.errors, []);
});

/** Names that would run script, break out of markup or style, spoof direction, or swamp the layout, were they set as HTML. */
const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"><svg onload="window.__pwned = 3">',
  'javascript:window.__pwned = 4',
  '</style><style>*{display:none}</style>',
  'RTL \u202Egnp.exe\u202C and \u2067isolate\u2069',
  'zero\u200Bwidth\u200D\uFEFFjoiner',
  `long-${'ω'.repeat(10_000)}`,
];

function hostileGraph(): LineageGraph {
  const nodes: LineageGraph['nodes'] = [];
  const edges: LineageGraph['edges'] = [];
  HOSTILE.forEach((text, i) => {
    const field = (f: string) => `${text} ${f}`;
    nodes.push({ id: `product:${text}`, kind: 'product', name: field('name'), domain: field('domain'), status: field('status'), version: field('version'), owner: field('owner'), location: { uri: `javascript:window.__pwned=${i}//${text}` }, diagnostics: { errors: i, warnings: 1 } });
    nodes.push({ id: `contract:${text}`, kind: 'contract', name: text, domain: field('domain'), status: text, version: text, owner: text, diagnostics: { errors: 0, warnings: 0 } });
    edges.push({ from: `product:${text}`, to: `contract:${text}`, kind: 'publishes' });
    if (i > 0) edges.push({ from: `contract:${HOSTILE[i - 1]}`, to: `product:${text}`, kind: 'consumes' });
  });
  return { nodes, edges, domains: [...new Set(nodes.map((n) => n.domain!))].sort() };
}

test('a mesh of hostile names renders as text: no script runs, no CSP violation, no error', T, async () => {
  const graph = hostileGraph();
  await view.send({ type: 'graph', mode: 'mesh', graph, navigate: true }).catch((e: Error) => { throw new Error(`${e.message}\n${view.errors.join('\n')}`); });
  await view.page.click('button[aria-label="Fit the graph in the view"]');
  await view.page.click('button[aria-label="Zoom in"]');
  assert.deepEqual(new Set(await view.nodeIds()), new Set(graph.nodes.map((n) => n.id)));
  // Each name is in the page as text: whole in the node's tooltip, and no element came from it.
  const titles = await view.page.$$eval('svg.graph .node > title', (ts) => ts.map((t) => t.textContent ?? ''));
  for (const text of HOSTILE) assert.ok(titles.some((t) => t.startsWith(`product ${text} name\nproduct:${text}\n`)), `the tooltip of ${text.slice(0, 30)}`);
  assert.equal(await view.page.locator('svg.graph img, svg.graph script, svg.graph svg, body > style, svg.graph foreignObject').count(), 0);
  await view.screenshot('07-hostile-names');
  // The list view sets every field as text too.
  await view.page.click('button[aria-label="Show the graph as a list"]');
  assert.equal(await view.page.locator('.list li').count(), graph.nodes.length);
  assert.equal(await view.page.locator('.list img, .list script, .list svg, .list style').count(), 0);
  await view.screenshot('08-hostile-names-list');
  await view.page.click('button[aria-label="Show the graph as a list"]');
  // A click on a hostile node posts its id as data; the extension validates it (parseWebviewMessage).
  await view.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
  await view.page.locator(`.node[data-id="product:${HOSTILE[1]!.replace(/"/g, '\\"')}"] .node-box`).click();
  assert.deepEqual(await view.posted(), [{ type: 'open', nodeId: `product:${HOSTILE[1]}` }]);
  assert.equal(await view.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'no script ran');
  assert.deepEqual(await view.violations(), []);
  assert.deepEqual(view.errors, []);
});
