#!/usr/bin/env node
// Benchmark: time-to-all-diagnostics for a synthetic mesh, for
//   floor  - bare `yaml` parse of every file in one process (the cheapest possible work),
//   ours   - node dist/server.js --stdio,
//   redhat - yaml-language-server with the vendored ODCS/ODPS schemas associated.
//
//   node bench/run.mjs [--n 1000] [--seed 42] [--runs 1] [--skip-redhat] [--skip-ours]
//                      [--out bench/results] [--timeout 600] [--keep] [--strict]
//                      [--skip-mesh] [--mesh-n 10000] [--mesh-timeout 300] [--skip-large]
//                      [--style plain,varied] [--server dist/server.js] [--baseline other/server.js] [--graph]
//                      [--skip-authoring]
//
// Both mesh styles by default (bench/generate.mjs --style): the plain one yaml.stringify writes, and
// the varied one with block scalars, flow collections, anchors, aliases and comments. --baseline adds
// a row `base` for another build of our server, run in turn with ours.
//
// Afterwards it runs the large-file benchmarks (bench/largeFiles.mjs: the core's analyze on single
// large files; bench/largeFileLatency.mjs: the wait of a request on a small file while a 5 MB file is
// open) unless --skip-large, then the workspace-index benchmark (bench/mesh.mjs, N=--mesh-n)
// on our server, unless --skip-mesh or --skip-ours, then completion and hover latency beside Red Hat's
// (bench/authoring.mjs, AdventureWorks in a 20,000-file mesh) unless --skip-authoring. With --graph, last, the graph webview in Chromium
// (bench/graph.mjs: 500, 2,000 and 5,000 products).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateMesh, brokenCopy, SCHEMAS } from './generate.mjs';
import { measureServer } from './lspClient.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

// Internal mode: `run.mjs --floor DIR` runs in a fresh process so the floor
// starts as cold as a freshly spawned server (no JIT warmed by the generator).
async function floor(dir) {
  const { parseAllDocuments } = await import('yaml');
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
  const t0 = performance.now();
  let errors = 0;
  for (const f of files) {
    for (const doc of parseAllDocuments(readFileSync(f, 'utf8'))) errors += doc.errors.length;
  }
  const ms = performance.now() - t0;
  // maxRSS is the same high-water mark as VmHWM, reported by Node in kB.
  console.log(JSON.stringify({ ms, files: files.length, diagnostics: errors, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string', default: join(REPO, 'bench/results') },
    timeout: { type: 'string', default: '600' },
    runs: { type: 'string', default: '1' },
    'skip-redhat': { type: 'boolean', default: false },
    'skip-ours': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'skip-mesh': { type: 'boolean', default: false },
    'mesh-n': { type: 'string', default: '10000' },
    'mesh-timeout': { type: 'string', default: '300' },
    'skip-large': { type: 'boolean', default: false },
    graph: { type: 'boolean', default: false },
    'skip-authoring': { type: 'boolean', default: false },
    style: { type: 'string', default: 'plain,varied' },
    server: { type: 'string', default: join(REPO, 'dist/server.js') },
    baseline: { type: 'string' },
    floor: { type: 'string' },
  },
});

if (opt.floor) {
  await floor(opt.floor);
  process.exit(0);
}

const n = Number(opt.n);
const runs = Math.max(1, Number(opt.runs));
const timeoutMs = Number(opt.timeout) * 1000;
const styles = opt.style.split(',');
const oursBin = resolve(opt.server);
const baseBin = opt.baseline && resolve(opt.baseline);

const redhatSettings = {
  yaml: {
    validate: true, hover: false, completion: false, format: { enable: false },
    schemaStore: { enable: false }, // default is on and would try the network
    schemas: {
      [pathToFileURL(SCHEMAS.odcs).href]: ['*.odcs.yaml'],
      [pathToFileURL(SCHEMAS.odps).href]: ['*.odps.yaml'],
    },
  },
};
const oursSettings = { dataMesh: { validate: { enable: true } } };
// Our server holds cross-file findings (broken references, the glossary's) back until the workspace
// index is ready, then publishes every open document again: that round is the result.
const OURS_READY = { method: 'dataMesh/indexStatus', test: (status) => status.state === 'ready' };

/** The rows to measure, each a function of the mesh that runs once. */
function rowsToRun() {
  const rows = { floor: (m) => JSON.parse(execFileSync(process.execPath, [SELF, '--floor', m.dir], { encoding: 'utf8' })) };
  const server = (bin, settings, ready) => (existsSync(bin) ? (m) => measureServer({ bin, args: ['--stdio'], cwd: REPO, rootDir: m.dir, files: m.files, warmup: m.warmup, timeoutMs, settings, ready })
    : () => ({ skipped: `${bin} missing: run npm run build` }));
  if (opt['skip-ours']) rows.ours = () => ({ skipped: 'skipped (--skip-ours)' });
  else rows.ours = server(oursBin, oursSettings, OURS_READY);
  // Another build of our server (e.g. main's), run in turn with ours so that the machine's drift hits both alike.
  if (baseBin) rows.base = server(baseBin, oursSettings, OURS_READY);
  if (opt['skip-redhat']) rows.redhat = () => ({ skipped: 'skipped (--skip-redhat)' });
  else rows.redhat = server(join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server'), redhatSettings);
  return rows;
}

/** Writes the mesh of one style, with the broken warm-up files outside it. */
function writeMesh(style, base) {
  const dir = join(base, style, 'mesh');
  const warmDir = join(base, style, 'warmup'); // outside the workspace folder, so it never pollutes the mesh
  const mesh = generateMesh({ n, seed: Number(opt.seed), style, dir });
  mkdirSync(warmDir);
  const warmup = ['odcs', 'odps'].map((kind) => {
    const src = mesh.files.find((f) => f.kind === kind).path;
    const dst = join(warmDir, `broken.${kind}.yaml`);
    writeFileSync(dst, brokenCopy(readFileSync(src, 'utf8')));
    return dst;
  });
  console.log(`mesh (${style}): ${mesh.files.length} files, ${(mesh.bytes / 1e6).toFixed(2)} MB (n=${n}, seed=${opt.seed}) in ${dir}`);
  return { style, dir, files: mesh.files.map((f) => f.path), warmup, mb: mesh.bytes / 1e6 };
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};
const spread = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs } : undefined);
const ok = (r) => typeof r?.ms === 'number' && r.sanityOk !== false;

