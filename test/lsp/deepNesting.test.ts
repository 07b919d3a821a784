// Files nested thousands of levels deep in the workspace: the server's start-up scan and the command line
// refuse them before parsing (two deep parses in one process used to abort V8), report them, and go on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-protocol/node';
import type { IndexStatus } from '../../protocol/protocol';
import { rangeOf, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 30_000 };
const CONTRACT = 'sales-orders-v1.odcs.yaml';
const PRODUCT = 'sales-revenue.odps.yaml';
const blockLevels = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + line(i)).join('\n') + ' x\n';

/** Deep files of every shape next to a contract and a product that consumes it. */
const DEEP: Record<string, string> = {
  'flow-open.odcs.yaml': '['.repeat(2000),
  'flow-closed.odps.yaml': `${'['.repeat(1000)}${']'.repeat(1000)}\n`,
  'flow-maps.odcs.yaml': `kind: DataContract\napiVersion: v3.1.0\nid: deep\nschema: ${'{a: '.repeat(2000)}`,
  'flow-maps-closed.yaml': `kind: DataProduct\napiVersion: v1.0.0\nid: deep\nx: ${'{a: '.repeat(1000)}b${'}'.repeat(1000)}\n`,
  'block-maps.yaml': `kind: DataContract\napiVersion: v3.1.0\n${blockLevels(1000, (i) => `k${i}:`)}`,
  'block-lists.odcs.yaml': blockLevels(1000, () => '-'),
  // Two of these in one process used to abort it ("RegExpCompiler Allocation failed", exit 134).
  'a.yaml': '['.repeat(2000),
  'b.yaml': '['.repeat(2000),
};
const NOT_MESH = new Set(['a.yaml', 'b.yaml']);

function meshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'datamesh-deep-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const file of [CONTRACT, PRODUCT]) writeFileSync(join(dir, file), readFileSync(join(repoRoot, 'examples', 'sales', file), 'utf8'));
  for (const [file, text] of Object.entries(DEEP)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('deeply nested files in the workspace', () => {
  const dir = meshFolder();
  const uri = (file: string) => pathToFileURL(join(dir, file)).href;
  const server = startServer({ settings: { dataMesh: { validate: { enable: true } } } });

  test('the scan survives them, references still work, and an open one gets limit/too-deep', T, async () => {
    await server.initialize(pathToFileURL(dir).href);
    const status = await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready').catch((error: Error) => {
      throw new Error(`${error.message}\nexit code ${server.child.exitCode}\n${server.log().slice(-2000)}`);
    });
    assert.equal(status.meshFiles, 8, JSON.stringify(status));

    const contract = readFileSync(join(dir, CONTRACT), 'utf8');
    const product = readFileSync(join(dir, PRODUCT), 'utf8');
    await server.open(uri(CONTRACT), contract);
    const { start } = rangeOf(contract, 'sales-orders-v1', contract.indexOf('id: sales-orders-v1'));
    const refs = await server.request<Location[]>('textDocument/references', { textDocument: { uri: uri(CONTRACT) }, position: start, context: { includeDeclaration: false } });
    assert.deepEqual(
      refs.map((l) => [l.uri, l.range]),
      [...product.matchAll(/sales-orders-v1/g)].map((m) => [uri(PRODUCT), rangeOf(product, m[0], m.index)]),
    );

    for (const [file, depth] of [['flow-open.odcs.yaml', '2,000'], ['block-maps.yaml', '1,000']] as const) {
      await server.open(uri(file), DEEP[file]!);
      const { diagnostics } = await server.waitForDiagnostics(uri(file));
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.message]),
        [['limit/too-deep', `This file is nested ${depth} levels deep; the limit is 100, so it is not read or checked. Nest maps and lists at most 100 levels deep.`]],
      );
    }
    assert.equal(server.child.exitCode, null, server.log());
  });
});

test('datamesh check on deeply nested files exits 1 and reports each of them', T, () => {
  const dir = meshFolder();
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', dir], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr.slice(0, 2000));
  const reported = [...run.stdout.matchAll(/^(\S+\.ya?ml)\n\s+\d+:\d+\s+error\s+This file is nested [\d,]+ levels deep; the limit is 100.*limit\/too-deep/gm)].map((m) => m[1]!.split('/').at(-1));
  assert.deepEqual(reported.sort(), Object.keys(DEEP).filter((f) => !NOT_MESH.has(f)).sort(), run.stdout);
});
