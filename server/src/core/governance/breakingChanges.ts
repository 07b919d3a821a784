import { CORE_SCHEMA, load } from 'js-yaml';
import type { Mesh } from '../lineage/mesh';
import { idOfKey } from '../workspace/entityKeys';
import { type Data, isData, list, nonEmpty, text } from '../workspace/facts/factBuilder';
import { keysOf, type FileFacts, type Path } from '../workspace/meshFacts';
import { contractKey, productKey } from '../workspace/entityKeys';
import { factsOfText } from '../workspace/extractFacts';

/** The categories of breaking change, as buf groups its checks. */
export type BreakingCategory = 'identity' | 'schema' | 'quality' | 'servers' | 'ports' | 'sla';

/** One breaking change of a contract or product against its version at a base. */
export interface BreakingChange {
  /** Stable id of the check, e.g. `column-removed`. */
  check: string;
  category: BreakingCategory;
  message: string;
  /** Where it is in the new text (or the closest node still there). */
  path: Path;
  /** The products that consume the contract, and columns computed from the changed one (`contract:…`, column keys). */
  consumers: string[];
}

export interface ChangeReport {
  changes: BreakingChange[];
  oldVersion: string | undefined;
  newVersion: string | undefined;
  /** The version the file should have, when its major version did not grow with breaking changes. */
  suggestedVersion: string | undefined;
  /** Whether the major version grew since the base: the breaking changes are intended. */
  majorBumped: boolean;
  /** The `status` at the base and now (not a breaking change, but its consumers feel it). */
  oldStatus: string | undefined;
  newStatus: string | undefined;
}

/** A contract or product as a base (a git commit) had it: read once per base text, compared with every version after. */
export interface BaseVersion {
  data: Data | undefined;
  facts: FileFacts;
}

export function readBase(oldText: string, uri: string, fileName: string): BaseVersion {
  const data = read(oldText);
  return { data, facts: data ? factsOfText(oldText, uri, fileName) : { uri, standards: [], entities: [], links: [] } };
}

/** Whether a file is one that breaking changes compare with a base: a contract (ODCS) or a product (ODPS). */
export function comparedWithBase(facts: FileFacts | undefined): boolean {
  return facts?.standards.some((s) => s === 'odcs' || s === 'odps') ?? false;
}

/**
 * What a contract (ODCS) or product (ODPS) breaks for its consumers, comparing two texts of the file:
 * removed or renamed columns and schema objects, a changed logicalType, a column made required, a
 * removed enum value, a removed or loosened quality rule, a changed id, a removed server or port, a
 * loosened SLA. The consumers come from the current lineage graph. Pure: the texts come from the
 * caller (the CLI runs git).
 */
export function breakingChanges(mesh: Mesh, uri: string, fileName: string, oldText: string, newText: string): ChangeReport | undefined {
  const after = read(newText);
  return after && compareWithBase(mesh, readBase(oldText, uri, fileName), after);
}

/** The same comparison with the base already read, and the new version as plain data (an open document's). */
export function compareWithBase(mesh: Mesh, base: BaseVersion, after: Data): ChangeReport | undefined {
  const before = base.data;
  if (!before) return undefined;
  const kind = after.kind === 'DataProduct' ? 'product' : after.kind === 'DataContract' ? 'contract' : undefined;
  if (!kind || before.kind !== after.kind) return undefined;
  const changes: BreakingChange[] = [];
  const newId = nonEmpty(after.id);
  const oldId = nonEmpty(before.id);
  const node = newId ? (kind === 'contract' ? contractKey(newId) : productKey(newId)) : undefined;
  const graphConsumers = () => (node ? mesh.graph.consumersOf(node) : []);
  const add = (check: string, category: BreakingCategory, message: string, path: Path, extra: string[] = []) => changes.push({ check, category, message, path, consumers: [...new Set([...graphConsumers(), ...extra])] });

  if (oldId && newId && oldId !== newId) {
    // Consumers name the old id; the graph's consumers of the new one are none yet.
    const named = oldId ? mesh.graph.consumersOf(kind === 'contract' ? contractKey(oldId) : productKey(oldId)) : [];
    changes.push({ check: 'id-changed', category: 'identity', message: `The id changed from '${oldId}' to '${newId}': every reference to '${oldId}' breaks.`, path: ['id'], consumers: named });
  }
  if (kind === 'contract') {
    contractChanges(derivedFrom(mesh, base.facts), before, after, add);
  } else {
    for (const field of ['outputPorts', 'inputPorts']) {
      const names = new Set(list(after[field]).map((p) => (isData(p) ? nonEmpty(p.name) : undefined)));
      for (const port of list(before[field])) {
        const name = isData(port) ? nonEmpty(port.name) : undefined;
        if (name && !names.has(name)) add('port-removed', 'ports', `The ${field === 'outputPorts' ? 'output' : 'input'} port '${name}' was removed.`, [field]);
      }
    }
  }
  const oldVersion = text(before.version);
  const newVersion = text(after.version);
  const oldMajor = major(oldVersion);
  const newMajor = major(newVersion);
  const majorBumped = oldMajor !== undefined && newMajor !== undefined && newMajor > oldMajor;
  const suggestedVersion = changes.length > 0 && oldMajor !== undefined && !majorBumped ? `${oldMajor + 1}.0.0` : undefined;
  return { changes, oldVersion, newVersion, suggestedVersion, majorBumped, oldStatus: text(before.status), newStatus: text(after.status) };
}

