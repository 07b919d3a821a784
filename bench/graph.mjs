#!/usr/bin/env node
// Benchmark of the graph webview in Chromium (the browser tests' stand-in page, same bundle and CSP):
// time from the graph message to a drawn, interactive graph, for meshes of N products with their
// contracts (modelled as bench/generate.mjs builds them: product i publishes contract i and consumes
// 1-3 contracts of earlier products, ten domains), the time of a refocus, the page's JS heap, and
// the layout engine's share. Each case is drawn twice after a fresh load: the first includes the
// layout worker's start (elkjs's 1.6 MB script), the second is warm.
//
//   npm run build && node bench/graph.mjs [--sizes 500,2000,5000] [--runs 3] [--out bench/results]
//
// Also run by `node bench/run.mjs --graph`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { meshGraph } from './graphMesh.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { GraphPage, skipReason } = require(join(REPO, 'out/bench/graphPage.js'));

const { values: opt } = parseArgs({ options: { sizes: { type: 'string', default: '500,2000,5000' }, runs: { type: 'string', default: '3' }, out: { type: 'string', default: join(REPO, 'bench/results') } } });
if (skipReason) {
  console.error(`bench/graph.mjs: ${skipReason}`);
  process.exit(1);
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** Posts the graph (already in the page) and resolves with the webview's own `drawn` figures and the wall time. */
async function draw(view, message) {
  return view.page.evaluate(async (m) => {
    const posted = window.__posted;
    const from = posted.length;
    const t0 = performance.now();
    window.postMessage({ ...m, graph: window.__graph }, '*');
    while (!posted.slice(from).some((p) => p.type === 'drawn')) await new Promise((r) => setTimeout(r, 5));
    const drawn = posted.slice(from).find((p) => p.type === 'drawn');
    return { wallMs: performance.now() - t0, ...drawn, heapMb: performance.memory.usedJSHeapSize / 2 ** 20, domNodes: document.querySelectorAll('svg.graph .node').length };
  }, message);
}

/** Double-clicks a drawn node other than the focus and times until the new focus is drawn. */
async function refocus(view) {
  return view.page.evaluate(async () => {
    const target = [...document.querySelectorAll('svg.graph .node:not(.focus):not(.domain)')].at(-1);
    const posted = window.__posted;
    const from = posted.length;
    const t0 = performance.now();
    target.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    while (!posted.slice(from).some((p) => p.type === 'drawn')) await new Promise((r) => setTimeout(r, 2));
    return { wallMs: performance.now() - t0, ...posted.slice(from).find((p) => p.type === 'drawn') };
  });
}

/** Clicks a collapsed domain (it opens) and times until it is drawn with its members. */
async function openDomain(view, domain) {
  return view.page.evaluate(async (d) => {
    // Fit first: the domain may have been moved off screen (and out of the DOM) by the one opened before.
    document.querySelector('button[aria-label="Fit the graph in the view"]').click();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const posted = window.__posted;
    const from = posted.length;
    const t0 = performance.now();
    document.querySelector(`svg.graph .node[data-id="domain:${d}"]`).dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }));
    while (!posted.slice(from).some((p) => p.type === 'drawn')) await new Promise((r) => setTimeout(r, 2));
    return { wallMs: performance.now() - t0, ...posted.slice(from).find((p) => p.type === 'drawn'), heapMb: performance.memory.usedJSHeapSize / 2 ** 20, domNodes: document.querySelectorAll('svg.graph .node').length };
  }, domain);
}

