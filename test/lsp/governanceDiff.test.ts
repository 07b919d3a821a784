// `datamesh diff --base REF`: breaking changes of contracts and products against a git base, built
// by the test in a temporary repository with git itself; each names the consumers it breaks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { ordersContract, POSTGRES_SERVER, REVENUE_CONSUMER as CONSUMER } from '../support/breakingFixtures';
import { checkJson, datamesh } from '../support/cli';

const T = { timeout: 60_000 };
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// A server and an SLA besides the columns, so the diff has servers and SLA properties to compare.
const SERVER_AND_SLA = `${POSTGRES_SERVER}slaProperties:\n  - property: latency\n    value: 4\n    unit: h\n`;
const contract = (version: string, body: string) => ordersContract(version, body, SERVER_AND_SLA);
const COLUMNS = '      - name: order_id\n        logicalType: string\n      - name: amount\n        logicalType: number\n      - name: status\n        logicalType: string\n        logicalTypeOptions:\n          enum: [open, shipped]\n';
const DERIVED = `apiVersion: v3.1.0
kind: DataContract
id: revenue-daily
version: 1.0.0
status: active
schema:
  - name: daily
    properties:
      - name: total
        transformSourceObjects: [sales.orders.amount]
`;

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'datamesh-diff-'));
  dirs.push(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'test');
  mkdirSync(join(dir, 'mesh'));
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), contract('1.2.0', COLUMNS));
  writeFileSync(join(dir, 'mesh', 'revenue.odps.yaml'), CONSUMER);
  writeFileSync(join(dir, 'mesh', 'revenue-daily.odcs.yaml'), DERIVED);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  return dir;
}

interface DiffJson {
  files: { path: string; from?: string; suggestedVersion?: string; changes: { check: string; category: string; consumers: string[] }[] }[];
}

test('a removed column, a narrowed type, a required column, a removed enum value, server and a looser SLA: each with its consumers and the bump', T, () => {
  const dir = repo();
  const changed = contract('1.3.0', '      - name: order_id\n        logicalType: integer\n        required: true\n      - name: status\n        logicalType: string\n        logicalTypeOptions:\n          enum: [open]\n')
    .replace('servers:\n  - server: prod\n    type: postgres\n    schema: sales\n', 'servers:\n  - server: prod2\n    type: postgres\n    schema: sales\n')
    .replace('value: 4', 'value: 8');
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), changed);
  const run = datamesh(dir, 'diff', '--base', 'HEAD', '--format', 'json', 'mesh');
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as DiffJson;
  const [file] = report.files;
  assert.equal(file!.path, 'mesh/orders.odcs.yaml');
  assert.equal(file!.suggestedVersion, '2.0.0');
  assert.deepEqual(file!.changes.map((c) => `${c.check} ${c.category}`).sort(), ['column-made-required schema', 'column-removed schema', 'column-type-changed schema', 'enum-value-removed schema', 'server-removed servers', 'sla-loosened sla']);
  const removed = file!.changes.find((c) => c.check === 'column-removed')!;
  assert.deepEqual(removed.consumers.sort(), ['revenue', 'revenue-daily: daily.total']);
  const human = datamesh(dir, 'diff', '--base', 'HEAD', 'mesh');
  assert.match(human.stdout, /mesh\/orders\.odcs\.yaml {2}1\.2\.0 → 1\.3\.0; breaking: bump the version to 2\.0\.0/);
  assert.match(human.stdout, /column-removed +\[schema\] +The column 'orders\.amount' was removed \(or renamed\)\. +Breaks: revenue, revenue-daily: daily\.total\./);
});

test('a major bump passes; no change is clean; a deleted contract breaks its consumers', T, () => {
  const dir = repo();
  assert.match(datamesh(dir, 'diff', '--base', 'HEAD', 'mesh').stdout, /✔ No breaking changes against HEAD\./);
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), contract('2.0.0', '      - name: order_id\n        logicalType: string\n'));
  assert.equal(datamesh(dir, 'diff', '--base', 'HEAD', 'mesh').status, 0);
  unlinkSync(join(dir, 'mesh', 'orders.odcs.yaml'));
  const gone = JSON.parse(datamesh(dir, 'diff', '--base', 'HEAD', '--format', 'json', 'mesh').stdout) as DiffJson;
  assert.deepEqual(gone.files.map((f) => [f.path, f.changes.map((c) => c.check), f.changes[0]!.consumers]), [['mesh/orders.odcs.yaml', ['contract-removed'], ['revenue']]]);
});

