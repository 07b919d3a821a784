// The graph webview's column view in real Chromium: a contract's columns from the sample mesh, the
// messages it posts, the path a selected column lights, and names that would be markup drawn as text.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import type { ColumnLineage, LineageGraph } from '../../protocol/protocol';
import { repoRoot } from '../support/lspClient';
import { buildMesh } from '../support/mesh';
import { GraphPage, skipReason } from './graphPage';

const T = { timeout: 120_000, skip: skipReason };
const CONTRACT = 'contract:customer-360-v1';

const graph = (): LineageGraph => JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'graph', 'examples', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' })) as LineageGraph;

/** The sample mesh's column lineage of a contract, from the core, in the shape the server sends it. */
function columnsOf(contract: string): ColumnLineage {
  const root = join(repoRoot, 'examples');
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  const model = buildMesh(files).service.columnLineage(contract)!;
  return { ...model, tables: model.tables.map(({ uri, ...table }) => ({ ...table, location: { uri } })) };
}

let view: GraphPage;
before(async () => {
  if (!skipReason) view = await GraphPage.open();
});
after(async () => {
  await view?.close();
});

const columnsDrawn = () => view.page.evaluate(() => Number(document.body.dataset.columnsDrawn ?? 0));
async function sendColumns(lineage: ColumnLineage, navigate = false): Promise<void> {
  const before = await columnsDrawn();
  await view.page.evaluate((m) => window.postMessage(m, '*'), { type: 'columns', contract: lineage.focus, lineage, hops: 2, ...(navigate ? { navigate } : {}) });
  await view.page.waitForFunction((b) => Number(document.body.dataset.columnsDrawn ?? 0) > b, before, { timeout: 60_000 });
}
const clearPosted = () => view.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));

