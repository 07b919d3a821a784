import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { detectStandard, kindOfUnreadText } from '../model/documentKind';
import { isTooDeep } from '../model/nestingDepth';
import type { MeshDocument } from '../model/meshDocument';
import type { QuickPart } from '../model/quickRead';
import { documentData } from '../model/documentData';
import { parseYaml } from '../model/parseYaml';
import { hasAlias, readsAsPlainData } from '../model/quickRead';
import { containsItself } from '../model/selfContaining';
import type { DocumentFacts, FileFacts } from './meshFacts';
import { dcsFacts } from './facts/dcsFacts';
import { type Data, FactBuilder, isData, TooManyFacts } from './facts/factBuilder';
import { odcsFacts } from './facts/odcsFacts';
import { isPropertyDefinitions, propertyDefinitionFacts } from './facts/definitionFacts';
import { odpsFacts } from './facts/odpsFacts';
import { dpdsFacts, dpsFacts, glossaryFacts, odps4Facts, policyFacts } from './facts/otherFacts';

const EXTRACTORS: Record<string, ((b: FactBuilder, root: Data) => void) | undefined> = {
  odcs: odcsFacts,
  odps: odpsFacts,
  dcs: dcsFacts,
  dps: dpsFacts,
  dpds: dpdsFacts,
  odps4: odps4Facts,
  glossary: glossaryFacts,
  policy: policyFacts,
};

/** The facts of one document given as plain data. */
export function documentFacts(standard: string, data: unknown, uri: string, docIndex: number, canonical?: CanonicalUri): DocumentFacts {
  const builder = new FactBuilder(uri, docIndex, canonical);
  const extract = EXTRACTORS[standard];
  try {
    if (extract && isData(data)) extract(builder, data);
  } catch (error) {
    if (!(error instanceof TooManyFacts)) throw error;
  }
  return builder.facts;
}

/** The facts of an open document, from the parse every other feature shares. */
/** How the caller spells URIs, so a path resolved from a file names the same file as the scanner does. */
export type CanonicalUri = (uri: string) => string;

export function factsOfDocument(document: MeshDocument, uri: string, canonical?: CanonicalUri): FileFacts {
  const facts: FileFacts = { uri, standards: [], entities: [], links: [] };
  document.yaml.documents.forEach((doc, docIndex) => {
    const part = document.parts.find((p) => p.doc === doc);
    if (!part) return;
    facts.standards.push(part.kind.standard.id);
    // Validation reports why a document cannot be read (in full).
    const { data } = documentData(doc);
    if (data === undefined) return;
    append(facts, documentFacts(part.kind.standard.id, data, uri, docIndex, canonical));
  });
  return facts;
}

/**
 * The facts of a file read from disk. A data-only parse (js-yaml, about ten times faster than a
 * full syntax tree) is enough, because facts hold paths. A file that does not parse, uses more aliases
 * than js-yaml can be trusted with, or merge keys, takes the recovering parser with its alias limit,
 * so a half-written file on disk still contributes what it can and an alias bomb nothing. A file
 * nested too deep for either parser is not parsed: it is recognised from its lines and contributes
 * no entities.
 */
export function factsOfText(text: string, uri: string, fileName: string, canonical?: CanonicalUri): FileFacts {
  if (isTooDeep(text)) {
    const kind = kindOfUnreadText(text, fileName);
    return { uri, standards: kind ? [kind.standard.id] : [], entities: [], links: [] };
  }
  let datas: unknown[] | undefined;
  if (readsAsPlainData(text)) {
    try {
      datas = loadAll(text, undefined, { schema: CORE_SCHEMA, json: true, filename: fileName });
      // Endless data (an alias inside its own anchor) takes the full parse, which refuses it as the editor does.
      if (hasAlias(text) && containsItself(datas)) datas = undefined;
    } catch {
      datas = undefined;
    }
  }
  if (!datas) {
    datas = parseYaml(text).documents.map((doc) => documentData(doc).data);
  }
  if (datas.length === 0) datas = [null];
  if (/\.json$/i.test(fileName) && datas.length === 1 && isPropertyDefinitions(datas[0])) return propertyDefinitionFacts(datas[0], uri);
  const facts: FileFacts = { uri, standards: [], entities: [], links: [] };
  datas.forEach((data, docIndex) => {
    const standard = detectStandard(data, fileName);
    if (!standard) return;
    facts.standards.push(standard.id);
    append(facts, documentFacts(standard.id, data, uri, docIndex, canonical));
  });
  return facts;
}

/** The facts of a file that a quick read has already turned into data. */
export function factsOfParts(parts: readonly QuickPart[], uri: string, canonical?: CanonicalUri): FileFacts {
  const facts: FileFacts = { uri, standards: [], entities: [], links: [] };
  for (const part of parts) {
    facts.standards.push(part.standard.id);
    append(facts, documentFacts(part.standard.id, part.data, uri, part.docIndex, canonical));
  }
  return facts;
}

function append(into: DocumentFacts, from: DocumentFacts): void {
  for (const entity of from.entities) into.entities.push(entity);
  for (const link of from.links) into.links.push(link);
  if (from.policy) into.policy = from.policy;
}
