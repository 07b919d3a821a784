#!/usr/bin/env node
// Deterministic synthetic data mesh: N ODPS v1.0.0 products, N ODCS v3.1.0
// contracts and one business glossary. Same seed + N + hub => same bytes.
//
//   node bench/generate.mjs [--n 1000] [--seed 42] [--hub 50] [--style plain|varied] [--out DIR] [--check]
//
// --style varied writes the same data as a person might: folded and literal block scalars for
// descriptions, flow sequences and flow maps, anchors and aliases for values a file repeats (column
// types, example lists), comments, quoted names and indented sequences. The default (plain) is what
// `yaml.stringify` writes; its bytes do not depend on this option.
//
// --hub K makes the contract of product 0 (`dc-sales-0000`) a hub: K products,
// chosen deterministically among products 1..N-1, get an extra input port on it
// (the rest of the mesh is byte-for-byte the same as with --hub 0).
//
// --check validates a sample of the generated files against the project's
// vendored schemas with Ajv and exits non-zero on any error, so a broken
// generator is caught before it skews a benchmark.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Document, Scalar, isScalar, parse, stringify, visit } from 'yaml';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMAS = {
  odcs: join(REPO, 'schemas/standards/odcs/odcs-json-schema-v3.1.0.json'),
  odps: join(REPO, 'schemas/standards/odps-bitol/odps-json-schema-v1.0.0.json'),
};

// mulberry32: tiny, fast, good enough for test data, and stable across Node versions.
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const sample = (arr, k) => {
    const copy = [...arr];
    const out = [];
    while (out.length < k && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, sample };
}

const DOMAINS = ['sales', 'finance', 'marketing', 'logistics', 'customer', 'product', 'supply', 'risk', 'hr', 'support'];
const ENTITIES = ['orders', 'payments', 'invoices', 'shipments', 'customers', 'accounts', 'campaigns', 'leads',
  'returns', 'inventory', 'suppliers', 'tickets', 'employees', 'claims', 'transactions', 'sessions'];
const WORDS = ['revenue', 'margin', 'region', 'channel', 'segment', 'status', 'amount', 'currency', 'country',
  'created', 'updated', 'source', 'score', 'quantity', 'discount', 'priority', 'category', 'owner', 'tier',
  'balance', 'rate', 'weight', 'duration', 'count', 'reason', 'code', 'label', 'flag', 'version', 'batch'];
const COLUMN_TYPES = [
  { logicalType: 'string', physicalType: 'varchar(255)', examples: ['ABC-123', 'XYZ-987'] },
  { logicalType: 'string', physicalType: 'varchar(36)', examples: ['5f1c0c2e-8a8b-4c1e-9d3a-2b7a8c1f0e11'] },
  { logicalType: 'integer', physicalType: 'bigint', examples: [42, 1337] },
  { logicalType: 'number', physicalType: 'decimal(18,2)', examples: [19.99, 250.5] },
  { logicalType: 'date', physicalType: 'date', examples: ['2024-03-01'] },
  { logicalType: 'timestamp', physicalType: 'timestamp', examples: ['2024-03-01T10:15:00Z'] },
  { logicalType: 'boolean', physicalType: 'boolean', examples: [true, false] },
];
const CLASSIFICATIONS = ['public', 'internal', 'restricted', 'confidential'];
const STATUSES = ['active', 'active', 'active', 'draft', 'proposed', 'deprecated'];
const LOREM = ('the data is refreshed daily from the operational system and reconciled against the ledger before it is '
  + 'published to consumers who rely on it for reporting forecasting and regulatory filings across every region').split(' ');

const pad = (i) => String(i).padStart(4, '0');
const title = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (r, min, max) => {
  const words = Array.from({ length: r.int(min, max) }, () => r.pick(LOREM));
  return title(words.join(' ')) + '.';
};
const date = (r) => `20${r.int(21, 24)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
const person = (r) => {
  const first = r.pick(['ada', 'grace', 'alan', 'edsger', 'barbara', 'donald', 'linus', 'margaret', 'ken', 'frances']);
  const last = r.pick(['lovelace', 'hopper', 'turing', 'dijkstra', 'liskov', 'knuth', 'torvalds', 'hamilton', 'thompson', 'allen']);
  return { username: `${first}.${last}@example.com`, name: `${title(first)} ${title(last)}` };
};

function server(r, domain, entity) {
  const env = r.pick(['prod', 'prod', 'uat', 'dev']);
  switch (r.int(0, 4)) {
    case 0: return { server: `${env}-postgres`, type: 'postgres', environment: env, host: `pg-${domain}.example.com`, port: 5432, database: `${domain}_db`, schema: entity };
    case 1: return { server: `${env}-snowflake`, type: 'snowflake', environment: env, account: 'exampleco-eu1', database: domain.toUpperCase(), schema: entity.toUpperCase(), warehouse: 'COMPUTE_WH' };
    case 2: return { server: `${env}-bigquery`, type: 'bigquery', environment: env, project: `exampleco-${domain}`, dataset: entity };
    case 3: return { server: `${env}-s3`, type: 's3', environment: env, location: `s3://exampleco-${domain}/${entity}/`, format: 'parquet' };
    default: return { server: `${env}-kafka`, type: 'kafka', environment: env, host: `kafka-${domain}.example.com:9092`, format: 'avro' };
  }
}

