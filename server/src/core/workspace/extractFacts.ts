import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { detectStandard } from '../model/documentKind';
import type { MeshDocument } from '../model/meshDocument';
import type { QuickPart } from '../model/quickRead';
import { MAX_ALIAS_COUNT, parseYaml } from '../model/parseYaml';
import { aliasesAgree } from '../model/quickRead';
import type { DocumentFacts, FileFacts } from './meshFacts';
import { dcsFacts } from './facts/dcsFacts';
import { type Data, FactBuilder, isData, TooManyFacts } from './facts/factBuilder';
import { odcsFacts } from './facts/odcsFacts';
import { odpsFacts } from './facts/odpsFacts';
import { dpdsFacts, dpsFacts, glossaryFacts, odps4Facts } from './facts/otherFacts';

const EXTRACTORS: Record<string, ((b: FactBuilder, root: Data) => void) | undefined> = {
  odcs: odcsFacts,
  odps: odpsFacts,
  dcs: dcsFacts,
  dps: dpsFacts,
  dpds: dpdsFacts,
  odps4: odps4Facts,
  glossary: glossaryFacts,
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
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return; // Validation reports why the document cannot be read.
    }
    append(facts, documentFacts(part.kind.standard.id, data, uri, docIndex, canonical));
  });
  return facts;
}

/**
 * The facts of a file read from disk. A data-only parse (js-yaml, about ten times faster than a
 * full syntax tree) is enough, because facts hold paths. A file that does not parse, or uses more
 * aliases than js-yaml can be trusted with, takes the recovering parser with its alias limit, so a half-written file on disk still contributes
 * what it can and an alias bomb nothing.
 */
export function factsOfText(text: string, uri: string, fileName: string, canonical?: CanonicalUri): FileFacts {
  let datas: unknown[] | undefined;
  if (aliasesAgree(text)) {
    try {
      datas = loadAll(text, undefined, { schema: CORE_SCHEMA, json: true, filename: fileName });
    } catch {
      datas = undefined;
    }
  }
  if (!datas) {
    datas = parseYaml(text).documents.map((doc) => {
      try {
        return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch {
        return undefined;
      }
    });
  }
  if (datas.length === 0) datas = [null];
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
}
