// Hostile and unusual input: each case ends in a diagnostic or a clean result, never a throw or a hang.
// Budgets are measured by `npm run bench`; the timeouts here only turn a hang into a failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../support/check';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';
const options = { timeout: 10_000 };

test('empty and comment-only files are clean', options, () => {
  assert.deepEqual(diagnose('', 'new.odcs.yaml'), []);
  assert.deepEqual(diagnose('# to do\n# more\n', 'new.odcs.yaml'), []);
  assert.deepEqual(diagnose('\n\n   \n', 'new.odcs.yaml'), []);
});

test('a byte order mark does not shift ranges', options, () => {
  const text = `\uFEFF${HEAD}descripton: x\n`;
  const [d] = diagnose(text);
  assert.equal(text.slice(d!.start, d!.end), 'descripton');
});

test('CRLF line endings keep exact ranges', options, () => {
  const text = `${HEAD}descripton: x\n`.replace(/\n/g, '\r\n');
  const [d] = diagnose(text);
  assert.equal(text.slice(d!.start, d!.end), 'descripton');
});

test('tabs used for indentation are a syntax error on the tab', options, () => {
  const text = `${HEAD}description:\n\tpurpose: x\n`;
  const d = diagnose(text).find((x) => x.code === 'yaml/tab-as-indent');
  assert.ok(d);
  assert.equal(text.slice(d.start, d.end), '\t');
});

test('each document of a multi-document file is checked with its own ranges', options, () => {
  const text = `${HEAD}---\n${HEAD}descripton: x\n---\nplain: yaml\n`;
  const diagnostics = diagnose(text);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.start, text.lastIndexOf('descripton'));
});

test('an alias bomb is reported instead of expanded', options, () => {
  let text = `${HEAD}customProperties:\n  - property: bomb\n    value:\n      a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n`;
  for (let i = 1; i < 12; i++) text += `      a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const diagnostics = diagnose(text);
  assert.ok(diagnostics.some((d) => d.code === 'yaml/too-many-aliases'), JSON.stringify(diagnostics));
});

test('very deep nesting is reported, not parsed', options, () => {
  const depth = 5000;
  const text = `${HEAD}customProperties:\n  - property: deep\n    value: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
  assert.deepEqual(diagnose(text).map((d) => d.code), ['limit/too-deep']);
});