function schemaObject(r, entity, objIndex, terms) {
  const name = objIndex === 0 ? entity : `${entity}_${r.pick(WORDS)}_${objIndex}`;
  const properties = [];
  const used = new Set();
  const count = r.int(9, 11);
  for (let k = 0; k < count; k++) {
    let col = k === 0 ? `${entity.replace(/s$/, '')}_id` : `${r.pick(WORDS)}_${r.pick(WORDS)}`;
    while (used.has(col)) col += `_${k}`;
    used.add(col);
    const t = k === 0 ? COLUMN_TYPES[1] : r.pick(COLUMN_TYPES);
    // Optional keys appear at realistic rates; keeps contracts near 5 KB like hand-written ones.
    const prop = { name: col, logicalType: t.logicalType, physicalType: t.physicalType, description: sentence(r, 3, 7) };
    if (k === 0) Object.assign(prop, { primaryKey: true, primaryKeyPosition: 1, required: true });
    else if (r.next() < 0.3) prop.required = true;
    if (r.next() < 0.25) prop.classification = r.pick(CLASSIFICATIONS);
    if (r.next() < 0.1) prop.examples = [...t.examples];
    if (r.next() < 0.1) {
      const term = r.pick(terms);
      prop.businessName = term.name;
      prop.tags = ['glossary:' + term.id];
    }
    properties.push(prop);
  }
  return {
    id: `${name}_obj`,
    name,
    physicalName: `${name}_v${r.int(1, 3)}`,
    physicalType: r.pick(['table', 'view']),
    logicalType: 'object',
    businessName: `${title(entity)} ${objIndex === 0 ? 'records' : 'details'}`,
    description: sentence(r, 6, 14),
    properties,
  };
}

function contract(r, i, domain, entity, terms) {
  const id = `dc-${domain}-${pad(i)}`;
  const members = Array.from({ length: r.int(1, 3) }, (_, m) => ({
    ...person(r), role: m === 0 ? 'owner' : r.pick(['data steward', 'engineer', 'analyst']), dateIn: date(r),
  }));
  return {
    id,
    doc: {
      apiVersion: 'v3.1.0',
      kind: 'DataContract',
      id,
      name: `${title(entity)} ${pad(i)}`,
      version: `${r.int(1, 3)}.${r.int(0, 9)}.0`,
      status: r.pick(STATUSES),
      domain,
      tenant: 'ExampleCorp',
      tags: r.sample(WORDS, 3),
      description: {
        purpose: sentence(r, 8, 20),
        limitations: sentence(r, 4, 10),
        usage: sentence(r, 4, 10),
      },
      servers: Array.from({ length: r.next() < 0.25 ? 2 : 1 }, () => server(r, domain, entity))
        .map((s, k) => ({ ...s, server: `${s.server}-${k}` })),
      schema: Array.from({ length: 2 }, (_, k) => schemaObject(r, entity, k, terms)),
      team: { name: `${domain}-team`, description: `Owns the ${domain} ${entity} data.`, members },
      slaProperties: [
        { property: 'latency', value: r.int(1, 24), unit: 'h' },
        { property: 'retention', value: r.int(1, 10), unit: 'y' },
        { property: 'frequency', value: 1, unit: 'd', driver: r.pick(['regulatory', 'analytics', 'operational']) },
      ],
      support: [{ channel: `#${domain}-data`, tool: 'slack', url: `https://example.slack.com/archives/${domain}` }],
      contractCreatedTs: `${date(r)}T10:30:00Z`,
    },
  };
}

