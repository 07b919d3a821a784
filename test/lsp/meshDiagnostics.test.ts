// Cross-file diagnostics (code mesh/..., source 'Data Mesh') on a copy of examples/ in a temp folder:
// they follow edits of other open documents, files changed on disk and the index, in push and pull mode.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, type DocumentDiagnosticReport, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { IndexStatus, LineageGraph } from '../../protocol/protocol';
import { copyToTemp, type LspServer, rangeOf, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 20_000 };
const WARNING = 2;
const ERROR = 1;
const EXAMPLES = join(repoRoot, 'examples');

/** A fresh copy of examples/ with helpers for its files. */
function meshCopy() {
  const { dir, uri } = copyToTemp(EXAMPLES);
  return {
    root: uri,
    uriOf: (file: string) => pathToFileURL(join(dir, file)).href,
    pathOf: (file: string) => join(dir, file),
    textOf: (file: string) => readFileSync(join(dir, file), 'utf8'),
  };
}

const meshOnly = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => String(d.code).startsWith('mesh/'));
const show = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).join('\n');
const hasCode = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
const hasNoMesh = (p: PublishDiagnosticsParams) => meshOnly(p.diagnostics).length === 0;

/** An active contract's text with another lifecycle status. */
function withStatus(contract: string, status: string): string {
  assert.ok(contract.includes('\nstatus: active\n'), 'the contract must be active to begin with');
  return contract.replace('\nstatus: active\n', `\nstatus: ${status}\n`);
}

function rangeAfter(text: string, needle: string, anchor: string) {
  const from = text.indexOf(anchor);
  assert.ok(from >= 0, `'${anchor}' is not in the text`);
  return rangeOf(text, needle, from);
}

async function ready(server: LspServer): Promise<IndexStatus> {
  return server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
}

const REVENUE = 'sales/sales-revenue.odps.yaml';
const ORDERS_CONTRACT = 'sales/sales-orders-v1.odcs.yaml';
const SHIPMENTS = 'logistics/logistics-shipments.odps.yaml';
const SHIPMENTS_CONTRACT = 'logistics/logistics-shipments-v1.odcs.yaml';
const CUSTOMER_360 = 'customer/customer-360.odps.yaml';
const PROFILES_CONTRACT = 'customer/customer-profiles-v1.odcs.yaml';

