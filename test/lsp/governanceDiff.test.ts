// `datamesh diff --base REF`: breaking changes of contracts and products against a git base, built
// by the test in a temporary repository with git itself; each names the consumers it breaks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { datamesh } from '../support/cli';

const T = { timeout: 60_000 };
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const contract = (version: string, body: string) => `apiVersion: v3.1.0
kind: DataContract
id: orders
version: ${version}
status: active
servers:
  - server: prod
    type: postgres
    schema: sales
slaProperties:
  - property: latency
    value: 4
    unit: h
schema:
  - name: orders
    properties:
${body}`;
const COLUMNS = '      - name: order_id\n        logicalType: string\n      - name: amount\n        logicalType: number\n      - name: status\n        logicalType: string\n        logicalTypeOptions:\n          enum: [open, shipped]\n';
const CONSUMER = `apiVersion: v1.0.0
kind: DataProduct
id: revenue
name: revenue
status: active
inputPorts:
  - name: orders
    version: 1.0.0
    contractId: orders
`;
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
