// `datamesh check` for CI with a governance policy: exit codes, every output format, SARIF valid
// against the official 2.1.0 schema, --max-warnings, and the baseline (old findings pass, a new
// one fails, a fixed one shrinks it).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import Ajv from 'ajv';
import { datamesh } from '../support/cli';
import { repoRoot } from '../support/lspClient';

const T = { timeout: 60_000 };
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const POLICY = `kind: GovernancePolicy
apiVersion: v1
id: company
rules:
  ownership/required-owner: error
  naming/patterns: warning
`;
const TEAM = 'team:\n  name: t\n  members:\n    - username: a@x.example\n      role: owner\n';
const contract = (id: string, columns: string[], team = TEAM) =>
  `apiVersion: v3.1.0\nkind: DataContract\nid: ${id}\nversion: 1.0.0\nstatus: active\n${team}schema:\n  - name: t\n    properties:\n${columns.map((c) => `      - name: ${c}\n`).join('')}`;

/** A project folder with a policy and contracts. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'datamesh-governance-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries({ 'governance.policy.yaml': POLICY, ...files })) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('exit codes: an error fails, warnings pass unless --max-warnings is exceeded, and the human report names the rule', T, () => {
  const clean = project({ 'a.odcs.yaml': contract('a', ['ok']) });
  assert.equal(datamesh(clean, 'check').status, 0);
  const warned = project({ 'a.odcs.yaml': contract('a', ['badName']) });
  const run = datamesh(warned, 'check');
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /warning +The column 'badName' does not match the pattern .* governance\/naming\/patterns \(Data Mesh governance\)/);
  assert.equal(datamesh(warned, 'check', '--max-warnings', '1').status, 0);
  const over = datamesh(warned, 'check', '--max-warnings=0');
  assert.equal(over.status, 1);
  assert.match(over.stderr, /1 warnings, more than --max-warnings 0/);
  assert.equal(datamesh(warned, 'check', '--max-warnings', 'many').status, 2);
  const failed = project({ 'a.odcs.yaml': contract('a', ['ok'], '') });
  assert.equal(datamesh(failed, 'check').status, 1);
});

test('--format sarif: valid SARIF 2.1.0 with the rule catalogue, help URIs and fixes', T, () => {
  const dir = project({ 'a.odcs.yaml': contract('a', ['badName']), 'b.odcs.yaml': contract('b', ['ok'], '') });
  const run = datamesh(dir, 'check', '--format', 'sarif');
  assert.equal(run.status, 1);
  const sarif = JSON.parse(run.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[] }[] }[] };
  const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-2.1.0.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  const [only] = sarif.runs;
  const rules = only!.tool.driver.rules;
  // Every rule's help is its page shipped beside dist/cli.js: an absolute file URI that exists.
  const lineage = rules.find((r) => r.id === 'governance/classification/lineage-classification')!;
  assert.equal(lineage.helpUri, pathToFileURL(join(repoRoot, 'docs', 'rules', 'classification', 'lineage-classification.md')).href);
  for (const rule of rules.filter((r) => r.id.startsWith('governance/'))) assert.ok(rule.helpUri && existsSync(fileURLToPath(rule.helpUri)), `${rule.id}: ${rule.helpUri}`);
  const naming = only!.results.find((r) => r.ruleId === 'governance/naming/patterns')!;
  assert.equal(rules[naming.ruleIndex]!.id, naming.ruleId);
  assert.equal(naming.level, 'warning');
  assert.deepEqual(naming.locations[0]!.physicalLocation.artifactLocation.uri, 'a.odcs.yaml');
  assert.equal(naming.fixes![0]!.artifactChanges[0]!.replacements[0]!.insertedContent.text, 'bad_name');
  assert.equal(only!.results.find((r) => r.ruleId === 'governance/ownership/required-owner')!.level, 'error');
});

test('--format junit and --format github', T, () => {
  const dir = project({ 'a.odcs.yaml': contract('a', ['badName']), 'b.odcs.yaml': contract('b', ['ok']) });
  const junit = datamesh(dir, 'check', '--format', 'junit');
  assert.match(junit.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="datamesh check" tests="3" failures="1">/);
  assert.match(junit.stdout, /<testcase name="a.odcs.yaml:14:15 governance\/naming\/patterns" classname="a.odcs.yaml">\n {6}<failure message="The column &apos;badName&apos;/);
  assert.match(junit.stdout, /<testcase name="b.odcs.yaml" classname="datamesh"\/>/);
  const github = datamesh(dir, 'check', '--format', 'github');
  assert.equal(github.stdout, "::warning file=a.odcs.yaml,line=14,col=15,endLine=14,endColumn=22,title=governance/naming/patterns::The column 'badName' does not match the pattern ^[a-z][a-z0-9_]*$. Did you mean 'bad_name'?\n");
});

test('baseline: recorded findings pass, a new one fails, a fixed one shrinks the baseline, and it survives unrelated edits', T, () => {
  const dir = project({ 'a.odcs.yaml': contract('a', ['badName', 'otherBad']) });
  const write = datamesh(dir, 'check', '--update-baseline', '--baseline', 'baseline.json');
  assert.equal(write.status, 0, write.stderr);
  const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { files: Record<string, Record<string, Record<string, number>>> };
  assert.deepEqual(baseline.files['a.odcs.yaml'], { 'governance/naming/patterns': { 'schema[t].properties[badName].name': 1, 'schema[t].properties[otherBad].name': 1 } });
  // A column inserted above them moves their lines and indexes: still the same findings.
  writeFileSync(join(dir, 'a.odcs.yaml'), contract('a', ['first_ok', 'badName', 'otherBad']));
  const known = datamesh(dir, 'check', '--baseline', 'baseline.json', '--max-warnings', '0');
  assert.equal(known.status, 0, known.stdout + known.stderr);
  assert.match(known.stderr, /2 findings in the baseline baseline.json not shown/);
  writeFileSync(join(dir, 'a.odcs.yaml'), contract('a', ['badName', 'otherBad', 'newBad']));
  const added = datamesh(dir, 'check', '--baseline', 'baseline.json', '--max-warnings', '0', '--format', 'json');
  assert.equal(added.status, 1);
  assert.deepEqual((JSON.parse(added.stdout) as { files: { diagnostics: { message: string }[] }[] }).files[0]!.diagnostics.map((d) => d.message.split(' ')[2]), ["'newBad'"]);
  writeFileSync(join(dir, 'a.odcs.yaml'), contract('a', ['bad_name', 'otherBad']));
  const fixedOne = datamesh(dir, 'check', '--baseline', 'baseline.json', '--max-warnings', '0');
  assert.equal(fixedOne.status, 0);
  const shrunk = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as typeof baseline;
  assert.deepEqual(shrunk.files['a.odcs.yaml'], { 'governance/naming/patterns': { 'schema[t].properties[otherBad].name': 1 } });
  // The fixed finding cannot come back unnoticed.
  writeFileSync(join(dir, 'a.odcs.yaml'), contract('a', ['badName', 'otherBad']));
  assert.equal(datamesh(dir, 'check', '--baseline', 'baseline.json', '--max-warnings', '0').status, 1);
  assert.equal(datamesh(dir, 'check', '--baseline', 'missing.json').status, 2);
});

test('--policy reads a policy outside the checked folder; a catastrophic pattern in it is reported, never hangs', T, () => {
  const dir = project({ 'data/a.odcs.yaml': contract('a', ['badName']) });
  writeFileSync(join(dir, 'governance.policy.yaml'), `${POLICY}  descriptions/required-description:\n    severity: warning\n    options:\n      fields: purpose\n  servers/allowed:\n    severity: error\n    options:\n      types: "(a+)+$"\n`);
  const run = datamesh(dir, 'check', 'data', '--policy', 'governance.policy.yaml', '--format', 'json');
  const report = JSON.parse(run.stdout) as { files: { path: string; diagnostics: { code: string }[] }[] };
  assert.deepEqual(report.files.find((f) => f.path === 'governance.policy.yaml')!.diagnostics.map((d) => d.code), ['governance/policy/invalid-option', 'governance/policy/invalid-option']);
  assert.ok(report.files.find((f) => f.path.endsWith('a.odcs.yaml'))!.diagnostics.some((d) => d.code === 'governance/naming/patterns'));
});

test('rule links: the JSON report links each governance finding to its page beside dist/cli.js; a CLI bundle copied away from its docs links nothing', T, () => {
  const dir = project({ 'a.odcs.yaml': contract('a', ['badName']) });
  type Linked = { files: { diagnostics: { code: string; href?: string }[] }[] };
  const linked = (JSON.parse(datamesh(dir, 'check', '--format', 'json').stdout) as Linked).files.flatMap((f) => f.diagnostics);
  const naming = linked.find((d) => d.code === 'governance/naming/patterns')!;
  assert.equal(naming.href, pathToFileURL(join(repoRoot, 'docs', 'rules', 'naming', 'patterns.md')).href);
  assert.ok(existsSync(fileURLToPath(naming.href)));

  const copied = join(dir, 'elsewhere', 'dist');
  mkdirSync(copied, { recursive: true });
  copyFileSync(join(repoRoot, 'dist', 'cli.js'), join(copied, 'cli.js'));
  const run = (format: string) => spawnSync(process.execPath, [join(copied, 'cli.js'), 'check', '--format', format], { cwd: dir, encoding: 'utf8' }).stdout;
  const unlinked = (JSON.parse(run('json')) as Linked).files.flatMap((f) => f.diagnostics);
  assert.ok(unlinked.some((d) => d.code === 'governance/naming/patterns'));
  assert.ok(unlinked.every((d) => d.href === undefined));
  const sarif = JSON.parse(run('sarif')) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] };
  const rules = sarif.runs[0]!.tool.driver.rules;
  assert.ok(rules.some((r) => r.id === 'governance/naming/patterns'));
  assert.ok(rules.every((r) => r.helpUri === undefined));
});

test('datamesh report: the governance summary as Markdown or JSON, exit 0 whatever it finds; a bad format is a usage error', T, () => {
  const dir = project({ 'sales/a.odcs.yaml': contract('a', ['badName']).replace('status: active', 'status: active\ndomain: sales'), 'b.odcs.yaml': contract('b', ['ok'], '') });
  const md = datamesh(dir, 'report');
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /^# Governance report\n\n3 files checked: 1 error, 1 warning, 0 infos\.\n/);
  assert.match(md.stdout, /## Domain sales\n\n1 contract: 0 errors, 1 warning, 0 infos\. Most broken: `governance\/naming\/patterns` \(1\)\./);
  assert.match(md.stdout, /\| a \| contract \| 0 \| 1 \| 0 \| `governance\/naming\/patterns` \| sales\/a\.odcs\.yaml \|/);
  assert.match(md.stdout, /## Files without a domain[\s\S]*\| b \| contract \| 1 \| 0 \| 0 \| `governance\/ownership\/required-owner` \| b\.odcs\.yaml \|/);
  const json = datamesh(dir, 'report', '--format', 'json');
  assert.equal(json.status, 0);
  const report = JSON.parse(json.stdout) as { files: number; domains: { domain?: string; items: { name: string }[] }[] };
  assert.equal(report.files, 3);
  assert.deepEqual(report.domains.map((d) => d.domain ?? null), ['sales', null]);
  assert.equal(datamesh(dir, 'report', '--format', 'sarif').status, 2);
});
