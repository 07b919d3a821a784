// The workspace index: dataMesh/indexStatus, progress and watchers, edits while indexing, files deleted
// on disk, several workspace folders, dataMesh.exclude, URIs in another spelling, and a generated mesh.
// Files are changed only in copies in a temp folder; examples/ itself is only read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  type CodeLens,
  type Diagnostic,
  FileChangeType,
  type Location,
  type Position,
  type PublishDiagnosticsParams,
  type Registration,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import type { IndexStatus, LineageGraph } from '../../protocol/protocol';
import { copyToTemp, type LspServer, rangeOf, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 20_000 };
const ERROR = 1;
const EXAMPLES = join(repoRoot, 'examples');
const exampleUri = (file: string) => pathToFileURL(join(EXAMPLES, file)).href;
const exampleText = (file: string) => readFileSync(join(EXAMPLES, file), 'utf8');

const YAML_FILES = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
// Every YAML file of examples/ is a data-mesh file (broken/ ones too: they are recognised, then reported).
const EXAMPLE_MESH_FILES = YAML_FILES.length;

const isReady = (s: IndexStatus) => s.state === 'ready';
const ready = (server: LspServer) => server.waitForNotification<IndexStatus>('dataMesh/indexStatus', isReady);
const show = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).join('\n');
const meshCodes = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => String(d.code).startsWith('mesh/')).map((d) => d.code);

function at(text: string, needle: string, anchor = needle): Position {
  const { start } = rangeOf(text, needle, text.indexOf(anchor));
  return { line: start.line, character: start.character + 1 };
}

function rangeAfter(text: string, needle: string, anchor: string) {
  const from = text.indexOf(anchor);
  assert.ok(from >= 0, `'${anchor}' is not in the text`);
  return rangeOf(text, needle, from);
}

const references = (server: LspServer, uri: string, position: Position, includeDeclaration = false) =>
  server.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
const definition = (server: LspServer, uri: string, position: Position) => server.request<Location[]>('textDocument/definition', { textDocument: { uri }, position });

/** Waits until the server has handled everything sent before: file events end with a status notification. */
async function fileEvents(server: LspServer, changes: { uri: string; type: FileChangeType }[]): Promise<IndexStatus> {
  server.skipNotifications('dataMesh/indexStatus');
  await server.notify('workspace/didChangeWatchedFiles', { changes });
  return server.waitForNotification<IndexStatus>('dataMesh/indexStatus');
}

