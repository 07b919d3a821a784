// Push mode and edits: diagnostics follow the text, and only the latest version is published.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { rangeOf, startServer } from '../support/lspClient';

const T = { timeout: 20_000 };
// Every test opens its own contract id: the documents stay open, and one id twice is a finding.
const valid = (id: string) => `apiVersion: v3.1.0\nkind: DataContract\nid: ${id}\nversion: 1.0.0\nstatus: active\n`;
const misspelt = (id: string) => `${valid(id)}descripton:\n  purpose: Orders of the web shop\n`;

describe('edits', () => {
  const server = startServer();
  before(() => server.initialize(null), T);

  test('a fix clears the error', T, async () => {
    const uri = 'file:///workspace/fix.odcs.yaml';
    const MISSPELT = misspelt('fix');
    await server.open(uri, MISSPELT);
    const before = await server.waitForDiagnostics(uri);
    assert.deepEqual(before.diagnostics.map((d) => d.code), ['schema/unknown-property']);
    await server.change(uri, MISSPELT.replace('descripton', 'description'), 2);
    const after = await server.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics, []);
  });

  test('rapid edits are validated once, for the last version', T, async () => {
    const uri = 'file:///workspace/rapid.odcs.yaml';
    const VALID = valid('rapid');
    const textOf = (version: number) => `${VALID}extra${version}: x\n`;
    await server.open(uri, VALID);
    assert.equal((await server.waitForDiagnostics(uri)).version, 1);
    for (let version = 2; version <= 10; version++) await server.change(uri, textOf(version), version);
    const last = await server.waitForDiagnostics(uri, (p) => p.version === 10);
    assert.deepEqual(
      server.published(uri).map((p) => p.version),
      [1, 10],
    );
    assert.equal(last.diagnostics.length, 1);
    assert.equal(last.diagnostics[0]!.code, 'schema/unknown-property');
    assert.match(last.diagnostics[0]!.message, /'extra10'/);
    assert.deepEqual(last.diagnostics[0]!.range, rangeOf(textOf(10), 'extra10'));
  });

  test('a file that stops being a mesh file has its diagnostics cleared', T, async () => {
    const uri = 'file:///workspace/becomes-foreign.yaml';
    await server.open(uri, misspelt('becomes-foreign'));
    assert.equal((await server.waitForDiagnostics(uri)).diagnostics.length, 1);
    await server.change(uri, 'name: CI\non: push\n', 2);
    assert.deepEqual((await server.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics, []);
  });

  test('closing a file clears its diagnostics', T, async () => {
    const uri = 'file:///workspace/closed.odcs.yaml';
    await server.open(uri, misspelt('closed'));
    assert.equal((await server.waitForDiagnostics(uri)).diagnostics.length, 1);
    await server.close(uri);
    const cleared = await server.waitForDiagnostics(uri);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
