import { Document, Scalar, visit } from 'yaml';
import odcs310 from '../../../../schemas/standards/odcs/odcs-json-schema-v3.1.0.json';
import { documentData } from '../model/documentData';
import { readsAsOtherThanText } from '../model/yaml11Traps';
import type { Refactoring } from './codeActions';
import type { QuickFix } from './quickFix';

/**
 * "Migrate to ODCS v3.1.0": a Data Contract Specification file mapped to a new ODCS v3.1.0 contract
 * beside it (the original is not touched). What maps clearly is mapped (info → the top level, models →
 * schema, field types → logicalType/physicalType, servers, terms → description, service levels →
 * slaProperties); whatever has no place in ODCS is kept in `customProperties`, never dropped.
 */
export const migrateDcsAction: Refactoring = (context) => {
  if (!context.facts.standards.includes('dcs')) return [];
  const tree = context.document.tree();
  const part = tree.parts.find((p) => p.kind.standard.id === 'dcs');
  const data = part && documentData(part.doc).data;
  if (!isObject(data)) return [];
  const target = targetUri(context.uri, (uri) => context.mesh.index.file(uri) !== undefined);
  const fix: QuickFix = {
    title: 'Migrate to ODCS v3.1.0 (as a new file)',
    kind: 'refactor.rewrite',
    edits: [],
    createFile: { uri: target, text: migrateDcs(data, fileName(context.uri)) },
  };
  return [fix];
};

