import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { schemaEntry, type JsonSchemaDraft } from './schemaCatalog';

/**
 * Compiles each bundled schema once, on first use, and validates plain data against it or
 * against one of its sub-schemas (used to judge the branches of a failed `oneOf`).
 * An instance of this class is the whole cache: create one per server or command-line run.
 */
export class SchemaValidator {
  private readonly instances = new Map<JsonSchemaDraft, Ajv>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly added = new Set<string>();
  private readonly pointers = new Map<string, Map<object, string>>();

  /** Validates `data` against the schema `key`, or against the sub-schema at `pointer` inside it. */
  validate(key: string, data: unknown, pointer = ''): ErrorObject[] {
    const validateFn = this.compile(key, pointer);
    return validateFn(data) ? [] : [...(validateFn.errors ?? [])];
  }

  /** The root schema object of `key`, for reading declarations (property names, conditions). */
  rootSchema(key: string): object {
    return schemaEntry(key).schema;
  }

  /** The JSON pointer of a sub-schema object of `key` (found by identity), indexed once per schema. */
  pointerOf(key: string, target: object): string | undefined {
    let index = this.pointers.get(key);
    if (!index) {
      const found = new Map<object, string>();
      const walk = (node: unknown, pointer: string) => {
        if (typeof node !== 'object' || node === null || found.has(node)) return;
        found.set(node, pointer);
        for (const [name, child] of Object.entries(node)) walk(child, `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      };
      walk(this.rootSchema(key), '');
      this.pointers.set(key, (index = found));
    }
    return index.get(target);
  }

  private compile(key: string, pointer: string): ValidateFunction {
    const cacheKey = `${key}#${pointer}`;
    let fn = this.compiled.get(cacheKey);
    if (!fn) {
      const ajv = this.ajvFor(key);
      fn = pointer === '' ? ajv.getSchema(key)! : ajv.compile({ $ref: cacheKey });
      this.compiled.set(cacheKey, fn);
    }
    return fn;
  }

  private ajvFor(key: string): Ajv {
    const entry = schemaEntry(key);
    let ajv = this.instances.get(entry.draft);
    if (!ajv) {
      // allErrors: report every mistake, not the first; verbose: keep schema and data for plain messages.
      // strict off and no meta-validation: the vendored schemas are used exactly as published.
      // validateFormats off: `format` is an annotation by default in JSON Schema, and the standards'
      // own tools (Python jsonschema) do not check it; official examples rely on that (`s3://…/{model}/*.json`).
      const options = { allErrors: true, verbose: true, strict: false, validateSchema: false, validateFormats: false, logger: false as const };
      ajv = entry.draft === '2019-09' ? new Ajv2019(options) : entry.draft === '2020-12' ? new Ajv2020(options) : new Ajv(options);
      this.instances.set(entry.draft, ajv);
    }
    if (!this.added.has(key)) {
      this.added.add(key);
      // The schema's own $id is replaced by our key so that branch pointers (`key#/$defs/…`) resolve.
      ajv.addSchema({ ...entry.schema, $id: key }, key);
    }
    return ajv;
  }
}