type Add = (check: string, category: BreakingCategory, message: string, path: Path, extra?: string[]) => void;

function contractChanges(derived: (name: string) => string[], before: Data, after: Data, add: Add): void {
  qualityChanges(before, after, [], '', add, []);
  const newObjects = byName(after.schema);
  list(before.schema).forEach((object) => {
    if (!isData(object)) return;
    const name = nonEmpty(object.name);
    if (!name) return;
    const now = newObjects.get(name);
    if (!now) {
      add('schema-object-removed', 'schema', `The schema object '${name}' was removed (or renamed).`, ['schema'], derived(name));
      return;
    }
    qualityChanges(object, now.value, ['schema', now.index], `table '${name}'`, add, derived(name));
    const newColumns = byName(now.value.properties);
    for (const column of list(object.properties)) {
      if (!isData(column)) continue;
      const columnName = nonEmpty(column.name);
      if (!columnName) continue;
      const qualified = `${name}.${columnName}`;
      const current = newColumns.get(columnName);
      const at: Path = ['schema', now.index, 'properties'];
      if (!current) {
        add('column-removed', 'schema', `The column '${qualified}' was removed (or renamed).`, at, derived(qualified));
        continue;
      }
      const here: Path = [...at, current.index];
      qualityChanges(column, current.value, here, `'${qualified}'`, add, derived(qualified));
      const oldType = nonEmpty(column.logicalType);
      const newType = nonEmpty(current.value.logicalType);
      if (oldType && newType && oldType !== newType) add('column-type-changed', 'schema', `The logicalType of '${qualified}' changed from ${oldType} to ${newType}.`, [...here, 'logicalType'], derived(qualified));
      if (column.required !== true && current.value.required === true) add('column-made-required', 'schema', `The column '${qualified}' is now required.`, [...here, 'required'], derived(qualified));
      const oldEnum = enumOf(column);
      const newEnum = new Set(enumOf(current.value));
      const removed = oldEnum.filter((v) => !newEnum.has(v));
      if (newEnum.size > 0 && removed.length > 0) add('enum-value-removed', 'schema', `The allowed values of '${qualified}' lost ${removed.map((v) => `'${v}'`).join(', ')}.`, here, derived(qualified));
    }
  });
  const servers = new Set(list(after.servers).map((s) => (isData(s) ? nonEmpty(s.server) : undefined)));
  for (const server of list(before.servers)) {
    const name = isData(server) ? nonEmpty(server.server) : undefined;
    if (name && !servers.has(name)) add('server-removed', 'servers', `The server '${name}' was removed.`, ['servers']);
  }
  const sla = new Map(list(after.slaProperties).flatMap((p) => (isData(p) && nonEmpty(p.property) ? [[nonEmpty(p.property)!, p] as const] : [])));
  for (const property of list(before.slaProperties)) {
    if (!isData(property)) continue;
    const name = nonEmpty(property.property);
    if (!name) continue;
    const now = sla.get(name);
    if (!now) add('sla-loosened', 'sla', `The SLA property '${name}' was removed.`, ['slaProperties']);
    else if (typeof property.value === 'number' && typeof now.value === 'number' && property.unit === now.unit && looser(name, property.value, now.value)) add('sla-loosened', 'sla', `The SLA '${name}' loosened from ${property.value} to ${now.value}${typeof now.unit === 'string' ? ` ${now.unit}` : ''}.`, ['slaProperties']);
  }
}

