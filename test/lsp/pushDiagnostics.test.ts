// Push mode: a client without `textDocument.diagnostic` gets publishDiagnostics for mesh files only.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { rangeOf, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 20_000 };
const ERROR = 1;
const WARNING = 2;
const EXAMPLES = join(repoRoot, 'examples');
const VALID = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';

const exampleFiles = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => f.replaceAll('\\', '/'))
  .sort();

describe('push diagnostics', () => {
  const server = startServer();
  // The sample mesh is the workspace: the repository also holds copies of it (test runs, caches).
  before(() => server.initialize(pathToFileURL(EXAMPLES).href), T);

  // Each example is opened once; the tests below share its first published diagnostics.
  const opened = new Map<string, Promise<{ text: string; diagnostics: Diagnostic[] }>>();
  function diagnosticsOf(file: string) {
    if (!opened.has(file)) {
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      const uri = pathToFileURL(join(EXAMPLES, file)).href;
      opened.set(file, server.open(uri, text).then(async () => ({ text, diagnostics: (await server.waitForDiagnostics(uri)).diagnostics })));
    }
    return opened.get(file)!;
  }
  const show = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).join('\n');

  describe('every broken example gets a diagnostic with a code and a source', () => {
    for (const file of exampleFiles.filter((f) => f.startsWith('broken/'))) {
      test(file, T, async () => {
        const { diagnostics } = await diagnosticsOf(file);
        assert.ok(diagnostics.length > 0, 'no diagnostics');
        for (const d of diagnostics) {
          assert.match(String(d.code), /^[a-z]+\/[a-z]+(-[a-z]+)*$/, show([d]));
          assert.match(d.source ?? '', /^(YAML|[A-Z][A-Za-z ]*( v\d+(\.\d+)*)?)$/, show([d]));
          assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4, show([d]));
        }
      });
    }
  });

  // One row per broken example: the single diagnostic expected, and the text it must cover
  // (`token`, searched from the first occurrence of `anchor`).
  const EXPECTED: { file: string; token: string; anchor: string; code: string; severity: number; source?: string; message?: RegExp }[] = [
    { file: 'misspelt-key.odcs.yaml', token: 'descripton', anchor: 'descripton:', code: 'schema/unknown-property', severity: ERROR, source: 'ODCS v3.1.0', message: /Did you mean 'description'\?/ },
    { file: 'duplicate-key.odcs.yaml', token: 'status', anchor: '\nstatus: active', code: 'yaml/duplicate-key', severity: ERROR, source: 'YAML' },
    { file: 'unquoted-version.odcs.yaml', token: '1.10', anchor: '\nversion: 1.10', code: 'schema/wrong-type', severity: ERROR },
    { file: 'policy-unknown-severity.yaml', token: 'warn', anchor: 'naming/snake-case-columns:', code: 'schema/invalid-value', severity: ERROR, source: 'Governance Policy v1' },
    { file: 'wrong-status.odps.yaml', token: 'actve', anchor: '\nstatus: actve', code: 'schema/unknown-status', severity: WARNING, message: /Did you mean 'active'\?/ },
  ];

  describe('the diagnostic of a broken example is on the offending text', () => {
    for (const e of EXPECTED) {
      test(`${e.file}: ${e.code} on '${e.token}'`, T, async () => {
        const { text, diagnostics } = await diagnosticsOf(`broken/${e.file}`);
        assert.equal(diagnostics.length, 1, show(diagnostics));
        const [d] = diagnostics;
        assert.deepEqual(d!.range, rangeOf(text, e.token, text.indexOf(e.anchor)));
        assert.equal(d!.code, e.code);
        assert.equal(d!.severity, e.severity);
        if (e.source) assert.equal(d!.source, e.source);
        if (e.message) assert.match(d!.message, e.message);
      });
    }

    test('bad-indentation: a syntax error on the over-indented line, no follow-on schema errors', T, async () => {
      const { text, diagnostics } = await diagnosticsOf('broken/bad-indentation.odcs.yaml');
      const line = rangeOf(text, '         physicalType: VARCHAR(12)').start.line;
      assert.ok(
        diagnostics.some((d) => d.source === 'YAML' && d.range.start.line === line),
        show(diagnostics),
      );
      assert.deepEqual(diagnostics.filter((d) => d.source !== 'YAML'), [], show(diagnostics));
    });
  });

  describe('every other example gets diagnostics without errors', () => {
    for (const file of exampleFiles.filter((f) => !f.startsWith('broken/'))) {
      test(file, T, async () => {
        const { diagnostics } = await diagnosticsOf(file);
        assert.deepEqual(show(diagnostics.filter((d) => d.severity === ERROR)), '');
      });
    }
  });

  test('a YAML file that is not part of a mesh never gets diagnostics', T, async () => {
    const foreign = 'file:///workspace/.github/workflows/ci.yml';
    const mesh = 'file:///workspace/orders.odcs.yaml';
    await server.open(foreign, 'name: CI\non: push\n');
    await server.open(mesh, VALID);
    await server.waitForDiagnostics(mesh);
    // Edits are validated after a pause; the foreign file's edit comes first, so it is handled first.
    await server.change(foreign, 'name: CI\non: [push, pull_request]\n', 2);
    await server.change(mesh, `${VALID}name: Orders\n`, 2);
    await server.waitForDiagnostics(mesh, (p) => p.version === 2);
    await server.close(foreign);
    await server.close(mesh);
    await server.waitForDiagnostics(mesh, (p) => p.diagnostics.length === 0 && p.version === undefined);
    assert.deepEqual(server.published(foreign), []);
  });
});
