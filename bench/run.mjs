#!/usr/bin/env node
// Benchmark: time-to-all-diagnostics for a synthetic mesh, for
//   floor  - bare `yaml` parse of every file in one process (the cheapest possible work),
//   ours   - node dist/server.js --stdio,
//   redhat - yaml-language-server with the vendored ODCS/ODPS schemas associated.
//
//   node bench/run.mjs [--n 1000] [--seed 42] [--runs 1] [--skip-redhat] [--skip-ours]
//                      [--out bench/results] [--timeout 600] [--keep] [--strict]
//                      [--skip-mesh] [--mesh-n 10000] [--mesh-timeout 300] [--skip-large]
//
// Afterwards it runs the large-file benchmark (bench/largeFiles.mjs: the core's analyze on single
// large files) unless --skip-large, then the workspace-index benchmark (bench/mesh.mjs, N=--mesh-n)
// on our server, unless --skip-mesh or --skip-ours.
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
    floor: { type: 'string' },
  },
});

if (opt.floor) {
  await floor(opt.floor);
  process.exit(0);
}

const base = mkdtempSync(join(tmpdir(), 'dm-bench-'));
const meshDir = join(base, 'mesh');
const warmDir = join(base, 'warmup'); // outside the workspace folder, so it never pollutes the mesh
const n = Number(opt.n);
const mesh = generateMesh({ n, seed: Number(opt.seed), dir: meshDir });
const files = mesh.files.map((f) => f.path);
mkdirSync(warmDir);
const warmup = ['odcs', 'odps'].map((kind) => {
  const src = mesh.files.find((f) => f.kind === kind).path;
  const dst = join(warmDir, `broken.${kind}.yaml`);
  writeFileSync(dst, brokenCopy(readFileSync(src, 'utf8')));
  return dst;
});
const mb = mesh.bytes / 1e6;
console.log(`mesh: ${files.length} files, ${mb.toFixed(2)} MB (n=${n}, seed=${opt.seed}) in ${meshDir}`);

const timeoutMs = Number(opt.timeout) * 1000;
const rows = {};

// Shared 2-core machines are noisy: with --runs K each row is the median run; all times are kept.
const runs = Math.max(1, Number(opt.runs));
async function repeat(label, once) {
  const all = [];
  for (let k = 0; k < runs; k++) {
    console.log(`${label}${runs > 1 ? ` (run ${k + 1}/${runs})` : ''} …`);
    const r = await once();
    all.push(r);
    if (typeof r.ms !== 'number') return r; // failed: report it, don't retry
  }
  all.sort((a, b) => a.ms - b.ms);
  return { ...all[(all.length - 1) >> 1], runsMs: all.map((r) => Math.round(r.ms)) };
}

rows.floor = await repeat('floor: parsing every file with yaml', async () =>
  JSON.parse(execFileSync(process.execPath, [SELF, '--floor', meshDir], { encoding: 'utf8' })));

const oursBin = join(REPO, 'dist/server.js');
if (opt['skip-ours']) rows.ours = { skipped: 'skipped (--skip-ours)' };
else if (!existsSync(oursBin)) rows.ours = { skipped: 'dist/server.js missing: run npm run build' };
else {
  rows.ours = await repeat('ours: node dist/server.js --stdio', () => measureServer({
    args: [oursBin, '--stdio'], cwd: REPO, rootDir: meshDir, files, warmup, timeoutMs,
    settings: { dataMesh: { validate: { enable: true } } },
  }));
}

