import { schemaEntry } from './schemaCatalog';

/** A JSON Schema object (booleans and other values are not schemas we can read declarations from). */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** What a document holds at one level, as far as the cursor's surroundings tell (keys → scalar values). */
export type Sample = Readonly<Record<string, unknown>> | undefined;

/** A property declared at a level, merged over every schema that applies there. */
export interface DeclaredProperty {
  name: string;
  /** The schemas of its value, unexpanded. */
  schemas: SchemaNode[];
  required: boolean;
}

const isSchema = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);
const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * Reads one bundled schema as completion and hover need it: which sub-schemas apply at a path of a
 * document. It follows `$ref`, `allOf`/`anyOf`/`oneOf` (every branch is a candidate), `if/then/else`
 * (judged on what the document holds at that level), `items`, `properties`, `patternProperties` and
 * `additionalProperties`. References and the expansion of schemas without conditions are cached.
 */
export class SchemaNavigator {
  private readonly refs = new Map<string, SchemaNode | undefined>();
  private readonly staticExpansions = new Map<SchemaNode, SchemaNode[]>();
  private readonly patterns = new Map<string, RegExp | undefined>();

  constructor(readonly root: SchemaNode) {}

  /** The schemas at a path from the root; `samples[i]` is what the document holds at the level after `path[i - 1]`. */
  atPath(path: readonly (string | number)[], samples: readonly Sample[] = []): SchemaNode[] {
    let schemas = this.expand(this.root, samples[0]);
    for (let i = 0; i < path.length && schemas.length > 0; i++) {
      schemas = this.child(schemas, path[i]!, samples[i + 1]);
    }
    return schemas;
  }

  /** The expanded schemas of the value at `key` (a property name or a list index) under `schemas`. */
  child(schemas: readonly SchemaNode[], key: string | number, sample?: Sample): SchemaNode[] {
    const found: SchemaNode[] = [];
    for (const schema of schemas) {
      if (typeof key === 'number') {
        const prefix = schema.prefixItems;
        if (Array.isArray(prefix) && isSchema(prefix[key])) found.push(prefix[key] as SchemaNode);
        else if (isSchema(schema.items)) found.push(schema.items);
        else if (Array.isArray(schema.items) && isSchema(schema.items[key])) found.push(schema.items[key] as SchemaNode);
        continue;
      }
      const declared = isSchema(schema.properties) ? schema.properties[key] : undefined;
      if (isSchema(declared)) {
        found.push(declared);
        continue;
      }
      let matched = false;
      if (isSchema(schema.patternProperties)) {
        for (const [pattern, sub] of Object.entries(schema.patternProperties)) {
          if (isSchema(sub) && this.regex(pattern)?.test(key)) {
            found.push(sub);
            matched = true;
          }
        }
      }
      if (!matched && isSchema(schema.additionalProperties)) found.push(schema.additionalProperties);
    }
    return found.flatMap((s) => this.expand(s, sample));
  }

  /** The properties declared by `schemas` (already expanded), in declaration order, required ones flagged. */
  properties(schemas: readonly SchemaNode[]): DeclaredProperty[] {
    const byName = new Map<string, DeclaredProperty>();
    for (const schema of schemas) {
      if (isSchema(schema.properties)) {
        for (const [name, sub] of Object.entries(schema.properties)) {
          if (!isSchema(sub)) continue;
          const known = byName.get(name);
          if (known) known.schemas.push(sub);
          else byName.set(name, { name, schemas: [sub], required: false });
        }
      }
    }
    for (const schema of schemas) {
      if (!Array.isArray(schema.required)) continue;
      for (const name of schema.required) {
        const known = typeof name === 'string' ? byName.get(name) : undefined;
        if (known) known.required = true;
        else if (typeof name === 'string') byName.set(name, { name, schemas: [], required: true });
      }
    }
    return [...byName.values()];
  }

  /**
   * Every schema that applies to one value: the schema itself and what its `$ref`, combinators and
   * the `then`/`else` of its conditions bring. A condition counts as met only when the sample shows
   * it: completion should not offer what a `then` adds for values the document does not have.
   */
  expand(schema: SchemaNode, sample?: Sample): SchemaNode[] {
    const cached = this.staticExpansions.get(schema);
    if (cached) return cached;
    const out: SchemaNode[] = [];
    const dynamic = this.collect(schema, sample, out, new Set());
    if (!dynamic) this.staticExpansions.set(schema, out);
    return out;
  }

  /** Adds the expansion of `schema` to `out`; returns whether a condition was judged (so the result depends on the sample). */
  private collect(schema: SchemaNode, sample: Sample, out: SchemaNode[], seen: Set<SchemaNode>): boolean {
    if (seen.has(schema)) return false;
    seen.add(schema);
    out.push(schema);
    let dynamic = false;
    if (typeof schema.$ref === 'string') {
      const target = this.resolve(schema.$ref);
      if (target) dynamic = this.collect(target, sample, out, seen) || dynamic;
    }
    for (const combinator of COMBINATORS) {
      const branches = schema[combinator];
      if (!Array.isArray(branches)) continue;
      for (const branch of branches) if (isSchema(branch)) dynamic = this.collect(branch, sample, out, seen) || dynamic;
    }
    if (isSchema(schema.if)) {
      dynamic = true;
      // A property the document leaves out has its declared default (ODCS quality `type` is `library`).
      const next = this.conditionHolds(schema.if, sample && { ...defaultsOf(out), ...sample }) ? schema.then : schema.else;
      if (isSchema(next)) this.collect(next, sample, out, seen);
    }
    return dynamic;
  }