// Shared 2-core machines are noisy: runs go round the rows (floor, ours, [base], redhat, floor, ours, …),
// every figure is kept, and each row shows its median with min and max. Ratios are taken run by run.
const base = mkdtempSync(join(tmpdir(), 'dm-bench-'));
const results = {};
const rowFns = rowsToRun();
for (const style of styles) {
  const mesh = writeMesh(style, base);
  const all = Object.fromEntries(Object.keys(rowFns).map((name) => [name, []]));
  for (let k = 0; k < runs; k++) {
    for (const [name, once] of Object.entries(rowFns)) {
      if (all[name].some((r) => !ok(r))) continue; // failed or skipped once: reported, not retried
      console.log(`${style}: ${name}${runs > 1 ? ` (run ${k + 1}/${runs})` : ''} …`);
      all[name].push(await once(mesh));
    }
  }
  const rows = {};
  for (const [name, list] of Object.entries(all)) {
    const good = list.filter((r) => typeof r.ms === 'number');
    const failed = list.find((r) => typeof r.ms !== 'number');
    const mid = [...good].sort((a, b) => a.ms - b.ms)[(good.length - 1) >> 1];
    rows[name] = failed ?? { ...mid, msSpread: spread(good.map((r) => r.ms)), peakSpread: spread(good.map((r) => r.peakMb).filter((x) => typeof x === 'number')) };
  }
  const pairRatios = (a, b) => spread(all[a].map((r, k) => (ok(r) && ok(all[b][k]) ? r.ms / all[b][k].ms : null)).filter((x) => x !== null));
  const ratios = {
    oursOverFloor: { ...pairRatios('ours', 'floor'), budget: '<= 2' },
    redhatOverOurs: { ...pairRatios('redhat', 'ours'), budget: '>= 5' },
    ...(baseBin ? { redhatOverBase: { ...pairRatios('redhat', 'base'), budget: '-' } } : {}),
  };
  ratios.oursOverFloor.pass = ratios.oursOverFloor.median === undefined ? null : ratios.oursOverFloor.max <= 2;
  ratios.redhatOverOurs.pass = ratios.redhatOverOurs.median === undefined ? null : ratios.redhatOverOurs.min >= 5;
  results[style] = { mesh: { files: mesh.files.length, mb: +mesh.mb.toFixed(2) }, rows, ratios };
}
if (!opt.keep) rmSync(base, { recursive: true, force: true });

// ---- report ----
const fmt = (x, d = 0) => (typeof x === 'number' ? x.toFixed(d) : '-');
const range = (s, d = 0) => (s && s.min !== s.max ? `${fmt(s.min, d)}–${fmt(s.max, d)}` : '');
const status = (r) => r.skipped ?? r.error ?? (r.crashed ? `crashed ${JSON.stringify(r.crashed)}`
  : r.timedOut || r.stalled ? `${r.timedOut ? 'TIMEOUT' : 'STALLED'} after ${fmt(r.firstMs / 1000)} s: `
    + `${r.covered}/${r.files} files got diagnostics; none for e.g. ${r.missing.join(', ')}`
    : r.sanityOk === false ? 'SUSPECT: reported nothing for a broken file' : '');
