// Quick spans (js-yaml's listener) must place every fact exactly where the syntax tree does, or decline.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { core } from '../support/core';
import { QuickSpans } from '../../server/src/core/model/quickSpans';
import { FactLocator } from '../../server/src/core/workspace/locateFacts';
import { isNamed, namePathOf, type Path } from '../../server/src/core/workspace/meshFacts';


interface Tally {
  quick: number;
  declined: number;
}

/** Compares the quick span of every link and entity name of a file with the tree's; returns how many were answered quickly. */
function agree(name: string, text: string, tally: Tally): void {
  const document = core.parse(text, `/m/${name}`);
  const facts = core.factsOf(document, `file:///m/${name}`);
  const tree = FactLocator.of(document);
  const quick = QuickSpans.of(text);
  const check = (docIndex: number, path: Path, key: boolean, what: string) => {
    const span = quick?.span(docIndex, path, key);
    if (span === undefined) {
      tally.declined++;
      return;
    }
    tally.quick++;
    const expected = tree.pathSpan(docIndex, path, key);
    assert.deepEqual(span, expected, `${name}: ${what} at ${path.join('.')}: quick ${JSON.stringify(text.slice(span[0], span[1]))}, tree ${expected && JSON.stringify(text.slice(expected[0], expected[1]))}`);
  };
  for (const link of facts.links) check(link.docIndex, link.path, false, `link ${link.kind}`);
  for (const entity of facts.entities) if (isNamed(entity)) check(entity.docIndex, namePathOf(entity), entity.nameIsKey === true, `name of ${entity.kind}`);
}

function agreeOnFolder(folder: string): Tally {
  const root = resolve(process.cwd(), folder);
  const tally = { quick: 0, declined: 0 };
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f))) agree(file, readFileSync(join(root, file), 'utf8'), tally);
  return tally;
}

test('every fact of the sample mesh is placed quickly, where the tree places it', () => {
  const tally = agreeOnFolder('examples');
  assert.ok(tally.quick > 300, JSON.stringify(tally));
  assert.ok(tally.declined < tally.quick / 20, `declined too often: ${JSON.stringify(tally)}`);
});

test('every fact of the official examples is placed where the tree places it, or left to the tree', () => {
  const tally = agreeOnFolder('test/fixtures/standards');
  assert.ok(tally.quick > 800, JSON.stringify(tally));
});

