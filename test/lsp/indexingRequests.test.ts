// References and rename need the whole mesh. While the index is still being built they wait for it
// (up to 5 s); then references answer with what is known and a warning that it may be incomplete,
// and rename is refused, since it would leave the references in unread files broken.
//
// The warning comes as window/showMessageRequest (vscode-languageserver's showWarningMessage), without actions.
//
// The index is held incomplete deterministically: the server reads its settings before it scans,
// and this client answers workspace/configuration only when the test says so.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { type Location, type ShowMessageParams, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import type { IndexStatus } from '../../protocol/protocol';
import { tempWorkspace } from '../support/generated';
import { type LspServer, positionAt, startServer } from '../support/lspClient';
import { contract, product } from '../support/mesh';

const T = { timeout: 20_000 };
// featureHandlers.ts: how long references and rename wait for the index.
const INDEX_WAIT_MS = 5_000;
const WARNING = 2;
const INVALID_REQUEST = -32600;
const CONTRACT = contract('sales-orders-v1');

/** A contract and two products on disk that consume it; the contract is the file the tests open. */
function meshOnDisk() {
  return tempWorkspace({
    'orders.odcs.yaml': CONTRACT,
    'revenue.odps.yaml': product('sales-revenue', undefined, ['sales-orders-v1']),
    'returns.odps.yaml': product('sales-returns', undefined, ['sales-orders-v1']),
  });
}

/** A promise and the function that resolves it. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** The messages the server showed the user, of any kind. */
const warnings = (server: LspServer) => server.serverRequests.filter((r) => r.method.startsWith('window/showMessage')).map((r) => (r.params as ShowMessageParams).message);
const fileNames = (locations: Location[]) => locations.map((l) => l.uri.slice(l.uri.lastIndexOf('/') + 1)).sort();
const position = positionAt(CONTRACT, CONTRACT.indexOf('sales-orders-v1'));

/** A server on the mesh whose index cannot start until `settings.open()`: it waits for its settings first. */
function serverWithHeldIndex() {
  const settings = gate();
  const workspace = meshOnDisk();
  const server = startServer({ settings: { dataMesh: {} }, configurationAnswered: settings.promise, workspaceFolders: [workspace.uri] });
  const textDocument = { uri: workspace.uriOf('orders.odcs.yaml') };
  before(async () => {
    await server.initialize(null);
    await server.open(textDocument.uri, CONTRACT);
  }, T);
  return { settings, server, textDocument };
}

describe('references and rename while the index is never ready', () => {
  const { settings, server, textDocument } = serverWithHeldIndex();

  test('after waiting for the index, references answer what is known with a warning, and rename is refused saying the mesh is still being indexed', T, async () => {
    const started = performance.now();
    const references = server.request<Location[]>('textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
    const rename = server.request<WorkspaceEdit>('textDocument/rename', { textDocument, position, newName: 'sales-orders-v2' }).then(
      () => assert.fail('rename was made while the index is incomplete'),
      (error: { code: number; message: string }) => error,
    );
    const found = await references;
    const waitedMs = performance.now() - started;
    const refused = await rename;

    assert.ok(waitedMs >= INDEX_WAIT_MS - 100, `answered after ${Math.round(waitedMs)} ms, without waiting for the index`);
    assert.ok(!server.notifications('dataMesh/indexStatus').some((n) => (n.params as IndexStatus).state === 'ready'), 'the index became ready: this test proves nothing');
    assert.deepEqual(fileNames(found), ['orders.odcs.yaml'], 'only the open file is known yet');
    const warning = await server.waitForServerRequest<ShowMessageParams>('window/showMessageRequest');
    assert.equal(warning.type, WARNING);
    assert.match(warning.message, /still being indexed .*incomplete/);
    assert.equal(refused.code, INVALID_REQUEST);
    assert.match(refused.message, /^The data mesh is still being indexed/);
  });

  test('once the index is ready, references are complete without a warning, and rename changes every file', T, async () => {
    server.skipServerRequests('window/showMessageRequest');
    settings.open();
    await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
    const found = await server.request<Location[]>('textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
    assert.deepEqual(fileNames(found), ['orders.odcs.yaml', 'returns.odps.yaml', 'revenue.odps.yaml']);
    const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument, position, newName: 'sales-orders-v2' });
    assert.deepEqual(fileNames(Object.keys(edit.changes ?? {}).map((uri) => ({ uri }) as Location)), ['orders.odcs.yaml', 'returns.odps.yaml', 'revenue.odps.yaml']);
    assert.deepEqual(warnings(server).slice(1), [], 'a warning although the index is complete');
  });
});

describe('references while the index becomes ready within the wait', () => {
  const { settings, server, textDocument } = serverWithHeldIndex();

  test('a references request sent while indexing waits for the index and answers complete, without a warning', T, async () => {
    const references = server.request<Location[]>('textDocument/references', { textDocument, position, context: { includeDeclaration: false } });
    // The request is sent first; the index is let go once the server has it (its settings request
    // arrived before, so it is up and reading messages in order).
    await server.waitForServerRequest('workspace/configuration');
    await server.request('textDocument/hover', { textDocument, position });
    settings.open();
    assert.deepEqual(fileNames(await references), ['returns.odps.yaml', 'revenue.odps.yaml']);
    assert.deepEqual(warnings(server), []);
  });
});
