import type { SourceText } from '../model/sourceText';
import { FactLocator } from '../workspace/locateFacts';
import type { Span } from '../util/span';
import type { Mesh } from '../lineage/mesh';
import type { Entity, EntityKind, FileFacts } from '../workspace/meshFacts';
import type { EntityRef } from '../workspace/workspaceIndex';

export interface OutlineItem {
  name: string;
  detail?: string;
  kind: EntityKind;
  span: Span;
  selectionSpan: Span;
  children: OutlineItem[];
}

/** The outline of a file: products with their ports, contracts with schema objects and columns, glossary terms. */
export function documentSymbols(document: SourceText, facts: FileFacts): OutlineItem[] {
  const locator = FactLocator.of(document);
  const byPath = new Map<string, OutlineItem>();
  const fullNames = new Map<OutlineItem, string>();
  const roots: OutlineItem[] = [];
  for (const entity of facts.entities) {
    const span = locator.entitySpan(entity);
    if (!span) continue;
    const item: OutlineItem = { name: entity.name, kind: entity.kind, span, selectionSpan: locator.nameSpan(entity) ?? span, children: [] };
    const detail = detailOf(entity);
    if (detail) item.detail = detail;
    // The parent is the nearest entity whose path is a prefix of this one's, in the same document.
    let parent: OutlineItem | undefined;
    for (let length = entity.path.length - 1; length >= 0 && !parent; length--) parent = byPath.get(pathKey(entity.docIndex, entity.path.slice(0, length)));
    // In the outline a column sits under its table, so `orders.order_id` reads `order_id` there.
    const parentName = parent && fullNames.get(parent);
    if (parentName && entity.name.startsWith(`${parentName}.`)) item.name = entity.name.slice(parentName.length + 1);
    fullNames.set(item, entity.name);
    byPath.set(pathKey(entity.docIndex, entity.path), item);
    (parent ? parent.children : roots).push(item);
  }
  return roots;
}

function pathKey(docIndex: number, path: readonly (string | number)[]): string {
  return `${docIndex}/${path.join('\u0000')}`;
}

function detailOf(entity: Entity): string | undefined {
  const parts = [entity.direction ? `${entity.direction} port` : undefined, entity.title !== entity.name ? entity.title : undefined, entity.version ? `v${entity.version}` : undefined, entity.status];
  const detail = parts.filter(Boolean).join(' · ');
  return detail || undefined;
}

const SEARCHED: ReadonlySet<EntityKind> = new Set(['product', 'contract', 'port', 'schemaObject', 'property', 'term', 'definition']);
export const MAX_WORKSPACE_SYMBOLS = 500;

export interface SymbolMatch {
  ref: EntityRef;
  /** The name of what contains it, e.g. the contract of a column. */
  container?: string;
}

/** Workspace symbols: every product, contract, port, column and term whose name (or title) matches the query. */
export function workspaceSymbols(mesh: Mesh, query: string, limit = MAX_WORKSPACE_SYMBOLS): SymbolMatch[] {
  const needle = query.toLowerCase().replace(/\s+/g, '');
  const found: SymbolMatch[] = [];
  for (const facts of mesh.index.files()) {
    for (const entity of facts.entities) {
      if (!SEARCHED.has(entity.kind)) continue;
      if (!fuzzyMatch(needle, entity.name) && !(entity.title && fuzzyMatch(needle, entity.title))) continue;
      const container = entity.container ? mesh.index.lookup(entity.container)[0]?.entity.name : undefined;
      found.push({ ref: { uri: facts.uri, entity }, ...(container ? { container } : {}) });
      if (found.length >= limit) return found;
    }
  }
  return found;
}

/** The query's characters appear in order in the name, ignoring case: `sov1` finds `sales-orders-v1`. */
function fuzzyMatch(needle: string, name: string): boolean {
  if (needle === '') return true;
  const haystack = name.toLowerCase();
  let at = 0;
  for (const char of needle) {
    at = haystack.indexOf(char, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