/**
 * The quality rules of one place (the contract, a table, a column) at the base against now: a rule
 * gone, or its threshold loosened (a higher maximum, a lower minimum, a wider range, more bad rows
 * allowed), is a promise to consumers broken. A rule is known by its `name` (or `id`), else by what
 * it measures (`metric`, or v3.0's `rule`); several of one kind are paired in order.
 */
function qualityChanges(before: Data, after: Data, path: Path, where: string, add: Add, derived: string[]): void {
  const now = qualityByKey(after.quality);
  for (const [key, was] of qualityByKey(before.quality)) {
    const label = `The quality rule ${was.label}${where ? ` of ${where}` : ''}`;
    const is = now.get(key);
    if (!is) {
      // On the rules that are left, or on the name of the place that has none now.
      add('quality-removed', 'quality', `${label} was removed.`, after.quality !== undefined ? [...path, 'quality'] : path.length > 0 ? [...path, 'name'] : ['id'], derived);
      continue;
    }
    const loosened = loosenedThreshold(was.rule, is.rule);
    if (loosened) add('quality-weakened', 'quality', `${label} loosened: ${loosened.words}.`, [...path, 'quality', is.index, ...(loosened.key !== undefined ? [loosened.key] : [])], derived);
  }
}

function qualityByKey(value: unknown): Map<string, { label: string; rule: Data; index: number }> {
  const rules = new Map<string, { label: string; rule: Data; index: number }>();
  const seen = new Map<string, number>();
  list(value).forEach((item, index) => {
    if (!isData(item)) return;
    const named = nonEmpty(item.name) ?? nonEmpty(item.id);
    const measures = nonEmpty(item.metric) ?? nonEmpty(item.rule);
    const id = named !== undefined ? `name:${named}` : measures !== undefined ? `metric:${measures}` : undefined;
    if (id === undefined) return; // a text or SQL rule without a name: nothing to pair it by
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    rules.set(`${id}\u0000${n}`, { label: `'${named ?? measures}'`, rule: item, index });
  });
  return rules;
}

// Metrics that count bad rows: allowing more of them (a higher `mustBe`) is a looser promise.
const BAD_ROW_METRICS = new Set(['nullValues', 'missingValues', 'duplicateValues', 'invalidValues']);

/** How a rule's threshold loosened, in words, and the key that says so now; undefined when it did not (or cannot be compared). */
function loosenedThreshold(before: Data, after: Data): { words: string; key?: string } | undefined {
  if (text(before.unit) !== text(after.unit)) return undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const pair = (v: unknown) => (Array.isArray(v) && v.length === 2 && num(v[0]) !== undefined && num(v[1]) !== undefined ? [v[0] as number, v[1] as number] : undefined);
  for (const key of ['mustBeLessThan', 'mustBeLessOrEqualTo']) {
    const [was, is] = [num(before[key]), num(after[key])];
    if (was !== undefined && (is === undefined ? !hasThreshold(after) : is > was)) return is === undefined ? { words: `${key} ${was} was removed` } : { words: `${key} ${was} → ${is}`, key };
  }
  for (const key of ['mustBeGreaterThan', 'mustBeGreaterOrEqualTo']) {
    const [was, is] = [num(before[key]), num(after[key])];
    if (was !== undefined && (is === undefined ? !hasThreshold(after) : is < was)) return is === undefined ? { words: `${key} ${was} was removed` } : { words: `${key} ${was} → ${is}`, key };
  }
  const [between, nowBetween] = [pair(before.mustBeBetween), pair(after.mustBeBetween)];
  if (between && nowBetween && (nowBetween[0] < between[0] || nowBetween[1] > between[1])) return { words: `mustBeBetween [${between.join(', ')}] → [${nowBetween.join(', ')}]`, key: 'mustBeBetween' };
  const [outside, nowOutside] = [pair(before.mustNotBeBetween), pair(after.mustNotBeBetween)];
  if (outside && nowOutside && (nowOutside[0] > outside[0] || nowOutside[1] < outside[1])) return { words: `mustNotBeBetween [${outside.join(', ')}] → [${nowOutside.join(', ')}]`, key: 'mustNotBeBetween' };
  const metric = nonEmpty(after.metric) ?? nonEmpty(after.rule);
  const [was, is] = [num(before.mustBe), num(after.mustBe)];
  if (metric !== undefined && BAD_ROW_METRICS.has(metric) && was !== undefined && is !== undefined && is > was) return { words: `mustBe ${was} → ${is}`, key: 'mustBe' };
  return undefined;
}