describe('index status on examples/', () => {
  const server = startServer({ workDoneProgress: true, watchedFiles: true, workspaceFolders: [pathToFileURL(EXAMPLES).href], settings: { dataMesh: { validate: { enable: true } } } });
  let status: IndexStatus;

  before(async () => {
    await server.initialize(pathToFileURL(EXAMPLES).href);
    status = await ready(server);
  }, T);

  test('indexing, then ready with every data-mesh file of examples/', T, () => {
    assert.equal(EXAMPLE_MESH_FILES, 27);
    const states = server.notifications('dataMesh/indexStatus').map((n) => (n.params as IndexStatus).state);
    assert.equal(states[0], 'indexing');
    assert.equal(states.at(-1), 'ready');
    assert.equal(status.meshFiles, EXAMPLE_MESH_FILES);
    assert.equal(status.total, YAML_FILES.length);
    assert.equal(status.scanned, status.total);
    assert.equal(typeof status.durationMs, 'number');
    assert.ok(status.durationMs! >= 0 && status.durationMs! < 15_000, String(status.durationMs));
  });

  test('settings are read through workspace/configuration before indexing', T, () => {
    const methods = server.serverRequests.map((r) => r.method);
    assert.ok(methods.includes('workspace/configuration'), methods.join());
    const request = server.serverRequests.find((r) => r.method === 'workspace/configuration')!;
    assert.deepEqual(request.params, { items: [{ section: 'dataMesh' }] });
  });

  test('file watchers are registered for YAML and JSON files and for deletions', T, () => {
    const registration = server.serverRequests.find((r) => r.method === 'client/registerCapability');
    assert.ok(registration, JSON.stringify(server.serverRequests));
    const [watch] = (registration.params as { registrations: Registration[] }).registrations;
    assert.equal(watch!.method, 'workspace/didChangeWatchedFiles');
    const watchers = (watch!.registerOptions as { watchers: { globPattern: string; kind?: number }[] }).watchers;
    assert.ok(
      watchers.some((w) => w.globPattern.includes('yaml') && w.kind === undefined),
      JSON.stringify(watchers),
    );
    assert.ok(
      watchers.some((w) => w.kind !== undefined && (w.kind & 4) !== 0),
      JSON.stringify(watchers),
    );
  });

  test('progress: created by the server, begun and ended', T, async () => {
    const create = server.serverRequests.find((r) => r.method === 'window/workDoneProgress/create');
    assert.ok(create, JSON.stringify(server.serverRequests.map((r) => r.method)));
    const token = (create.params as { token: string | number }).token;
    const end = await server.waitForNotification<{ token: unknown; value: { kind: string } }>('$/progress', (p) => p.token === token && p.value.kind === 'end');
    assert.equal(end.token, token);
    const kinds = server.notifications('$/progress').filter((n) => (n.params as { token: unknown }).token === token).map((n) => (n.params as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.ok(kinds.slice(1, -1).every((k) => k === 'report'), kinds.join());
  });
});

describe('a client without workspace folders, watchers or configuration support', () => {
  const server = startServer();

  test('indexes rootUri; nothing is registered and nothing fails', T, async () => {
    await server.initialize(pathToFileURL(EXAMPLES).href);
    assert.equal((await ready(server)).meshFiles, EXAMPLE_MESH_FILES);
    assert.deepEqual(server.serverRequests, []);
  });

  test('no handler fails for a client that cannot send workspace folder changes', T, async () => {
    // The test above waited for the index, which is built after the 'initialized' handler ran.
    assert.doesNotMatch(server.log(), /failed/i);
  });
});

describe('an edit arriving while the index is being built', () => {
  const root = mkdtempSync(join(tmpdir(), 'datamesh-lsp-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'mesh');
  execFileSync(process.execPath, [join(repoRoot, 'bench/generate.mjs'), '--n', '300', '--out', dir]);
  const server = startServer();
  const product = join(dir, 'products/sales/dp-sales-0010.odps.yaml');
  const uri = pathToFileURL(product).href;
  const original = readFileSync(product, 'utf8');
  // The first input port moves to another contract, and the second one gets a typo.
  const [first, second] = [...original.matchAll(/^ {2}contractId: (dc-[a-z]+-\d{4})$/gm)].map((m) => m[1]!);
  const edited = original.replace(`contractId: ${first}\n`, 'contractId: dc-sales-0020\n').replace(`contractId: ${second}\n`, `contractId: ${second!.replace('dc-', 'dc-x')}\n`);

  test('is answered, and once the index is ready everything agrees with the edited text', T, async (t) => {
    assert.ok(first && second && first !== 'dc-sales-0020', original);
    await server.initialize(pathToFileURL(dir).href);
    // No waiting: the scan of 601 files has just started.
    await server.open(uri, original);
    await server.change(uri, edited, 2);
    // A request while indexing is answered too (with what the index knows so far).
    assert.ok(Array.isArray(await definition(server, uri, at(edited, 'dc-sales-0020'))));
    const answered = await server.waitForDiagnostics(uri, (p) => p.version === 2);
    const readyYet = server.notifications('dataMesh/indexStatus').some((n) => isReady(n.params as IndexStatus));
    t.diagnostic(`the edit was ${readyYet ? 'validated after' : 'validated before'} the index was ready`);
    if (!readyYet) assert.deepEqual(meshCodes(answered), [], 'no cross-file findings from an incomplete index');
    const status = await ready(server);
    assert.equal(status.meshFiles, 601);
    // Validated after the index was ready, the first publish is already the complete one (an empty
    // list is not published while the index is incomplete).
    const consistent = meshCodes(answered).length > 0 ? answered : await server.waitForDiagnostics(uri, (p) => p.version === 2 && meshCodes(p).length > 0);
    // Both versions have findings once the index is complete, and no empty list came before it.
    assert.deepEqual(server.published(uri).filter((p) => p.diagnostics.length === 0), []);
    // (The generator gives ports version 1.0.0 whatever the contract's version, hence mesh/version-mismatch findings.)
    const unresolved = consistent.diagnostics.filter((d) => d.code === 'mesh/unresolved-reference');
    assert.deepEqual(
      unresolved.map((d) => [d.range, d.message]),
      [[rangeOf(edited, second!.replace('dc-', 'dc-x')), `No contract '${second!.replace('dc-', 'dc-x')}' in the workspace. Did you mean '${second}'?`]],
      show(consistent.diagnostics),
    );
    // Navigation follows the open text, not the file the scan read afterwards.
    const found = await definition(server, uri, at(edited, 'dc-sales-0020'));
    assert.deepEqual(
      found.map((l) => l.uri),
      [pathToFileURL(join(dir, 'contracts/sales/dc-sales-0020.odcs.yaml')).href],
    );
    const targetText = readFileSync(join(dir, 'contracts/sales/dc-sales-0020.odcs.yaml'), 'utf8');
    await server.open(found[0]!.uri, targetText);
    const refs = await references(server, found[0]!.uri, at(targetText, 'dc-sales-0020', 'id: dc-sales-0020'));
    assert.ok(
      refs.some((l) => l.uri === uri && l.range.start.line === rangeOf(edited, 'dc-sales-0020').start.line),
      JSON.stringify(refs),
    );
    const firstText = readFileSync(join(dir, `contracts/${first!.split('-')[1]}/${first}.odcs.yaml`), 'utf8');
    const firstUri = pathToFileURL(join(dir, `contracts/${first!.split('-')[1]}/${first}.odcs.yaml`)).href;
    await server.open(firstUri, firstText);
    const oldRefs = await references(server, firstUri, at(firstText, first!, `id: ${first}`));
    assert.ok(!oldRefs.some((l) => l.uri === uri), `the moved port still counts as a reference to ${first}: ${JSON.stringify(oldRefs)}`);
  });
});

describe('a file deleted on disk while it is open', () => {
  const { dir, uri: root } = copyToTemp(EXAMPLES);
  const server = startServer();
  const contract = 'sales/sales-orders-v1.odcs.yaml';
  const revenue = 'sales/sales-revenue.odps.yaml';
  const uriOf = (file: string) => pathToFileURL(join(dir, file)).href;
  const revenueText = exampleText(revenue);
  const contractText = exampleText(contract);
  const position = at(revenueText, 'sales-orders-v1', 'contractId: sales-orders-v1');

  before(async () => {
    await server.initialize(root);
    await ready(server);
    await server.open(uriOf(revenue), revenueText);
    await server.waitForDiagnostics(uriOf(revenue));
    await server.open(uriOf(contract), contractText);
    await server.waitForDiagnostics(uriOf(contract));
    rmSync(join(dir, contract));
  }, T);

  test('stays in the index while it is open: the open document wins', T, async () => {
    const status = await fileEvents(server, [{ uri: uriOf(contract), type: FileChangeType.Deleted }]);
    assert.equal(status.meshFiles, EXAMPLE_MESH_FILES);
    assert.deepEqual(await definition(server, uriOf(revenue), position), [{ uri: uriOf(contract), range: rangeAfter(contractText, 'sales-orders-v1', 'id: sales-orders-v1') }]);
    const refs = await references(server, uriOf(revenue), position, true);
    assert.equal(refs.length, 8, JSON.stringify(refs));
    assert.deepEqual(refs[0], { uri: uriOf(contract), range: rangeAfter(contractText, 'sales-orders-v1', 'id: sales-orders-v1') });
    // The open consumer is re-validated after the event, and nothing is missing.
    const republished = await server.waitForDiagnostics(uriOf(revenue));
    assert.deepEqual(meshCodes(republished), []);
  });

  test('after it is closed it is gone: no definition, no references, an unresolved reference', T, async () => {
    await server.close(uriOf(contract));
    const unresolved = await server.waitForDiagnostics(uriOf(revenue), (p) => meshCodes(p).includes('mesh/unresolved-reference'));
    assert.deepEqual(
      unresolved.diagnostics.filter((d) => d.code === 'mesh/unresolved-reference').map((d) => d.range),
      [rangeAfter(revenueText, 'sales-orders-v1', 'contractId: sales-orders-v1'), rangeAfter(revenueText, 'sales-orders-v1', '- id: sales-orders-v1')],
    );
    assert.deepEqual(await definition(server, uriOf(revenue), position), []);
    assert.deepEqual(await references(server, uriOf(revenue), position, true), []);
    const symbols = await server.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'sales-orders-v1' });
    assert.deepEqual(symbols.filter((s) => s.name === 'sales-orders-v1'), []);
    const other = await server.request<Location[]>('textDocument/references', { textDocument: { uri: uriOf(revenue) }, position: at(revenueText, 'sales-product-catalog-v1', 'contractId: sales-product-catalog-v1'), context: { includeDeclaration: true } });
    assert.ok(other.length > 0, 'other contracts are still found');
  });

  test('a deleted folder takes all its files with it', T, async () => {
    rmSync(join(dir, 'logistics'), { recursive: true });
    const status = await fileEvents(server, [{ uri: uriOf('logistics'), type: FileChangeType.Deleted }]);
    assert.equal(status.meshFiles, EXAMPLE_MESH_FILES - 1 - 4);
    const symbols = await server.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'logistics' });
    assert.deepEqual(symbols.map((s) => s.location.uri).filter((u) => u.includes('/logistics/')), []);
  });

  test('a created file is indexed and counted', T, async () => {
    writeFileSync(join(dir, contract), contractText);
    const status = await fileEvents(server, [{ uri: uriOf(contract), type: FileChangeType.Created }]);
    assert.equal(status.meshFiles, EXAMPLE_MESH_FILES - 4);
    assert.equal(status.state, 'ready');
    await server.waitForDiagnostics(uriOf(revenue), (p) => meshCodes(p).length === 0);
    assert.equal((await definition(server, uriOf(revenue), position)).length, 1);
  });
});

