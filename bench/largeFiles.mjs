#!/usr/bin/env node
// Large single files through the language service's `analyze` (the quick read when it can tell, else
// the syntax tree), in this process, warm (the schema is compiled before timing). Each case is the
// median of --runs; a case over its budget fails with --strict.
//
//   node bench/largeFiles.mjs [--runs 3] [--out bench/results] [--strict]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: join(REPO, 'bench/results') },
    strict: { type: 'boolean', default: false },
  },
});

// The core is TypeScript and has no bundle of its own: bundle it here, as the tests are.
const tmp = mkdtempSync(join(tmpdir(), 'dm-large-'));
const bundle = join(tmp, 'languageService.cjs');
// The façade, and the core's parse and validate below it for the syntax tree's path.
const entry = "export { createLanguageService } from './server/src/core/languageService'; export { core } from './test/support/core'; export { contractOfSize } from './test/support/generated';";
await build({ stdin: { contents: entry, resolveDir: REPO, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
const { createLanguageService, core, contractOfSize } = createRequire(import.meta.url)(bundle);
rmSync(tmp, { recursive: true, force: true });

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';
const FILE = 'large.odcs.yaml';

/** A contract whose top level is a flat map of `n` unknown keys: 1,001 findings, each placed in that map. */
const flatMap = (n) => HEAD + Array.from({ length: n }, (_, i) => `unknown${i}: ${i}`).join('\n') + '\n';

/** A valid contract of one table with as many columns as make 5 MB, then `last` (the protocol tests' generator). */
const fiveMegabytes = (last = '') => contractOfSize(5_000_000, 'orders', last);

const service = createLanguageService();
/** `analyze`, or the syntax tree's path (`parse` then `validate`) when `tree` is set. */
const run = (text, tree) => (tree ? core.validate(core.parse(text, FILE)) : service.analyze(text, FILE, 'file:///large.odcs.yaml').diagnostics);

const cases = [
  { name: 'flat map, 20,000 keys (quick read)', text: () => flatMap(20_000) },
  { name: 'flat map, 40,000 keys (quick read)', text: () => flatMap(40_000), budgetMs: 1000 },
  { name: 'flat map, 40,000 keys (syntax tree)', text: () => flatMap(40_000), tree: true },
  { name: 'flat map, 40,000 keys, last one a duplicate (tree)', text: () => flatMap(40_000) + 'unknown0: again\n' },
  { name: '5 MB contract, clean (quick read)', text: () => fiveMegabytes() },
  { name: '5 MB contract, mistake in its last column', text: () => fiveMegabytes('      - name: last\n        logicalType: strnig\n') },
];

run(`${HEAD}descripton: x\n`); // compiles the schema, which is not what is measured
const runs = Math.max(1, Number(opt.runs));
const results = [];
for (const c of cases) {
  const text = c.text();
  const times = [];
  let findings = 0;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    findings = run(text, c.tree).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[(times.length - 1) >> 1];
  const pass = c.budgetMs === undefined ? null : ms < c.budgetMs;
  results.push({ name: c.name, ms: Math.round(ms), runsMs: times.map(Math.round), findings, mb: +(text.length / 1e6).toFixed(2), budgetMs: c.budgetMs, pass });
  const verdict = pass === null ? '' : `  (budget < ${c.budgetMs} ms) ${pass ? 'ok' : 'OVER BUDGET'}`;
  console.log(`${c.name.padEnd(52)}${String(Math.round(ms)).padStart(7)} ms  ${String(findings).padStart(5)} findings  runs ${times.map(Math.round).join(' / ')}${verdict}`);
}

mkdirSync(resolve(opt.out), { recursive: true });
const outFile = join(resolve(opt.out), 'largeFiles.json');
writeFileSync(outFile, JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, results }, null, 2) + '\n');
console.log(`\nwrote ${outFile}`);
process.exit(opt.strict && results.some((r) => r.pass === false) ? 1 : 0);
