// Semantic tokens over the protocol: the legend in the capabilities, and references of an open
// product decoded from the LSP's relative encoding.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { InitializeResult, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { startServer } from '../support/lspClient';

const T = { timeout: 30_000 };

/** Tokens as `line:char text type+modifiers`, decoded from the deltas. */
function decode(text: string, tokens: SemanticTokens, legend: SemanticTokensLegend): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dLine, dChar, length, type, bits] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
    line += dLine;
    char = dLine === 0 ? char + dChar : dChar;
    const modifiers = legend.tokenModifiers.filter((_, m) => bits & (1 << m));
    out.push(`${line}:${char} ${lines[line]!.slice(char, char + length)} ${[legend.tokenTypes[type], ...modifiers].join('+')}`);
  }
  return out;
}

const CONTRACT = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders-v1\nversion: 1.0.0\nstatus: active\n';
const PRODUCT = `apiVersion: v1.0.0
kind: DataProduct
id: p
name: p
status: active
inputPorts:
  - name: in
    version: 1.0.0
    contractId: nothing-v9
outputPorts:
  - name: out
    version: 1.0.0
    contractId: "orders-v1"
`;

describe('textDocument/semanticTokens', () => {
  const server = startServer({ pull: true });
  let legend: SemanticTokensLegend | undefined;
  before(async () => {
    const result: InitializeResult = await server.initialize(null);
    legend = (result.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend } | undefined)?.legend;
  }, T);

  test('the legend names our token types and modifiers', () => {
    assert.deepEqual(legend, { tokenTypes: ['contractReference', 'columnReference', 'glossaryReference', 'definitionReference'], tokenModifiers: ['unresolved', 'deprecated'] });
  });

  test('full and range: a resolved and an unresolved contract id', T, async () => {
    await server.open('file:///m/orders.odcs.yaml', CONTRACT);
    const uri = 'file:///m/p.odps.yaml';
    await server.open(uri, PRODUCT);
    // Pulling the diagnostics waits for the index, after which an unresolved reference is certain.
    await server.pullDiagnostics(uri);
    const full = await server.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(decode(PRODUCT, full, legend!), ['8:16 nothing-v9 contractReference+unresolved', '12:17 orders-v1 contractReference']);
    const range = await server.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 10, character: 0 }, end: { line: 13, character: 0 } } });
    assert.deepEqual(decode(PRODUCT, range, legend!), ['12:17 orders-v1 contractReference']);
  });
});
