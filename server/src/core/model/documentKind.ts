import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { STANDARDS, type Standard } from '../schema/schemaCatalog';
import type { YamlDocument } from './parseYaml';

/** Which standard a YAML document follows and the version it declares. */
export interface DocumentKind {
  standard: Standard;
  /** The declared version exactly as written (quotes removed), or undefined when the key is missing. */
  version: string | undefined;
  /** The pair that declares the version, for diagnostics about it. */
  versionPair: Pair | undefined;
}

const FILE_NAME_KINDS: [RegExp, Standard][] = [
  [/\.odcs\.ya?ml$/i, STANDARDS.odcs],
  [/\.odps\.ya?ml$/i, STANDARDS.odps],
  [/(?:^|[\\/])datacontract\.ya?ml$/i, STANDARDS.dcs],
  [/(?:^|[\\/])dataproduct\.ya?ml$/i, STANDARDS.dps],
  [/\.dpd\.(?:ya?ml|json)$/i, STANDARDS.dpds],
  [/\.glossary\.ya?ml$/i, STANDARDS.glossary],
  [/\.policy\.ya?ml$/i, STANDARDS.policy],
];

/**
 * Recognises a document by its content first (`kind: DataContract`, `dataContractSpecification:`, …)
 * and by its file name second, so a new, still empty `orders.odcs.yaml` is already ours.
 */
export function detectKind(doc: YamlDocument, text: string, fileName: string): DocumentKind | undefined {
  const root = doc.contents;
  const map = isMap(root) ? (root as YAMLMap) : undefined;
  const view: RootView | undefined = map && { text: (key) => scalarText(map, key, text), has: (key) => map.has(key), isMap: (key) => isMap(map.get(key, true)) };
  const standard = view ? standardOfRoot(view) : undefined;
  if (standard) return withVersion(standard, map, text);
  const byName = standardOfFileName(fileName);
  // A file name only claims a document that is empty (or an explicit null) or a map: a list or another scalar is something else.
  const empty = root === null || (isScalar(root) && root.value === null);
  if (byName && (empty || map)) return withVersion(byName, map, text);
  return undefined;
}

/** The same recognition for plain data (a fast parse of a file on disk, without positions). */
export function detectStandard(data: unknown, fileName: string): Standard | undefined {
  if (data === null || data === undefined) return standardOfFileName(fileName);
  if (typeof data !== 'object' || Array.isArray(data)) return undefined;
  const root = data as Record<string, unknown>;
  const view: RootView = {
    text: (key) => (typeof root[key] === 'string' || typeof root[key] === 'number' ? String(root[key]) : undefined),
    has: (key) => key in root,
    isMap: (key) => typeof root[key] === 'object' && root[key] !== null && !Array.isArray(root[key]),
  };
  return standardOfRoot(view) ?? standardOfFileName(fileName);
}

/**
 * The same recognition for a text that is not parsed (nested too deep): its top-level keys are read
 * line by line, so that a refused contract is still known as a contract. It has no version to read.
 */
export function kindOfUnreadText(text: string, fileName: string): DocumentKind | undefined {
  const view: RootView = {
    text: (key) => topLevelValue(text, key) || undefined,
    has: (key) => topLevelValue(text, key) !== undefined,
    isMap: (key) => topLevelValue(text, key) === '',
  };
  const standard = standardOfRoot(view) ?? standardOfFileName(fileName);
  return standard && { standard, version: undefined, versionPair: undefined };
}

/** The value after `key:` at the start of a line, unquoted and without a comment; '' when it is on the next lines. */
function topLevelValue(text: string, key: string): string | undefined {
  const line = new RegExp(`^${key}[ \\t]*:(.*)$`, 'm').exec(text)?.[1];
  if (line === undefined || !/^(?:\s|$)/.test(line)) return undefined;
  const value = line.replace(/(?:^|\s)#.*$/, '').trim();
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** The standard a file's name claims (`*.odcs.yaml`, `datacontract.yaml`, …), whatever its content. */
export function standardOfFileName(fileName: string): Standard | undefined {
  return FILE_NAME_KINDS.find(([pattern]) => pattern.test(fileName))?.[1];
}

/** What recognition needs to see of a document's root map, whichever parser read it. */
interface RootView {
  text(key: string): string | undefined;
  has(key: string): boolean;
  isMap(key: string): boolean;
}

function standardOfRoot(root: RootView): Standard | undefined {
  const kind = root.text('kind');
  if (kind === 'DataContract') return STANDARDS.odcs;
  if (kind === 'DataProduct') return STANDARDS.odps;
  if (kind === 'BusinessGlossary') return STANDARDS.glossary;
  if (kind === 'GovernancePolicy') return STANDARDS.policy;
  if (root.has('dataContractSpecification')) return STANDARDS.dcs;
  if (root.has('dataProductSpecification')) return STANDARDS.dps;
  if (root.has('dataProductDescriptor')) return STANDARDS.dpds;
  if (root.isMap('product') && (root.has('version') || root.has('schema'))) {
    if (/opendataproducts\.org/i.test(root.text('schema') ?? '') || /^v?\d/.test(root.text('version') ?? '')) return STANDARDS.odps4;
  }
  return undefined;
}

function withVersion(standard: Standard, map: YAMLMap | undefined, text: string): DocumentKind {
  const versionPair = map?.items.find((p) => isScalar(p.key) && p.key.value === standard.versionKey) as Pair | undefined;
  return { standard, version: versionPair ? sourceText(versionPair.value as Node | null, text) : undefined, versionPair };
}

/** The text of a top-level scalar as written, so `version: 4.10` stays `4.10` rather than the number 4.1. */
function scalarText(map: YAMLMap, key: string, text: string): string | undefined {
  return sourceText(map.get(key, true) as Node | null | undefined, text);
}

function sourceText(node: Node | null | undefined, text: string): string | undefined {
  if (!isScalar(node) || !node.range || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : text.slice(node.range[0], node.range[1]);
}

// How much of a file's start `peekStandard` looks at.
const PEEK_CHARS = 64 * 1024;
const PEEK_KIND = /^kind:[ \t]*['"]?(\w+)/m;
const PEEK_SPEC = /^(dataContractSpecification|dataProductSpecification|dataProductDescriptor):/m;

/**
 * The standard of a file too large to parse, from its top-level `kind` or specification key near
 * its start, else its name. A guess, used only to say why such a file is not checked.
 */
export function peekStandard(text: string, fileName: string): Standard | undefined {
  const head = text.slice(0, PEEK_CHARS);
  const kind = PEEK_KIND.exec(head)?.[1];
  const spec = PEEK_SPEC.exec(head)?.[1];
  return detectStandard(kind ? { kind } : spec ? { [spec]: '' } : null, fileName) ?? standardOfFileName(fileName);
}
