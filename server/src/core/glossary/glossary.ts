import { termNameKey } from '../workspace/entityKeys';
import type { Entity, EntityKind, FileFacts, Link, LinkKind } from '../workspace/meshFacts';
import { termNameForms } from '../workspace/termNames';
import { type EntityRef, type LinkRef, sameEntity, type WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * The business glossary as the dictionary of the mesh: the terms of every `BusinessGlossary` file
 * and the shared definitions of Data Contract Specification files, looked up by link, by name,
 * by synonym and by plural form, over the workspace index (no state of its own).
 */

/** Entities that are dictionary entries. */
export const TERM_KINDS: ReadonlySet<EntityKind> = new Set(['term', 'definition']);
/** Links by which a column means a term. */
export const TERM_LINKS: ReadonlySet<LinkKind> = new Set(['glossary', 'businessName', 'definitionRef']);
/** Entities that use terms: columns and tables. */
export const COLUMN_KINDS: ReadonlySet<EntityKind> = new Set(['property', 'schemaObject']);

export const isTerm = (entity: Entity): boolean => TERM_KINDS.has(entity.kind);
export const isDeprecated = (entity: Entity): boolean => entity.status?.toLowerCase() === 'deprecated';

/** The terms a name means, by name or synonym, singular or plural, case and separators ignored. */
export function termsNamed(index: WorkspaceIndex, name: string): EntityRef[] {
  const found: EntityRef[] = [];
  for (const form of termNameForms(name)) {
    for (const ref of index.lookup(termNameKey(form))) {
      if (isTerm(ref.entity) && !found.some((f) => sameEntity(f, ref))) found.push(ref);
    }
  }
  return found;
}

/** The term a link resolves to, if it is one. */
export function termOfLink(index: WorkspaceIndex, link: Link): EntityRef | undefined {
  const target = index.resolve(link);
  return target && isTerm(target.entity) ? target : undefined;
}

/**
 * How many columns of one document of a file mean a personal-data term (`pii: true`) by a glossary
 * link or their business name: what the graph's PII overlay counts, as `glossary/pii-unclassified` reads it.
 */
export function piiColumnCount(index: WorkspaceIndex, facts: FileFacts, docIndex: number): number {
  return piiColumns(index, facts, docIndex).size;
}

/** The keys of those columns (the column lineage view marks each). */
export function piiColumns(index: WorkspaceIndex, facts: FileFacts, docIndex: number): Set<string> {
  const columns = new Set<string>();
  for (const link of facts.links) if (link.docIndex === docIndex && TERM_LINKS.has(link.kind) && termOfLink(index, link)?.entity.term?.pii === true) columns.add(link.from);
  return columns;
}

/** How a column came to mean a term: its glossary link, its business name, or (in hover only) its own name. */
export type TermVia = 'link' | 'businessName' | 'name';

/** The term a column (or table) means: a link first, then its business name, then its name's last part. */
export function termOfColumn(index: WorkspaceIndex, facts: FileFacts, column: Entity): { term: EntityRef; via: TermVia } | undefined {
  let byName: EntityRef | undefined;
  for (const link of facts.links) {
    if (link.from !== column.key || link.docIndex !== column.docIndex || !TERM_LINKS.has(link.kind)) continue;
    const term = termOfLink(index, link);
    if (term && link.kind !== 'businessName') return { term, via: 'link' };
    byName ??= term;
  }
  if (byName) return { term: byName, via: 'businessName' };
  const own = column.name.slice(column.name.lastIndexOf('.') + 1);
  const named = termsNamed(index, own)[0];
  return named && { term: named, via: 'name' };
}

/** The term another term names by id in the same glossary (`related`, `replacedBy`). */
export function termById(index: WorkspaceIndex, glossaryTerm: EntityRef, id: string): EntityRef | undefined {
  const glossary = index.file(glossaryTerm.uri);
  const entity = glossary?.entities.find((e) => isTerm(e) && e.name === id && e.docIndex === glossaryTerm.entity.docIndex);
  return entity && { uri: glossaryTerm.uri, entity };
}

/** The links by which columns and tables mean a term. */
export function usesOf(index: WorkspaceIndex, term: EntityRef): LinkRef[] {
  return index.referencesTo(term).filter((ref) => TERM_LINKS.has(ref.link.kind));
}

/** How many distinct columns and tables of the mesh mean a term (by link or business name). */
export function columnsUsing(index: WorkspaceIndex, term: EntityRef): number {
  const columns = new Set<string>();
  for (const ref of usesOf(index, term)) if (/^(?:column|object):/.test(ref.link.from)) columns.add(`${ref.uri}\n${ref.link.from}`);
  return columns.size;
}

/** What a person calls a term: its name (`Email Address`), else its id. */
export const termTitle = (entity: Entity): string => entity.title ?? entity.name;
