// The quick read (js-yaml, no syntax tree) may only answer when the full validation agrees: a file it
// calls clean must get no findings from the full path, and every trap or error must send it there.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { service } from '../support/check';

const REPO = join(__dirname, '..', '..', '..');

function yamlFiles(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(folder, f));
}

/** The full path's verdict, to compare the quick one with. */
function full(text: string, fileName: string) {
  const document = service.parse(text, fileName);
  return { isMesh: service.isMeshDocument(document), diagnostics: service.validate(document), kinds: document.parts.map((p) => `${p.kind.standard.name} ${p.kind.version}`) };
}

describe('the quick read agrees with the full validation', () => {
  const files = [...yamlFiles(join(REPO, 'test', 'fixtures', 'standards')), ...yamlFiles(join(REPO, 'examples'))];
  let quick = 0;
  for (const file of files) {
    test(file.slice(REPO.length + 1), () => {
      const text = readFileSync(file, 'utf8');
      const answer = service.quickValidate(text, file);
      if (!answer) return;
      quick++;
      const expected = full(text, file);
      assert.equal(answer.isMesh, expected.isMesh);
      assert.deepEqual(expected.diagnostics, [], 'the quick read called a file clean that has findings');
      if (answer.isMesh) assert.deepEqual(answer.kinds, expected.kinds);
    });
  }
  test('most clean files are answered quickly', () => {
    // The valid sample mesh and most official examples need no syntax tree at all.
    assert.ok(quick >= 40, `only ${quick} of ${files.length} files were answered by the quick read`);
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
    ['a schema error', `${HEAD}unknownKey: 1\n`],
    ['an unknown status', 'apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: actve\n'],
    ['an unsupported version', 'apiVersion: v9.9.9\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n'],
    ['a missing version', 'kind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n'],
    ['an empty file claimed by its name', ''],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      assert.equal(service.quickValidate(text, 'c1.odcs.yaml'), undefined);
    });
  }
  test('a clean contract is answered without a tree', () => {
    const answer = service.quickValidate(HEAD, 'c1.odcs.yaml');
    assert.deepEqual([answer?.isMesh, answer?.kinds], [true, ['ODCS v3.1.0']]);
    assert.deepEqual(service.factsOfQuickRead(answer!, 'file:///c1.odcs.yaml'), service.factsOfText(HEAD, 'file:///c1.odcs.yaml', 'c1.odcs.yaml'));
  });
  test('YAML that is not ours is answered as not ours', () => {
    // `on` as a key is no trap: only values are read differently by YAML 1.1 tools.
    const answer = service.quickValidate('name: build\non: push\n', '.github/workflows/ci.yml');
    assert.deepEqual([answer?.isMesh, answer?.kinds], [false, []]);
  });
});