test('a renamed file is compared with its old path; a bad base or no repository is a clear message, exit 2', T, () => {
  const dir = repo();
  execFileSync('git', ['mv', 'mesh/orders.odcs.yaml', 'mesh/orders-v1.odcs.yaml'], { cwd: dir });
  writeFileSync(join(dir, 'mesh', 'orders-v1.odcs.yaml'), contract('1.2.1', '      - name: order_id\n        logicalType: string\n      - name: amount\n        logicalType: number\n'));
  const renamed = JSON.parse(datamesh(dir, 'diff', '--base', 'HEAD', '--format', 'json', 'mesh').stdout) as DiffJson;
  assert.deepEqual(renamed.files.map((f) => [f.path, f.from, f.changes.map((c) => c.check)]), [['mesh/orders-v1.odcs.yaml', 'mesh/orders.odcs.yaml', ['column-removed']]]);
  const bad = datamesh(dir, 'diff', '--base', 'no-such-ref', 'mesh');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /The base 'no-such-ref' is not a commit of this repository\./);
  const outside = mkdtempSync(join(tmpdir(), 'datamesh-nogit-'));
  dirs.push(outside);
  writeFileSync(join(outside, 'a.odcs.yaml'), contract('1.0.0', COLUMNS));
  const none = datamesh(outside, 'diff', '--base', 'HEAD', '.');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /not inside a git repository/);
  assert.equal(datamesh(dir, 'diff', 'mesh').status, 2);
});

// `datamesh check --base REF`: the same breaking-change and versioning findings as the editor, in every format.
const POLICY = 'kind: GovernancePolicy\napiVersion: v1\nid: company\nrules:\n  versioning/major-bump-required: error\n';
// The contract with a server the schema accepts, so the exit code is the breaking changes' alone.
const valid = (text: string) => text.replace('    type: postgres\n', '    type: postgres\n    host: db.example\n    port: 5432\n    database: sales_db\n');
const TWO = '      - name: order_id\n        logicalType: string\n      - name: amount\n        logicalType: number\n';
const WITHOUT_AMOUNT = '      - name: order_id\n        logicalType: string\n';

