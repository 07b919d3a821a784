// Conformance against the official examples: every example that its standard's own schema
// accepts gets no error from us, and typical mutations of it each get an error on the mutated node.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { locate } from '../../server/src/core/model/yamlLocate';
import { SchemaValidator } from '../../server/src/core/schema/schemaValidator';
import { diagnose } from '../support/check';
import { core } from '../support/core';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'standards');
const ERROR = 1;
const raw = new SchemaValidator();

interface Example {
  file: string;
  text: string;
  schemaKey: string;
  versionKey: string;
}

function officialExamples(): { accepted: Example[]; rejected: string[] } {
  const accepted: Example[] = [];
  const rejected: string[] = [];
  for (const rel of readdirSync(FIXTURES, { recursive: true }) as string[]) {
    if (!/\.(ya?ml|json)$/.test(rel)) continue;
    const file = join(FIXTURES, rel);
    const text = readFileSync(file, 'utf8');
    const document = core.parse(text, file);
    const part = document.parts[0];
    const schemaKey = part?.kind.version && part.kind.standard.schemaFor(part.kind.version);
    if (!part || !schemaKey || document.parts.length !== 1 || document.yaml.problems.some((p) => p.severity === ERROR)) continue;
    const ok = raw.validate(schemaKey, part.doc.toJS()).length === 0;
    if (ok) accepted.push({ file: rel, text, schemaKey, versionKey: part.kind.standard.versionKey });
    else rejected.push(rel);
  }
  return { accepted, rejected };
}

const { accepted, rejected } = officialExamples();

test('the official examples of ODCS, ODPS and the Data Contract Specification are covered', () => {
  const standards = new Set(accepted.map((e) => e.file.split('/')[0]));
  for (const s of ['odcs', 'odps-bitol', 'datacontract-specification', 'dataproduct-specification']) assert.ok(standards.has(s), `no accepted example of ${s}; rejected: ${rejected.join(', ')}`);
});

type Path = (string | number)[];

/** Every scalar value in the document with its path, in document order. */
function scalarPaths(node: Node | null, path: Path = [], into: { path: Path; node: Node }[] = []) {
  if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.key)) scalarPaths(pair.value as Node | null, [...path, String(pair.key.value)], into);
  }
  else if (isSeq(node)) node.items.forEach((item, i) => scalarPaths(item as Node, [...path, i], into));
  else if (isScalar(node)) into.push({ path, node });
  return into;
}

const pointer = (path: Path) => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

function parseExample(e: Example): Document.Parsed {
  return core.parse(e.text, e.file).parts[0]!.doc;
}

/** Applies a mutation that the schema itself rejects with `keyword` at the path; tries the first candidates that qualify. */
function mutate(e: Example, keywords: string[], value: unknown): { text: string; path: Path } | undefined {
  const doc = parseExample(e);
  const candidates = scalarPaths(doc.contents as Node).filter((c) => c.path.length > 1 || (c.path[0] !== e.versionKey && c.path[0] !== 'kind')).slice(0, 400);
  for (const { path } of candidates) {
    const copy = doc.clone();
    copy.setIn(path, value);
    const errors = raw.validate(e.schemaKey, copy.toJS());
    if (errors.some((err) => keywords.includes(err.keyword) && err.instancePath === pointer(path))) return { text: String(copy), path };
  }
  return undefined;
}

function assertErrorCovers(text: string, file: string, path: Path, code: string) {
  const document = core.parse(text, file);
  const found = locate(document.parts[0]!.doc, path.map(String));
  const range = found.node?.range ?? [0, 0];
  const diagnostics = diagnose(text, file).filter((d) => d.severity === ERROR);
  const hit = diagnostics.find((d) => d.code === code && d.start <= range[0] && d.end >= range[1]);
  assert.ok(hit, `no ${code} error covering ${pointer(path)} (${JSON.stringify(text.slice(range[0], range[1]))}); got:\n${diagnostics.map((d) => `${d.code} ${JSON.stringify(text.slice(d.start, d.end))} ${d.message}`).join('\n')}`);
}

describe('official examples', () => {
  for (const example of accepted) {
    describe(example.file, () => {
      test('has no errors', () => {
        const errors = diagnose(example.text, example.file).filter((d) => d.severity === ERROR);
        assert.deepEqual(errors.map((d) => `${d.code}: ${d.message}`), []);
      });

      test('a removed required key is reported on the document', () => {
        const doc = parseExample(example);
        const required = ((raw.rootSchema(example.schemaKey) as { required?: string[] }).required ?? []).filter((k) => k !== example.versionKey && k !== 'kind' && doc.has(k));
        if (required.length === 0) return;
        const key = required[required.length - 1]!;
        const copy = doc.clone();
        copy.delete(key);
        const text = String(copy);
        const diagnostics = diagnose(text, example.file).filter((d) => d.code === 'schema/missing-property');
        assert.ok(diagnostics.some((d) => d.message.includes(`'${key}'`) && d.start === (copy.contents as Node).range![0]), `missing '${key}' not reported at the start: ${JSON.stringify(diagnostics)}`);
      });

      test('a wrong enum value is reported on the value', (t) => {
        const m = mutate(example, ['enum', 'const'], 'zz-not-an-option');
        if (!m) return t.skip('no enum-valued scalar in this example');
        assertErrorCovers(m.text, example.file, m.path, 'schema/invalid-value');
      });

      test('a wrong type is reported on the value', (t) => {
        const m = mutate(example, ['type'], 123456789);
        if (!m) return t.skip('no string-typed scalar in this example');
        assertErrorCovers(m.text, example.file, m.path, 'schema/wrong-type');
      });

      test('a misspelt key is reported on the key', (t) => {
        const doc = parseExample(example);
        const root = doc.contents;
        if (!isMap(root)) return t.skip('not a map');
        for (const pair of root.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          if (!key || key === example.versionKey || key === 'kind') continue;
          const copy = doc.clone();
          const misspelt = `${key}${key.slice(-1)}`;
          const copyPair = (copy.contents as typeof root).items.find((p) => isScalar(p.key) && p.key.value === key)!;
          (copyPair.key as { value: unknown }).value = misspelt;
          const errors = raw.validate(example.schemaKey, copy.toJS());
          if (!errors.some((err) => err.keyword.endsWith('Properties') && err.instancePath === '')) continue;
          const text = String(copy);
          const diagnostics = diagnose(text, example.file).filter((d) => d.code === 'schema/unknown-property');
          const keyNode = (core.parse(text, example.file).parts[0]!.doc.contents as typeof root).items.find((p) => isScalar(p.key) && p.key.value === misspelt)!.key as Node;
          assert.ok(
            diagnostics.some((d) => d.start === keyNode.range![0] && d.end === keyNode.range![1] && d.message.includes(`Did you mean '${key}'?`)),
            `misspelt '${misspelt}' not reported on its key: ${JSON.stringify(diagnostics)}`,
          );
          return;
        }
        t.skip('the root accepts any key');
      });
    });
  }
});
