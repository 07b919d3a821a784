// The TextMate injection grammar: each rule's pattern (Oniguruma syntax that JavaScript reads the same
// way here) picks out the reference of the lines it is for, and leaves other lines to the YAML grammar.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/lspClient';

interface Rule {
  match: string;
  captures: Record<string, { name: string }>;
}
const grammar = JSON.parse(readFileSync(join(repoRoot, 'syntaxes/datamesh-references.injection.tmLanguage.json'), 'utf8')) as { scopeName: string; injectionSelector: string; repository: Record<string, Rule> };
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] } };

/** The text of each capture whose scope ends in `.datamesh` (what the grammar adds), for a line. */
function references(line: string): string[] {
  for (const rule of Object.values(grammar.repository)) {
    const match = new RegExp(rule.match).exec(line);
    if (!match) continue;
    return Object.entries(rule.captures)
      .filter(([, c]) => c.name.endsWith('.datamesh'))
      .map(([i, c]) => `${c.name.split('.').slice(0, -1).join('.')}=${match[Number(i)]}`);
  }
  return [];
}

test('the grammar is injected into YAML, and package.json names it', () => {
  assert.equal(grammar.injectionSelector, 'L:source.yaml -comment');
  assert.deepEqual(pkg.contributes.grammars, [{ scopeName: grammar.scopeName, path: './syntaxes/datamesh-references.injection.tmLanguage.json', injectTo: ['source.yaml'] }]);
});

const CASES: [string, string[]][] = [
  ['    contractId: sales-orders-v1', ['entity.name.type.contract-reference=sales-orders-v1']],
  ['  - contractId: "sales-orders-v1"   # the main one', ['entity.name.type.contract-reference=sales-orders-v1']],
  ["contractId: 'a'", ['entity.name.type.contract-reference=a']],
  ['        url: ../glossary.yaml#order', ['punctuation.separator.anchor=#', 'constant.other.glossary-reference=order']],
  ['          - to: orders.order_id', ['variable.other.property.column-reference=orders.order_id']],
  ['    element: orders.order_ts', ['variable.other.property.column-reference=orders.order_ts']],
  // Not references, or not ones a line can tell: left to the YAML grammar.
  ['    contractId: "unclosed', []],
  ['    url: https://example.com/glossary#order', []],
  ['    to: orders', []],
  ['    description: see contractId: x', []],
  ['    contractId: a b', []],
];

for (const [line, expected] of CASES) {
  test(`${JSON.stringify(line)} → ${expected.join(', ') || 'nothing'}`, () => assert.deepEqual(references(line), expected));
}
