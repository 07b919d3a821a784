// Files the index does not read (over 10 MB, unreadable) are listed, and what they may define is
// unknown rather than missing: a reference that may point into one is unchecked, not broken. The
// editor's index and `datamesh check` agree; in CI a file that was not read is an error.
import assert from 'node:assert/strict';
import { chmodSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { IndexStatus } from '../../protocol/protocol';
import { checkJson } from '../support/cli';
import { tempWorkspace } from '../support/generated';
import { startServer } from '../support/lspClient';
import { contract, product } from '../support/mesh';

const T = { timeout: 20_000 };
const INFORMATION = 3;
const OVER_THE_CAP = 11 * 1024 * 1024; // disk/fileWalk.ts reads files up to 10 MB
const PRODUCT = product('sales-revenue', undefined, ['big-orders-v1']);
// chmod 000 does not keep root from reading a file.
const unreadableSkip = process.getuid?.() === 0 ? 'running as root, where chmod 000 does not make a file unreadable' : false;

/** A mesh whose product consumes a contract that nothing readable defines, next to a file of `size` bytes that the index skips. */
function meshWithSkippedFile(skipped: 'too large' | 'unreadable') {
  const workspace = tempWorkspace({ 'revenue.odps.yaml': PRODUCT, 'catalog.odcs.yaml': contract('sales-catalog-v1'), 'orders.odcs.yaml': contract('big-orders-v1') });
  const path = join(workspace.dir, 'orders.odcs.yaml');
  // Sparse: 11 MB that take no time and no disk to write.
  if (skipped === 'too large') truncateSync(path, OVER_THE_CAP);
  else chmodSync(path, 0o000);
  return workspace;
}

const codes = (diagnostics: { code?: unknown; severity?: unknown }[]) => diagnostics.map((d) => `${String(d.code)} (${String(d.severity)})`);

describe('a file over 10 MB in the workspace', () => {
  const workspace = meshWithSkippedFile('too large');
  const server = startServer({ pull: true, workspaceFolders: [workspace.uri] });
  let ready: Promise<IndexStatus>;
  before(async () => {
    await server.initialize(null);
    ready = server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
  }, T);

  test('the ready index status lists it under skipped, with the reason', T, async () => {
    const status = await ready;
    assert.deepEqual(status.skipped?.map((s) => [s.uri.slice(s.uri.lastIndexOf('/') + 1), s.reason]), [['orders.odcs.yaml', 'it is larger than 10 MB']]);
    assert.equal(status.meshFiles, 2);
  });

  test('a product consuming a contract it may define gets mesh/unchecked-reference (information), not mesh/unresolved-reference', T, async () => {
    const uri = workspace.uriOf('revenue.odps.yaml');
    await ready;
    await server.open(uri, PRODUCT);
    const report = await server.pullDiagnostics(uri);
    const items = ('items' in report ? report.items : []) as Diagnostic[];
    assert.deepEqual(codes(items), [`mesh/unchecked-reference (${INFORMATION})`]);
    assert.match(items[0]!.message, /'big-orders-v1' could not be checked: 1 file was not indexed \(orders\.odcs\.yaml: it is larger than 10 MB\)/);
  });
});

describe('datamesh check on a folder with a skipped file', () => {
  test('a file over 10 MB is reported as file/not-read (error, exit 1); the reference into it is unchecked', T, () => {
    const workspace = meshWithSkippedFile('too large');
    const { status, report } = checkJson(workspace.dir, '.');
    assert.equal(status, 1);
    const byPath = Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.code} (${d.severity})`)]));
    assert.deepEqual(byPath, { 'catalog.odcs.yaml': [], 'orders.odcs.yaml': ['file/not-read (error)'], 'revenue.odps.yaml': ['mesh/unchecked-reference (info)'] });
    assert.match(report.files.find((f) => f.path === 'orders.odcs.yaml')!.diagnostics[0]!.message, /not checked because it is larger than 10 MB/);
  });

  test('a file that cannot be read (chmod 000) is reported as file/not-read too', { ...T, skip: unreadableSkip }, () => {
    const workspace = meshWithSkippedFile('unreadable');
    const { status, report } = checkJson(workspace.dir, '.');
    assert.equal(status, 1);
    const orders = report.files.find((f) => f.path === 'orders.odcs.yaml');
    assert.deepEqual(orders?.diagnostics.map((d) => d.code), ['file/not-read'], JSON.stringify(report));
    assert.match(orders.diagnostics[0]!.message, /could not be read \(EACCES\)/);
    assert.deepEqual(report.files.find((f) => f.path === 'revenue.odps.yaml')?.diagnostics.map((d) => d.code), ['mesh/unchecked-reference']);
  });
});

describe('an unreadable file in the workspace', { skip: unreadableSkip }, () => {
  const workspace = meshWithSkippedFile('unreadable');
  const server = startServer({ workspaceFolders: [workspace.uri] });
  before(() => server.initialize(null), T);

  test('is listed under skipped in the ready index status', T, async () => {
    const status = await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
    assert.deepEqual(status.skipped?.map((s) => s.reason), ['it could not be read (EACCES)']);
  });
});

describe('datamesh check on an empty data-mesh file', () => {
  test('reports file/empty (error, exit 1)', T, () => {
    const workspace = tempWorkspace({ 'empty.odcs.yaml': '', 'orders.odcs.yaml': contract('sales-orders-v1') });
    const { status, report } = checkJson(workspace.dir, '.');
    assert.equal(status, 1);
    assert.deepEqual(
      report.files.map((f) => [f.path, codes(f.diagnostics)]),
      [
        ['empty.odcs.yaml', ['file/empty (error)']],
        ['orders.odcs.yaml', []],
      ],
    );
  });

  test('a file named on the command line that holds only whitespace is empty too', T, () => {
    const workspace = tempWorkspace({ 'blank.odcs.yaml': '\n  \n' });
    const { status, report } = checkJson(workspace.dir, 'blank.odcs.yaml');
    assert.equal(status, 1);
    assert.deepEqual(report.files[0]?.diagnostics.map((d) => [d.code, d.line, d.column]), [['file/empty', 1, 1]]);
  });
});
