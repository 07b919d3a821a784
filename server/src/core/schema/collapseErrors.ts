import type { ErrorObject } from 'ajv';
import { pointerSegments } from '../util/jsonPointer';
import type { SchemaValidator } from './schemaValidator';

/** An ajv error, optionally with the `if` condition that made it apply (`type is 'snowflake'`). */
export interface SchemaError extends ErrorObject {
  condition?: string;
}

const BRANCHING = new Set(['oneOf', 'anyOf']);
const CONSEQUENCES_OF_TYPE = new Set(['enum', 'const', 'pattern', 'minLength', 'maxLength']);
// Branch judging recurses into nested oneOf/anyOf; real schemas nest two or three deep.
const MAX_DEPTH = 4;

/**
 * Turns ajv's raw error list into one error per real mistake:
 * - `if` failures disappear (the `then` errors say what is wrong) but lend their condition to them;
 * - a failed `oneOf`/`anyOf` is replaced by the errors of the branch that fits the data best;
 * - `unevaluatedProperties` noise is dropped: when anything inside an object fails, ajv forgets which of
 *   its keys were evaluated and reports declared keys as unknown;
 * - several `required` errors on one object become one.
 */
export function collapseErrors(errors: ErrorObject[], data: unknown, schemaKey: string, validator: SchemaValidator, depth = 0): SchemaError[] {
  let list: SchemaError[] = errors.filter((e) => e.keyword !== 'if' && !(e.keyword === 'oneOf' && e.params.passingSchemas));
  const branchFailures = errors.filter((e) => BRANCHING.has(e.keyword) && !e.params.passingSchemas);

  if (depth < MAX_DEPTH) {
    for (const failure of branchFailures.sort((a, b) => a.instancePath.length - b.instancePath.length)) {
      if (!list.includes(failure)) continue;
      list = replaceWithBestBranch(list, failure, data, schemaKey, validator, depth);
    }
  }

  const failedPaths = pathsWithFailuresInside(errors);
  const root = validator.rootSchema(schemaKey);
  list = list.filter((e) => !(e.keyword === 'unevaluatedProperties' && failedPaths.has(e.instancePath) && declaredProperties(e.parentSchema, root).has(String(e.params.unevaluatedProperty))));
  // A value of the wrong type cannot also be judged by enum or pattern: one error is enough.
  const wrongType = new Set(list.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  list = list.filter((e) => !(CONSEQUENCES_OF_TYPE.has(e.keyword) && wrongType.has(e.instancePath)));
  attachConditions(list, errors);
  return mergeRequired(dedupe(list));
}

function replaceWithBestBranch(list: SchemaError[], failure: ErrorObject, data: unknown, schemaKey: string, validator: SchemaValidator, depth: number): SchemaError[] {
  const branches = Array.isArray(failure.schema) ? failure.schema : [];
  const pointer = branchesPointer(failure, schemaKey, validator);
  if (pointer === undefined || branches.length === 0) return list;
  const value = valueAt(data, failure.instancePath);
  const results = branches.map((_, i) => {
    const raw = validator.validate(schemaKey, value, `${pointer}/${i}`);
    const collapsed = collapseErrors(raw, value, schemaKey, validator, depth + 1).map((e) => ({ ...e, instancePath: failure.instancePath + e.instancePath }));
    return { raw: raw.map((e) => signature({ ...e, instancePath: failure.instancePath + e.instancePath })), collapsed };
  });
  const explained = new Set(results.flatMap((r) => r.raw));
  const kept = list.filter((e) => e !== failure && !(isWithin(e.instancePath, failure.instancePath) && explained.has(signature(e))));
  return [...kept, ...pickBest(results.map((r) => r.collapsed), failure)];
}

/**
 * Where a failed `anyOf`/`oneOf` sits in the root schema. Its `schemaPath` is relative to the schema a
 * `$ref` led to when ajv compiled that one separately, so the place is found by the identity of the
 * schema object holding the keyword (ajv's `parentSchema`, kept by the verbose option).
 */
function branchesPointer(failure: ErrorObject, schemaKey: string, validator: SchemaValidator): string | undefined {
  const found = failure.parentSchema && validator.pointerOf(schemaKey, failure.parentSchema);
  return found === undefined ? undefined : `${found}/${failure.keyword}`;
}

/** The branch with the fewest, least fundamental errors; wrong types everywhere become one type error. */
function pickBest(branches: SchemaError[][], failure: ErrorObject): SchemaError[] {
  // `anyOf: [{required: [domains]}, {required: [paths]}]`: one of them is missing, not the first.
  const onlyRequired = branches.map((errs) => (errs.length === 1 && errs[0]!.keyword === 'required' && errs[0]!.instancePath === failure.instancePath ? errs[0] : undefined));
  if (onlyRequired.every(Boolean)) {
    const missing = [...new Set(onlyRequired.map((e) => String(e!.params.missingProperty)))];
    return [{ ...onlyRequired[0]!, params: { missingProperty: missing[0], missing, oneOf: true } }];
  }
  const rootTypeErrors = branches.map((errs) => errs.find((e) => e.instancePath === failure.instancePath && e.keyword === 'type'));
  if (rootTypeErrors.every(Boolean)) {
    const types = [...new Set(rootTypeErrors.flatMap((e) => String(e!.params.type).split(',')))];
    return [{ ...rootTypeErrors[0]!, params: { type: types.join(',') } }];
  }
  const score = (errs: SchemaError[]) =>
    errs.reduce((sum, e) => {
      const atRoot = e.instancePath === failure.instancePath;
      const fundamental = e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'enum';
      return sum + (atRoot && e.keyword === 'type' ? 1000 : fundamental ? 50 : 1);
    }, 0);
  let best = branches[0]!;
  for (const errs of branches) if (score(errs) < score(best)) best = errs;
  return best;
}

function attachConditions(list: SchemaError[], raw: ErrorObject[]): void {
  const conditions = new Map<string, string>();
  for (const e of raw) {
    if (e.keyword !== 'if') continue;
    const text = describeCondition(e.schema);
    if (text) conditions.set(e.instancePath, text);
  }
  for (const e of list) {
    if (e.keyword === 'required' && conditions.has(e.instancePath)) e.condition = conditions.get(e.instancePath);
  }
}

function describeCondition(ifSchema: unknown): string | undefined {
  const props = (ifSchema as { properties?: Record<string, { const?: unknown; enum?: unknown[] }> } | undefined)?.properties;
  if (!props) return undefined;
  const parts = Object.entries(props).flatMap(([name, s]) =>
    s.const !== undefined ? [`${name} is '${String(s.const)}'`] : Array.isArray(s.enum) && s.enum.length === 1 ? [`${name} is '${String(s.enum[0])}'`] : [],
  );
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

function mergeRequired(list: SchemaError[]): SchemaError[] {
  const byPath = new Map<string, SchemaError>();
  const result: SchemaError[] = [];
  for (const e of list) {
    if (e.keyword !== 'required' || e.params.oneOf) {
      result.push(e);
      continue;
    }
    const first = byPath.get(e.instancePath);
    if (!first) {
      const copy = { ...e, params: { missingProperty: e.params.missingProperty, missing: [String(e.params.missingProperty)] } };
      byPath.set(e.instancePath, copy);
      result.push(copy);
    } else if (!first.params.missing.includes(String(e.params.missingProperty))) {
      first.params.missing.push(String(e.params.missingProperty));
      first.condition ??= e.condition;
    }
  }
  return result;
}

function dedupe(list: SchemaError[]): SchemaError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = signature(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function signature(e: ErrorObject): string {
  return `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
}

function isWithin(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of pointerSegments(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Every instance path at or above a failure other than `unevaluatedProperties`. */
function pathsWithFailuresInside(errors: ErrorObject[]): Set<string> {
  const paths = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'unevaluatedProperties') continue;
    let path = e.instancePath;
    while (!paths.has(path)) {
      paths.add(path);
      if (path === '') break;
      path = path.slice(0, path.lastIndexOf('/'));
    }
  }
  return paths;
}

/** Every property name a schema declares, following allOf/anyOf/oneOf/if/then/else and local `$ref`s. */
export function declaredProperties(schema: unknown, root: object, seen = new Set<unknown>(), names = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return names;
  seen.add(schema);
  const s = schema as Record<string, unknown>;
  if (s.properties && typeof s.properties === 'object') for (const key of Object.keys(s.properties)) names.add(key);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[keyword];
    if (Array.isArray(list)) for (const sub of list) declaredProperties(sub, root, seen, names);
  }
  for (const keyword of ['then', 'else']) declaredProperties(s[keyword], root, seen, names);
  if (typeof s.$ref === 'string' && s.$ref.startsWith('#')) declaredProperties(valueAt(root, s.$ref.slice(1)), root, seen, names);
  return names;
}
