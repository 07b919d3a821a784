// The quick read (js-yaml, no syntax tree) may only answer when the full validation agrees: the same
// findings, at the same ranges. Traps and syntax errors must send a file to the full path.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { core } from '../support/core';

const REPO = join(__dirname, '..', '..', '..');

function yamlFiles(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(folder, f));
}

/** The full path's verdict, to compare the quick one with. */
function full(text: string, fileName: string) {
  const document = core.parse(text, fileName);
  return { isMesh: core.isMeshDocument(document), diagnostics: core.validate(document), kinds: document.parts.map((p) => `${p.kind.standard.name} ${p.kind.version}`) };
}

describe('the quick read agrees with the full validation', () => {
  const files = [...yamlFiles(join(REPO, 'test', 'fixtures', 'standards')), ...yamlFiles(join(REPO, 'examples'))];
  let quick = 0;
  for (const file of files) {
    test(file.slice(REPO.length + 1), () => {
      const text = readFileSync(file, 'utf8');
      const answer = core.quickValidate(text, file);
      if (!answer) return;
      quick++;
      const expected = full(text, file);
      assert.equal(answer.isMesh, expected.isMesh);
      assert.deepEqual(answer.diagnostics, expected.diagnostics, 'the quick read and the full path disagree');
      if (answer.isMesh) assert.deepEqual(answer.kinds, expected.kinds);
    });
  }
  test('most clean files are answered quickly', () => {
    // The valid sample mesh and most official examples need no syntax tree at all.
    assert.ok(quick >= 40, `only ${quick} of ${files.length} files were answered by the quick read`);
  });
});

/** Where the quick read answers, it must give the full path's findings; returns whether it answered. */
function agrees(text: string, fileName: string): boolean {
  const answer = core.quickValidate(text, fileName);
  if (answer) assert.deepEqual(answer.diagnostics, full(text, fileName).diagnostics, `${fileName}: the quick read and the full path disagree`);
  return answer !== undefined;
}

// Mistakes a hand-written file has, each placed by the quick read when it can vouch for the spot.
const MISTAKES: [RegExp, string][] = [
  [/^status: .*$/m, 'status: actve'],
  [/^kind: .*$/m, '$&\nunknownTopLevelKey: true'],
  [/^(\s+)port: \d+/m, '$1port: five'],
  [/^(\s+)contractId: .*$/m, '$1contractId: 12'],
  [/^(\s+logicalType: &\w+) object/m, '$1 objekt'], // the anchored value and its alias
  [/^(\s+)description: >-/m, '$1description: 7\n$1notes: >-'],
];

describe('the quick read agrees with the full validation on a mesh written by hand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dm-varied-'));
  execFileSync(process.execPath, [join(REPO, 'bench/generate.mjs'), '--n', '30', '--style', 'varied', '--out', dir]);
  const files = yamlFiles(dir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  rmSync(dir, { recursive: true, force: true });
  test('clean files, all answered quickly', () => {
    for (const { file, text } of files) assert.ok(agrees(text, file), `${file} took the full path`);
  });
  test('files with a mistake, most answered quickly', () => {
    let quick = 0;
    let all = 0;
    for (const { file, text } of files) {
      for (const [where, what] of MISTAKES) {
        const broken = text.replace(where, what);
        if (broken === text) continue;
        all++;
        if (agrees(broken, file)) quick++;
      }
    }
    assert.ok(quick > all / 2, `only ${quick} of ${all} broken files were answered by the quick read`);
  });
});

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n';

describe('anything the full path would report sends a file there', () => {
  const cases: [string, string][] = [
    ['a syntax error', `${HEAD}schema:\n  - name: [unclosed\n`],
    ['a duplicate key', `${HEAD}status: draft\n`],
    ['a YAML 1.1 boolean word', `${HEAD}tags: [no]\n`],
    ['a YAML 1.1 boolean word after a key', `${HEAD}description:\n  purpose: on\n`],
    ['a leading zero', `${HEAD}tags:\n  - 0123\n`],
    ['a lossy version', 'apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.10\nstatus: active\n'],
    ['a base-60 number', `${HEAD}tags: [1:20]\n`],
    ['a number with underscores', `${HEAD}tags: [1_000]\n`],
    ['a directive', `%YAML 1.1\n---\n${HEAD}`],
    ['an empty list item, which js-yaml reads without a position', `${HEAD}tags:\n  - a\n  -\n`],
    ['an unknown status in a block scalar', 'apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: |\n  actve\n'],
    ['a schema error in a flow map', `${HEAD}description: {purpose: 1}\n`],
    ['an unsupported version', 'apiVersion: v9.9.9\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n'],
    ['a missing version', 'kind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n'],
    ['an empty file claimed by its name', ''],
    ['more aliases than the full parse may expand', `${HEAD}x-base: &b [a]\ntags: [${Array.from({ length: 20 }, () => '*b').join(', ')}]\n`],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      assert.equal(core.quickValidate(text, 'c1.odcs.yaml'), undefined);
    });
  }
  test('schema findings in readable YAML are answered without a tree, as the full path gives them', () => {
    const texts = [
      `${HEAD}unknownKey: 1\n`,
      'apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: actve\n',
      `${HEAD}schema:\n  - name: orders\n    physicalType: 12\n    properties:\n      - name: id # a comment\n        logicalType: text\n      - name: 5\n`,
      `${HEAD}servers:\n  - server: prod\n    type: snowflake # no account\n`,
      `${HEAD}tags: [a, 1, "b"]\nteam: x\n`,
      `# leading comment\n---\n${HEAD}description: 5\n`,
      `\ufeff${HEAD}\r\nsupport: x\r\n`,
      `${HEAD}domain: &d sales\ntags: [*d, 1]\nteam: &t\n  name: x\n`,
    ];
    for (const text of texts) {
      const answer = core.quickValidate(text, 'c1.odcs.yaml');
      assert.ok(answer, JSON.stringify(text));
      assert.ok(answer.diagnostics.length > 0, JSON.stringify(text));
      assert.deepEqual(answer.diagnostics, full(text, 'c1.odcs.yaml').diagnostics, JSON.stringify(text));
    }
  });
  test('a clean contract is answered without a tree', () => {
    const answer = core.quickValidate(HEAD, 'c1.odcs.yaml');
    assert.deepEqual([answer?.isMesh, answer?.kinds], [true, ['ODCS v3.1.0']]);
    assert.deepEqual(core.factsOfQuickRead(answer!, 'file:///c1.odcs.yaml'), core.factsOfText(HEAD, 'file:///c1.odcs.yaml', 'c1.odcs.yaml'));
  });
  test('YAML that is not ours is answered as not ours', () => {
    // `on` as a key is no trap: only values are read differently by YAML 1.1 tools.
    const answer = core.quickValidate('name: build\non: push\n', '.github/workflows/ci.yml');
    assert.deepEqual([answer?.isMesh, answer?.kinds], [false, []]);
  });
});
