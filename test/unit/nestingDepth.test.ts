// Nesting too deep to parse is refused before any parser sees the text, and reported once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { Lexer, Parser } from 'yaml';
import { MAX_NESTING_DEPTH, mayNestDeeper, measureNesting } from '../../server/src/core/model/nestingDepth';
import { check, diagnose } from '../support/check';
import { core } from '../support/core';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';
const TOO_DEEP = (depth: string) => ({ code: 'limit/too-deep', message: new RegExp(`^This file is nested ${depth} levels deep; the limit is 100, so it is not read or checked\\.`) });
/** `n` lines, each indented one more space than the one before. */
const stairs = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + line(i)).join('\n');

test('unclosed flow lists: one finding where the limit is passed, recognised by the file name', () => {
  check(`${'['.repeat(100)}⟦[⟧${'['.repeat(1899)}`, [TOO_DEEP('2,000')], 'deep.odcs.yaml');
});

test('closed flow maps, recognised by the content', () => {
  // The root map is the first level, so the 100th `{` is the 101st.
  check(`${HEAD}x: ${'{a: '.repeat(99)}⟦{⟧a: ${'{a: '.repeat(900)}b${'}'.repeat(1000)}\n`, [TOO_DEEP('1,001')]);
});

test('block maps and block lists', () => {
  check(`${HEAD}${stairs(100, (i) => `k${i}:`)}\n${' '.repeat(100)}⟦k⟧100:\n${stairs(400, (i) => `${' '.repeat(101)}k${i + 101}:`)} x\n`, [TOO_DEEP('501')]);
  check(`${stairs(100, () => '-')}\n${' '.repeat(100)}⟦-⟧\n${stairs(900, () => `${' '.repeat(101)}-`)} x\n`, [TOO_DEEP('1,001')], 'deep.odcs.yaml');
  // A list at its parent key's column is a level of its own.
  check(`${HEAD}${stairs(50, (i) => `${' '.repeat(i)}k:\n${' '.repeat(2 * i)}-`)}\n${' '.repeat(100)}⟦k⟧:\n${' '.repeat(100)}- x\n`, [TOO_DEEP('102')]);
});

test('100 levels are read; 101 are not', () => {
  // Root map, customProperties' list and its item: three levels before the value.
  const nested = (n: number) => `${HEAD}customProperties:\n  - property: deep\n    value: ${'['.repeat(n)}1${']'.repeat(n)}\n`;
  assert.equal(measureNesting(nested(97)).depth, MAX_NESTING_DEPTH);
  assert.deepEqual(diagnose(nested(97)), []);
  assert.deepEqual(diagnose(nested(98)).map((d) => d.code), ['limit/too-deep']);
});

test('brackets in quotes, comments, plain text and block scalars are not nesting', () => {
  const many = '[{'.repeat(500);
  const text = `${HEAD}description:\n  purpose: "${many}\\" ${many}"\n  usage: a ${many}\n  limitations: |\n    ${many}\n    - ${many}\ntags: ['${many}', "${many}"] # ${many}\n# ${many}\n`;
  assert.ok(measureNesting(text).depth < 5);
  check(text, []);
});

test('a refused file has no facts beyond its standard', () => {
  const text = `${HEAD}schema: ${'['.repeat(2000)}`;
  const empty = { uri: 'file:///deep.yaml', standards: ['odcs'], entities: [], links: [] };
  assert.deepEqual(core.factsOfText(text, empty.uri, 'deep.yaml'), empty);
  assert.deepEqual(core.factsOf(core.parse(text, 'deep.yaml'), empty.uri), empty);
  assert.equal(core.quickValidate(text, 'deep.yaml'), undefined);
  // Not ours by name or content: nothing to say.
  assert.deepEqual(diagnose('['.repeat(2000), 'other.yaml'), []);
});

