import type { FileEdit, Span } from '../util/span';
import type { SourceText } from '../model/sourceText';
import { needsQuotes } from '../model/yaml11Traps';
import { relativePath } from '../util/relativePath';
import { contractKey, definitionKey, portKey, productKey, termKey } from '../workspace/entityKeys';
import type { DocumentSource } from '../workspace/locateFacts';
import type { Mesh } from '../lineage/mesh';
import { isNamed, type EntityKind, type FileFacts, type Link } from '../workspace/meshFacts';
import { locatorsOf, targetAt } from '../workspace/targetAt';
import type { EntityRef } from '../workspace/workspaceIndex';

export type Refusal = { refused: string };

const RENAMEABLE: Partial<Record<EntityKind, string>> = { contract: 'contract id', product: 'product id', port: 'port name', term: 'term id', definition: 'definition' };
// Ids are made of these; anything else (`#` starts a term id in a URL, `[`, `,`, quotes) could change
// what a reference means or need escaping in some YAML context.
const SAFE_NAME = /^[\w.:/@+~-]+$/;

/** What would be renamed and its current name, or why it cannot be. */
export function prepareRename(mesh: Mesh, document: SourceText, facts: FileFacts, offset: number): { span: Span; placeholder: string } | Refusal | undefined {
  const target = targetAt(mesh.index, document, facts, offset);
  if (!target) return undefined;
  const refusal = refuse(mesh, target.entity, target.link) ?? byAlias(mesh, target.entity!, target.link);
  if (refusal) return refusal;
  return { span: target.span, placeholder: target.entity!.entity.name };
}

/** Renames the entity under the cursor in its definition and every reference, as one set of edits. */
export function rename(mesh: Mesh, documents: DocumentSource, document: SourceText, facts: FileFacts, offset: number, newName: string): FileEdit[] | Refusal | undefined {
  const target = targetAt(mesh.index, document, facts, offset);
  if (!target) return undefined;
  const refusal = refuse(mesh, target.entity, target.link) ?? byAlias(mesh, target.entity!, target.link);
  if (refusal) return refusal;
  const ref = target.entity!;
  const { entity } = ref;
  const name = newName.trim();
  if (name === entity.name) return [];
  if (!SAFE_NAME.test(name)) return { refused: `'${newName}' is not a valid ${RENAMEABLE[entity.kind]}: use letters, digits and . _ - : / @ + ~ only.` };
  const clash = mesh.index.lookup(renamedKey(ref, name))[0];
  if (clash) return { refused: `A ${RENAMEABLE[entity.kind]} '${name}' already exists in ${relativePath(ref.uri, clash.uri)}.` };

  const edits: FileEdit[] = [];
  const locatorOf = locatorsOf(documents);
  const definition = locatorOf(ref.uri);
  const start = definition?.literalNameOffset(entity);
  if (start === undefined) return { refused: `The ${RENAMEABLE[entity.kind]} '${entity.name}' is not written as plain text, so it cannot be renamed safely; edit it by hand.` };
  edits.push({ uri: ref.uri, span: [start, start + entity.name.length], newText: asScalar(name, definition!.text, start) });

  // Only references that find it by its key change; a term found by its URL or synonym keeps working.
  const refs = mesh.index.referencesTo(ref).filter((r) => r.link.targets.find((t) => mesh.index.lookup(t).length > 0) === entity.key);
  for (const { uri, link } of refs) {
    const locator = locatorOf(uri);
    const at = locator?.literalLinkOffset(link);
    if (at === undefined) return { refused: `A reference in ${relativePath(ref.uri, uri)} is not written as plain text, so the rename cannot be done safely; change it by hand first.` };
    const [from, to] = link.span;
    const whole = from === 0 && to === link.text.length;
    edits.push({ uri, span: [at + from, at + to], newText: whole ? asScalar(name, locator!.text, at) : name });
  }
  return edits;
}

function refuse(mesh: Mesh, ref: EntityRef | undefined, link: Link | undefined): Refusal | undefined {
  const written = link ? link.text.slice(link.span[0], link.span[1]) : undefined;
  if (!ref) return { refused: written ? `'${written}' is not defined in this workspace, so it cannot be renamed.` : 'Nothing here can be renamed.' };
  const { entity } = ref;
  const what = RENAMEABLE[entity.kind];
  if (!what) return { refused: `Renaming ${entity.kind === 'property' || entity.kind === 'schemaObject' ? 'columns and schema objects' : 'this'} is not supported: their names are also used in SQL, physical names and tools outside the mesh.` };
  if (!isNamed(entity)) return { refused: `This ${what.split(' ')[0]} has no id to rename.` };
  const definitions = mesh.index.lookup(entity.key);
  if (definitions.length > 1) return { refused: `The ${what} '${entity.name}' is defined ${definitions.length} times; make it unique before renaming it.` };
  return undefined;
}

/** A term found by its business name or URL is renamed where its id is written, not here. */
function byAlias(mesh: Mesh, ref: EntityRef, link: Link | undefined): Refusal | undefined {
  if (!link) return undefined;
  const matched = link.targets.find((t) => mesh.index.lookup(t).length > 0);
  if (matched === ref.entity.key) return undefined;
  return { refused: `This names '${ref.entity.name}' by its ${link.kind === 'businessName' ? 'business name' : 'URL'}, not by its id; rename the ${RENAMEABLE[ref.entity.kind] ?? 'id'} where it is defined.` };
}

function renamedKey({ uri, entity }: EntityRef, name: string): string {
  switch (entity.kind) {
    case 'contract':
      return contractKey(name);
    case 'product':
      return productKey(name);
    case 'term':
      return termKey(uri, name);
    case 'definition':
      return definitionKey(uri, name);
    default:
      return portKey(uri, entity.docIndex, entity.direction ?? 'input', name, entity.version);
  }
}

/**
 * A plain scalar stays plain unless the new name would read as something else to some YAML reader
 * (`yes`, `1.10`, `2024-01-01`, `@x`); then it is double-quoted. A quoted one keeps its quotes: safe
 * names need no escaping inside quotes of either kind.
 */
function asScalar(name: string, text: string, start: number): string {
  const quoted = text[start - 1] === '"' || text[start - 1] === "'";
  return quoted || !needsQuotes(name) ? name : JSON.stringify(name);
}