describe('two workspace folders defining the same contract id', () => {
  const parent = mkdtempSync(join(tmpdir(), 'datamesh-lsp-'));
  after(() => rmSync(parent, { recursive: true, force: true }));
  const contract = (domain: string) => `apiVersion: v3.1.0\nkind: DataContract\nid: shared-v1\nname: Shared ${domain}\nversion: 1.0.0\nstatus: active\ndomain: ${domain}\n`;
  const product = 'apiVersion: v1.0.0\nkind: DataProduct\nid: consumer\nname: Consumer\nversion: 1.0.0\nstatus: active\ninputPorts:\n  - name: shared\n    version: 1.0.0\n    contractId: shared-v1\n';
  for (const folder of ['a', 'b']) {
    mkdirSync(join(parent, folder));
    writeFileSync(join(parent, folder, 'shared.odcs.yaml'), contract(folder));
  }
  writeFileSync(join(parent, 'a', 'consumer.odps.yaml'), product);
  const folderUri = (folder: string) => pathToFileURL(join(parent, folder)).href;
  const fileUri = (file: string) => pathToFileURL(join(parent, file)).href;
  const server = startServer({ workspaceFolders: [folderUri('a'), folderUri('b')], prepareRename: true });

  before(async () => {
    await server.initialize(folderUri('a'));
    assert.equal((await ready(server)).meshFiles, 3);
  }, T);

  test('mesh/duplicate-id in both, naming the other file', T, async () => {
    await server.open(fileUri('a/shared.odcs.yaml'), contract('a'));
    await server.open(fileUri('b/shared.odcs.yaml'), contract('b'));
    for (const [file, other] of [
      ['a/shared.odcs.yaml', '../b/shared.odcs.yaml'],
      ['b/shared.odcs.yaml', '../a/shared.odcs.yaml'],
    ] as const) {
      const { diagnostics } = await server.waitForDiagnostics(fileUri(file));
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.range, d.source]),
        [['mesh/duplicate-id', ERROR, rangeOf(contract('a'), 'shared-v1'), 'Data Mesh']],
        show(diagnostics),
      );
      assert.match(diagnostics[0]!.message, new RegExp(`'shared-v1' is also defined in ${other.replaceAll('.', '\\.')}`));
    }
  });

  test('definition lists both; rename is refused until the id is unique', T, async () => {
    await server.open(fileUri('a/consumer.odps.yaml'), product);
    const position = at(product, 'shared-v1');
    const found = await definition(server, fileUri('a/consumer.odps.yaml'), position);
    assert.deepEqual(found.map((l) => l.uri).sort(), [fileUri('a/shared.odcs.yaml'), fileUri('b/shared.odcs.yaml')]);
    await assert.rejects(server.request('textDocument/prepareRename', { textDocument: { uri: fileUri('a/consumer.odps.yaml') }, position }), /defined 2 times/);
  });

  test('removing a folder removes its files; adding it back brings the duplicate back', T, async () => {
    await server.close(fileUri('b/shared.odcs.yaml'));
    server.skipNotifications('dataMesh/indexStatus');
    await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: folderUri('b'), name: 'b' }] } });
    // Closing the file re-reads it from disk, which may report the old size once more first.
    await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => isReady(s) && s.meshFiles === 2);
    await server.waitForDiagnostics(fileUri('a/shared.odcs.yaml'), (p) => meshCodes(p).length === 0);
    assert.equal((await definition(server, fileUri('a/consumer.odps.yaml'), at(product, 'shared-v1'))).length, 1);
    await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: folderUri('b'), name: 'b' }], removed: [] } });
    assert.equal((await ready(server)).meshFiles, 3);
    await server.waitForDiagnostics(fileUri('a/shared.odcs.yaml'), (p) => meshCodes(p).includes('mesh/duplicate-id'));
  });
});