const rows = [];
const view = await GraphPage.open({ args: ['--enable-precise-memory-info'] });
try {
  for (const n of opt.sizes.split(',').map(Number)) {
    const graph = meshGraph(n);
    const focus = graph.nodes[2 * Math.floor(n / 2) + 1].id; // a contract in the middle of the mesh
    const cases = {
      'whole mesh (domains collapsed past 1,500 nodes)': { type: 'graph', mode: 'mesh', navigate: true },
      'lineage of a contract, 2 hops': { type: 'graph', mode: 'lineage', focus, hops: 2, navigate: true },
    };
    for (const [name, message] of Object.entries(cases)) {
      const runs = [];
      const refocusRuns = [];
      for (let r = 0; r < Number(opt.runs); r++) {
        await view.page.evaluate(() => sessionStorage.clear());
        await view.load();
        await view.page.evaluate((g) => (window.__graph = g), graph);
        const cold = await draw(view, message); // includes the layout worker's start
        const warm = await draw(view, message);
        runs.push({ ...warm, coldMs: cold.wallMs, coldLayoutMs: cold.layoutMs });
        if (message.mode === 'lineage') refocusRuns.push(await refocus(view));
      }
      const row = { n, case: name, nodes: runs[0].nodes, edges: runs[0].edges, coldMs: median(runs.map((x) => x.coldMs)), coldLayoutMs: median(runs.map((x) => x.coldLayoutMs)), ms: median(runs.map((x) => x.wallMs)), min: Math.min(...runs.map((x) => x.wallMs)), max: Math.max(...runs.map((x) => x.wallMs)), layoutMs: median(runs.map((x) => x.layoutMs)), heapMb: median(runs.map((x) => x.heapMb)), domNodes: runs[0].domNodes };
      if (refocusRuns.length) Object.assign(row, { refocusMs: median(refocusRuns.map((x) => x.wallMs)), refocusLayoutMs: median(refocusRuns.map((x) => x.layoutMs)) });
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    // Past 1,500 nodes the mesh opens collapsed: open one domain, then a second (which should not lay out the first again).
    if (2 * n > 1500) {
      await view.page.evaluate(() => sessionStorage.clear());
      await view.load();
      await view.page.evaluate((g) => (window.__graph = g), graph);
      await draw(view, { type: 'graph', mode: 'mesh', navigate: true });
      for (const [k, domain] of [['one', 'sales'], ['a second', 'finance']]) {
        const x = await openDomain(view, domain);
        const row = { n, case: `collapsed mesh, ${k} domain opened (${domain})`, coldMs: x.wallMs, coldLayoutMs: x.layoutMs, nodes: x.nodes, edges: x.edges, ms: x.wallMs, min: x.wallMs, max: x.wallMs, layoutMs: x.layoutMs, heapMb: x.heapMb, domNodes: x.domNodes };
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
    // Every domain opened: the whole mesh through the layout engine at once (what the collapse avoids).
    if (n <= Number(process.env.GRAPH_BENCH_OPEN_ALL_MAX ?? 2000)) {
      await view.page.evaluate((domains) => sessionStorage.setItem('state', JSON.stringify({ mode: 'mesh', hops: 2, opened: domains })), graph.domains);
      await view.load();
      await view.page.evaluate((g) => (window.__graph = g), graph);
      const cold = await draw(view, { type: 'graph', mode: 'mesh' });
      const x = await draw(view, { type: 'graph', mode: 'mesh' });
      const row = { n, case: 'whole mesh, every domain opened', coldMs: cold.wallMs, coldLayoutMs: cold.layoutMs, nodes: x.nodes, edges: x.edges, ms: x.wallMs, min: x.wallMs, max: x.wallMs, layoutMs: x.layoutMs, heapMb: x.heapMb, domNodes: x.domNodes };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
} finally {
  await view.close();
}

console.log(`\n${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (other jobs share the machine)`);
console.log('\n| products | case | nodes / edges drawn | first draw after load (layout) | request → drawn, warm (median, min–max) | layout (share) | refocus (layout) | JS heap | nodes in the DOM |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const refocusText = r.refocusMs !== undefined ? `${r.refocusMs.toFixed(0)} ms (${r.refocusLayoutMs} ms)` : '';
  console.log(`| ${r.n} | ${r.case} | ${r.nodes} / ${r.edges} | ${r.coldMs.toFixed(0)} ms (${r.coldLayoutMs} ms) | ${r.ms.toFixed(0)} ms (${r.min.toFixed(0)}–${r.max.toFixed(0)}) | ${r.layoutMs} ms (${Math.round((100 * r.layoutMs) / r.ms)} %) | ${refocusText} | ${r.heapMb.toFixed(0)} MB | ${r.domNodes} |`);
}
mkdirSync(opt.out, { recursive: true });
writeFileSync(join(opt.out, 'graph.json'), JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, loadavg: loadavg(), rows }, null, 2));
