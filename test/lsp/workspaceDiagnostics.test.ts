// Workspace diagnostics: the Problems panel lists every file of the mesh, open or not, and the held
// request answers when the mesh changes, with only the files whose findings changed.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, FileChangeType, type WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import type { CheckSummary, IndexStatus } from '../../protocol/protocol';
import { copyToTemp, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 30_000 };
const BROKEN = 10;

type Previous = { uri: string; value: string }[];

function resultIds(report: WorkspaceDiagnosticReport): Previous {
  return report.items.flatMap((i) => (i.kind === 'full' && i.resultId ? [{ uri: i.uri, value: i.resultId }] : []));
}

describe('workspace diagnostics', () => {
  const mesh = copyToTemp(join(repoRoot, 'examples'));
  const settings = { dataMesh: { diagnostics: { scope: 'workspace' } } };
  const server = startServer({ pull: true, refreshSupport: true, watchedFiles: true, settings });
  let first: WorkspaceDiagnosticReport;
  const pull = (previousResultIds: Previous, token?: CancellationTokenSource) =>
    server.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'dataMesh', previousResultIds }, token?.token);
  const uriOf = (path: string) => pathToFileURL(join(mesh.dir, path)).href;

  before(async () => {
    await server.initialize(mesh.uri);
    await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready', 20_000);
    first = await pull([]);
  }, T);

  test('every file of the mesh is reported, none of them open; the broken ones with their findings', T, () => {
    const broken = first.items.filter((i) => i.kind === 'full' && i.items.length > 0).map((i) => i.uri);
    for (const item of first.items) assert.equal(item.version, null);
    assert.ok(broken.includes(uriOf('broken/misspelt-key.odcs.yaml')), broken.join('\n'));
    assert.equal(broken.filter((u) => u.includes('/broken/')).length, BROKEN, broken.join('\n'));
    assert.ok(first.items.some((i) => i.uri.includes('/sales/') && i.kind === 'full' && i.items.length === 0), 'clean files are reported empty');
  });

  test('an open document is left to document pulls', T, async () => {
    const uri = uriOf('broken/misspelt-key.odcs.yaml');
    await server.open(uri, 'kind: DataContract\n');
    const again = await pull([]);
    assert.ok(!again.items.some((i) => i.uri === uri));
    await server.close(uri);
  });

  test('with the result ids it holds, the client is answered when the mesh changes, with the changed file only', T, async () => {
    const previous = resultIds(await pull([]));
    const held = pull(previous);
    const added = join(mesh.dir, 'broken/new.odcs.yaml');
    writeFileSync(added, 'apiVersion: v3.1.0\nkind: DataContract\nid: new\nstatus: nonsense\n');
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(added).href, type: FileChangeType.Created }] });
    const report = await held;
    assert.deepEqual(report.items.map((i) => i.uri), [pathToFileURL(added).href]);
    const next = [...previous, ...resultIds(report)];
    rmSync(added);
    const gone = pull(next);
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(added).href, type: FileChangeType.Deleted }] });
    assert.deepEqual((await gone).items, [{ kind: 'full', uri: pathToFileURL(added).href, version: null, items: [] }]);
  });

  test('a held request that is cancelled is answered RequestCancelled', T, async () => {
    const source = new CancellationTokenSource();
    const held = pull(resultIds(await pull([])), source);
    source.cancel();
    await assert.rejects(held, (error: { code: number }) => error.code === -32800);
  });

  test('Check Workspace counts every file, as datamesh check does', T, async () => {
    const summary = await server.request<CheckSummary>('dataMesh/checkWorkspace', {});
    assert.equal(summary.files, first.items.length);
    assert.ok(summary.errors >= BROKEN - 2, JSON.stringify(summary));
    assert.equal(summary.skipped, 0);
  });

  test('scope openFiles clears what the panel held of closed files', T, async () => {
    const previous = resultIds(await pull([]));
    const held = pull(previous);
    await server.configure({ dataMesh: { diagnostics: { scope: 'openFiles' } } });
    const report = await held;
    assert.equal(report.items.length, previous.length);
    assert.ok(report.items.every((i) => i.kind === 'full' && i.items.length === 0 && i.resultId === undefined));
  });
});