for (const [style, { mesh, rows, ratios }] of Object.entries(results)) {
  console.log(`\n== ${style}: ${mesh.files} files, ${mesh.mb} MB; medians of ${runs} run${runs > 1 ? 's' : ''} (min–max); peak MB = VmHWM of the process (main thread + worker)`);
  console.log('           ms       min–max    files  diagnostics  peak MB  min–max');
  for (const [name, r] of Object.entries(rows)) {
    const ms = r.msSpread?.median ?? r.ms;
    const peak = r.peakSpread?.median ?? r.peakMb;
    console.log(`${name.padEnd(7)}${fmt(ms).padStart(7)}${range(r.msSpread).padStart(14)}${fmt(r.files ?? undefined).padStart(9)}${fmt(r.diagnostics).padStart(13)}`
      + `${fmt(peak).padStart(9)}${range(r.peakSpread).padStart(9)}  ${status(r)}`);
  }
  // Two cores are shared by the server's threads and the client: where the median run's CPU went.
  for (const [name, r] of Object.entries(rows)) {
    if (r.cpuMs) console.log(`  ${name} CPU ms from the first didOpen: main thread ${r.cpuMs.main}, its other threads ${r.cpuMs.otherThreads}, the client ${r.cpuMs.client}`);
  }
  for (const [name, r] of Object.entries(rows)) {
    if (r.sample?.length) console.log(`  ${name} diagnostics (first ${r.sample.length}):\n    ${r.sample.join('\n    ')}`);
  }
  for (const [label, r] of [['ours ÷ floor  ', ratios.oursOverFloor], ['redhat ÷ ours ', ratios.redhatOverOurs], ['redhat ÷ base ', ratios.redhatOverBase]]) {
    if (!r) continue;
    const verdict = r.pass == null ? (r.budget === '-' ? '' : 'n/a') : r.pass ? 'ok' : 'OVER BUDGET';
    const value = r.median === undefined ? '   -' : `${r.median.toFixed(2)}×${r.min !== r.max ? ` (${r.min.toFixed(2)}–${r.max.toFixed(2)})` : ''}`;
    console.log(`${label}= ${value}${r.budget === '-' ? '' : `  (budget ${r.budget}× on every run)`}  ${verdict}`);
  }
}

const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: process.platform },
  n, seed: Number(opt.seed), runs, styles: results,
};
mkdirSync(resolve(opt.out), { recursive: true });
const outFile = join(resolve(opt.out), 'latest.json');
writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
console.log(`\nwrote ${outFile}`);
let exitCode = opt.strict && Object.values(results).some((r) => Object.values(r.ratios).some((x) => x.pass === false)) ? 1 : 0;

// Large single files, in their own process so that this one's heap does not weigh on them.
if (!opt['skip-large']) {
  console.log('\n---- large files (bench/largeFiles.mjs); skip with --skip-large ----');
  const large = spawnSync(process.execPath, [join(REPO, 'bench/largeFiles.mjs'), '--out', opt.out, ...(opt.strict ? ['--strict'] : [])], { stdio: 'inherit' });
  if (large.status !== 0) exitCode = Math.max(exitCode, large.status ?? 2);
  console.log('\n---- a request on a small file while a 5 MB one is open (bench/largeFileLatency.mjs) ----');
  const latency = spawnSync(process.execPath, [join(REPO, 'bench/largeFileLatency.mjs'), '--out', opt.out], { stdio: 'inherit' });
  if (latency.status !== 0) exitCode = Math.max(exitCode, latency.status ?? 2);
}

// The workspace-index benchmark in its own process (it spawns its own server on a 10k mesh).
if (!opt['skip-mesh'] && !opt['skip-ours'] && existsSync(oursBin)) {
  console.log(`\n---- workspace index (bench/mesh.mjs --n ${opt['mesh-n']}); skip with --skip-mesh ----`);
  const args = [join(REPO, 'bench/mesh.mjs'), '--n', opt['mesh-n'], '--seed', opt.seed, '--out', opt.out, '--timeout', opt['mesh-timeout'],
    ...(opt.strict ? ['--strict'] : []), ...(opt.keep ? ['--keep'] : [])];
  const mesh = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (mesh.status !== 0) exitCode = Math.max(exitCode, mesh.status ?? 2);
}

// Completion and hover, ours beside Red Hat's, in its own process (two servers on a 20,000-file mesh).
if (!opt['skip-authoring'] && existsSync(oursBin)) {
  console.log('\n---- completion and hover (bench/authoring.mjs); skip with --skip-authoring ----');
  const authoring = spawnSync(process.execPath, [join(REPO, 'bench/authoring.mjs'), '--out', opt.out], { stdio: 'inherit' });
  if (authoring.status !== 0) exitCode = Math.max(exitCode, authoring.status ?? 2);
}

// The graph webview in Chromium, in its own process (bench/graph.mjs), only when asked: it needs Chromium.
if (opt.graph) {
  console.log('\n---- the graph webview in Chromium (bench/graph.mjs) ----');
  const graph = spawnSync(process.execPath, [join(REPO, 'bench/graph.mjs'), '--out', opt.out], { stdio: 'inherit' });
  if (graph.status !== 0) exitCode = Math.max(exitCode, graph.status ?? 2);
}
process.exit(exitCode);
