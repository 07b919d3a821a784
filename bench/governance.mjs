#!/usr/bin/env node
// Governance benchmark: `datamesh check` over the synthetic mesh (N products, 2N+1 files; N=10000 is
// the 20,000-file mesh) with every governance rule on (a policy that extends datamesh:recommended)
// against the same run with no policy. Wall time of the whole command, Node start included; runs
// alternate so that both see the same machine load. Budget: rules cost at most 30 % more.
//
//   node bench/governance.mjs [--n 10000] [--seed 42] [--runs 3] [--out bench/results] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateMesh } from './generate.mjs';
import { EVERY_RULE_POLICY as POLICY } from './policy.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: join(REPO, 'bench/results') },
    keep: { type: 'boolean', default: false },
  },
});
const BUDGET = 1.3;

const dir = mkdtempSync(join(tmpdir(), 'datamesh-governance-bench-'));
const mesh = generateMesh({ n: Number(opt.n), seed: Number(opt.seed), dir });
const policyPath = join(dir, 'governance.policy.yaml');
console.log(`mesh: ${mesh.files.length} files in ${dir}`);

function run(withPolicy) {
  if (withPolicy) writeFileSync(policyPath, POLICY);
  else rmSync(policyPath, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`datamesh check failed (${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  const governance = report.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.code.startsWith('governance/')).length, 0);
  return { ms, files: report.summary.meshFiles, findings: report.files.reduce((n, f) => n + f.diagnostics.length, 0), governance };
}

const rows = { none: [], every: [] };
run(false); // warm the disk cache
for (let i = 0; i < Number(opt.runs); i++) {
  rows.none.push(run(false));
  rows.every.push(run(true));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const none = median(rows.none.map((r) => r.ms));
const every = median(rows.every.map((r) => r.ms));
const ratio = every / none;
const summary = {
  files: mesh.files.length,
  runs: Number(opt.runs),
  noPolicyMs: rows.none.map((r) => Math.round(r.ms)),
  everyRuleMs: rows.every.map((r) => Math.round(r.ms)),
  medianNoPolicyMs: Math.round(none),
  medianEveryRuleMs: Math.round(every),
  ratio: Number(ratio.toFixed(3)),
  budget: BUDGET,
  governanceFindings: rows.every[0].governance,
  verdict: ratio <= BUDGET ? 'ok' : 'OVER BUDGET',
};
console.log(JSON.stringify(summary, null, 2));
mkdirSync(opt.out, { recursive: true });
writeFileSync(join(opt.out, 'governance.json'), `${JSON.stringify(summary, null, 2)}\n`);
if (!opt.keep) rmSync(dir, { recursive: true, force: true });