// Ports carry the version of the contract they name, as a consumer pins the version it reads.
function product(r, i, domain, entity, contractIds, versionOf) {
  const id = `dp-${domain}-${pad(i)}`;
  // Inputs only from earlier contracts, so the lineage graph is a DAG.
  const inputs = i < 10 ? [] : r.sample(contractIds.slice(0, i), r.int(1, 3));
  return {
    id,
    doc: {
      apiVersion: 'v1.0.0',
      kind: 'DataProduct',
      id,
      name: `${title(domain)} ${title(entity)} ${pad(i)}`,
      version: `${r.int(1, 3)}.${r.int(0, 9)}.0`,
      status: r.pick(STATUSES),
      domain,
      tenant: 'ExampleCorp',
      description: { purpose: sentence(r, 8, 20), limitations: sentence(r, 4, 10), usage: sentence(r, 4, 10) },
      tags: [domain, entity],
      inputPorts: inputs.map((cid) => ({ name: `in-${cid}`, version: versionOf(cid), contractId: cid })),
      outputPorts: [{
        name: `${entity}-out`, description: `Curated ${entity}`, type: 'tables', version: versionOf(contractIds[i]), contractId: contractIds[i],
      }],
      team: { name: `${domain}-team`, members: [{ ...person(r), role: 'owner', dateIn: date(r) }] },
      productCreatedTs: `${date(r)}T09:00:00Z`,
    },
  };
}

function glossary(r) {
  const terms = [];
  const seen = new Set();
  for (const a of WORDS) {
    for (const b of ENTITIES) {
      if (r.next() < 0.45 && !seen.has(`${a}-${b}`)) {
        seen.add(`${a}-${b}`);
        terms.push({ id: `${a}-${b}`, name: `${title(b)} ${a}`, definition: sentence(r, 8, 18) });
      }
    }
  }
  return { apiVersion: 'v1', kind: 'BusinessGlossary', id: 'exampleco-glossary', name: 'ExampleCorp Business Glossary', terms };
}

// Block sequences flush with their key (like most hand-written contracts); no line folding.
const dumpPlain = (doc) => stringify(doc, { lineWidth: 0, indentSeq: false });

const HEADERS = {
  odcs: ' Data contract (ODCS v3.1.0). Owned by the team named below; ask in the support channel.',
  odps: ' Data product (ODPS v1.0.0): its ports name the contracts it reads and publishes.',
  glossary: ' The business glossary: contracts tag columns with glossary:<term id>.',
};
// Values a file repeats, written once with an anchor and then as aliases: a table's types (the
// second table of a contract is often like the first), example lists, a product's domain in its tags.
const TYPE_KEYS = new Set(['logicalType', 'physicalType']);
const TABLE_TYPES = new Set(['object', 'table', 'view']);
const FLOW_MAP_LISTS = new Set(['slaProperties', 'support']);

/** The same data written by hand, in the styles a mesh in the wild mixes (see the header). */
function dumpVaried(data, kind) {
  const doc = new Document(data);
  const first = new Map();
  let anchors = 0;
  const reuse = (node, seen) => {
    const earlier = first.get(seen);
    if (!earlier) first.set(seen, node);
    return earlier && doc.createAlias(earlier, `a${++anchors}`);
  };
  doc.commentBefore = HEADERS[kind];
  visit(doc, {
    Pair(_, pair, path) {
      const key = pair.key.value;
      const value = pair.value;
      const topLevel = path.length === 2;
      if (isScalar(value) && typeof value.value === 'string') {
        if (key === 'purpose' || key === 'definition' || (key === 'description' && value.value.length > 40)) value.type = Scalar.BLOCK_FOLDED;
        else if (key === 'usage') value.type = Scalar.BLOCK_LITERAL;
        else if (key === 'limitations') {
          value.type = Scalar.BLOCK_FOLDED;
          value.comment = ' known gaps';
        } else if (key === 'name' && value.value.includes(' ')) value.type = Scalar.QUOTE_DOUBLE;
        else if (key === 'username') value.type = Scalar.QUOTE_SINGLE;
      }
      if (key === 'version' && isScalar(value)) value.comment = ' semver';
      if (key === 'tags' || key === 'examples') value.flow = true;
      if (key === 'tags') value.items = value.items.map((item) => reuse(item, JSON.stringify(['domain', item.toJSON()])) ?? item);
      if (FLOW_MAP_LISTS.has(key)) for (const item of value.items) item.flow = true;
      if (topLevel && (key === 'schema' || key === 'inputPorts' || key === 'terms')) pair.key.commentBefore = ` ${key}`;
      const aliased = key === 'examples' || (key === 'domain' && topLevel) || (TYPE_KEYS.has(key) && TABLE_TYPES.has(value.value));
      if (aliased) pair.value = reuse(value, JSON.stringify([key, value.toJSON()])) ?? value;
    },
  });
  return doc.toString({ lineWidth: 72, flowCollectionPadding: false });
}

