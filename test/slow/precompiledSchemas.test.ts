// The schemas compiled at build time validate exactly as ajv's run-time compilation does: the same
// errors, in the same order, pointing into the same schema objects (collapseErrors finds a failed
// oneOf's branches by the identity of `parentSchema`), over the official examples and mutations of them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ErrorObject } from 'ajv';
import { precompiledModules } from '../../server/src/core/schema/precompiledSchemas';
import { schemaEntries, validatorFileName } from '../../server/src/core/schema/schemaCatalog';
import { SchemaValidator, type ValidatorFactory } from '../../server/src/core/schema/schemaValidator';
import { validateDocument } from '../../server/src/core/features/validate';
import { core } from '../support/core';

const ROOT = join(__dirname, '..', '..', '..');
const requireFromHere = createRequire(__filename);

/** The build's modules, made here and loaded from memory (the bits of ajv's runtime they require resolve from node_modules). */
function loadModules(): Map<string, ValidatorFactory> {
  const factories = new Map<string, ValidatorFactory>();
  for (const { fileName, code } of precompiledModules()) {
    const module = { exports: {} as unknown };
    new Function('module', 'exports', 'require', code)(module, module.exports, requireFromHere);
    factories.set(fileName, module.exports as ValidatorFactory);
  }
  return factories;
}

const factories = loadModules();
const runtime = new SchemaValidator();
const precompiled = new SchemaValidator((key) => factories.get(validatorFileName(key)));

/** Every mesh document of the official examples and of the sample mesh, as plain data with its schema. */
function documents(): { file: string; key: string; data: unknown }[] {
  const found: { file: string; key: string; data: unknown }[] = [];
  for (const dir of ['test/fixtures/standards', 'examples']) {
    for (const rel of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (!/\.(ya?ml|json)$/.test(rel)) continue;
      const file = join(ROOT, dir, rel);
      for (const part of core.parse(readFileSync(file, 'utf8'), file).parts) {
        const key = part.kind.version && part.kind.standard.schemaFor(part.kind.version);
        if (key) found.push({ file: `${dir}/${rel}`, key, data: part.doc.toJS() });
      }
    }
  }
  return found;
}

/** The document, and versions of it broken in the ways authors break files: wrong types, empty objects in lists, keys gone. */
function mutations(data: unknown): unknown[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [data];
  const variants: unknown[] = [data];
  for (const [name, value] of Object.entries(data)) {
    variants.push({ ...data, [name]: 12345 });
    if (Array.isArray(value) && value.length > 0) variants.push({ ...data, [name]: [{}, 'text', ...value.slice(1)] });
    const rest: Record<string, unknown> = { ...data };
    delete rest[name];
    variants.push(rest);
  }
  return variants;
}

/** What an error says, with the schema objects it holds named by their place in the schema (they must be the same objects). */
function described(key: string, validator: SchemaValidator, error: ErrorObject) {
  const { schema, parentSchema, data, ...rest } = error;
  return { ...rest, data: JSON.stringify(data), schema: JSON.stringify(schema), parentSchema: parentSchema && (validator.pointerOf(key, parentSchema) ?? 'not inside the schema') };
}

test('the build compiles every bundled schema', () => {
  assert.deepEqual([...factories.keys()].sort(), schemaEntries().map((e) => validatorFileName(e.key)).sort());
});

test('a schema compiled at build time gives the errors of one compiled at run time, pointing into the same schema objects', () => {
  const docs = documents();
  assert.ok(new Set(docs.map((d) => d.key)).size >= 8, 'the examples cover most bundled schemas');
  let errors = 0;
  for (const { file, key, data } of docs) {
    for (const [i, variant] of mutations(data).entries()) {
      const expected = runtime.validate(key, variant).map((e) => described(key, runtime, e));
      const actual = precompiled.validate(key, variant).map((e) => described(key, precompiled, e));
      assert.deepEqual(actual, expected, `${file}, variant ${i}`);
      errors += actual.length;
    }
  }
  assert.ok(errors > 1000, `the mutations fail validation (${errors} errors)`);
});

test('a failed oneOf is judged branch by branch the same way: the findings of the whole pipeline agree', () => {
  const broken = [...new Set(documents().map((d) => d.file))].filter((f) => f.startsWith('examples/broken/'));
  assert.ok(broken.length >= 5);
  for (const file of broken) {
    const document = core.parse(readFileSync(join(ROOT, file), 'utf8'), file);
    assert.deepEqual(validateDocument(document, precompiled), validateDocument(document, runtime), file);
  }
});
