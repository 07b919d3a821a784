import type { QuickFix } from '../features/quickFix';
import type { Mesh } from '../lineage/mesh';
import type { MeshDiagnostic } from '../model/diagnostic';
import type { SourceText } from '../model/sourceText';
import { relativePath } from '../util/relativePath';
import type { FileEdit } from '../util/span';
import { type DocumentSource, FactLocator } from '../workspace/locateFacts';
import type { Entity, FileFacts } from '../workspace/meshFacts';
import type { EntityRef } from '../workspace/workspaceIndex';
import { appendToMap, appendToSeq, blockMapAt, blockSeqOf, hasKey, scalarReplacement, yamlScalar } from './blockEdits';
import { COLUMN_KINDS, termOfColumn, termTitle } from './glossary';

/** What the glossary's code actions are built from: the file they are asked in, and the rest of the mesh. */
export interface GlossaryFixContext {
  mesh: Mesh;
  /** Other files' texts (the glossary a term is added to). */
  documents: DocumentSource;
  uri: string;
  document: SourceText;
  facts: FileFacts;
}

/**
 * The fixes of the glossary's findings, each built from the diagnostic's data: replace a
 * deprecated term with its replacement, change a business name to the term it nearly names or add
 * it to the glossary as a term, add the classification a PII term asks for.
 */
export function glossaryQuickFixes(context: GlossaryFixContext, diagnostic: MeshDiagnostic): QuickFix[] {
  const data = diagnostic.data;
  const suggestion = data?.suggestions?.[0];
  const replace = (title: string, value: string, isPreferred: boolean): QuickFix => ({
    title,
    kind: 'quickfix',
    isPreferred,
    diagnostic,
    edits: [{ uri: context.uri, span: [diagnostic.start, diagnostic.end], newText: scalarReplacement(context.document.text, [diagnostic.start, diagnostic.end], value) }],
  });
  switch (diagnostic.code) {
    case 'glossary/deprecated-term':
      return suggestion ? [replace(`Replace '${data?.value}' with '${suggestion}'`, suggestion, true)] : [];
    case 'glossary/unknown-business-name': {
      const fixes = suggestion ? [replace(`Change to '${suggestion}'`, suggestion, false)] : [];
      const create = data?.value && data.path ? createTerm(context, data.value, descriptionOf(context, data.docIndex ?? 0, data.path.slice(0, -1))) : undefined;
      if (create) fixes.push({ ...create, diagnostic });
      return fixes;
    }
    case 'glossary/pii-unclassified': {
      const map = suggestion && data?.path ? blockMapAt(context.document, data.docIndex ?? 0, data.path) : undefined;
      const insertion = map && !hasKey(map, 'classification') ? appendToMap(context.document.text, map, [`classification: ${yamlScalar(suggestion!)}`]) : undefined;
      return insertion ? [{ title: `Add 'classification: ${suggestion}'`, kind: 'quickfix', isPreferred: true, diagnostic, edits: [{ uri: context.uri, ...insertion }] }] : [];
    }
    default:
      return [];
  }
}

/**
 * Refactorings at a position: on a column or table (its name or business name) that means a glossary
 * term only by name, link it to the term with an `authoritativeDefinitions` entry; on a business
 * name no term has, create the term.
 */
export function glossaryRefactorings(context: GlossaryFixContext, offset: number): QuickFix[] {
  const locator = FactLocator.of(context.document);
  const hit = locator.at(context.facts, offset);
  if (!hit) return [];
  const index = context.mesh.index;
  const column = 'entity' in hit ? hit.entity : hit.link.kind === 'businessName' ? context.facts.entities.find((e) => e.key === hit.link.from && e.docIndex === hit.link.docIndex) : undefined;
  if (!column || !COLUMN_KINDS.has(column.kind) || column.nameIsKey) return [];
  const fixes: QuickFix[] = [];
  const found = termOfColumn(index, context.facts, column);
  if (found && found.via !== 'link' && found.term.entity.kind === 'term') {
    const link = linkToTerm(context, column, found.term);
    if (link) fixes.push(link);
  }
  if (!found && 'link' in hit && hit.link.kind === 'businessName') {
    const create = createTerm(context, hit.link.text, column.description);
    if (create) fixes.push({ ...create, kind: 'refactor.rewrite' });
  }
  return fixes;
}