const DUMPS = { plain: dumpPlain, varied: dumpVaried };

/** Indices of the products that get an extra input port on the hub contract: K distinct products
 *  among 1..n-1 (all later than product 0, so the lineage stays a DAG), sorted. A PRNG of its own, so
 *  the choice does not shift the main random stream and the rest of the mesh is the same for any K. */
export function hubConsumers(n, seed, k) {
  const count = Math.max(0, Math.min(k, n - 1));
  const candidates = Array.from({ length: n - 1 }, (_, j) => j + 1);
  return prng((seed ^ 0x5bd1e995) >>> 0).sample(candidates, count).sort((a, b) => a - b);
}

/** Write the mesh into `dir`. Returns { dir, files: [{path, kind}], bytes, hub }, where hub is
 *  { id, path, k, consumers: [{ i, id, path }], extraPorts } (consumers = the K chosen products;
 *  extraPorts = how many of them got a new port, the others already had one on the hub by chance). */
export function generateMesh({ n = 1000, seed = 42, hub = 50, style = 'plain', dir }) {
  const r = prng(seed);
  const dump = DUMPS[style];
  if (!dump) throw new Error(`unknown style '${style}' (plain or varied)`);
  const files = [];
  let bytes = 0;
  const write = (rel, text, kind) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    files.push({ path, kind });
    bytes += Buffer.byteLength(text);
  };
  const g = glossary(r);
  write('glossary.yaml', dump(g, 'glossary'), 'glossary');
  const plan = Array.from({ length: n }, (_, i) => ({ i, domain: DOMAINS[i % DOMAINS.length], entity: r.pick(ENTITIES) }));
  const contractIds = plan.map(({ i, domain }) => `dc-${domain}-${pad(i)}`);
  const hubId = contractIds[0];
  const hubSet = new Set(hubConsumers(n, seed, hub));
  const contractVersions = new Map();
  const hubInfo = { id: hubId, path: null, k: hubSet.size, consumers: [], extraPorts: 0 };
  for (const { i, domain, entity } of plan) {
    const c = contract(r, i, domain, entity, g.terms);
    contractVersions.set(c.id, c.doc.version);
    write(`contracts/${domain}/${c.id}.odcs.yaml`, dump(c.doc, 'odcs'), 'odcs');
    if (i === 0) hubInfo.path = files.at(-1).path;
    const p = product(r, i, domain, entity, contractIds, (id) => contractVersions.get(id));
    if (hubSet.has(i)) {
      // No r.* calls here: the random stream must not depend on --hub.
      if (!p.doc.inputPorts.some((port) => port.contractId === hubId)) {
        p.doc.inputPorts.push({ name: `in-${hubId}`, version: contractVersions.get(hubId), contractId: hubId });
        hubInfo.extraPorts++;
      }
    }
    write(`products/${domain}/${p.id}.odps.yaml`, dump(p.doc, 'odps'), 'odps');
    if (hubSet.has(i)) hubInfo.consumers.push({ i, id: p.id, path: files.at(-1).path });
  }
  return { dir, files, bytes, hub: hubInfo };
}

/** Products whose input ports name `contractId`, counted from the written files (not from the plan). */
export function countConsumers(files, contractId) {
  const re = new RegExp(`^\\s*contractId: ${contractId}$`, 'gm');
  let consumers = 0;
  let ports = 0;
  for (const { path, kind } of files) {
    if (kind !== 'odps') continue;
    const text = readFileSync(path, 'utf8');
    const inputs = text.slice(0, text.indexOf('\noutputPorts:')); // input ports come first
    const hits = inputs.match(re)?.length ?? 0;
    ports += hits;
    if (hits) consumers++;
  }
  return { consumers, ports };
}

/** A contract or product made invalid in ways any schema validator must flag: missing required
 *  `status`, an unknown top-level key, and (contracts) a non-integer port. */
export function brokenCopy(text) {
  return text
    .replace(/^status: .*\n/m, '')
    .replace(/^(\s+)port: \d+/m, '$1port: not-a-number')
    .replace(/^kind: .*$/m, '$&\nunknownTopLevelKey: true');
}