describe('dataMesh.exclude', () => {
  const server = startServer({ settings: { dataMesh: { exclude: ['broken/**'] } } });
  const contract = 'sales/sales-orders-v1.odcs.yaml';
  const position = at(exampleText(contract), 'sales-orders-v1', 'id: sales-orders-v1');
  const brokenFiles = YAML_FILES.filter((f) => f.startsWith('broken')).length;

  before(async () => {
    await server.initialize(pathToFileURL(EXAMPLES).href);
  }, T);

  test('an excluded folder is not indexed', T, async () => {
    const status = await ready(server);
    assert.equal(brokenFiles, 10);
    assert.equal(status.meshFiles, EXAMPLE_MESH_FILES - brokenFiles);
    assert.equal(status.total, YAML_FILES.length - brokenFiles);
    const symbols = await server.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'sales-returns' });
    assert.deepEqual(symbols.map((s) => s.location.uri).filter((u) => u.includes('/broken/')), []);
  });

  test('a changed setting re-indexes: a folder-name glob excludes the folder', T, async () => {
    await server.configure({ dataMesh: { exclude: ['**/logistics'] } });
    const status = await ready(server);
    assert.equal(status.meshFiles, EXAMPLE_MESH_FILES - 4);
    await server.open(exampleUri(contract), exampleText(contract));
    const refs = await references(server, exampleUri(contract), position);
    assert.deepEqual([...new Set(refs.map((l) => relative(EXAMPLES, new URL(l.uri).pathname)))].sort(), ['customer/customer-360.odps.yaml', 'sales/sales-orders.odps.yaml', 'sales/sales-revenue.odps.yaml']);
  });

  test('a file event inside an excluded folder does not bring the file into the index', T, async () => {
    const file = 'logistics/logistics-shipments.odps.yaml';
    const status = await fileEvents(server, [{ uri: exampleUri(file), type: FileChangeType.Changed }]);
    assert.equal(status.meshFiles, EXAMPLE_MESH_FILES - 4);
    const refs = await references(server, exampleUri(contract), position);
    assert.deepEqual(refs.filter((l) => l.uri.includes('/logistics/')), []);
  });
});

