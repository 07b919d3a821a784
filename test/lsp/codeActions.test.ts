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

const DCS = readFileSync(join(repoRoot, 'test/fixtures/standards/datacontract-specification/examples/covid-cases/datacontract.yaml'), 'utf8');
const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };

describe('Migrate to ODCS v3.1.0 over the protocol', () => {
  test('a client that can create files gets a CreateFile and the new text; the original is untouched', T, async () => {
    const server = startServer({ pull: true, resourceOperations: ['create', 'rename'] });
    await server.initialize(null);
    const uri = 'file:///data/covid/datacontract.yaml';
    await server.open(uri, DCS);
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    const migrate = actions.find((a) => a.kind === 'refactor.rewrite');
    assert.equal(migrate?.title, 'Migrate to ODCS v3.1.0 (as a new file)');
    const target = 'file:///data/covid/datacontract.odcs.yaml';
    const [create, write, ...more] = migrate.edit!.documentChanges!;
    assert.deepEqual(create, { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } });
    const edit = write as TextDocumentEdit;
    assert.deepEqual(edit.textDocument, { uri: target, version: null });
    assert.deepEqual(more, [], 'no edit of the original');
    // The new file, opened, is a valid ODCS v3.1.0 contract; until the original is deleted, its id is defined twice.
    await server.open(target, (edit.edits[0] as { newText: string }).newText);
    assert.deepEqual((await diagnosticsOf(server, target)).map((d) => d.code), ['mesh/duplicate-id']);
  });

  test('a client that cannot create files is not offered it', T, async () => {
    const server = startServer({ pull: true });
    await server.initialize(null);
    const uri = 'file:///data/covid/datacontract.yaml';
    await server.open(uri, DCS);
    assert.deepEqual(await server.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }), []);
  });
});