/** Validate files with Ajv against the vendored schemas; returns a list of error strings. */
export async function validateFiles(files) {
  const { default: Ajv2019 } = await import('ajv/dist/2019.js');
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  try {
    const { default: addFormats } = await import('ajv-formats');
    addFormats(ajv);
  } catch {
    // ajv-formats is not a project dependency; cover the three formats these schemas use.
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
    ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
  }
  const validators = {
    odcs: ajv.compile(JSON.parse(readFileSync(SCHEMAS.odcs, 'utf8'))),
    odps: ajv.compile(JSON.parse(readFileSync(SCHEMAS.odps, 'utf8'))),
  };
  const errors = [];
  for (const { path, kind } of files) {
    const doc = parse(readFileSync(path, 'utf8'));
    if (kind === 'glossary') {
      const ok = doc?.kind === 'BusinessGlossary' && doc.apiVersion === 'v1' && doc.id && doc.name
        && Array.isArray(doc.terms) && doc.terms.length > 0 && doc.terms.every((t) => t.id && t.name && t.definition);
      if (!ok) errors.push(`${path}: malformed glossary`);
      continue;
    }
    const validate = validators[kind];
    if (!validate(doc)) {
      for (const e of validate.errors) errors.push(`${path}: ${e.instancePath || '/'} ${e.message}`);
    }
  }
  return errors;
}

/** Files (of the mesh in `dir`) whose data differs from the same file of another style's mesh. */
function sameData(files, dir, other) {
  const errors = [];
  for (const { path } of files) {
    const twin = join(other.dir, relative(dir, path));
    if (JSON.stringify(parse(readFileSync(path, 'utf8'))) !== JSON.stringify(parse(readFileSync(twin, 'utf8')))) errors.push(`${path}: its data differs from the plain style's`);
  }
  rmSync(other.dir, { recursive: true, force: true });
  return errors;
}

async function main() {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      hub: { type: 'string', default: '50' },
      style: { type: 'string', default: 'plain' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const dir = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'dm-mesh-'));
  const t0 = performance.now();
  const options = { n: Number(values.n), seed: Number(values.seed), hub: Number(values.hub), style: values.style };
  const mesh = generateMesh({ ...options, dir });
  const ms = performance.now() - t0;
  console.log(`generated ${mesh.files.length} files, ${(mesh.bytes / 1e6).toFixed(2)} MB in ${dir} (${ms.toFixed(0)} ms)`);
  console.log(`hub: ${mesh.hub.id} is chosen by ${mesh.hub.k} products (${mesh.hub.extraPorts} extra input ports)`);
  if (!values.check) return;
  // Every 10th file, plus the glossary, plus a negative control to prove the validator bites.
  // The hub and its first consumers are always in the sample, since they carry the extra ports.
  const special = new Set([mesh.hub.path, ...mesh.hub.consumers.slice(0, 5).map((c) => c.path)]);
  const sample = mesh.files.filter((f, k) => k % 10 === 0 || k % 10 === 1 || special.has(f.path));
  const errors = await validateFiles(sample);
  // Another style must write the same data: compare the sample with the plain mesh's.
  if (values.style !== 'plain') errors.push(...sameData(sample, dir, generateMesh({ ...options, style: 'plain', dir: mkdtempSync(join(tmpdir(), 'dm-plain-')) })));
  // The hub must have at least K consumers in the written files (more if others pick it by chance).
  const { consumers } = countConsumers(mesh.files, mesh.hub.id);
  if (consumers < mesh.hub.k) errors.push(`hub ${mesh.hub.id}: ${consumers} consuming products, expected at least ${mesh.hub.k}`);
  const odcsFile = mesh.files.find((f) => f.kind === 'odcs');
  const brokenPath = join(tmpdir(), `dm-broken-${process.pid}.odcs.yaml`);
  writeFileSync(brokenPath, brokenCopy(readFileSync(odcsFile.path, 'utf8')));
  const brokenErrors = await validateFiles([{ path: brokenPath, kind: 'odcs' }]);
  rmSync(brokenPath);
  if (!values.out) rmSync(dir, { recursive: true, force: true });
  if (brokenErrors.length === 0) {
    console.error('check FAILED: the deliberately broken contract passed validation');
    process.exit(1);
  }
  if (errors.length) {
    console.error(`check FAILED: ${errors.length} schema errors in ${sample.length} sampled files`);
    for (const e of errors.slice(0, 20)) console.error('  ' + e);
    process.exit(1);
  }
  console.log(`check ok: ${sample.length} sampled files valid; broken control rejected with ${brokenErrors.length} errors; `
    + `hub ${mesh.hub.id} has ${consumers} consuming products`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