  /** Whether the sample visibly meets a condition: required keys present, constrained properties present and matching. */
  private conditionHolds(condition: SchemaNode, sample: Sample): boolean {
    if (sample === undefined) return false;
    if (typeof condition.$ref === 'string') {
      const target = this.resolve(condition.$ref);
      if (!target || !this.conditionHolds(target, sample)) return false;
    }
    if (Array.isArray(condition.required) && !condition.required.every((k) => typeof k === 'string' && k in sample)) return false;
    if (isSchema(condition.properties)) {
      for (const [name, sub] of Object.entries(condition.properties)) {
        if (!isSchema(sub)) continue;
        if (!(name in sample) || !valueMatches(sub, sample[name])) return false;
      }
    }
    if (Array.isArray(condition.allOf) && !condition.allOf.every((c) => isSchema(c) && this.conditionHolds(c, sample))) return false;
    if (Array.isArray(condition.anyOf) && !condition.anyOf.some((c) => isSchema(c) && this.conditionHolds(c, sample))) return false;
    return true;
  }

  /** A local reference (`#/$defs/Server`, `#/definitions/x`, any JSON pointer into the root). */
  resolve(ref: string): SchemaNode | undefined {
    if (this.refs.has(ref)) return this.refs.get(ref);
    let node: unknown;
    if (ref === '#') node = this.root;
    else if (ref.startsWith('#/')) {
      node = this.root;
      for (const raw of ref.slice(2).split('/')) {
        const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
        node = isSchema(node) ? node[part] : Array.isArray(node) ? node[Number(part)] : undefined;
      }
    }
    const found = isSchema(node) ? node : undefined;
    this.refs.set(ref, found);
    return found;
  }

  private regex(pattern: string): RegExp | undefined {
    if (!this.patterns.has(pattern)) {
      try {
        this.patterns.set(pattern, new RegExp(pattern, 'u'));
      } catch {
        this.patterns.set(pattern, undefined);
      }
    }
    return this.patterns.get(pattern);
  }
}

/** The declared defaults of the properties of the schemas met so far. */
function defaultsOf(schemas: readonly SchemaNode[]): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const schema of schemas) {
    if (!isSchema(schema.properties)) continue;
    for (const [name, sub] of Object.entries(schema.properties)) if (isSchema(sub) && 'default' in sub && !(name in defaults)) defaults[name] = sub.default;
  }
  return defaults;
}

/** Whether a scalar value meets the simple constraints conditions use (const, enum, type). */
function valueMatches(schema: SchemaNode, value: unknown): boolean {
  if ('const' in schema && schema.const !== value) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (typeof schema.type === 'string' && !hasType(schema.type, value)) return false;
  return true;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

/** One navigator per bundled schema, made on first use: an object the language service owns, not module state. */
export class SchemaNavigators {
  private readonly byKey = new Map<string, SchemaNavigator>();

  get(schemaKey: string): SchemaNavigator {
    let navigator = this.byKey.get(schemaKey);
    if (!navigator) this.byKey.set(schemaKey, (navigator = new SchemaNavigator(schemaEntry(schemaKey).schema as SchemaNode)));
    return navigator;
  }
}

/** What a set of expanded schemas says about a value: its types, allowed values, description. */
export interface ValueFacts {
  types: string[];
  /** Allowed values (`enum`, `const`), then documented examples, each with a description where the schema gives one. */
  values: { value: unknown; description?: string; fromExamples: boolean }[];
  description: string | undefined;
}

export function valueFacts(schemas: readonly SchemaNode[]): ValueFacts {
  const types = new Set<string>();
  const values: ValueFacts['values'] = [];
  const seen = new Set<string>();
  let description: string | undefined;
  const addValue = (value: unknown, fromExamples: boolean, text?: string) => {
    const id = JSON.stringify(value);
    if (seen.has(id)) return;
    seen.add(id);
    values.push({ value, fromExamples, ...(text ? { description: text } : {}) });
  };
  for (const schema of schemas) {
    if (typeof schema.type === 'string') types.add(schema.type);
    if (Array.isArray(schema.type)) for (const t of schema.type) if (typeof t === 'string') types.add(t);
    description ??= typeof schema.description === 'string' ? schema.description : undefined;
    if ('const' in schema) addValue(schema.const, false, typeof schema.description === 'string' ? schema.description : undefined);
    if (Array.isArray(schema.enum)) for (const v of schema.enum) addValue(v, false);
  }
  for (const schema of schemas) {
    if (Array.isArray(schema.examples)) for (const v of schema.examples) if (typeof v !== 'object' || v === null) addValue(v, true);
  }
  // A boolean's two values; not for a value that may also be a string or a number (`customProperties[].value`).
  if (types.size === 1 && types.has('boolean') && values.length === 0) {
    addValue(true, false);
    addValue(false, false);
  }
  return { types: [...types], values, description };
}
