// Pull mode: a client with `textDocument.diagnostic` asks for diagnostics and gets nothing pushed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { InitializeResult } from 'vscode-languageserver-protocol/node';
import { rangeOf, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 20_000 };
const MISSPELT = join(repoRoot, 'examples/broken/misspelt-key.odcs.yaml');
const FOREIGN_URI = 'file:///workspace/.github/workflows/ci.yml';
// Longer than the server's pause before validating an edit in push mode.
const VALIDATION_DELAY_MS = 200;

describe('pull diagnostics', () => {
  const server = startServer({ pull: true });
  const uri = pathToFileURL(MISSPELT).href;
  const text = readFileSync(MISSPELT, 'utf8');
  let initialized: InitializeResult;

  before(async () => {
    // The sample mesh, not the repository: leftovers of other runs (.cache/e2e) would add duplicates.
    initialized = await server.initialize(pathToFileURL(join(repoRoot, "examples")).href);
  }, T);

  test('the server advertises a diagnostic provider', T, () => {
    assert.deepEqual(initialized.capabilities.diagnosticProvider, { identifier: 'dataMesh', interFileDependencies: true, workspaceDiagnostics: true });
  });

  test('a broken file gets its diagnostics in a full report', T, async () => {
    await server.open(uri, text);
    const report = await server.pullDiagnostics(uri);
    assert.equal(report.kind, 'full');
    assert.equal(report.items.length, 1, JSON.stringify(report.items));
    const [d] = report.items;
    assert.equal(d!.code, 'schema/unknown-property');
    assert.equal(d!.source, 'ODCS v3.1.0');
    assert.deepEqual(d!.range, rangeOf(text, 'descripton', text.indexOf('descripton:')));
  });

  test('the next pull after an edit sees the edited text', T, async () => {
    await server.change(uri, text.replace('descripton:', 'description:'), 2);
    assert.deepEqual(await server.pullDiagnostics(uri), { kind: 'full', items: [] });
  });

  test('a YAML file that is not part of a mesh gets an empty full report', T, async () => {
    await server.open(FOREIGN_URI, 'name: CI\non: push\n');
    assert.deepEqual(await server.pullDiagnostics(FOREIGN_URI), { kind: 'full', items: [] });
  });

  test('a document that is not open gets an empty full report', T, async () => {
    assert.deepEqual(await server.pullDiagnostics('file:///workspace/never-opened.odcs.yaml'), { kind: 'full', items: [] });
  });

  test('nothing is pushed', T, async () => {
    await server.change(uri, text, 3);
    await new Promise((resolve) => setTimeout(resolve, VALIDATION_DELAY_MS + 300));
    assert.equal((await server.pullDiagnostics(uri)).kind, 'full'); // still answering
    assert.deepEqual(server.published(), []);
  });

  test('no workspace/diagnostic/refresh goes to a client without refreshSupport', T, () => {
    assert.deepEqual(server.serverRequests, []);
  });
});

describe('pull diagnostics, a client that refuses workspace/diagnostic/refresh', () => {
  const server = startServer({ pull: true, refreshSupport: true, rejectServerRequests: true });

  test('the server keeps running', T, async () => {
    await server.initialize(null);
    // A refresh is sent once the (here empty) workspace is indexed; the client refuses it.
    await server.waitForServerRequest('workspace/diagnostic/refresh');
    assert.deepEqual(await server.pullDiagnostics(FOREIGN_URI), { kind: 'full', items: [] });
    assert.deepEqual(
      server.serverRequests.map((r) => r.method),
      ['workspace/diagnostic/refresh'],
      'the test needs a refresh to refuse',
    );
  });
});