describe('mesh diagnostics, push mode', () => {
  const mesh = meshCopy();
  const server = startServer();

  before(async () => {
    await server.initialize(mesh.root);
    await ready(server);
  }, T);

  /** Opens a file of the copy and returns its first diagnostics. */
  async function open(file: string, text = mesh.textOf(file)): Promise<Diagnostic[]> {
    await server.open(mesh.uriOf(file), text);
    return (await server.waitForDiagnostics(mesh.uriOf(file))).diagnostics;
  }

  async function close(file: string): Promise<void> {
    await server.close(mesh.uriOf(file));
    await server.waitForDiagnostics(mesh.uriOf(file), (p) => p.version === undefined && p.diagnostics.length === 0);
  }

  test('a contractId with a typo: mesh/unresolved-reference with "Did you mean"; fixing it clears it', T, async () => {
    const text = mesh.textOf(REVENUE);
    assert.deepEqual(show(await open(REVENUE)), '');
    const typo = text.replace('contractId: sales-orders-v1', 'contractId: sales-ordrs-v1');
    await server.change(mesh.uriOf(REVENUE), typo, 2);
    const { diagnostics } = await server.waitForDiagnostics(mesh.uriOf(REVENUE), (p) => p.version === 2);
    assert.equal(diagnostics.length, 1, show(diagnostics));
    const [d] = diagnostics;
    assert.equal(d!.code, 'mesh/unresolved-reference');
    assert.equal(d!.source, 'Data Mesh');
    // Across files the contract may live outside this workspace, so it is a warning.
    assert.equal(d!.severity, WARNING);
    assert.deepEqual(d!.range, rangeOf(typo, 'sales-ordrs-v1'));
    assert.equal(d!.message, "No contract 'sales-ordrs-v1' in the workspace. Did you mean 'sales-orders-v1'?");
    await server.change(mesh.uriOf(REVENUE), text, 3);
    assert.deepEqual(show((await server.waitForDiagnostics(mesh.uriOf(REVENUE), (p) => p.version === 3)).diagnostics), '');
    await close(REVENUE);
  });

  test('a port version with another major version than its contract: mesh/version-mismatch on the version', T, async () => {
    const text = mesh.textOf(REVENUE).replace('version: 1.3.0\n    contractId: sales-orders-v1', 'version: 2.0.0\n    contractId: sales-orders-v1');
    const diagnostics = meshOnly(await open(REVENUE, text));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['mesh/version-mismatch', WARNING, rangeOf(text, '2.0.0')]],
      show(diagnostics),
    );
    assert.match(diagnostics[0]!.message, /Port version 2\.0\.0 has major version 2, but contract 'sales-orders-v1' is version 1\.3\.0/);
    await close(REVENUE);
  });

  test('an edit that makes a contract deprecated updates the diagnostics of an open consumer', T, async () => {
    const consumer = mesh.uriOf(SHIPMENTS);
    const shipments = mesh.textOf(SHIPMENTS);
    assert.deepEqual(show(await open(SHIPMENTS)), '');
    const contract = mesh.textOf(ORDERS_CONTRACT);
    assert.deepEqual(show(await open(ORDERS_CONTRACT)), '');
    await server.change(mesh.uriOf(ORDERS_CONTRACT), withStatus(contract, 'deprecated'), 2);
    const updated = await server.waitForDiagnostics(consumer, hasCode('mesh/deprecated-contract'));
    // The consumer's text did not change: same version, new findings.
    assert.equal(updated.version, 1);
    assert.deepEqual(
      updated.diagnostics.map((d) => [d.code, d.severity, d.range, d.source]),
      [
        ['mesh/deprecated-contract', WARNING, rangeAfter(shipments, 'sales-orders-v1', 'contractId: sales-orders-v1'), 'Data Mesh'],
        ['mesh/deprecated-contract', WARNING, rangeAfter(shipments, 'sales-orders-v1', '- id: sales-orders-v1'), 'Data Mesh'],
      ],
    );
    assert.match(updated.diagnostics[0]!.message, /^Contract 'sales-orders-v1' is deprecated\./);
    // Back to active: the warnings go.
    await server.change(mesh.uriOf(ORDERS_CONTRACT), contract, 3);
    await server.waitForDiagnostics(consumer, hasNoMesh);
    await close(ORDERS_CONTRACT);
    await close(SHIPMENTS);
  });

  test('a request between an edit and its validation does not keep open consumers stale', T, async () => {
    const consumer = mesh.uriOf(SHIPMENTS);
    assert.deepEqual(show(await open(SHIPMENTS)), '');
    const contract = mesh.textOf(ORDERS_CONTRACT);
    await open(ORDERS_CONTRACT);
    // Let refreshes the server batched earlier (closes of other tests, 100 ms) pass: only the edit may update the consumer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    try {
      await server.change(mesh.uriOf(ORDERS_CONTRACT), withStatus(contract, 'deprecated'), 2);
      // VS Code asks for symbols, code lenses and more right after every edit.
      await server.request('textDocument/documentSymbol', { textDocument: { uri: mesh.uriOf(ORDERS_CONTRACT) } });
      await server.waitForDiagnostics(mesh.uriOf(ORDERS_CONTRACT), (p) => p.version === 2);
      await server.waitForDiagnostics(consumer, hasCode('mesh/deprecated-contract'), 2_000);
    } finally {
      await close(ORDERS_CONTRACT);
      await close(SHIPMENTS);
    }
  });

  test('a file changed on disk while it is open: the open document wins until it is closed', T, async () => {
    const consumer = mesh.uriOf(CUSTOMER_360);
    assert.deepEqual(show(await open(CUSTOMER_360)), '');
    const contract = mesh.textOf(SHIPMENTS_CONTRACT);
    assert.deepEqual(show(await open(SHIPMENTS_CONTRACT)), '');
    writeFileSync(mesh.pathOf(SHIPMENTS_CONTRACT), withStatus(contract, 'deprecated'));
    server.skipNotifications('dataMesh/indexStatus');
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: mesh.uriOf(SHIPMENTS_CONTRACT), type: FileChangeType.Changed }] });
    await server.waitForNotification('dataMesh/indexStatus');
    // Re-validated after the event, still clean: the open (active) contract counts.
    assert.deepEqual(show((await server.waitForDiagnostics(consumer)).diagnostics), '');
    await close(SHIPMENTS_CONTRACT);
    await server.waitForDiagnostics(consumer, hasCode('mesh/deprecated-contract'));
    writeFileSync(mesh.pathOf(SHIPMENTS_CONTRACT), contract);
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: mesh.uriOf(SHIPMENTS_CONTRACT), type: FileChangeType.Changed }] });
    await server.waitForDiagnostics(consumer, hasNoMesh);
    await close(CUSTOMER_360);
  });

  test('closing an edited contract: the file on disk is the truth again for its consumers', T, async () => {
    const consumer = mesh.uriOf(SHIPMENTS);
    assert.deepEqual(show(await open(SHIPMENTS)), '');
    await open(ORDERS_CONTRACT, mesh.textOf(ORDERS_CONTRACT).replace('\nid: sales-orders-v1\n', '\nid: sales-orders-v2\n'));
    await server.waitForDiagnostics(consumer, hasCode('mesh/unresolved-reference'));
    await close(ORDERS_CONTRACT);
    await server.waitForDiagnostics(consumer, hasNoMesh);
    await close(SHIPMENTS);
  });

  test('consuming a contract downstream of itself: mesh/lineage-cycle', T, async () => {
    // sales-orders → sales-orders-v1 → sales-revenue → sales-revenue-daily-v1 → back into sales-orders.
    const product = 'sales/sales-orders.odps.yaml';
    const text = mesh.textOf(product).replace('\noutputPorts:\n', '\ninputPorts:\n  - name: revenue\n    version: 1.0.1\n    contractId: sales-revenue-daily-v1\n\noutputPorts:\n');
    const diagnostics = meshOnly(await open(product, text));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['mesh/lineage-cycle', ERROR, rangeAfter(text, 'sales-revenue-daily-v1', 'contractId: sales-revenue-daily-v1')]],
      show(diagnostics),
    );
    assert.match(diagnostics[0]!.message, /sales-orders → sales-revenue → sales-orders/);
    // The other product of the cycle, opened now, is told too: on its input port (and maybe on inputContracts).
    const revenue = mesh.textOf(REVENUE);
    const other = meshOnly(await open(REVENUE));
    const port = rangeAfter(revenue, 'sales-orders-v1', 'contractId: sales-orders-v1');
    const inputContract = rangeAfter(revenue, 'sales-orders-v1', '- id: sales-orders-v1');
    assert.ok(other.some((d) => d.code === 'mesh/lineage-cycle' && JSON.stringify(d.range) === JSON.stringify(port)), show(other));
    for (const d of other) {
      assert.equal(d.code, 'mesh/lineage-cycle', show(other));
      assert.ok([port, inputContract].some((r) => JSON.stringify(r) === JSON.stringify(d.range)), show(other));
    }
    await close(product);
    await server.waitForDiagnostics(mesh.uriOf(REVENUE), hasNoMesh);
    await close(REVENUE);
  });

  test('files written and deleted on disk, announced by workspace/didChangeWatchedFiles, update open dependents', T, async () => {
    const consumer = mesh.uriOf(CUSTOMER_360);
    const text = mesh.textOf(CUSTOMER_360);
    assert.deepEqual(show(await open(CUSTOMER_360)), '');

    // Changed: the shipments contract is deprecated by someone else (git pull, another editor).
    const shipments = mesh.textOf(SHIPMENTS_CONTRACT);
    writeFileSync(mesh.pathOf(SHIPMENTS_CONTRACT), withStatus(shipments, 'deprecated'));
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: mesh.uriOf(SHIPMENTS_CONTRACT), type: FileChangeType.Changed }] });
    const deprecated = await server.waitForDiagnostics(consumer, hasCode('mesh/deprecated-contract'));
    assert.deepEqual(
      deprecated.diagnostics.map((d) => [d.code, d.range]),
      [
        ['mesh/deprecated-contract', rangeAfter(text, 'logistics-shipments-v1', 'contractId: logistics-shipments-v1')],
        ['mesh/deprecated-contract', rangeAfter(text, 'logistics-shipments-v1', '- id: logistics-shipments-v1')],
      ],
    );

    // Deleted: the profiles contract is gone.
    const profiles = mesh.textOf(PROFILES_CONTRACT);
    rmSync(mesh.pathOf(PROFILES_CONTRACT));
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: mesh.uriOf(PROFILES_CONTRACT), type: FileChangeType.Deleted }] });
    const missing = await server.waitForDiagnostics(consumer, hasCode('mesh/unresolved-reference'));
    assert.deepEqual(
      missing.diagnostics.filter((d) => d.code === 'mesh/unresolved-reference').map((d) => [d.range, d.severity]),
      [
        [rangeAfter(text, 'customer-profiles-v1', 'contractId: customer-profiles-v1'), WARNING],
        [rangeAfter(text, 'customer-profiles-v1', '- id: customer-profiles-v1'), WARNING],
      ],
    );
    assert.match(missing.diagnostics.find((d) => d.code === 'mesh/unresolved-reference')!.message, /^No contract 'customer-profiles-v1' in the workspace\./);

    // Created: the contract comes back under another file name; the shipments contract is restored.
    writeFileSync(join(mesh.pathOf('customer'), 'profiles.odcs.yaml'), profiles);
    writeFileSync(mesh.pathOf(SHIPMENTS_CONTRACT), shipments);
    await server.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: mesh.uriOf('customer/profiles.odcs.yaml'), type: FileChangeType.Created },
        { uri: mesh.uriOf(SHIPMENTS_CONTRACT), type: FileChangeType.Changed },
      ],
    });
    await server.waitForDiagnostics(consumer, hasNoMesh);
    await close(CUSTOMER_360);
  });

  test('a relationship into a contract file that was deleted on disk: mesh/unresolved-reference on the contract', T, async () => {
    // Runs after the test above: customer-profiles-v1.odcs.yaml is gone, its contract lives in profiles.odcs.yaml.
    const text = mesh.textOf(ORDERS_CONTRACT);
    const diagnostics = meshOnly(await open(ORDERS_CONTRACT));
    const target = '../customer/customer-profiles-v1.odcs.yaml';
    assert.ok(
      diagnostics.some((d) => d.code === 'mesh/unresolved-reference' && d.range.start.line === rangeOf(text, target).start.line),
      show(diagnostics),
    );
    assert.match(show(diagnostics), /customer-profiles-v1\.odcs\.yaml' is not a file of this workspace/);
    await close(ORDERS_CONTRACT);
  });
});

