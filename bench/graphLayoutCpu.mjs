#!/usr/bin/env node
// CPU time of the graph webview's layout alone (webview/src/layout.ts and graphModel.ts, bundled
// here with esbuild, elkjs in-thread from elk.bundled.js instead of the worker), for the steps a
// reader takes: a lineage, a refocus, the collapsed mesh, opening one domain, a second, going back.
// CPU time, not wall time, so that figures taken on a shared machine can be compared; each size
// runs in a fresh process so that every first layout starts as cold as in a new panel.
//
//   node bench/graphLayoutCpu.mjs [--sizes 2000,5000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const { values: opt } = parseArgs({ options: { sizes: { type: 'string', default: '2000,5000' }, size: { type: 'string' }, bundle: { type: 'string' } } });

if (opt.size !== undefined) {
  // The child: one mesh size, in this fresh process.
  const { LayoutEngine, MeshIndex, shownGraph, ELK } = await import(pathToFileURL(opt.bundle).href);
  const { meshGraph } = await import('./graphMesh.mjs');
  const engine = LayoutEngine.warmedUp(new ELK());
  await engine.warm; // in the panel it runs while the extension asks the server for the graph
  const n = Number(opt.size);
  const graph = meshGraph(n);
  const index = new MeshIndex(graph);
  const base = { hops: 2, expanded: new Set(), collapsed: new Set(), opened: new Set(), filters: {} };
  const focus = graph.nodes[2 * Math.floor(n / 2) + 1].id; // a contract in the middle of the mesh, as bench/graph.mjs
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = async (step, choices) => {
    const shown = shownGraph(index, choices);
    const t = cpu();
    const layout = await engine.layout(shown);
    console.log(JSON.stringify({ n, step, nodes: shown.nodes.length, cpuMs: Math.round(cpu() - t), laidOut: layout.laidOut }));
    return shown;
  };
  const lineage = await time('lineage of a contract, 2 hops', { ...base, focus });
  await time('refocus', { ...base, focus: lineage.nodes.filter((x) => x.id !== focus).at(-1).id });
  await time('collapsed mesh', base);
  await time('one domain opened', { ...base, opened: new Set(['sales']) });
  await time('a second domain opened', { ...base, opened: new Set(['sales', 'finance']) });
  await time('back to the first only', { ...base, opened: new Set(['sales']) });
} else {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'graph-layout-cpu-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, [
      `export { LayoutEngine } from ${JSON.stringify(join(REPO, 'webview/src/layout.ts'))};`,
      `export { MeshIndex, shownGraph } from ${JSON.stringify(join(REPO, 'webview/src/graphModel.ts'))};`,
      `export { default as ELK } from 'elkjs/lib/elk.bundled.js';`,
    ].join('\n'));
    const bundle = join(dir, 'layout.mjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, nodePaths: [join(REPO, 'node_modules')], logLevel: 'warning' });
    for (const size of opt.sizes.split(',')) process.stdout.write(execFileSync(process.execPath, [SELF, '--size', size, '--bundle', bundle], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