describe('a workspace whose path needs escaping, with URIs spelt as VS Code spells them', () => {
  const { dir } = copyToTemp(EXAMPLES, 'my mesh (v1)');
  // VS Code's URI.toString() escapes every reserved character, `(` and `)` included; Node leaves them.
  const vscodeUri = (path: string) => `file://${path.split('/').map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')}`;
  const uriOf = (file: string) => vscodeUri(join(dir, file));
  const server = startServer({ workspaceFolders: [vscodeUri(dir)] });
  const contract = 'sales/sales-orders-v1.odcs.yaml';
  const revenue = 'sales/sales-revenue.odps.yaml';
  const same = (a: string, b: string) => decodeURIComponent(a) === decodeURIComponent(b);

  before(async () => {
    assert.match(uriOf(contract), /my%20mesh%20%28v1%29/);
    await server.initialize(vscodeUri(dir));
    assert.equal((await ready(server)).meshFiles, EXAMPLE_MESH_FILES);
  }, T);

  test('an open document is the same file as the one on disk: no duplicate id', T, async () => {
    await server.open(uriOf(contract), exampleText(contract));
    const { diagnostics } = await server.waitForDiagnostics(uriOf(contract));
    assert.deepEqual(show(diagnostics), '');
  });

  test('definition and references find each file once', T, async () => {
    await server.open(uriOf(revenue), exampleText(revenue));
    const position = at(exampleText(revenue), 'sales-orders-v1', 'contractId: sales-orders-v1');
    const found = await definition(server, uriOf(revenue), position);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.ok(same(found[0]!.uri, uriOf(contract)), found[0]!.uri);
    const refs = await references(server, uriOf(revenue), position, true);
    assert.equal(refs.length, 8, JSON.stringify(refs));
    assert.ok(same(refs[0]!.uri, uriOf(contract)), refs[0]!.uri);
  });

  test('a file deleted on disk, announced in the client spelling, leaves the index', T, async () => {
    const file = 'customer/customer-profiles-v1.odcs.yaml';
    rmSync(join(dir, file));
    const status = await fileEvents(server, [{ uri: uriOf(file), type: FileChangeType.Deleted }]);
    assert.equal(status.meshFiles, EXAMPLE_MESH_FILES - 1);
  });
});

