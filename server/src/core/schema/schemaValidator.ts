import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { schemaEntry, type JsonSchemaDraft } from './schemaCatalog';
import { pointerSegment } from '../util/jsonPointer';
import { objectPaths } from '../util/objectPaths';

/**
 * A validator compiled at build time (see precompiledSchemas.ts): given the very schema object the
 * validator holds, it returns ajv's validate function for it, the same that ajv compiles at run time.
 */
export type ValidatorFactory = (root: object) => ValidateFunction;
/** The build's compiled validator of a schema key, if there is one. */
export type PrecompiledValidators = (key: string) => ValidatorFactory | undefined;

// allErrors: report every mistake, not the first; verbose: keep schema and data for plain messages.
// strict off and no meta-validation: the vendored schemas are used exactly as published.
// validateFormats off: `format` is an annotation by default in JSON Schema, and the standards'
// own tools (Python jsonschema) do not check it; official examples rely on that (`s3://…/{model}/*.json`).
const OPTIONS: Options = { allErrors: true, verbose: true, strict: false, validateSchema: false, validateFormats: false, logger: false };

/** An ajv instance for a draft, with the options every validation uses (`extra` adds build-time ones). */
export function newAjv(draft: JsonSchemaDraft, extra: Options = {}): Ajv {
  const options = { ...OPTIONS, ...extra };
  return draft === '2019-09' ? new Ajv2019(options) : draft === '2020-12' ? new Ajv2020(options) : new Ajv(options);
}

/**
 * The schema object ajv is given for `key`: the vendored schema with our key as its `$id`, so that
 * branch pointers (`key#/$defs/…`) resolve. Its sub-schemas are the vendored schema's own objects.
 */
export function keyedSchema(key: string): object {
  return { ...schemaEntry(key).schema, $id: key };
}

/**
 * Compiles each bundled schema once, on first use, and validates plain data against it or
 * against one of its sub-schemas (used to judge the branches of a failed `oneOf`).
 * An instance of this class is the whole cache: create one per server or command-line run.
 * A whole schema comes from the build's compiled validators when given (a few milliseconds instead
 * of a quarter of a second for ODCS); branches, needed only for failed files, are compiled here.
 */
export class SchemaValidator {
  private readonly instances = new Map<JsonSchemaDraft, Ajv>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly added = new Set<string>();
  private readonly roots = new Map<string, object>();
  private readonly pointers = new Map<string, Map<object, string>>();

  constructor(private readonly precompiled: PrecompiledValidators = () => undefined) {}

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
    if (!index) this.pointers.set(key, (index = objectPaths(this.rootSchema(key), '', (pointer, name) => `${pointer}/${pointerSegment(name)}`)));
    return index.get(target);
  }

  private compile(key: string, pointer: string): ValidateFunction {
    const cacheKey = `${key}#${pointer}`;
    let fn = this.compiled.get(cacheKey);
    if (!fn) {
      const factory = pointer === '' ? this.precompiled(key) : undefined;
      if (factory) fn = factory(this.rootOf(key));
      else {
        const ajv = this.ajvFor(key);
        fn = pointer === '' ? ajv.getSchema(key)! : ajv.compile({ $ref: cacheKey });
      }
      this.compiled.set(cacheKey, fn);
    }
    return fn;
  }

  /** One keyed schema per key: errors point into it by identity (`parentSchema`), whoever compiled it. */
  private rootOf(key: string): object {
    let root = this.roots.get(key);
    if (!root) this.roots.set(key, (root = keyedSchema(key)));
    return root;
  }

  private ajvFor(key: string): Ajv {
    const { draft } = schemaEntry(key);
    let ajv = this.instances.get(draft);
    if (!ajv) this.instances.set(draft, (ajv = newAjv(draft)));
    if (!this.added.has(key)) {
      this.added.add(key);
      ajv.addSchema(this.rootOf(key), key);
    }
    return ajv;
  }
}