if (opt['skip-redhat']) rows.redhat = { skipped: 'skipped (--skip-redhat)' };
else {
  const yaml = {
    validate: true, hover: false, completion: false, format: { enable: false },
    schemaStore: { enable: false }, // default is on and would try the network
    schemas: {
      [pathToFileURL(SCHEMAS.odcs).href]: ['*.odcs.yaml'],
      [pathToFileURL(SCHEMAS.odps).href]: ['*.odps.yaml'],
    },
  };
  rows.redhat = await repeat('redhat: yaml-language-server --stdio', () => measureServer({
    args: [join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    cwd: REPO, rootDir: meshDir, files, warmup, timeoutMs, settings: { yaml },
  }));
}

if (!opt.keep) rmSync(base, { recursive: true, force: true });

// ---- report ----
const fmt = (x, d = 0) => (typeof x === 'number' ? x.toFixed(d) : '-');
const status = (r) => r.skipped ?? r.error ?? (r.crashed ? `crashed ${JSON.stringify(r.crashed)}`
  : r.timedOut || r.stalled ? `${r.timedOut ? 'TIMEOUT' : 'STALLED'} after ${fmt(r.firstMs / 1000)} s: `
    + `${r.covered}/${r.files} files got diagnostics; none for e.g. ${r.missing.join(', ')}`
    : r.sanityOk === false ? 'SUSPECT: reported nothing for a broken file' : '');
console.log('\n          ms    files  diagnostics  peak MB');
for (const [name, r] of Object.entries(rows)) {
  console.log(`${name.padEnd(7)}${fmt(r.ms).padStart(7)}${fmt(r.files ?? undefined).padStart(9)}${fmt(r.diagnostics).padStart(13)}`
    + `${fmt(r.peakMb).padStart(9)}  ${status(r) || (r.runsMs?.length > 1 ? `runs ${r.runsMs.join(' / ')}` : '')}`);
}
for (const [name, r] of Object.entries(rows)) {
  if (r.sample?.length) console.log(`\n${name} diagnostics (first ${r.sample.length}):\n  ${r.sample.join('\n  ')}`);
}

const ok = (r) => typeof r?.ms === 'number' && r.sanityOk !== false;
const ratio = (a, b) => (ok(a) && ok(b) ? a.ms / b.ms : null);
const ratios = {
  oursOverFloor: { value: ratio(rows.ours, rows.floor), budget: '<= 2' },
  redhatOverOurs: { value: ratio(rows.redhat, rows.ours), budget: '>= 5' },
};
ratios.oursOverFloor.pass = ratios.oursOverFloor.value == null ? null : ratios.oursOverFloor.value <= 2;
ratios.redhatOverOurs.pass = ratios.redhatOverOurs.value == null ? null : ratios.redhatOverOurs.value >= 5;
console.log('');
for (const [label, r] of [['ours ÷ floor ', ratios.oursOverFloor], ['redhat ÷ ours', ratios.redhatOverOurs]]) {
  const verdict = r.pass == null ? 'n/a' : r.pass ? 'ok' : 'OVER BUDGET';
  console.log(`${label} = ${r.value == null ? '   -' : r.value.toFixed(2) + '×'}  (budget ${r.budget}×)  ${verdict}`);
}

const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: process.platform },
  mesh: { n, seed: Number(opt.seed), files: files.length, mb: +mb.toFixed(2) },
  runs,
  rows,
  ratios,
};
mkdirSync(resolve(opt.out), { recursive: true });
const outFile = join(resolve(opt.out), 'latest.json');
writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
console.log(`\nwrote ${outFile}`);
let exitCode = opt.strict && Object.values(ratios).some((r) => r.pass === false) ? 1 : 0;

// Large single files, in their own process so that this one's heap does not weigh on them.
if (!opt['skip-large']) {
  console.log('\n---- large files (bench/largeFiles.mjs); skip with --skip-large ----');
  const large = spawnSync(process.execPath, [join(REPO, 'bench/largeFiles.mjs'), '--out', opt.out, ...(opt.strict ? ['--strict'] : [])], { stdio: 'inherit' });
  if (large.status !== 0) exitCode = Math.max(exitCode, large.status ?? 2);
}

// The workspace-index benchmark in its own process (it spawns its own server on a 10k mesh).
if (!opt['skip-mesh'] && !opt['skip-ours'] && existsSync(oursBin)) {
  console.log(`\n---- workspace index (bench/mesh.mjs --n ${opt['mesh-n']}); skip with --skip-mesh ----`);
  const args = [join(REPO, 'bench/mesh.mjs'), '--n', opt['mesh-n'], '--seed', opt.seed, '--out', opt.out, '--timeout', opt['mesh-timeout'],
    ...(opt.strict ? ['--strict'] : []), ...(opt.keep ? ['--keep'] : [])];
  const mesh = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (mesh.status !== 0) exitCode = Math.max(exitCode, mesh.status ?? 2);
}
process.exit(exitCode);