test('check --base: a changed contract gets its breaking changes and the versioning error, in every output format', T, () => {
  const dir = repo();
  writeFileSync(join(dir, 'mesh', 'policy.yaml'), POLICY);
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), valid(contract('1.2.0', TWO)));
  execFileSync('git', ['add', '.'], { cwd: dir });
  execFileSync('git', ['commit', '-q', '-m', 'policy'], { cwd: dir });
  // Not a keystroke of difference: the base breaks nothing, and the check is clean.
  const clean = datamesh(dir, 'check', '--base', 'HEAD', 'mesh');
  assert.equal(clean.status, 0, clean.stdout);
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), valid(contract('1.3.0', WITHOUT_AMOUNT)));
  const run = checkJson(dir, '--base', 'HEAD', 'mesh');
  assert.equal(run.status, 1, run.stderr);
  const orders = run.report.files.find((f) => f.path === 'mesh/orders.odcs.yaml')!;
  assert.deepEqual(orders.diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}`), ['governance/versioning/major-bump-required error 4', 'breaking/column-removed warning 19']);
  assert.match(orders.diagnostics[1]!.message, /The column 'orders\.amount' was removed \(or renamed\)\. It breaks revenue, revenue-daily: daily\.total\. Bump the version to 2\.0\.0\./);
  // The other files did not change: nothing to compare.
  assert.deepEqual(run.report.files.flatMap((f) => f.diagnostics.filter((d) => d.code.startsWith('breaking/')).map(() => f.path)), ['mesh/orders.odcs.yaml']);
  // Without --base, the check knows nothing of the base.
  assert.deepEqual(checkJson(dir, 'mesh').report.files.flatMap((f) => f.diagnostics.map((d) => d.code)), []);

  const human = datamesh(dir, 'check', '--base', 'HEAD', 'mesh');
  assert.match(human.stdout, /19:\d+ +warning +Breaking schema change against HEAD: The column 'orders\.amount' was removed/);
  assert.match(human.stdout, /breaking\/column-removed/);
  const sarif = JSON.parse(datamesh(dir, 'check', '--base', 'HEAD', '--format', 'sarif', 'mesh').stdout) as { runs: { results: { ruleId: string; fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[] }[] }[] };
  const results = sarif.runs[0]!.results;
  const rules = (sarif.runs[0] as unknown as { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }).tool.driver.rules;
  const help = rules.find((r) => r.id === 'breaking/column-removed')?.helpUri;
  assert.ok(help?.startsWith('file:') && help.endsWith('/docs/rules/breaking/changes.md') && existsSync(fileURLToPath(help)), `helpUri ${help}`);
  assert.deepEqual(results.map((r) => r.ruleId).sort(), ['breaking/column-removed', 'governance/versioning/major-bump-required']);
  assert.equal(results.find((r) => r.ruleId.startsWith('governance/'))!.fixes?.[0]?.artifactChanges[0]?.replacements[0]?.insertedContent.text, '2.0.0');
  assert.match(datamesh(dir, 'check', '--base', 'HEAD', '--format', 'junit', 'mesh').stdout, /<testcase name="mesh\/orders\.odcs\.yaml:19:\d+ breaking\/column-removed"/);
  assert.match(datamesh(dir, 'check', '--base', 'HEAD', '--format', 'github', 'mesh').stdout, /::warning file=mesh\/orders\.odcs\.yaml,line=19,.*title=breaking\/column-removed::Breaking schema change/);

  // The major version bumped: the change is intended, shown as information, and the check passes.
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), valid(contract('2.0.0', WITHOUT_AMOUNT)));
  const bumped = checkJson(dir, '--base', 'HEAD', 'mesh');
  assert.equal(bumped.status, 0, bumped.stdout);
  // (The consumer's port still names version 1.0.0: mesh/version-mismatch tells it, a warning.)
  assert.deepEqual(bumped.report.files.flatMap((f) => f.diagnostics.map((d) => `${d.code} ${d.severity}`)).filter((c) => !c.startsWith('mesh/version-mismatch')), ['breaking/column-removed info']);
});

test('check --base: a bad base is a clear message, exit 2; a file new since the base breaks nothing', T, () => {
  const dir = repo();
  const bad = datamesh(dir, 'check', '--base', 'no-such-ref', 'mesh');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /The base 'no-such-ref' is not a commit of this repository\./);
  writeFileSync(join(dir, 'mesh', 'new.odcs.yaml'), contract('1.0.0', COLUMNS).replace('id: orders', 'id: fresh'));
  const run = checkJson(dir, '--base', 'HEAD', 'mesh');
  assert.deepEqual(run.report.files.flatMap((f) => f.diagnostics.map((d) => d.code).filter((c) => c.startsWith('breaking/'))), []);
});

test('a shallow clone without the base says to fetch it; a detached HEAD is a base like any commit', T, () => {
  const dir = repo();
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), contract('1.3.0', COLUMNS));
  execFileSync('git', ['commit', '-q', '-am', 'second'], { cwd: dir });
  // A clone of depth 1, as CI checkouts are by default: HEAD~1 is not in it.
  const clone = mkdtempSync(join(tmpdir(), 'datamesh-shallow-'));
  dirs.push(clone);
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, clone], { stdio: 'pipe' });
  for (const command of ['diff', 'check']) {
    const run = datamesh(clone, command, '--base', 'HEAD~1', 'mesh');
    assert.equal(run.status, 2, run.stdout);
    assert.match(run.stderr, /The base 'HEAD~1' is not a commit of this repository\. This is a shallow clone: fetch the base first/);
  }
  // Detached at the first commit, with the second one's contract in the work tree: compared with the first.
  execFileSync('git', ['checkout', '-q', '--detach', 'HEAD~1'], { cwd: dir });
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), contract('1.3.0', WITHOUT_AMOUNT));
  const report = JSON.parse(datamesh(dir, 'diff', '--base', 'HEAD', '--format', 'json', 'mesh').stdout) as DiffJson;
  assert.deepEqual(report.files.map((f) => [f.path, f.changes.map((c) => c.check).sort()]), [['mesh/orders.odcs.yaml', ['column-removed', 'column-removed']]]);
});
