// Code actions over the protocol: the client sends back a diagnostic (with its data) and applies the
// fix it gets; the next diagnostics no longer have the finding.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, InitializeResult, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { applyEdits, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 30_000 };
const MISSPELT = readFileSync(join(repoRoot, 'examples/broken/misspelt-key.odcs.yaml'), 'utf8');

async function diagnosticsOf(server: ReturnType<typeof startServer>, uri: string): Promise<Diagnostic[]> {
  const report = await server.pullDiagnostics(uri);
  return 'items' in report ? report.items : [];
}

describe('textDocument/codeAction', () => {
  const server = startServer({ pull: true, resourceOperations: ['create'] });
  let capabilities: InitializeResult['capabilities'] | undefined;
  before(async () => {
    capabilities = (await server.initialize(null)).capabilities;
  }, T);

  test('the server offers quick fixes and refactorings', () => {
    assert.deepEqual(capabilities?.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite'] });
  });

  test('the fix of a misspelt key, applied, removes the finding', T, async () => {
    const uri = 'file:///data/broken/misspelt-key.odcs.yaml';
    await server.open(uri, MISSPELT);
    const diagnostics = (await diagnosticsOf(server, uri)).filter((d) => d.code === 'schema/unknown-property');
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic], triggerKind: 1 } });
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.equal(fix?.title, "Rename 'descripton' to 'description'");
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    const [change] = fix.edit!.documentChanges! as TextDocumentEdit[];
    assert.deepEqual(change!.textDocument, { uri, version: 1 });
    const fixed = applyEdits(MISSPELT, change!.edits as { range: Diagnostic['range']; newText: string }[]);
    assert.equal(fixed, MISSPELT.replace('descripton: Order', 'description: Order'));
    await server.change(uri, fixed, 2);
    assert.deepEqual((await diagnosticsOf(server, uri)).map((d) => d.code), []);
  });

  test('only: refactor asks for no quick fixes', T, async () => {
    const uri = 'file:///data/broken/only.odcs.yaml';
    await server.open(uri, MISSPELT);
    const [diagnostic] = (await diagnosticsOf(server, uri)).filter((d) => d.code === 'schema/unknown-property');
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic], only: ['refactor'] } });
    assert.deepEqual(actions, []);
  });

  test('a document that is not open gets nothing', T, async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await server.request('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere.yaml' }, range, context: { diagnostics: [] } }), []);
  });
});