describe('a generated mesh (bench/generate.mjs --n 50)', () => {
  const root = mkdtempSync(join(tmpdir(), 'datamesh-lsp-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'mesh');
  execFileSync(process.execPath, [join(repoRoot, 'bench/generate.mjs'), '--n', '50', '--out', dir]);
  const server = startServer({ codeLensRefresh: true });
  const hub = 'dc-sales-0000';
  const hubFile = join(dir, 'contracts/sales/dc-sales-0000.odcs.yaml');
  const hubUri = pathToFileURL(hubFile).href;
  const products = readdirSync(join(dir, 'products'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.odps.yaml'))
    .map((f) => join(dir, 'products', f));

  /** Every `contractId: <id>` in the product files, as locations. */
  function portsNaming(id: string, inputOnly: boolean): Location[] {
    const found: Location[] = [];
    for (const file of products) {
      const text = readFileSync(file, 'utf8');
      const end = inputOnly ? text.indexOf('\noutputPorts:') : text.length;
      for (const match of text.matchAll(new RegExp(`^ {2}contractId: (${id})$`, 'gm'))) {
        if (match.index < end) found.push({ uri: pathToFileURL(file).href, range: rangeOf(text, id, match.index) });
      }
    }
    return found.sort((a, b) => `${a.uri}:${a.range.start.line}`.localeCompare(`${b.uri}:${b.range.start.line}`));
  }

  before(async () => {
    await server.initialize(pathToFileURL(dir).href);
    assert.equal((await ready(server)).meshFiles, 101);
  }, T);

  test('definition from an input port to the contract it names', T, async () => {
    const file = join(dir, 'products/sales/dp-sales-0010.odps.yaml');
    const text = readFileSync(file, 'utf8');
    await server.open(pathToFileURL(file).href, text);
    const found = await definition(server, pathToFileURL(file).href, at(text, hub, `contractId: ${hub}`));
    assert.deepEqual(found, [{ uri: hubUri, range: rangeAfter(readFileSync(hubFile, 'utf8'), hub, `id: ${hub}`) }]);
  });

  test('references of the hub contract: its publisher and every consuming port', T, async () => {
    const text = readFileSync(hubFile, 'utf8');
    await server.open(hubUri, text);
    const refs = await references(server, hubUri, at(text, hub, `id: ${hub}`));
    const expected = portsNaming(hub, false);
    assert.ok(expected.length >= 50, String(expected.length));
    assert.deepEqual(
      [...refs].sort((a, b) => `${a.uri}:${a.range.start.line}`.localeCompare(`${b.uri}:${b.range.start.line}`)),
      expected,
    );
    const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: hubUri } });
    const resolved = await server.request<CodeLens>('codeLens/resolve', lenses[0]);
    const consumers = portsNaming(hub, true);
    assert.equal(resolved.command?.title, `${new Set(consumers.map((l) => l.uri)).size} consumers · 1 upstream`);
    assert.equal((resolved.command!.arguments![2] as Location[]).length, consumers.length);
  });

  test('a file event asks a client with code lens refresh support to refresh its lenses', T, async () => {
    server.skipServerRequests('workspace/codeLens/refresh');
    const product = join(dir, 'products/sales/dp-sales-0010.odps.yaml');
    await fileEvents(server, [{ uri: pathToFileURL(product).href, type: FileChangeType.Changed }]);
    await server.waitForServerRequest('workspace/codeLens/refresh');
  });
});

describe('the index kept between sessions (initializationOptions.storagePath)', () => {
  const { dir, uri } = copyToTemp(EXAMPLES);
  const storage = join(mkdtempSync(join(tmpdir(), 'datamesh-storage-')), 'workspace');
  after(() => rmSync(dirname(storage), { recursive: true, force: true }));
  const contract = join(dir, 'sales', 'sales-orders-v1.odcs.yaml');

  test('a second start reads only the files that changed, and sees the change', T, async () => {
    const first = startServer({ initializationOptions: { storagePath: storage } });
    await first.initialize(uri);
    const cold = await ready(first);
    assert.equal(await first.shutdown(), 0);
    assert.ok(existsSync(join(storage, 'mesh-index.json')), 'the index is written by shutdown at the latest');

    writeFileSync(contract, readFileSync(contract, 'utf8').replace('\nstatus: active\n', '\nstatus: deprecated\n'));
    const second = startServer({ initializationOptions: { storagePath: storage } });
    await second.initialize(uri);
    const warm = await ready(second);
    assert.equal(warm.meshFiles, cold.meshFiles);
    assert.match(second.log(), new RegExp(`\\(${cold.total - 1} unchanged since the last session\\)`));
    const graph = await second.request<LineageGraph>('dataMesh/lineage', { nodeId: 'contract:sales-orders-v1' });
    assert.equal(graph.nodes.find((n) => n.id === 'contract:sales-orders-v1')?.status, 'deprecated');
    await second.shutdown();
  });

  test('a cache from another version or a broken one is ignored, never trusted', T, async () => {
    writeFileSync(join(storage, 'mesh-index.json'), '{"dataMeshIndex":"0:old"}\n');
    const server = startServer({ initializationOptions: { storagePath: storage } });
    await server.initialize(uri);
    await ready(server);
    assert.doesNotMatch(server.log(), /unchanged since the last session/);
    await server.shutdown();
    writeFileSync(join(storage, 'mesh-index.json'), '{ half written');
    const again = startServer({ initializationOptions: { storagePath: storage } });
    await again.initialize(uri);
    assert.ok((await ready(again)).meshFiles > 0);
    await again.shutdown();
  });
});
