// Highlighting of references: each ⟦marked⟧ range of the open file is a token of the type and
// modifiers listed, in order, and nothing else is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/core/languageService';
import { repoRoot } from '../support/lspClient';
import { buildMesh, contract, GLOSSARY, marked, ordersContract, product, uriOf, type TestMesh } from '../support/mesh';

function tokensOf(mesh: TestMesh, path: string, span?: [number, number]): string[] {
  const text = mesh.text(path);
  return mesh.service.semanticTokens(uriOf(path), span).map((t) => [text.slice(t.span[0], t.span[1]), t.type, ...t.modifiers].join(' '));
}

function check(files: Record<string, string>, path: string, expected: string[][]): void {
  const mesh = buildMesh(Object.fromEntries(Object.entries(files).filter(([p]) => p !== path)));
  const { text, ranges } = marked(files[path]!);
  mesh.open(path, text);
  assert.deepEqual(
    tokensOf(mesh, path),
    ranges.map(([s, e], i) => [text.slice(s, e), ...expected[i]!].join(' ')),
  );
}

describe('semantic tokens', () => {
  test('contract ids of ports: resolved, unresolved and deprecated', () => {
    check(
      {
        'sales/orders.odcs.yaml': contract('orders-v1'),
        'sales/old.odcs.yaml': contract('orders-v0').replace('status: active', 'status: deprecated'),
        'sales/p.odps.yaml': product('p', '⟦orders-v1⟧', ['"⟦orders-v0⟧"', '⟦nothing-v9⟧']),
      },
      'sales/p.odps.yaml',
      [['contractReference', 'deprecated'], ['contractReference', 'unresolved'], ['contractReference']],
    );
  });

  test('table.column relationships, SLA elements and glossary links in a contract', () => {
    const orders = ordersContract('sales-orders-v1', 'slaProperties:\n  - property: latency\n    value: 1\n    element: ⟦orders⟧, ⟦orders.nope⟧\n')
      .replace('businessName: order', 'businessName: ⟦order⟧')
      .replace('url: ../glossary.yaml#order', 'url: ../glossary.yaml#⟦order⟧')
      .replace('      - id: customer_id_prop\n        name: customer_id\n', '      - id: customer_id_prop\n        name: customer_id\n        relationships:\n          - to: ⟦orders.order_id⟧\n');
    check({ 'glossary.yaml': GLOSSARY, 'sales/orders.odcs.yaml': orders }, 'sales/orders.odcs.yaml', [
      ['glossaryReference'],
      ['glossaryReference'],
      ['columnReference'],
      ['columnReference'],
      ['columnReference', 'unresolved'],
    ]);
  });

  test('a business name that names no term is plain text; one that does is a reference', () => {
    const orders = ordersContract().replace('businessName: order', 'businessName: ⟦Sales order⟧').replace('url: ../glossary.yaml#order', 'url: ../glossary.yaml#⟦order⟧');
    check({ 'glossary.yaml': GLOSSARY, 'sales/orders.odcs.yaml': orders }, 'sales/orders.odcs.yaml', [['glossaryReference'], ['glossaryReference']]);
    const unknown = ordersContract().replace('businessName: order', 'businessName: Not a term').replace('url: ../glossary.yaml#order', 'url: ../glossary.yaml#⟦order⟧');
    check({ 'glossary.yaml': GLOSSARY, 'sales/orders.odcs.yaml': unknown }, 'sales/orders.odcs.yaml', [['glossaryReference']]);
  });

  test('nothing is called unresolved before the index is complete', () => {
    const mesh = buildMesh({});
    mesh.service.setIndexComplete(false);
    mesh.open('p.odps.yaml', product('p', 'nothing-v9'));
    assert.deepEqual(tokensOf(mesh, 'p.odps.yaml'), []);
  });

  test('a range request gets the tokens in the range only', () => {
    const mesh = buildMesh({ 'a.odcs.yaml': contract('a'), 'b.odcs.yaml': contract('b') });
    const text = product('p', 'a', ['b']);
    mesh.open('p.odps.yaml', text);
    const inputs = text.indexOf('outputPorts');
    assert.deepEqual(tokensOf(mesh, 'p.odps.yaml', [0, inputs]), ['b contractReference']);
  });

  test('a 200 KB contract full of references gets its tokens fast', () => {
    // 160 tables of 6 columns, each column pointing at the table before it and at a glossary term.
    const tables = Array.from({ length: 160 }, (_, t) => {
      const columns = Array.from({ length: 6 }, (_, c) => `      - name: c${c}\n        logicalType: string\n        description: Column ${c} of table ${t}.\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#order\n${t > 0 ? `        relationships:\n          - to: t${t - 1}.c${c}\n` : ''}`);
      return `  - name: t${t}\n    properties:\n${columns.join('')}`;
    });
    const text = contract('big', `schema:\n${tables.join('')}`);
    assert.ok(text.length > 190_000 && text.length < 280_000, String(text.length));
    const mesh = buildMesh({ 'glossary.yaml': GLOSSARY });
    mesh.open('big.odcs.yaml', text);
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 7; i++) {
      // A new version each time, as after a keystroke: nothing of the last answer is reused.
      mesh.open('big.odcs.yaml', `${text}# ${i}\n`);
      const start = performance.now();
      count = mesh.service.semanticTokens(uriOf('big.odcs.yaml')).length;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    assert.equal(count, 160 * 6 + 159 * 6);
    // Informational (the report quotes it); the bound only catches a pathological regression.
    console.log(`semantic tokens of a ${Math.round(text.length / 1024)} KB contract (${count} tokens): median ${times[3]!.toFixed(1)} ms, max ${times[6]!.toFixed(1)} ms`);
    assert.ok(times[3]! < 500, `median ${times[3]} ms`);
  });
});

describe('the legend and package.json', () => {
  const contributes = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: Record<string, { id?: string; scopes?: Record<string, string[]> }[]> }).contributes;

  test('declare the same token types and modifiers', () => {
    assert.deepEqual(contributes.semanticTokenTypes?.map((t) => t.id), [...TOKEN_TYPES]);
    assert.deepEqual(contributes.semanticTokenModifiers?.map((t) => t.id), TOKEN_MODIFIERS.filter((m) => m !== 'deprecated'));
  });

  test('map every token type, and unresolved ones, to TextMate scopes themes know', () => {
    const scopes = contributes.semanticTokenScopes?.[0]?.scopes ?? {};
    for (const type of TOKEN_TYPES) {
      assert.ok(scopes[type]?.length, `${type} has no scope`);
      assert.ok(scopes[`${type}.unresolved`]?.length, `${type}.unresolved has no scope`);
    }
  });
});
