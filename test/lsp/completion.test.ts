// Completion and key hover over LSP, on the sample mesh (examples/, read only): the capability, items
// with documentation and an edit that inserts the snippet as it is, references from the index.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type CompletionList, type Hover, InsertTextFormat, InsertTextMode, type InitializeResult, type TextEdit } from 'vscode-languageserver-protocol/node';
import type { IndexStatus } from '../../protocol/protocol';
import { applyEdits, positionAt, repoRoot, startServer } from '../support/lspClient';
import { snippetText } from '../support/completion';

const T = { timeout: 20_000 };
const EXAMPLES = join(repoRoot, 'examples');
const uriOf = (file: string) => pathToFileURL(join(EXAMPLES, file)).href;

describe('completion over LSP', () => {
  const server = startServer();
  let init: InitializeResult;

  before(async () => {
    init = await server.initialize(pathToFileURL(EXAMPLES).href);
    await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
  }, T);

  test('the server offers completion after a colon and a list dash', T, () => {
    assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, [':', '-']);
  });

  test('a key inserts its snippet with the file’s indentation, as it is', T, async () => {
    const uri = uriOf('sales/new.odcs.yaml');
    const text = 'apiVersion: v3.1.0\nkind: DataContract\nid: new\nstatus: draft\nsch';
    await server.open(uri, text);
    const list = await server.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, text.length) });
    const schema = list.items.find((i) => i.label === 'schema');
    assert.ok(schema, list.items.map((i) => i.label).join(', '));
    assert.equal(schema.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(schema.insertTextMode, InsertTextMode.asIs);
    assert.match((schema.documentation as { value: string }).value, /schema/i);
    const edit = schema.textEdit as TextEdit;
    assert.equal(applyEdits(text, [{ ...edit, newText: snippetText(edit.newText) }]), 'apiVersion: v3.1.0\nkind: DataContract\nid: new\nstatus: draft\nschema:\n  - name: ');
  });

  test('a product’s contractId offers the mesh’s contracts', T, async () => {
    const uri = uriOf('sales/new.odps.yaml');
    const text = 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: draft\ninputPorts:\n  - name: orders\n    version: 1.0.0\n    contractId: ';
    await server.open(uri, text);
    const list = await server.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, text.length) });
    const orders = list.items.find((i) => i.label === 'sales-orders-v1');
    assert.ok(orders, list.items.map((i) => i.label).join(', '));
    assert.match(orders.detail ?? '', /active|draft|v\d/);
  });

  test('hover on a key shows the schema’s description and a link to the standard', T, async () => {
    const file = 'sales/sales-orders-v1.odcs.yaml';
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    await server.open(uriOf(file), text);
    const offset = text.indexOf('logicalType:') + 3;
    const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionAt(text, offset) });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*logicalType\*\*/);
    assert.match(value, /https:\/\/bitol-io\.github\.io\/open-data-contract-standard\//);
  });

  test('a position past the end or in a file that is not open answers nothing, not an error', T, async () => {
    const list = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: uriOf('nowhere.odcs.yaml') }, position: { line: 0, character: 0 } });
    assert.equal(list, null);
  });
});