/** An `authoritativeDefinitions` entry `<glossary file>#<term id>` added to the column (or its list). */
function linkToTerm(context: GlossaryFixContext, column: Entity, term: EntityRef): QuickFix | undefined {
  const map = blockMapAt(context.document, column.docIndex, column.path);
  if (!map) return undefined;
  const url = `${relativePath(context.uri, term.uri)}#${term.entity.name}`;
  const item = ['type: businessDefinition', `url: ${yamlScalar(url)}`];
  const text = context.document.text;
  const list = blockSeqOf(map, 'authoritativeDefinitions');
  // A key with an empty or flow value cannot take a block item without rewriting it.
  const insertion = list ? appendToSeq(text, list, item) : hasKey(map, 'authoritativeDefinitions') ? undefined : appendToMap(text, map, ['authoritativeDefinitions:', `  - ${item[0]}`, `    ${item[1]}`]);
  return insertion && { title: `Link '${column.name}' to the glossary term '${termTitle(term.entity)}'`, kind: 'refactor.rewrite', edits: [{ uri: context.uri, ...insertion }] };
}

/**
 * A new term named as the business name: appended to the glossary this file already links to, else
 * to the first glossary of the mesh, else in a new `glossary.yaml` beside this file. Its definition
 * is the column's description when it has one; it starts as a draft.
 */
function createTerm(context: GlossaryFixContext, name: string, description: string | undefined): QuickFix | undefined {
  const glossary = glossaryFor(context);
  const ids = new Set(glossary ? context.mesh.index.file(glossary)?.entities.filter((e) => e.kind === 'term').map((e) => e.name) : []);
  const id = uniqueId(name, ids);
  if (!id) return undefined;
  const item = [`id: ${id}`, `name: ${yamlScalar(name)}`, `definition: ${yamlScalar(description?.trim() || 'To be defined.')}`, 'status: draft'];
  if (!glossary) {
    const uri = besideFile(context.uri, 'glossary.yaml');
    if (!uri || context.mesh.index.file(uri) || context.documents.get(uri)) return undefined;
    const text = ['kind: BusinessGlossary', 'apiVersion: v1', 'id: business-glossary', 'name: Business glossary', 'terms:', ...item.map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`)), ''].join('\n');
    return { title: `Create the glossary term '${name}' in a new glossary.yaml`, kind: 'quickfix', edits: [], createFile: { uri, text } };
  }
  const source = context.documents.get(glossary);
  const root = source && blockMapAt(source, 0, []);
  if (!source || !root) return undefined;
  const terms = blockSeqOf(root, 'terms');
  const edit = terms ? appendToSeq(source.text, terms, item) : hasKey(root, 'terms') ? undefined : appendToMap(source.text, root, ['terms:', ...item.map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`))]);
  const edits: FileEdit[] = edit ? [{ uri: glossary, ...edit }] : [];
  return edit && { title: `Add '${name}' to the glossary ${relativePath(context.uri, glossary)}`, kind: 'quickfix', edits };
}

/** The glossary file a term is added to: one this file links to, else the first of the mesh. */
function glossaryFor(context: GlossaryFixContext): string | undefined {
  const index = context.mesh.index;
  for (const link of context.facts.links) {
    const target = link.kind === 'glossary' ? index.resolve(link) : undefined;
    if (target?.entity.kind === 'term') return target.uri;
  }
  let first: string | undefined;
  for (const ref of index.entitiesOfKind('glossary')) if (first === undefined || ref.uri < first) first = ref.uri;
  return first;
}

/** A file beside another (`file:///m/sales/glossary.yaml`); none beside an `untitled:` document, which has no folder. */
function besideFile(uri: string, name: string): string | undefined {
  try {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? new URL(name, uri).href : undefined;
  } catch {
    return undefined;
  }
}

/** A term id from a name (`Net Revenue` → `net-revenue`), not one the glossary has. */
function uniqueId(name: string, taken: ReadonlySet<string>): string | undefined {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  if (!base) return undefined;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The description of the column a business name belongs to. */
function descriptionOf(context: GlossaryFixContext, docIndex: number, path: readonly (string | number)[]): string | undefined {
  const key = path.join('\n');
  return context.facts.entities.find((e) => e.docIndex === docIndex && e.path.join('\n') === key)?.description;
}