test("the Columns button asks for the focused contract's columns; the view draws its tables, the tables around them and the edges", T, async () => {
  const lineage = columnsOf(CONTRACT);
  assert.ok(lineage.edges.length >= 5 && lineage.tables.length >= 3, 'the sample contract has column lineage across contracts');
  await view.send({ type: 'graph', mode: 'lineage', graph: graph(), focus: CONTRACT, hops: 2, navigate: true });
  await clearPosted();
  await view.page.click('button[aria-label="Show the column lineage of the focused contract"]');
  assert.deepEqual(await view.posted(), [{ type: 'columns', nodeId: CONTRACT, hops: 2 }]);
  assert.equal(await view.page.locator('.message').textContent(), 'Reading the columns…');
  await sendColumns(lineage);
  assert.equal(await view.page.locator('.toolbar .title').textContent(), 'Columns of customer-360-v1');
  assert.equal(await view.page.locator('svg.graph').isHidden(), true);
  assert.equal(await view.page.locator('svg.columns .column-table').count(), lineage.tables.length);
  assert.equal(await view.page.locator('svg.columns .column-row').count(), lineage.tables.reduce((n, t) => n + t.columns.length, 0));
  assert.equal(await view.page.locator('svg.columns .column-edge').count(), lineage.edges.length);
  // The contract's own tables are whole; a table upstream shows the columns on a path and counts the rest.
  const own = lineage.tables.filter((t) => t.contract === CONTRACT);
  assert.equal(await view.page.locator('svg.columns .column-table.own').count(), own.length);
  // Upstream tables are left of the contract's, downstream ones right of it.
  const x = (id: string) => view.page.$eval(`svg.columns [data-id="${id}"]`, (e) => Number(/translate\(([\d.-]+)/.exec(e.closest('.column-table')!.getAttribute('transform') ?? '')?.[1]));
  const source = lineage.edges.find((e) => own.some((t) => t.columns.some((c) => c.id === e.to)))!;
  assert.ok((await x(source.from)) < (await x(source.to)), 'a source is drawn left of the column computed from it');
  await view.page.click('button[aria-label="Fit the graph in the view"]');
  await view.screenshot('09-column-lineage');
  assert.deepEqual(await view.violations(), []);
  assert.deepEqual(view.errors, []);
});

test('a click on a column opens it and lights its path up and down; the rest is dimmed', T, async () => {
  const lineage = columnsOf(CONTRACT);
  const edge = lineage.edges.find((e) => lineage.tables.some((t) => t.contract === CONTRACT && t.columns.some((c) => c.id === e.to)))!;
  await clearPosted();
  await view.page.click(`svg.columns .column-row[data-id="${edge.to}"] .column-name`);
  assert.deepEqual(await view.posted(), [{ type: 'openColumn', id: edge.to }]);
  const lit = await view.page.$$eval('svg.columns .lit[data-id]', (els) => els.map((e) => (e as SVGGElement).dataset.id));
  assert.ok(lit.includes(edge.to) && lit.includes(edge.from), 'the column and its source are lit');
  assert.ok(lit.length < lineage.tables.reduce((n, t) => n + t.columns.length + 1, 0), 'not everything is lit');
  assert.equal(await view.page.$eval('svg.columns', (e) => e.classList.contains('lighting')), true);
  assert.ok((await view.page.locator('svg.columns .column-edge.lit').count()) >= 1);
  await view.screenshot('09b-column-path');
  // The list view tells the same: each column with where it comes from.
  await view.page.click('button[aria-label="Show the graph as a list"]');
  assert.equal(await view.page.locator('.list section').count(), lineage.tables.length);
  assert.ok((await view.page.locator('.list .links', { hasText: 'from: ' }).count()) >= 1);
  await view.page.click('button[aria-label="Show the graph as a list"]');
  // Back to the graph: the extension is told, and the graph is drawn again.
  await clearPosted();
  await view.redraw(() => view.page.click('button[aria-label="Back to the graph"]'));
  assert.deepEqual((await view.posted()).filter((m) => m.type !== 'drawn'), [{ type: 'columns', hops: 2 }]);
  assert.equal(await view.page.locator('svg.columns').isHidden(), true);
  assert.equal(await view.page.locator('.toolbar .title').textContent(), 'Lineage of customer-360-v1');
});

test('a command that opens the column view switches to it, marks its column, and it survives a reload', T, async () => {
  const lineage = columnsOf(CONTRACT);
  const column = lineage.tables[0]!.columns[1]!.id;
  await sendColumns({ ...lineage, column }, true);
  assert.equal(await view.page.locator('svg.columns .column-row.selected').getAttribute('data-id'), column);
  await view.load();
  // As the restored panel gets them: the graph (not drawn while the columns are shown), then the columns.
  await view.page.evaluate((m) => window.postMessage(m, '*'), { type: 'graph', mode: 'lineage', graph: graph(), focus: CONTRACT, hops: 2 });
  await sendColumns(lineage);
  assert.equal(await view.page.locator('.toolbar .title').textContent(), 'Columns of customer-360-v1');
  assert.equal(await view.page.locator('svg.columns .column-row.selected').getAttribute('data-id'), column);
});

test('hostile table and column names are drawn as text, with no script run and no CSP violation', T, async () => {
  const names = ['<img src=x onerror="window.__pwned = 1">', '</style><script>window.__pwned = 2</script>', `long-${'ω'.repeat(10_000)}`, 'RTL \u202Egnp.exe\u202C'];
  const lineage: ColumnLineage = {
    focus: 'contract:x',
    tables: names.map((name, i) => ({ id: `t${i}`, name, contract: 'contract:x', contractName: name, location: { uri: 'file:///x.yaml' }, hiddenColumns: i, columns: [{ id: `c${i}`, name, classification: name, pii: true }] })),
    edges: names.slice(1).map((_, i) => ({ from: `c${i}`, to: `c${i + 1}` })),
  };
  await sendColumns(lineage, true);
  const texts = await view.page.$$eval('svg.columns .column-row > title', (ts) => ts.map((t) => t.textContent ?? ''));
  for (const name of names) assert.ok(texts.some((t) => t.startsWith(`column ${name}\n`)), `the tooltip of ${name.slice(0, 30)}`);
  assert.equal(await view.page.locator('svg.columns img, svg.columns script, svg.columns foreignObject, body > style').count(), 0);
  assert.equal(await view.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  await view.page.click('button[aria-label="Fit the graph in the view"]');
  await view.screenshot('09c-column-hostile-names');
  assert.deepEqual(await view.violations(), []);
  assert.deepEqual(view.errors, []);
});
