import odcs302 from '../../../../schemas/standards/odcs/odcs-json-schema-v3.0.2.json';
import odcs310 from '../../../../schemas/standards/odcs/odcs-json-schema-v3.1.0.json';
import odcs320pre from '../../../../schemas/standards/odcs/odcs-json-schema-v3.2.0-pre-20260604.json';
import odps090 from '../../../../schemas/standards/odps-bitol/odps-json-schema-v0.9.0.json';
import odps100 from '../../../../schemas/standards/odps-bitol/odps-json-schema-v1.0.0.json';
import dcs110 from '../../../../schemas/standards/datacontract-specification/1.1.0/datacontract.schema.json';
import dcs121 from '../../../../schemas/standards/datacontract-specification/1.2.1/datacontract.schema.json';
import dps001 from '../../../../schemas/standards/dataproduct-specification/dataproduct.schema.json';
import dpds100 from '../../../../schemas/standards/dpds/v1.0.0/schema.json';
import odps41 from '../../../../schemas/standards/odps-opendataproducts/v4.1/odps.json';
import glossaryV1 from '../../../../schemas/business-glossary.schema.json';
import policyV1 from '../../../../schemas/governance-policy.schema.json';

export type JsonSchemaDraft = 'draft-07' | '2019-09' | '2020-12';

/** One bundled JSON Schema: the exact schema a document of a given standard and version is checked against. */
export interface SchemaEntry {
  /** Unique key, also used as the schema's base URI inside ajv: a URN, as it names a schema and locates nothing. */
  key: string;
  draft: JsonSchemaDraft;
  schema: object;
}

const entries: Record<string, SchemaEntry> = {};
function add(key: string, draft: JsonSchemaDraft, schema: object): string {
  entries[key] = { key, draft, schema };
  return key;
}

/** A standard, how to read the version a document declares, and which schema each version uses. */
export interface Standard {
  id: StandardId;
  /** Short name shown as a diagnostic's source, e.g. `ODCS`. */
  name: string;
  title: string;
  /** Top-level key that holds the version the document follows. */
  versionKey: string;
  /** Maps a declared version to a schema key; undefined when the version is not supported. */
  schemaFor(version: string): string | undefined;
  /** The versions this extension validates, for messages. */
  supported: string;
}

export type StandardId = 'odcs' | 'odps' | 'dcs' | 'dps' | 'dpds' | 'odps4' | 'glossary' | 'policy';

const ODCS_302 = add('urn:datamesh-authoring:schema:odcs-v3.0.2', '2019-09', odcs302);
const ODCS_310 = add('urn:datamesh-authoring:schema:odcs-v3.1.0', '2019-09', odcs310);
const ODCS_320 = add('urn:datamesh-authoring:schema:odcs-v3.2.0-pre', '2019-09', odcs320pre);
const ODPS_090 = add('urn:datamesh-authoring:schema:odps-v0.9.0', '2019-09', odps090);
const ODPS_100 = add('urn:datamesh-authoring:schema:odps-v1.0.0', '2019-09', odps100);
const DCS_110 = add('urn:datamesh-authoring:schema:dcs-1.1.0', 'draft-07', dcs110);
const DCS_121 = add('urn:datamesh-authoring:schema:dcs-1.2.1', 'draft-07', dcs121);
const DPS_001 = add('urn:datamesh-authoring:schema:dps-0.0.1', 'draft-07', dps001);
const DPDS_100 = add('urn:datamesh-authoring:schema:dpds-1.0.0', '2020-12', dpds100);
const ODPS4_41 = add('urn:datamesh-authoring:schema:odps-4.1', '2020-12', odps41);
const GLOSSARY_V1 = add('urn:datamesh-authoring:schema:business-glossary:v1', '2020-12', glossaryV1);
const POLICY_V1 = add('urn:datamesh-authoring:schema:governance-policy:v1', '2020-12', policyV1);

export const STANDARDS: Record<StandardId, Standard> = {
  odcs: {
    id: 'odcs',
    name: 'ODCS',
    title: 'Open Data Contract Standard',
    versionKey: 'apiVersion',
    supported: 'v3.0.0, v3.0.1, v3.0.2, v3.1.0 and v3.2.0',
    schemaFor: (v) => (/^v3\.0\.[0-2]$/.test(v) ? ODCS_302 : v === 'v3.1.0' ? ODCS_310 : v === 'v3.2.0' ? ODCS_320 : undefined),
  },
  odps: {
    id: 'odps',
    name: 'ODPS',
    title: 'Open Data Product Standard',
    versionKey: 'apiVersion',
    supported: 'v0.9.0 and v1.0.0',
    schemaFor: (v) => (v === 'v0.9.0' ? ODPS_090 : v === 'v1.0.0' ? ODPS_100 : undefined),
  },
  dcs: {
    id: 'dcs',
    name: 'Data Contract Specification',
    title: 'Data Contract Specification',
    versionKey: 'dataContractSpecification',
    supported: '1.1.x and 1.2.x',
    schemaFor: (v) => (/^1\.1\.\d+$/.test(v) ? DCS_110 : /^1\.2\.\d+$/.test(v) ? DCS_121 : undefined),
  },
  dps: {
    id: 'dps',
    name: 'Data Product Specification',
    title: 'Data Product Specification',
    versionKey: 'dataProductSpecification',
    supported: '0.0.1',
    schemaFor: (v) => (v === '0.0.1' ? DPS_001 : undefined),
  },
  dpds: {
    id: 'dpds',
    name: 'DPDS',
    title: 'Data Product Descriptor Specification',
    versionKey: 'dataProductDescriptor',
    supported: '1.0.0',
    schemaFor: (v) => (v === '1.0.0' ? DPDS_100 : undefined),
  },
  odps4: {
    id: 'odps4',
    name: 'ODPS 4',
    title: 'Open Data Product Specification (opendataproducts.org)',
    versionKey: 'version',
    supported: '4.0 and 4.1 (checked against the 4.1 schema)',
    schemaFor: (v) => (/^v?4\.[01]$/.test(v) ? ODPS4_41 : undefined),
  },
  glossary: {
    id: 'glossary',
    name: 'Business Glossary',
    title: 'Business Glossary',
    versionKey: 'apiVersion',
    supported: 'v1',
    schemaFor: (v) => (v === 'v1' ? GLOSSARY_V1 : undefined),
  },
  policy: {
    id: 'policy',
    name: 'Governance Policy',
    title: 'Governance Policy',
    versionKey: 'apiVersion',
    supported: 'v1',
    schemaFor: (v) => (v === 'v1' ? POLICY_V1 : undefined),
  },
};

/** Every bundled schema, for the build step that compiles each into a module of its own. */
export function schemaEntries(): SchemaEntry[] {
  return Object.values(entries);
}

/** The file of a schema's validator compiled at build time, beside the bundles (`dist/validators/…`). */
export function validatorFileName(key: string): string {
  return `${key.replace(/^urn:datamesh-authoring:schema:/, '').replace(/[^a-z0-9.-]+/gi, '-')}.js`;
}

export function schemaEntry(key: string): SchemaEntry {
  const entry = entries[key];
  if (!entry) throw new Error(`No bundled schema '${key}'`);
  return entry;
}

/** The diagnostic source for a document, e.g. `ODCS v3.1.0`. */
export function sourceName(standard: Standard, version: string): string {
  return `${standard.name} ${version}`;
}