/** The deepest stack of `yaml`'s own syntax tree (its parser is iterative), less the document and a scalar. */
function yamlDepth(text: string): number {
  const parser = new Parser();
  let max = 0;
  for (const lexeme of new Lexer().lex(text)) {
    Array.from(parser.next(lexeme));
    max = Math.max(max, parser.stack.length);
  }
  Array.from(parser.end());
  return max - 2;
}

/** js-yaml's deepest node (its listener counts scalars too), up to where it stops at an error. */
function jsYamlDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const listener = (event: string) => (event === 'open' ? (max = Math.max(max, ++depth)) : depth--);
  try {
    loadAll(text, undefined, { schema: CORE_SCHEMA, listener });
  } catch {
    // The depth up to the error counts.
  }
  return max - 1;
}

/** `count` texts of 5 to `maxPieces + 4` pieces, picked by a seeded generator. */
function* randomTexts(pieces: string[], seed: number, count: number, maxPieces: number): Generator<string> {
  const random = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
  for (let n = 0; n < count; n++) {
    let text = '';
    for (let k = 5 + random(maxPieces); k > 0; k--) text += pieces[random(pieces.length)];
    yield text;
  }
}

test('the quick check lets through only texts the scan finds within the limit, whatever the text', () => {
  const pieces = ['[', ']', '{', '}', ',', ' ', '\n', '\n  ', '\n    ', '- ', '? ', ': ', ':', '-', 'a', 'b: ', "'", '"', '#', ' #', '|', '>', '&x ', '*x', '---', '\n---\n', '\t', '\r', '\r\n', '\ufeff', '\n- - ', 'k:\n- '];
  for (const text of randomTexts(pieces, 7, 5000, 120)) {
    const depth = measureNesting(text, Infinity).depth;
    for (const limit of [0, 3, 10, 25]) if (depth > limit) assert.ok(mayNestDeeper(text, limit), `${JSON.stringify(text)} nests ${depth} deep`);
  }
  // Long indentation and flow maps far right, near the columns where the bound stops counting each one.
  const wide = ['\n' + ' '.repeat(20), '\n' + ' '.repeat(40), '\n' + ' '.repeat(52), '- {a: b, c: d}', 'k: ', '- ', ': ', '[', ']', ' ', 'x', '\n'];
  for (const text of randomTexts(wide, 11, 2000, 60)) {
    const depth = measureNesting(text, Infinity).depth;
    for (const limit of [25, 60, MAX_NESTING_DEPTH]) if (depth > limit) assert.ok(mayNestDeeper(text, limit), `${JSON.stringify(text)} nests ${depth} deep`);
  }
  // Deep files are still measured: the bound lets only shallow ones skip the scan.
  assert.ok(mayNestDeeper(stairs(120, () => 'k:')));
  assert.ok(!mayNestDeeper(stairs(60, () => 'k:')), 'a staircase of 60 keys nests 60 levels: no full scan');
  assert.ok(mayNestDeeper('['.repeat(150)));
  assert.ok(!mayNestDeeper(`${HEAD}description: "a: b - c"\n`));
  // One-line flow maps far right (a quality rule's list) nest three levels: no full scan for them.
  const rules = Array.from({ length: 12 }, (_, i) => `          - {property: frequency, value: ${i}, unit: day, description: every day}`).join('\n');
  assert.ok(!mayNestDeeper(`${HEAD}quality:\n  - rules:\n${rules}\n`));
});

test('the scan never sees much less nesting than either parser, whatever the text', () => {
  const pieces = ['[', ']', '{', '}', ',', ' ', '\n', '\n  ', '\n    ', '- ', '? ', ': ', ':', 'a', 'b: ', "'", '"', '\\', '#', ' #', '|', '>', '|2', '&x ', '!t ', '*x', '---', '\n---\n', '...', '\t', '\r\n', "''", '\n- '];
  for (const text of randomTexts(pieces, 42, 3000, 80)) {
    const scanned = measureNesting(text, Infinity).depth;
    // A few levels of difference are how each counts a document's root; never more.
    assert.ok(scanned >= Math.max(yamlDepth(text), jsYamlDepth(text)) - 3, JSON.stringify(text));
  }
});