/** The migrated contract's text: the ODCS contract, headed by a comment that says where it came from. */
export function migrateDcs(dcs: Obj, sourceName: string): string {
  // A value used twice (a definition's examples) is written twice, not as an anchor and alias.
  const doc = new Document(toOdcs(dcs), { aliasDuplicateObjects: false });
  // Text that some YAML reader would take for something else (`09:00:00`, `yes`, `1.10`) is quoted;
  // the library itself quotes what would not be plain text at all.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && !/[\r\n]/.test(node.value) && readsAsOtherThanText(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const version = typeof dcs.dataContractSpecification === 'string' ? ` ${dcs.dataContractSpecification}` : '';
  doc.commentBefore = [
    ` Migrated to ODCS v3.1.0 from ${sourceName} (Data Contract Specification${version}).`,
    ' Review status and team; what ODCS has no place for is kept under customProperties.',
    ` Both files define the same contract id: delete ${sourceName} once this file replaces it.`,
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const entries = (v: unknown): [string, unknown][] => (isObject(v) ? Object.entries(v) : []);

/** `{ property, value }` items for what has no place of its own; none for an empty rest. */
function custom(rest: Obj): Obj[] {
  return Object.entries(rest)
    .filter(([, value]) => value !== undefined)
    .map(([property, value]) => ({ property, value: value ?? null }));
}

/** Copies defined values in order, dropping undefined ones (so the YAML has no `key: null` the source never had). */
function compact(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

function without(o: Obj, keys: readonly string[]): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function toOdcs(dcs: Obj): Obj {
  const info = isObject(dcs.info) ? dcs.info : {};
  const terms = isObject(dcs.terms) ? dcs.terms : {};
  const definitions = isObject(dcs.definitions) ? dcs.definitions : {};
  const sla = serviceLevels(dcs.servicelevels);
  const price = priceOf(terms.billing);
  const termsRest = without(terms, ['usage', 'limitations', ...(price ? ['billing'] : [])]);
  const description = compact({ purpose: str(info.description), usage: str(terms.usage), limitations: str(terms.limitations), customProperties: custom(termsRest) });
  const contact = isObject(info.contact) ? info.contact : undefined;
  const infoRest = without(info, ['title', 'version', 'description', 'status', 'owner', 'contact', 'domain', 'tags']);
  // Definitions are inlined into the fields that use them, and kept whole: ODCS has no shared definitions.
  const rootRest = without(dcs, ['dataContractSpecification', 'id', 'info', 'servers', 'terms', 'models', 'servicelevels', 'tags', 'links']);
  const customProperties = custom({ ...infoRest, ...rootRest, ...(sla.rest.length > 0 ? { servicelevels: Object.fromEntries(sla.rest) } : {}) });
  return compact({
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: str(dcs.id) ?? 'migrated-contract',
    name: str(info.title),
    version: str(info.version) ?? '0.0.1',
    status: str(info.status) ?? 'draft',
    domain: str(info.domain),
    tags: stringList(dcs.tags ?? info.tags),
    description: Object.keys(description).length > 0 ? description : undefined,
    servers: entries(dcs.servers).map(([name, server]) => toServer(name, server)),
    schema: entries(dcs.models).map(([name, model]) => toSchemaObject(name, model, definitions)),
    slaProperties: sla.properties,
    support: contact ? [supportOf(contact)] : undefined,
    team: str(info.owner) ? { name: str(info.owner) } : undefined,
    price,
    authoritativeDefinitions: entries(dcs.links).flatMap(([type, url]) => (str(url) ? [{ type, url: str(url) }] : [])),
    customProperties,
  });
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.map(str).filter((s): s is string => s !== undefined) : undefined;
}

/** `5000 USD per month` → price; anything else stays in the terms' custom properties. */
function priceOf(billing: unknown): Obj | undefined {
  const match = typeof billing === 'string' ? /^\s*(\d+(?:\.\d+)?)\s+([A-Z]{3})\s+(?:per|\/)\s*(\S.*?)\s*$/.exec(billing) : null;
  return match ? { priceAmount: Number(match[1]), priceCurrency: match[2], priceUnit: match[3] } : undefined;
}

function supportOf(contact: Obj): Obj {
  const email = str(contact.email);
  return compact({ channel: str(contact.name) ?? 'contact', url: str(contact.url) ?? (email ? `mailto:${email}` : undefined), ...(email && str(contact.url) ? { description: email } : {}) });
}

// ── servers ────────────────────────────────────────────────────────────────────────────────────

type Schema = { properties?: Obj; allOf?: { if?: { properties?: { type?: { const?: string } } }; then?: { $ref?: string } }[] };
const defs = (odcs310 as unknown as { $defs: Record<string, unknown> }).$defs;

/** The keys ODCS v3.1.0 declares for a server of each type (from the bundled schema, so they never drift). */
const SERVER_FIELDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ((defs.Server as Schema).allOf ?? []).flatMap((branch) => {
    const type = branch.if?.properties?.type?.const;
    const ref = branch.then?.$ref?.split('/').pop();
    const source = ref ? ((defs.ServerSource as Record<string, Schema>)[ref]?.properties ?? {}) : {};
    return type ? [[type, new Set(Object.keys(source))] as const] : [];
  }),
);
const SERVER_COMMON = new Set(['type', 'description', 'environment', 'roles']);
// The Data Contract Specification's names for what ODCS calls otherwise.
const SERVER_TYPES: Record<string, string> = { postgresql: 'postgres', azure_blob: 'azure', gcs: 'bigquery', sqlserver: 'sqlserver', dataframe: 'custom' };

function toServer(name: string, value: unknown): Obj {
  const server = isObject(value) ? value : {};
  const written = str(server.type)?.toLowerCase();
  const type = written && SERVER_FIELDS.has(written) ? written : written && SERVER_TYPES[written] ? SERVER_TYPES[written]! : 'custom';
  const fields = SERVER_FIELDS.get(type) ?? new Set<string>();
  const own: Obj = {};
  const rest: Obj = type !== written && written ? { type: written } : {};
  for (const [key, v] of Object.entries(server)) {
    if (SERVER_COMMON.has(key)) continue;
    if (fields.has(key)) own[key] = key === 'port' && typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    else rest[key] = v;
  }
  const roles = Array.isArray(server.roles)
    ? server.roles.filter(isObject).map((r) => compact({ role: str(r.name) ?? 'role', description: str(r.description), customProperties: custom(without(r, ['name', 'description'])) }))
    : undefined;
  return compact({ server: name, type, description: str(server.description), environment: str(server.environment), ...own, roles, customProperties: custom(rest) });
}

// ── models and fields ──────────────────────────────────────────────────────────────────────────

// Data Contract Specification field types → ODCS logical types; the written type stays the physical type.
const LOGICAL_TYPES: Record<string, string> = {
  string: 'string', text: 'string', varchar: 'string', bytes: 'string', uuid: 'string',
  number: 'number', decimal: 'number', numeric: 'number', float: 'number', double: 'number',
  int: 'integer', integer: 'integer', long: 'integer', bigint: 'integer',
  boolean: 'boolean',
  timestamp: 'timestamp', timestamp_tz: 'timestamp', timestamp_ntz: 'timestamp',
  date: 'date', time: 'time',
  object: 'object', record: 'object', struct: 'object', map: 'object', json: 'object', variant: 'object',
  array: 'array',
};
// Which field constraints ODCS keeps in logicalTypeOptions, by logical type.
const TYPE_OPTIONS: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format'],
  date: ['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  timestamp: ['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  time: ['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
};
const FIELD_MAPPED = ['type', 'title', 'description', 'required', 'unique', 'primaryKey', 'primary', 'classification', 'tags', 'examples', 'references', 'quality', 'fields', 'items', '$ref', 'config'];

function toSchemaObject(name: string, value: unknown, definitions: Obj): Obj {
  const model = isObject(value) ? value : {};
  const keys = new Set(stringList(model.primaryKey) ?? []);
  const properties = entries(model.fields).map(([field, f]) => toProperty(field, f, definitions, 0));
  // A model-level primary key list marks its columns, in order.
  [...keys].forEach((key, i) => {
    const column = properties.find((p) => p.name === key);
    if (column) Object.assign(column, { primaryKey: true, primaryKeyPosition: i + 1 });
  });
  const quality = Array.isArray(model.quality) ? model.quality.filter(isObject).map(toQuality) : undefined;
  const rest = without(model, ['type', 'title', 'description', 'fields', 'tags', 'quality', ...(keys.size > 0 ? ['primaryKey'] : [])]);
  if (model.quality !== undefined && !quality) rest.quality = model.quality;
  return compact({
    name,
    logicalType: 'object',
    physicalType: str(model.type),
    businessName: str(model.title),
    description: str(model.description),
    tags: stringList(model.tags),
    properties,
    quality,
    customProperties: custom(rest),
  });
}

// A field nested deeper than this keeps its inner fields as a custom property (real contracts nest a few levels).
const MAX_NESTING = 20;

function toProperty(name: string, value: unknown, definitions: Obj, depth: number): Obj & { name: string } {
  const own = isObject(value) ? value : {};
  const ref = str(own.$ref);
  const definitionName = ref?.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
  const definition = definitionName && isObject(definitions[definitionName]) ? (definitions[definitionName] as Obj) : {};
  // The field's own keys win over its definition's, as in the Data Contract Specification.
  const field: Obj = { ...without(definition, ['name']), ...own };
  const written = str(field.type);
  const logicalType = written ? LOGICAL_TYPES[written.toLowerCase()] : undefined;
  const config = isObject(field.config) ? field.config : {};
  const options = compact(Object.fromEntries((TYPE_OPTIONS[logicalType ?? ''] ?? []).map((k) => [k, field[k]])));
  const rest = without(field, [...FIELD_MAPPED, ...Object.keys(options)]);
  if (ref && !definitionName) rest.$ref = ref;
  if (definitionName) rest.definition = definitionName;
  const configRest = without(config, ['physicalType']);
  if (Object.keys(configRest).length > 0) rest.config = configRest;
  const nested = depth < MAX_NESTING ? entries(field.fields).map(([n, f]) => toProperty(n, f, definitions, depth + 1)) : [];
  if (depth >= MAX_NESTING && field.fields !== undefined) rest.fields = field.fields;
  const items = logicalType === 'array' && isObject(field.items) && depth < MAX_NESTING ? without(toProperty('items', field.items, definitions, depth + 1), ['name']) : undefined;
  if (field.items !== undefined && !items) rest.items = field.items;
  const references = str(field.references);
  const quality = Array.isArray(field.quality) ? field.quality.filter(isObject).map(toQuality) : undefined;
  if (field.quality !== undefined && !quality) rest.quality = field.quality;
  const examples = Array.isArray(field.examples) ? field.examples : undefined;
  if (field.examples !== undefined && !examples) rest.examples = field.examples;
  return compact({
    name,
    businessName: str(field.title),
    description: str(field.description),
    logicalType,
    logicalTypeOptions: Object.keys(options).length > 0 ? options : undefined,
    physicalType: str(config.physicalType) ?? written,
    required: typeof field.required === 'boolean' ? field.required : undefined,
    unique: typeof field.unique === 'boolean' ? field.unique : undefined,
    primaryKey: field.primaryKey === true || field.primary === true ? true : undefined,
    classification: str(field.classification),
    tags: stringList(field.tags),
    examples,
    relationships: references ? [{ type: 'foreignKey', to: references }] : undefined,
    properties: logicalType === 'object' ? nested : undefined,
    items,
    quality,
    customProperties: custom(rest),
  }) as Obj & { name: string };
}

// ── quality ────────────────────────────────────────────────────────────────────────────────────

const QUALITY_TYPES = new Set(['text', 'library', 'sql', 'custom']);
// The Data Contract Specification's operator names where ODCS spells them otherwise.
const OPERATORS: Record<string, string> = {
  mustBe: 'mustBe', mustNotBe: 'mustNotBe', mustBeGreaterThan: 'mustBeGreaterThan', mustBeLessThan: 'mustBeLessThan',
  mustBeGreaterThanOrEqualTo: 'mustBeGreaterOrEqualTo', mustBeGreaterOrEqualTo: 'mustBeGreaterOrEqualTo',
  mustBeLessThanOrEqualTo: 'mustBeLessOrEqualTo', mustBeLessOrEqualTo: 'mustBeLessOrEqualTo',
  mustBeBetween: 'mustBeBetween', mustNotBeBetween: 'mustNotBeBetween',
};
const QUALITY_KEYS = ['name', 'description', 'dimension', 'unit', 'metric', 'query', 'engine', 'implementation', 'severity', 'businessImpact', 'schedule', 'scheduler', 'method', 'tags'];
const DIMENSIONS = new Set(['accuracy', 'completeness', 'conformity', 'consistency', 'coverage', 'timeliness', 'uniqueness']);

function toQuality(check: Obj): Obj {
  const written = str(check.type)?.toLowerCase();
  // Tool-specific checks (SodaCL, great-expectations) are ODCS `custom` checks run by that engine.
  const type = written && QUALITY_TYPES.has(written) ? written : 'custom';
  const out: Obj = { type };
  const rest: Obj = {};
  if (type === 'custom' && written !== 'custom') {
    out.engine = str(check.type) ?? 'unknown';
    out.implementation = check.specification ?? check.implementation ?? '';
  }
  const operator = Object.keys(check).find((k) => OPERATORS[k]);
  for (const [key, v] of Object.entries(check)) {
    if (key === 'type' || (type === 'custom' && written !== 'custom' && (key === 'specification' || key === 'implementation'))) continue;
    if (key === operator) out[OPERATORS[key]!] = v;
    else if (QUALITY_KEYS.includes(key) && !(key === 'dimension' && !DIMENSIONS.has(String(v)))) out[key] = v;
    else rest[key] = v;
  }
  // ODCS wants one operator on library and sql checks (and a query on sql ones): one without keeps its form as text.
  if ((type === 'sql' && (!operator || out.query === undefined)) || (type === 'library' && !operator)) {
    out.type = 'text';
    for (const key of ['query', 'metric', 'engine', 'implementation', 'unit', ...(operator ? [OPERATORS[operator]!] : [])]) {
      if (!(key in out)) continue;
      rest[key] = out[key];
      delete out[key];
    }
  }
  return compact({ ...out, customProperties: custom(rest) });
}

// ── service levels ─────────────────────────────────────────────────────────────────────────────

interface Sla {
  properties: Obj[];
  /** What had no clear ODCS mapping, by service level, kept as a custom property. */
  rest: [string, unknown][];
}

/** `25h` → 25, h; `P1Y` → 1, y; anything else is kept as written. */
function amount(text: unknown): { value: unknown; unit?: string } {
  const s = str(text);
  if (s === undefined) return { value: text ?? null };
  const duration = /^P(\d+)([YMWD])$/i.exec(s);
  if (duration) return { value: Number(duration[1]), unit: duration[2]!.toLowerCase() };
  const simple = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(s);
  return simple ? { value: Number(simple[1]), unit: simple[2] } : { value: s };
}

function serviceLevels(value: unknown): Sla {
  const properties: Obj[] = [];
  const rest: [string, unknown][] = [];
  for (const [name, raw] of entries(value)) {
    const level = isObject(raw) ? raw : {};
    const description = str(level.description);
    const keep = (keys: string[]) => {
      const left = without(level, ['description', ...keys]);
      if (Object.keys(left).length > 0) rest.push([name, left]);
    };
    switch (name) {
      case 'availability':
        properties.push(compact({ property: 'availability', value: str(level.percentage) ?? null, description }));
        keep(['percentage']);
        break;
      case 'retention': {
        const unlimited = level.unlimited === true;
        properties.push(compact({ property: 'retention', ...(unlimited ? { value: 'unlimited' } : amount(level.period)), element: str(level.timestampField), description }));
        keep(['period', 'timestampField', ...(unlimited ? ['unlimited'] : [])]);
        break;
      }
      case 'latency':
      case 'freshness':
        properties.push(compact({ property: name, ...amount(level.threshold), element: str(level.sourceTimestampField ?? level.timestampField), description }));
        keep(['threshold', name === 'latency' ? 'sourceTimestampField' : 'timestampField']);
        break;
      case 'frequency':
        properties.push(compact({ property: 'frequency', value: str(level.interval) ?? str(level.type) ?? null, scheduler: str(level.cron) ? 'cron' : undefined, schedule: str(level.cron), description }));
        keep(['interval', 'cron', ...(str(level.interval) ? [] : ['type'])]);
        break;
      default:
        rest.push([name, raw]);
    }
  }
  return { properties, rest };
}

// ── the new file ───────────────────────────────────────────────────────────────────────────────

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** `…/datacontract.yaml` → `…/datacontract.odcs.yaml`, or `…/datacontract-2.odcs.yaml` if that file exists. */
function targetUri(uri: string, exists: (uri: string) => boolean): string {
  const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
  const stem = uri.slice(folder.length).replace(/\.ya?ml$/i, '');
  for (let n = 1; ; n++) {
    const candidate = `${folder}${stem}${n === 1 ? '' : `-${n}`}.odcs.yaml`;
    if (!exists(candidate) || n >= 100) return candidate;
  }
}
