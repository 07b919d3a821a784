import { detectStandard } from '../model/documentKind';
import type { Standard, StandardId } from '../schema/schemaCatalog';

/** The version a document is completed against while it does not declare one yet: the latest released. */
const DEFAULT_VERSIONS: Record<StandardId, string> = {
  odcs: 'v3.1.0',
  odps: 'v1.0.0',
  dcs: '1.2.1',
  dps: '0.0.1',
  dpds: '1.0.0',
  odps4: '4.1',
  glossary: 'v1',
  policy: 'v1',
};

/** Where each standard documents its fields, for a version. */
const DOCUMENTATION: Record<StandardId, (version: string) => string | undefined> = {
  odcs: (v) => `https://bitol-io.github.io/open-data-contract-standard/${/^v3\.(?:0\.[0-2]|1\.0)$/.test(v) ? v : 'latest'}/`,
  odps: (v) => `https://bitol-io.github.io/open-data-product-standard/${v === 'v1.0.0' ? v : 'latest'}/`,
  dcs: () => 'https://datacontract-specification.com/',
  dps: () => 'https://www.dataproduct-specification.com/',
  dpds: () => 'https://dpds.opendatamesh.org/',
  odps4: () => 'https://opendataproducts.org/v4.1/',
  glossary: () => undefined,
  policy: () => undefined,
};

/** The standard, version and schema a document is completed and hovered against. */
export interface DocumentSchema {
  standard: Standard;
  version: string;
  /** Whether the document declares that version (else it is the latest, assumed). */
  declared: boolean;
  schemaKey: string;
  documentation: string | undefined;
}

/**
 * The schema of a document from its top-level keys (read from the text, so a broken file still has
 * one): the declared version's, or the latest version's while none is declared. A version that is
 * declared but not supported has none: completing it as another version would offer wrong keys.
 */
export function documentSchema(root: Record<string, unknown> | undefined, fileName: string): DocumentSchema | undefined {
  const standard = detectStandard(root ?? null, fileName);
  if (!standard) return undefined;
  const written = root?.[standard.versionKey];
  const declared = typeof written === 'string' || typeof written === 'number' ? String(written) : undefined;
  const version = declared ?? DEFAULT_VERSIONS[standard.id];
  const schemaKey = standard.schemaFor(version);
  if (!schemaKey) return undefined;
  return { standard, version, declared: declared !== undefined, schemaKey, documentation: DOCUMENTATION[standard.id](version) };
}
