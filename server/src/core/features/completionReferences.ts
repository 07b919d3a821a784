import { relativePath } from '../util/relativePath';
import { idOfKey } from '../workspace/entityKeys';
import type { Entity } from '../workspace/meshFacts';
import type { EntityRef, WorkspaceIndex } from '../workspace/workspaceIndex';

/** A value completion can offer from the mesh: an id, a column, a term. */
export interface ReferenceValue {
  value: string;
  detail?: string;
  documentation?: string;
  deprecated?: boolean;
}

type Path = readonly (string | number)[];
type ReferenceKind = 'contract' | 'column' | 'element' | 'domain' | 'businessName' | 'termUrl';

// Enough to choose from; the client filters what the user types.
const MAX_REFERENCES = 500;

/** Which keys hold references to the mesh, by standard, the path of the map that holds them and the key. */
function referenceKind(standard: string, path: Path, key: string): ReferenceKind | undefined {
  const parent = path[path.length - 2];
  if (standard === 'odps' && key === 'contractId' && (parent === 'inputPorts' || parent === 'outputPorts')) return 'contract';
  if (standard === 'odps' && key === 'id' && parent === 'inputContracts') return 'contract';
  if (standard === 'odcs' && (key === 'to' || key === 'from') && parent === 'relationships') return 'column';
  if (standard === 'odcs' && key === 'element' && parent === 'slaProperties') return 'element';
  if (standard === 'odcs' && key === 'slaDefaultElement' && path.length === 0) return 'element';
  if ((standard === 'odcs' || standard === 'odps') && key === 'domain' && path.length === 0) return 'domain';
  if (key === 'businessName') return 'businessName';
  if (key === 'url' && parent === 'authoritativeDefinitions') return 'termUrl';
  return undefined;
}

/** Whether a key holds a reference to the mesh (so its value is chosen from a list). */
export function holdsReference(standard: string, path: Path, key: string): boolean {
  return referenceKind(standard, path, key) !== undefined;
}

/** What the mesh offers for a key, or undefined when the key holds no reference. */
export function referenceValues(mesh: { index: WorkspaceIndex; cache: ReferenceCache } | undefined, source: { uri: string }, standard: string, path: Path, key: string): ReferenceValue[] | undefined {
  const kind = referenceKind(standard, path, key);
  if (!kind) return undefined;
  if (!mesh) return [];
  const lists = mesh.cache.lists(mesh.index);
  switch (kind) {
    case 'contract':
      return lists.contracts;
    case 'domain':
      return lists.domains;
    case 'column':
      return columns(mesh.index, source.uri, lists.columns);
    case 'element':
      return ownEntities(mesh.index, source.uri, (e) => e.kind === 'schemaObject' || e.kind === 'property').map((e) => ({ value: e.name, detail: e.kind === 'property' ? 'column' : 'object' }));
    case 'businessName':
    case 'termUrl':
      return glossaryValues(mesh.index, source.uri, kind);
  }
}

function ownEntities(index: WorkspaceIndex, uri: string, keep: (e: Entity) => boolean): Entity[] {
  return (index.file(uri)?.entities ?? []).filter(keep);
}

/** Columns of this contract by `table.column`, then those of other contracts as fully qualified references. */
function columns(index: WorkspaceIndex, uri: string, others: EntityRef[]): ReferenceValue[] {
  const own = ownEntities(index, uri, (e) => e.kind === 'property').map((e) => ({ value: e.name, detail: 'column of this contract', ...(e.description ? { documentation: e.description } : {}) }));
  const rest: ReferenceValue[] = [];
  for (const ref of others) {
    if (ref.uri === uri || own.length + rest.length >= MAX_REFERENCES) continue;
    const idPath = ref.entity.aliases.find((a) => a.startsWith('columnid:'));
    if (!idPath) continue;
    const ids = idPath.slice(idPath.indexOf('#') + 1).split('/');
    const value = `${relativePath(uri, ref.uri)}#/schema/${ids[0]}${ids.slice(1).map((id) => `/properties/${id}`).join('')}`;
    rest.push({ value, detail: `${ref.entity.name} in ${idOfKey(ref.entity.container ?? '')}`, ...(ref.entity.description ? { documentation: ref.entity.description } : {}) });
  }
  return [...own, ...rest];
}

/**
 * Glossary terms for `businessName` (the term's name) and `authoritativeDefinitions[].url` (the
 * glossary file and term id). Read from the index's term facts; kept to this one function so a
 * richer glossary can take its place.
 */
function glossaryValues(index: WorkspaceIndex, uri: string, kind: 'businessName' | 'termUrl'): ReferenceValue[] {
  const found: ReferenceValue[] = [];
  for (const { uri: glossary, entity } of index.entitiesOfKind('term')) {
    if (found.length >= MAX_REFERENCES) break;
    const deprecated = entity.status === 'deprecated';
    const value = kind === 'businessName' ? (entity.title ?? entity.name) : `${relativePath(uri, glossary)}#${entity.name}`;
    found.push({
      value,
      detail: `glossary term${entity.status ? ` · ${entity.status}` : ''}${entity.domain ? ` · ${entity.domain}` : ''}`,
      ...(entity.description ? { documentation: entity.description } : {}),
      ...(deprecated ? { deprecated } : {}),
    });
  }
  return found;
}

interface Lists {
  contracts: ReferenceValue[];
  domains: ReferenceValue[];
  columns: EntityRef[];
}

/** The mesh's contracts, domains and identified columns, listed once per index generation. */
export class ReferenceCache {
  private generation = -1;
  private cached: Lists = { contracts: [], domains: [], columns: [] };

  lists(index: WorkspaceIndex): Lists {
    if (index.generation === this.generation) return this.cached;
    const contracts: ReferenceValue[] = [];
    const domains = new Map<string, number>();
    const columns: EntityRef[] = [];
    for (const facts of index.files()) {
      for (const entity of facts.entities) {
        if (entity.domain) domains.set(entity.domain, (domains.get(entity.domain) ?? 0) + 1);
        if (entity.kind === 'contract' && entity.key.startsWith('contract:') && !entity.key.includes('#')) contracts.push(contractValue(entity));
        else if (entity.kind === 'property' && columns.length < MAX_REFERENCES && entity.aliases.some((a) => a.startsWith('columnid:'))) columns.push({ uri: facts.uri, entity });
      }
    }
    contracts.sort((a, b) => Number(a.deprecated ?? false) - Number(b.deprecated ?? false) || a.value.localeCompare(b.value));
    this.cached = {
      contracts,
      domains: [...domains].sort((a, b) => b[1] - a[1]).map(([value, count]) => ({ value, detail: `domain of ${count} ${count === 1 ? 'entity' : 'entities'}` })),
      columns,
    };
    this.generation = index.generation;
    return this.cached;
  }
}

function contractValue(entity: Entity): ReferenceValue {
  const deprecated = entity.status === 'deprecated' || entity.status === 'retired';
  const detail = [entity.title, entity.version && `v${entity.version.replace(/^v/, '')}`, entity.status, entity.owner].filter(Boolean).join(' · ');
  return {
    value: idOfKey(entity.key),
    ...(detail ? { detail: deprecated ? `deprecated · ${detail}` : detail } : {}),
    ...(entity.description ? { documentation: entity.description } : {}),
    ...(deprecated ? { deprecated } : {}),
  };
}