describe('mesh diagnostics, a client without file watchers', () => {
  const mesh = meshCopy();
  const server = startServer();

  test('a document saved and closed: its consumers see what was saved', T, async () => {
    await server.initialize(mesh.root);
    await ready(server);
    await server.open(mesh.uriOf(SHIPMENTS), mesh.textOf(SHIPMENTS));
    await server.waitForDiagnostics(mesh.uriOf(SHIPMENTS));
    const deprecated = withStatus(mesh.textOf(ORDERS_CONTRACT), 'deprecated');
    await server.open(mesh.uriOf(ORDERS_CONTRACT), mesh.textOf(ORDERS_CONTRACT));
    await server.change(mesh.uriOf(ORDERS_CONTRACT), deprecated, 2);
    await server.waitForDiagnostics(mesh.uriOf(SHIPMENTS), hasCode('mesh/deprecated-contract'));
    // Saved (the client has no watcher to tell the server), then closed.
    writeFileSync(mesh.pathOf(ORDERS_CONTRACT), deprecated);
    await server.close(mesh.uriOf(ORDERS_CONTRACT));
    // Requests are handled after the close: the index must describe the saved contract.
    const graph = await server.request<LineageGraph>('dataMesh/lineage', { nodeId: 'contract:sales-orders-v1' });
    assert.equal(graph.nodes.find((n) => n.id === 'contract:sales-orders-v1')?.status, 'deprecated');
    await server.waitForDiagnostics(mesh.uriOf(SHIPMENTS), hasCode('mesh/deprecated-contract'), 2_000);
  });
});

