// Cancellation: a request the client cancelled is answered with RequestCancelled (-32800), as the
// LSP asks, not with an empty success the client would show; a request not cancelled gets its result.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CancellationTokenSource, type DocumentSymbol, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { contractOfSize } from '../support/generated';
import { positionAt, startServer } from '../support/lspClient';

const T = { timeout: 20_000 };

/** The outcome of a request: its result, or the code of the error it was answered with. */
async function outcome<R>(answer: Promise<R>): Promise<{ result: R } | { error: number }> {
  try {
    return { result: await answer };
  } catch (error) {
    if (error instanceof ResponseError) return { error: error.code };
    throw error;
  }
}

describe('cancellation', () => {
  const server = startServer({ pull: true });
  before(() => server.initialize(null), T);

  test('hover, definition, document symbols and pull diagnostics cancelled right after they are sent are answered RequestCancelled; the request before them gets its symbols', T, async () => {
    // 400 KB (under dataMesh.maxFileSizeMB): the first request about it reads it on the server's
    // main thread, so the requests sent after it, and their cancellations, are all queued meanwhile.
    const uri = 'file:///cancel/big.odcs.yaml';
    const text = contractOfSize(400_000);
    const textDocument = { uri };
    const position = positionAt(text, text.indexOf('column_7'));
    await server.open(uri, text);
    const symbols = outcome(server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument }));

    const cancelledAtOnce = (method: string, params: object) => {
      const source = new CancellationTokenSource();
      const answer = outcome(server.request<unknown>(method, params, source.token));
      source.cancel();
      return answer;
    };
    const cancelled = {
      hover: cancelledAtOnce('textDocument/hover', { textDocument, position }),
      definition: cancelledAtOnce('textDocument/definition', { textDocument, position }),
      documentSymbol: cancelledAtOnce('textDocument/documentSymbol', { textDocument }),
      diagnostic: cancelledAtOnce('textDocument/diagnostic', { textDocument }),
    };

    for (const [method, answer] of Object.entries(cancelled)) assert.deepEqual(await answer, { error: LSPErrorCodes.RequestCancelled }, method);
    const answered = await symbols;
    assert.ok('result' in answered && answered.result.length === 1 && answered.result[0]!.name === 'big-orders', JSON.stringify(answered).slice(0, 300));
  });

  test('a pull not cancelled gets the diagnostics, also right after cancelled ones', T, async () => {
    const uri = 'file:///cancel/misspelt.odcs.yaml';
    await server.open(uri, 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\ndescripton: x\n');
    // As above, a first read of a big file keeps the server busy, so the cancellation is queued
    // before the pull is handled (otherwise the pull may be answered before the cancellation arrives).
    const big = 'file:///cancel/big-2.odcs.yaml';
    await server.open(big, contractOfSize(400_000));
    const busy = outcome(server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: big } }));
    const source = new CancellationTokenSource();
    const first = outcome(server.request('textDocument/diagnostic', { textDocument: { uri } }, source.token));
    source.cancel();
    await busy;
    const report = await server.pullDiagnostics(uri);
    assert.deepEqual(await first, { error: LSPErrorCodes.RequestCancelled });
    assert.deepEqual('items' in report && report.items.map((d) => d.code), ['schema/unknown-property']);
  });
});
