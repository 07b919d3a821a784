// The command line as users run it: node dist/cli.js, its output, and its exit codes (0 clean, 1 errors, 2 usage).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/lspClient';

const T = { timeout: 60_000 };

function datamesh(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('check on the sample mesh: every broken example is reported, and the exit code says there are errors', T, () => {
  const { status, stdout } = datamesh('check', 'examples/');
  assert.equal(status, 1);
  const broken = readdirSync(join(repoRoot, 'examples', 'broken'));
  assert.ok(broken.length >= 10);
  for (const file of broken) assert.ok(stdout.includes(`examples/broken/${file}\n`), `${file} is not reported:\n${stdout}`);
  assert.match(stdout, /✖ \d+ problems \(\d+ errors, \d+ warnings\) in \d+ of 27 data-mesh files/);
  assert.match(stdout, /32:9 +error +Property 'descripton' is not allowed here\. Did you mean 'description'\? +schema\/unknown-property \(ODCS v3\.1\.0\)/);
});

test('check of files without errors exits 0, warnings allowed', T, () => {
  // One domain alone: its references into the other domains are warnings, not errors.
  const { status, stdout } = datamesh('check', 'examples/sales');
  assert.equal(status, 0, stdout);
  assert.match(stdout, /\(0 errors, \d+ warnings\)/);
});

test('check --format json: one entry per file, 1-based positions, and a summary', T, () => {
  const { status, stdout } = datamesh('check', '--format', 'json', 'examples/broken/misspelt-key.odcs.yaml');
  assert.equal(status, 1);
  const report = JSON.parse(stdout) as { files: { path: string; kinds: string[]; diagnostics: Record<string, unknown>[] }[]; summary: Record<string, number> };
  assert.deepEqual(report.files.map((f) => [f.path, f.kinds]), [['examples/broken/misspelt-key.odcs.yaml', ['ODCS v3.1.0']]]);
  assert.deepEqual(report.files[0]!.diagnostics, [
    { severity: 'error', code: 'schema/unknown-property', source: 'ODCS v3.1.0', message: "Property 'descripton' is not allowed here. Did you mean 'description'?", line: 32, column: 9, endLine: 32, endColumn: 19 },
  ]);
  assert.deepEqual(report.summary, { scanned: 1, meshFiles: 1, errors: 1, warnings: 0 });
});

test('check of the official ODPS example: two versions of a port are not duplicates', T, () => {
  const { stdout } = datamesh('check', '--format', 'json', 'test/fixtures/standards/odps-bitol/examples/customer-data-product.odps.yaml');
  const report = JSON.parse(stdout) as { files: { diagnostics: { code: string }[] }[] };
  assert.deepEqual(report.files[0]!.diagnostics.filter((d) => d.code === 'mesh/duplicate-id'), []);
});

test('check of the official ODCS examples whose SLA elements and relationships name tables they do not describe: warnings, exit 0', T, () => {
  for (const example of ['all/full-example.odcs.yaml', 'sla/database-table-sla.odcs.yaml']) {
    const { status, stdout } = datamesh('check', `test/fixtures/standards/odcs/examples/${example}`);
    assert.equal(status, 0, stdout);
    assert.match(stdout, /\(0 errors, \d+ warnings\)/);
    assert.match(stdout, /warning +No table 'tab1' in this contract \(its schema has [^)]*\), so 'tab1\.txn_ref_dt' may be a column outside it and is not checked\. +mesh\/unresolved-reference/);
  }
});

test('graph prints the lineage as Mermaid and DOT', T, () => {
  const mermaid = datamesh('graph', '--format', 'mermaid', 'examples/');
  assert.equal(mermaid.status, 0);
  assert.match(mermaid.stdout, /^flowchart LR\n/);
  // Arrows follow the data and read left to right: product publishes contract, contract consumed by product.
  assert.match(mermaid.stdout, /\n {2}n\d+ -->\|publishes\| n\d+\n/);
  assert.match(mermaid.stdout, /\n {2}n\d+ -->\|consumed by\| n\d+\n/);
  assert.doesNotMatch(mermaid.stdout, /consumes/);
  const dot = datamesh('graph', '--format=dot', 'examples/');
  assert.equal(dot.status, 0);
  assert.match(dot.stdout, /^digraph/);
  assert.match(dot.stdout, /\n {2}"contract:sales-orders-v1" -> "product:customer-360" \[label="consumed by"\];\n/);
  // The same on every machine: a product without an id is named by its path from the current folder.
  assert.match(dot.stdout, /"product:examples\/broken\/missing-id\.odps\.yaml#0" \[label=/);
  assert.doesNotMatch(dot.stdout, /file:/);
});

test('bad usage exits 2 with the reason and the usage on stderr', T, () => {
  for (const [args, reason] of [
    [[], /Usage: datamesh check/],
    [['nope'], /Unknown command 'nope'/],
    [['check', '--format', 'xml'], /Unknown format 'xml' for check; use human, json/],
    [['check', '--strict'], /Unknown option '--strict'/],
    [['check', 'no/such/folder'], /Cannot read 'no\/such\/folder'/],
  ] as [string[], RegExp][]) {
    const { status, stdout, stderr } = datamesh(...args);
    assert.equal(status, 2, args.join(' '));
    assert.equal(stdout, '', args.join(' '));
    assert.match(stderr, reason);
  }
});

test('--version prints the package version', T, () => {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual([datamesh('--version').status, datamesh('--version').stdout.trim()], [0, version]);
});
