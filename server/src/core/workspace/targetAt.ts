import type { SourceText } from '../model/sourceText';
import type { Span } from '../util/span';
import { type DocumentSource, FactLocator } from './locateFacts';
import type { FileFacts, Link } from './meshFacts';
import type { EntityRef, LinkRef, WorkspaceIndex } from './workspaceIndex';

/** A place in some file of the workspace, as offsets into that file's text. */
export interface MeshLocation {
  uri: string;
  span: Span;
}

/** What is under the cursor: a link (and what it resolves to) or the name of an entity. */
export interface Target {
  /** The entity the cursor means, if it exists in the workspace. */
  entity: EntityRef | undefined;
  /** The link under the cursor, when the cursor is on a reference rather than a definition. */
  link?: Link;
  /** The span under the cursor. */
  span: Span;
}

export function targetAt(index: WorkspaceIndex, document: SourceText, facts: FileFacts, offset: number): Target | undefined {
  const locator = FactLocator.of(document);
  const hit = locator.at(facts, offset);
  if (!hit) return undefined;
  if ('link' in hit) {
    const span = locator.linkSpan(hit.link);
    return span && { entity: index.resolve(hit.link), link: hit.link, span };
  }
  const span = locator.nameSpan(hit.entity);
  return span && { entity: { uri: facts.uri, entity: hit.entity }, span };
}

/** Where an entity's name is, reading its file through the document source. */
export function nameLocation(documents: DocumentSource, ref: EntityRef): MeshLocation | undefined {
  const document = documents.get(ref.uri);
  const span = document && FactLocator.of(document).nameSpan(ref.entity);
  return span && { uri: ref.uri, span };
}

/** One locator per file for a request that touches many files; undefined for a file that cannot be read. */
export function locatorsOf(documents: DocumentSource): (uri: string) => FactLocator | undefined {
  const locators = new Map<string, FactLocator | undefined>();
  return (uri) => {
    if (!locators.has(uri)) {
      const document = documents.get(uri);
      locators.set(uri, document && FactLocator.of(document));
    }
    return locators.get(uri);
  };
}

/** Where a link's reference is, reading its file through the document source. */
export function linkLocations(documents: DocumentSource, refs: readonly LinkRef[]): MeshLocation[] {
  const locatorOf = locatorsOf(documents);
  const found: MeshLocation[] = [];
  for (const ref of refs) {
    const span = locatorOf(ref.uri)?.linkSpan(ref.link);
    if (span) found.push({ uri: ref.uri, span });
  }
  return found;
}