const THRESHOLDS = ['mustBe', 'mustNotBe', 'mustBeLessThan', 'mustBeLessOrEqualTo', 'mustBeGreaterThan', 'mustBeGreaterOrEqualTo', 'mustBeBetween', 'mustNotBeBetween'];
const hasThreshold = (rule: Data) => THRESHOLDS.some((key) => rule[key] !== undefined);

// For these the promise is a minimum (more is better); for the rest (latency, frequency, …) a maximum.
const AT_LEAST = new Set(['retention', 'availability', 'completeness']);
const looser = (property: string, before: number, after: number) => (AT_LEAST.has(property.toLowerCase()) ? after < before : after > before);

/**
 * Columns computed from a column or table as the base version defined it (its keys and physical
 * names, through `transformSourceObjects`), wherever they are in the mesh now.
 */
function derivedFrom(mesh: Mesh, old: FileFacts): (name: string) => string[] {
  return (name) => {
    const found: string[] = [];
    for (const entity of old.entities) {
      if ((entity.kind !== 'property' && entity.kind !== 'schemaObject') || (entity.name !== name && !entity.name.startsWith(`${name}.`))) continue;
      for (const key of keysOf(entity)) for (const ref of mesh.index.linksNaming(key)) if (ref.link.kind === 'columnLineage' && !found.includes(ref.link.from)) found.push(ref.link.from);
    }
    return found;
  };
}

function byName(value: unknown): Map<string, { value: Data; index: number }> {
  const map = new Map<string, { value: Data; index: number }>();
  list(value).forEach((item, index) => {
    const name = isData(item) ? nonEmpty(item.name) : undefined;
    if (name && !map.has(name)) map.set(name, { value: item as Data, index });
  });
  return map;
}

/** Allowed values of a column: a `validValues` quality rule, or `logicalTypeOptions.enum`. */
function enumOf(column: Data): string[] {
  const options = isData(column.logicalTypeOptions) ? list(column.logicalTypeOptions.enum) : [];
  // v3.0 writes a rule's values as `validValues`, v3.1 as `arguments.validValues`.
  const quality = list(column.quality).flatMap((q) => (isData(q) ? [...list(q.validValues), ...(isData(q.arguments) ? list(q.arguments.validValues) : [])] : []));
  return [...options, ...quality].map((v) => text(v)).filter((v): v is string => v !== undefined);
}

function read(source: string): Data | undefined {
  try {
    const data: unknown = load(source, { schema: CORE_SCHEMA, json: true });
    return isData(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function major(version: string | undefined): number | undefined {
  const match = version ? /^v?(\d+)/.exec(version.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

/** A consumer key as people say it: a product id, or `contract.table.column`. */
export function consumerName(mesh: Mesh, key: string): string {
  const entity = mesh.index.lookup(key)[0]?.entity;
  if (entity?.kind === 'property' && entity.container) return `${idOfKey(entity.container)}: ${entity.name}`;
  return idOfKey(key);
}

/** A contract or product file that existed at the base and is gone: everything that consumed it breaks. */
export function removedFile(mesh: Mesh, oldText: string): BreakingChange | undefined {
  const before = read(oldText);
  const id = before ? nonEmpty(before.id) : undefined;
  if (!before || !id || (before.kind !== 'DataContract' && before.kind !== 'DataProduct')) return undefined;
  const contract = before.kind === 'DataContract';
  const key = contract ? contractKey(id) : productKey(id);
  return { check: contract ? 'contract-removed' : 'product-removed', category: 'identity', message: `The ${contract ? 'contract' : 'product'} '${id}' was removed.`, path: [], consumers: mesh.graph.consumersOf(key) };
}
