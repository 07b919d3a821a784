// Large files (dataMesh.maxFileSizeMB, 1 by default): validated, with one information saying that
// the features that need a syntax tree are off, so that they never slow the editor down; raising the
// setting turns them on. Past 10 MB a file is not checked in the editor at all.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CodeLens, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol/node';
import { contractOfSize } from '../support/generated';
import { type LspServer, positionAt, startServer } from '../support/lspClient';

const T = { timeout: 20_000 };
const INFORMATION = 3;
// Generous on a busy machine: a tree of 2 MB takes seconds, an answer without one milliseconds.
const QUICK_MS = 500;

async function pulled(server: LspServer, uri: string): Promise<Diagnostic[]> {
  const report = await server.pullDiagnostics(uri);
  return 'items' in report ? report.items : [];
}

/** The answer to a request and how long it took. */
async function timed<R>(answer: Promise<R>): Promise<{ result: R; ms: number }> {
  const started = performance.now();
  const result = await answer;
  return { result, ms: Math.round(performance.now() - started) };
}

describe('a 2 MB contract', () => {
  const server = startServer({ pull: true, refreshSupport: true, settings: { dataMesh: { maxFileSizeMB: 1 } } });
  const uri = 'file:///large/two-megabytes.odcs.yaml';
  const text = contractOfSize(2 * 1024 * 1024, 'big-orders', '      - name: last\n        logicalType: strnig\n');
  const textDocument = { uri };
  before(async () => {
    await server.initialize(null);
    await server.open(uri, text);
  }, T);

  test('gets limit/large-file (information) besides its real findings', T, async () => {
    const diagnostics = await pulled(server, uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]).sort(), [
      ['limit/large-file', INFORMATION],
      ['schema/invalid-value', 1],
    ]);
    assert.match(diagnostics.find((d) => d.code === 'limit/large-file')!.message, /2\.0 MB, larger than dataMesh\.maxFileSize \(1\.0 MB\)/);
  });

  test(`hover, document symbols and code lens answer empty, within ${QUICK_MS} ms each`, T, async () => {
    await pulled(server, uri); // its analysis is done: what is timed is the answer only
    const position = positionAt(text, text.indexOf('big-orders'));
    const hover = await timed(server.request<Hover | null>('textDocument/hover', { textDocument, position }));
    const symbols = await timed(server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument }));
    const lenses = await timed(server.request<CodeLens[]>('textDocument/codeLens', { textDocument }));
    assert.equal(hover.result, null);
    assert.deepEqual(symbols.result, []);
    assert.deepEqual(lenses.result, []);
    const times = `hover ${hover.ms} ms, symbols ${symbols.ms} ms, code lens ${lenses.ms} ms`;
    assert.ok(Math.max(hover.ms, symbols.ms, lenses.ms) < QUICK_MS, times);
  });

  test('with dataMesh.maxFileSizeMB raised to 5, document symbols answer its outline and limit/large-file is gone', T, async () => {
    server.skipServerRequests('workspace/diagnostic/refresh');
    await server.configure({ dataMesh: { maxFileSizeMB: 5 } });
    // The server asks the client to pull again once it has applied the new settings.
    await server.waitForServerRequest('workspace/diagnostic/refresh');
    const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
    assert.deepEqual(symbols.map((s) => s.name), ['big-orders']);
    assert.ok((symbols[0]!.children?.[0]?.children?.length ?? 0) > 10_000, 'every column is in the outline');
    assert.deepEqual((await pulled(server, uri)).map((d) => d.code), ['schema/invalid-value']);
  });
});

describe('a contract over 10 MB opened in the editor', () => {
  const server = startServer({ pull: true });
  before(() => server.initialize(null), T);

  test('gets limit/too-large, and the server keeps answering', T, async () => {
    const uri = 'file:///large/eleven-megabytes.odcs.yaml';
    const text = contractOfSize(11 * 1024 * 1024);
    await server.open(uri, text);
    const diagnostics = await pulled(server, uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['limit/too-large', INFORMATION]]);
    assert.equal(await server.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, text.indexOf('column_1')) }), null);
    assert.deepEqual(await server.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    const small = 'file:///large/small.odcs.yaml';
    await server.open(small, 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\ndescripton: x\n');
    assert.deepEqual((await pulled(server, small)).map((d) => d.code), ['schema/unknown-property']);
    assert.equal(server.child.exitCode, null);
  });
});