test('every fact of a mesh written by hand (block scalars, flow collections, anchors, aliases, comments) is placed quickly, where the tree places it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dm-varied-'));
  try {
    execFileSync(process.execPath, [join(process.cwd(), 'bench/generate.mjs'), '--n', '40', '--style', 'varied', '--out', dir]);
    const tally = agreeOnFolder(dir);
    assert.ok(tally.quick > 1000, JSON.stringify(tally));
    assert.ok(tally.declined < tally.quick / 20, `declined too often: ${JSON.stringify(tally)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an anchor is not part of its node, and an alias is left to the tree', () => {
  const text = 'kind: DataContract\ndomain: &d sales # c\nteam: &t\n  name: x\ntags: [&first a, *d]\nother: *d\ncopy: *t\n';
  const quick = QuickSpans.of(text)!;
  const tree = FactLocator.of(core.parse(text, '/m/x.odcs.yaml'));
  const placed = (path: Path) => {
    const span = quick.span(0, path);
    if (span) assert.deepEqual(span, tree.pathSpan(0, path), path.join('.'));
    return span && text.slice(span[0], span[1]);
  };
  assert.equal(placed(['domain']), 'sales');
  assert.equal(placed(['team', 'name']), 'x');
  assert.equal(placed(['tags', 0]), 'a');
  for (const path of [['tags', 1], ['other'], ['copy', 'name'], ['copy']]) assert.equal(quick.span(0, path), undefined, path.join('.'));
});

test('scalars in every style and position are placed exactly; the rest is left to the tree', () => {
  const text = [
    '\ufeffkind: DataContract # a comment',
    'id:   spaced-out   # trailing comment',
    "name: 'single ''quoted'''",
    'title: "double \\"quoted\\""',
    'multi: first line',
    '  second line',
    '1: numeric key',
    'block: |',
    '  kept as is',
    'folded: >-',
    '  folded',
    'flow: [a, "b" ,  c ]',
    'map: {a: 1}',
    'empty:',
    'list:',
    '  # a comment between items',
    '  - item one',
    '  -   item two',
    '  - nested: value',
    '\r',
  ].join('\n');
  const quick = QuickSpans.of(text)!;
  const document = core.parse(text, '/m/x.odcs.yaml');
  const tree = FactLocator.of(document);
  const placed = (path: Path, key = false) => {
    const span = quick.span(0, path, key);
    if (span) assert.deepEqual(span, tree.pathSpan(0, path, key), path.join('.'));
    return span && text.slice(span[0], span[1]);
  };
  assert.equal(placed(['kind']), 'DataContract');
  assert.equal(placed(['kind'], true), 'kind');
  assert.equal(placed(['id']), 'spaced-out');
  assert.equal(placed(['name']), "'single ''quoted'''");
  assert.equal(placed(['title']), '"double \\"quoted\\""');
  assert.equal(placed(['multi']), 'first line\n  second line');
  assert.equal(placed(['1']), 'numeric key');
  assert.equal(placed(['list', 0]), 'item one');
  assert.equal(placed(['list', 1]), 'item two');
  assert.equal(placed(['list', 2, 'nested']), 'value');
  assert.equal(placed(['list', 2, 'nested'], true), 'nested');
  assert.equal(placed(['flow', 0]), 'a');
  assert.equal(placed(['flow', 1]), '"b"');
  assert.equal(placed(['flow', 2]), 'c');
  // Left to the tree: block scalars, flow maps and what is in them, empty values, collections, missing paths.
  for (const path of [['block'], ['folded'], ['flow'], ['map', 'a'], ['empty'], ['list'], ['missing'], ['list', 9]]) {
    assert.equal(quick.span(0, path), undefined, path.join('.'));
  }
});

test('every document of a multi-document file is placed on its own', () => {
  const text = 'kind: DataContract\nid: first\n---\n# second\nkind: DataContract\nid: second\n';
  const quick = QuickSpans.of(text)!;
  assert.equal(text.slice(...quick.span(1, ['id'])!), 'second');
  assert.equal(text.slice(...quick.span(0, ['id'])!), 'first');
  assert.equal(quick.span(2, ['id']), undefined);
});

test('texts whose positions a quick read cannot vouch for are declined as a whole', () => {
  for (const text of [
    'id: [unclosed\n', // a syntax error
    'id: !!str 12\n', // tags
    '? id\n: x\n', // explicit keys
    'base: &b {x: 1}\nid:\n  <<: *b\n', // merge keys
    'id: a\nid: b\n', // duplicate keys
  ]) {
    assert.equal(QuickSpans.of(text)?.span(0, ['id']), undefined, text);
  }
});

test('a path is placed the same whatever was asked before it (the walk resumes where the last one parted)', () => {
  const text = [
    'kind: DataContract',
    'id: orders',
    'schema:',
    '  - name: orders',
    '    properties:',
    '      - name: id',
    '        businessName: Order id',
    '      - name: total',
    '        description: |',
    '          block',
    '  - name: lines',
    '    properties:',
    '      - name: id',
    '---',
    'kind: DataContract',
    'id: second',
    '',
  ].join('\n');
  const paths: [number, Path, boolean][] = [
    [0, ['schema', 0, 'properties', 0, 'name'], false],
    [0, ['schema', 0, 'properties', 0, 'name'], true],
    [0, ['schema', 0, 'properties', 0, 'businessName'], false],
    [0, ['schema', 0, 'properties', 1, 'description'], false],
    [0, ['schema', 0, 'properties', 1, 'description', 'x'], false],
    [0, ['schema', 0, 'properties', 5, 'name'], false],
    [0, ['schema', 1, 'properties', 0, 'name'], true],
    [0, ['schema', 1, 'name'], false],
    [0, ['schema', 'x', 'name'], false],
    [0, ['id'], false],
    [1, ['id'], false],
    [1, ['schema', 0, 'name'], false],
  ];
  const inOrder = paths.map(([doc, path, key]) => QuickSpans.of(text)!.span(doc, path, key));
  const reversed = [...paths].reverse().map(([doc, path, key]) => QuickSpans.of(text)!.span(doc, path, key)).reverse();
  assert.deepEqual(reversed, inOrder);
  assert.equal(text.slice(...inOrder[0]!), 'id');
  assert.equal(text.slice(...inOrder[1]!), 'name', 'the key of the same path, asked again');
  assert.equal(text.slice(...inOrder[2]!), 'Order id');
  assert.equal(text.slice(...inOrder[6]!), 'name', 'the key of the second table’s first column');
  assert.equal(text.slice(...inOrder[10]!), 'second');
  assert.deepEqual([inOrder[3], inOrder[4], inOrder[5], inOrder[8], inOrder[11]], [undefined, undefined, undefined, undefined, undefined]);
});