describe('mesh diagnostics, pull mode', () => {
  const mesh = meshCopy();
  const server = startServer({ pull: true, refreshSupport: true });
  const pull = async (file: string) => ((await server.pullDiagnostics(mesh.uriOf(file))) as DocumentDiagnosticReport & { items: Diagnostic[] }).items;

  before(async () => {
    const initialized = await server.initialize(mesh.root);
    assert.equal(initialized.capabilities.diagnosticProvider && 'interFileDependencies' in initialized.capabilities.diagnosticProvider && initialized.capabilities.diagnosticProvider.interFileDependencies, true);
    await ready(server);
    // The index becoming ready asks the client to pull again: findings across files were not known before.
    await server.waitForServerRequest('workspace/diagnostic/refresh');
  }, T);

  test('an edit of an open contract shows in the next pull of an open consumer', T, async () => {
    await server.open(mesh.uriOf(SHIPMENTS), mesh.textOf(SHIPMENTS));
    const contract = mesh.textOf(ORDERS_CONTRACT);
    await server.open(mesh.uriOf(ORDERS_CONTRACT), contract);
    assert.deepEqual(show(await pull(SHIPMENTS)), '');
    await server.change(mesh.uriOf(ORDERS_CONTRACT), withStatus(contract, 'deprecated'), 2);
    // The consumer is pulled first, before anyone pulled the edited contract.
    const items = await pull(SHIPMENTS);
    assert.deepEqual(
      items.map((d) => d.code),
      ['mesh/deprecated-contract', 'mesh/deprecated-contract'],
      show(items),
    );
    await server.change(mesh.uriOf(ORDERS_CONTRACT), contract, 3);
    assert.deepEqual(show(await pull(SHIPMENTS)), '');
  });

  test('a file changed on disk: the server asks for a refresh, and the next pull has the finding', T, async () => {
    await server.open(mesh.uriOf(CUSTOMER_360), mesh.textOf(CUSTOMER_360));
    assert.deepEqual(show(await pull(CUSTOMER_360)), '');
    server.skipServerRequests('workspace/diagnostic/refresh');
    writeFileSync(mesh.pathOf(SHIPMENTS_CONTRACT), withStatus(mesh.textOf(SHIPMENTS_CONTRACT), 'retired'));
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: mesh.uriOf(SHIPMENTS_CONTRACT), type: FileChangeType.Changed }] });
    await server.waitForServerRequest('workspace/diagnostic/refresh');
    const items = await pull(CUSTOMER_360);
    assert.deepEqual(
      items.map((d) => [d.code, d.message.replace(/\..*/, '')]),
      [
        ['mesh/deprecated-contract', "Contract 'logistics-shipments-v1' is retired"],
        ['mesh/deprecated-contract', "Contract 'logistics-shipments-v1' is retired"],
      ],
      show(items),
    );
    // Pull mode never pushes.
    assert.deepEqual(server.published(), []);
  });
});
