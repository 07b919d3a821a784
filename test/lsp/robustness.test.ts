// Hostile and unusual input: the server answers each, and still answers a small contract afterwards.
import assert from 'node:assert/strict';
import { afterEach, before, describe, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { contractOfSize } from '../support/generated';
import { rangeOf, startServer } from '../support/lspClient';

// Budgets are measured by the benchmark, not here; the generous timeouts only turn a hang into a failure.
const T = { timeout: 20_000 };
const WAIT_MS = 15_000;
const VALID = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';
const UNVERSIONED = VALID.replace('version: 1.0.0', 'version: 1.10');

describe('robustness', () => {
  const server = startServer();
  let count = 0;
  before(() => server.initialize(null), T);

  /** Opens `text` as a new contract and returns its first published diagnostics. */
  async function diagnose(text: string): Promise<PublishDiagnosticsParams> {
    const uri = `file:///workspace/case-${++count}.odcs.yaml`;
    await server.open(uri, text);
    const published = await server.waitForDiagnostics(uri, undefined, WAIT_MS);
    await server.close(uri);
    return published;
  }

  afterEach(async () => {
    assert.equal(server.child.exitCode, null, `the server exited\n${server.log()}`);
    assert.deepEqual((await diagnose(VALID)).diagnostics, [], 'a small valid contract afterwards');
  }, T);

  const show = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).join('\n');
  const byCode = (diagnostics: Diagnostic[], code: string) => {
    const found = diagnostics.find((d) => d.code === code);
    assert.ok(found, `no ${code} in:\n${show(diagnostics)}`);
    return found;
  };

  test('an alias bomb is reported, not expanded', T, async () => {
    let text = 'kind: DataContract\napiVersion: v3.1.0\nid: bomb\nversion: 1.0.0\nstatus: active\na: &a [x,x,x,x,x,x,x,x,x]\n';
    for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    const { diagnostics } = await diagnose(text);
    assert.match(show(diagnostics), /alias/i);
  });

  /** A valid contract of one table with as many columns as make 5 MB, then `last`. */
  const fiveMegabytes = (last = '') => contractOfSize(5_000_000, 'orders', last);

  // Past dataMesh.maxFileSizeMB a file is still validated; one information says that its other features are off.
  const problems = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code !== 'limit/large-file');

  test('a 5 MB contract', T, async () => {
    const { diagnostics } = await diagnose(fiveMegabytes());
    assert.deepEqual(show(problems(diagnostics)), '');
    assert.deepEqual(diagnostics.map((d) => d.code), ['limit/large-file']);
  });

  test('a 5 MB contract with a mistake in its last column: one diagnostic, on the value', T, async () => {
    const text = fiveMegabytes('      - name: last\n        logicalType: strnig\n');
    const { diagnostics } = await diagnose(text);
    assert.equal(problems(diagnostics).length, 1, show(diagnostics));
    assert.deepEqual(byCode(diagnostics, 'schema/invalid-value').range, rangeOf(text, 'strnig'));
  });

  test('5,000 nested flow sequences are refused before parsing', T, async () => {
    const { diagnostics } = await diagnose(`${VALID}tags: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    assert.deepEqual(diagnostics.map((d) => d.code), ['limit/too-deep']);
  });

  test('a map of 20,000 keys, the last one a duplicate', T, async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  key${i}: value ${i}\n`);
    const text = `${VALID}description:\n${keys.join('')}  key0: again\n`;
    const { diagnostics } = await diagnose(text);
    assert.deepEqual(byCode(diagnostics, 'yaml/duplicate-key').range, rangeOf(text, 'key0', text.indexOf('key0: again')));
  });

  test('a byte order mark', T, async () => {
    const text = `\uFEFF${UNVERSIONED}descripton: x\n`;
    const { diagnostics } = await diagnose(text);
    assert.deepEqual(byCode(diagnostics, 'schema/wrong-type').range, rangeOf(text, '1.10'));
    assert.deepEqual(byCode(diagnostics, 'schema/unknown-property').range, rangeOf(text, 'descripton'));
    const first = `\uFEFFapiVersion: v3.1.0\nkind: DataContract\nstatus: active\n`;
    assert.deepEqual(byCode((await diagnose(first)).diagnostics, 'schema/missing-property').range, rangeOf(first, 'apiVersion: v3.1.0'));
  });

  test('CRLF line endings', T, async () => {
    const text = `${UNVERSIONED}descripton:\n  purpose: x\n  usage: y\n  purpose: z\n`.replace(/\n/g, '\r\n');
    const { diagnostics } = await diagnose(text);
    assert.deepEqual(byCode(diagnostics, 'schema/wrong-type').range, rangeOf(text, '1.10'));
    assert.deepEqual(byCode(diagnostics, 'schema/unknown-property').range, { start: { line: 5, character: 0 }, end: { line: 5, character: 10 } });
    assert.deepEqual(byCode(diagnostics, 'yaml/duplicate-key').range, { start: { line: 8, character: 2 }, end: { line: 8, character: 9 } });
  });

  test('tabs', T, async () => {
    const indented = `${VALID}description:\n\tpurpose: x\n`;
    assert.deepEqual(byCode((await diagnose(indented)).diagnostics, 'yaml/tab-as-indent').range, rangeOf(indented, '\t'));
    const inside = `${VALID}description:\n  purpose: "a\tb"\t# a comment after a tab\n  usage:\tc\n`;
    assert.deepEqual(show((await diagnose(inside)).diagnostics), '');
  });

  test('two contracts in one file', T, async () => {
    const text = `${VALID}---\n${VALID.replace('id: orders', 'id: returns')}descripton: x\n`;
    const { diagnostics } = await diagnose(text);
    assert.equal(diagnostics.length, 1, show(diagnostics));
    assert.deepEqual(diagnostics[0]!.range, rangeOf(text, 'descripton'));
    assert.equal(diagnostics[0]!.range.start.line, 11);
  });
});
