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
type ReferenceKind = 'contract' | 'column' | 'element' | 'domain' | 'businessName' | 'termUrl' | 'username' | 'role';

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
  // A member of the v3.0 team list (`team[0]`) or of `team.members[0]`.
  const inMember = (standard === 'odcs' || standard === 'odps') && typeof path[path.length - 1] === 'number' && (parent === 'team' || (parent === 'members' && path[path.length - 3] === 'team'));
  if (inMember && (key === 'username' || key === 'replacedByUsername')) return 'username';
  if (inMember && key === 'role') return 'role';
  if (key === 'businessName') return 'businessName';
  if (key === 'url' && parent === 'authoritativeDefinitions') return 'termUrl';
  return undefined;
}

/** Whether a key holds a reference to the mesh (so its value is chosen from a list). */
export function holdsReference(standard: string, path: Path, key: string): boolean {
  return referenceKind(standard, path, key) !== undefined;
}

/** What the mesh offers for a key, or undefined when the key holds no reference. */
export function referenceValues(index: WorkspaceIndex | undefined, source: { uri: string }, standard: string, path: Path, key: string): ReferenceValue[] | undefined {
  const kind = referenceKind(standard, path, key);
  if (!kind) return undefined;
  if (!index) return kind === 'role' ? SUGGESTED_ROLES : [];
  const lists = listsOf(index);
  switch (kind) {
    case 'username':
      return lists.usernames;
    case 'role':
      return lists.roles;
    case 'contract':
      return lists.contracts;
    case 'domain':
      return lists.domains;
    case 'column':
      return columns(index, source.uri, lists.columns);
    case 'element':
      return ownEntities(index, source.uri, (e) => e.kind === 'schemaObject' || e.kind === 'property').map((e) => ({ value: e.name, detail: e.kind === 'property' ? 'column' : 'object' }));
    case 'businessName':
    case 'termUrl':
      return glossaryValues(index, source.uri, kind);
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
    const idPath = ref.entity.aliases?.find((a) => a.startsWith('columnid:'));
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

// The roles the standards give as examples ("Examples might be owner, data steward"), offered even in an empty mesh.
const SUGGESTED_ROLES: ReferenceValue[] = [
  { value: 'owner', detail: 'role', documentation: 'Accountable for the data: answers for its meaning, quality and use.' },
  { value: 'data steward', detail: 'role', documentation: 'Looks after the data day to day: its definitions, classification and quality rules.' },
];

interface Lists {
  contracts: ReferenceValue[];
  domains: ReferenceValue[];
  columns: EntityRef[];
  usernames: ReferenceValue[];
  roles: ReferenceValue[];
}

/** The mesh's contracts, domains, identified columns and team members, listed once per change of the index. */
function listsOf(index: WorkspaceIndex): Lists {
  return index.derive('completion/reference-lists', () => {
    const contracts: ReferenceValue[] = [];
    const domains = new Map<string, number>();
    const columns: EntityRef[] = [];
    const people = new People();
    for (const facts of index.files()) {
      for (const entity of facts.entities) {
        if (entity.domain) domains.set(entity.domain, (domains.get(entity.domain) ?? 0) + 1);
        if (entity.members) people.add(entity);
        if (entity.kind === 'contract' && entity.key.startsWith('contract:') && !entity.key.includes('#')) contracts.push(contractValue(entity));
        else if (entity.kind === 'property' && columns.length < MAX_REFERENCES && entity.aliases?.some((a) => a.startsWith('columnid:'))) columns.push({ uri: facts.uri, entity });
      }
    }
    contracts.sort((a, b) => Number(a.deprecated ?? false) - Number(b.deprecated ?? false) || a.value.localeCompare(b.value));
    return {
      contracts,
      domains: [...domains].sort((a, b) => b[1] - a[1]).map(([value, count]) => ({ value, detail: `domain of ${count} ${count === 1 ? 'entity' : 'entities'}` })),
      columns,
      usernames: people.usernames(),
      roles: people.roles(),
    };
  });
}

/** The team members of the mesh's contracts and products: who they are, and the roles written. */
class People {
  private readonly byUsername = new Map<string, { name?: string; roles: Set<string>; teams: Set<string> }>();
  private readonly roleCounts = new Map<string, number>();

  add(entity: Entity): void {
    for (const member of entity.members ?? []) {
      let person = this.byUsername.get(member.username);
      if (!person) this.byUsername.set(member.username, (person = { roles: new Set(), teams: new Set() }));
      person.name ??= member.name;
      if (member.role) {
        person.roles.add(member.role);
        this.roleCounts.set(member.role, (this.roleCounts.get(member.role) ?? 0) + 1);
      }
      person.teams.add(entity.owner ?? entity.name);
    }
  }

  /** Most teams first: the people a new contract most likely names. */
  usernames(): ReferenceValue[] {
    return [...this.byUsername]
      .sort((a, b) => b[1].teams.size - a[1].teams.size || a[0].localeCompare(b[0]))
      .slice(0, MAX_REFERENCES)
      .map(([username, person]) => {
        const teams = [...person.teams];
        const shown = teams.slice(0, 3).join(', ') + (teams.length > 3 ? ` and ${teams.length - 3} more` : '');
        const detail = [person.name, [...person.roles].join(', ')].filter(Boolean).join(' · ');
        return { value: username, ...(detail ? { detail } : {}), documentation: `In the team of ${shown}.` };
      });
  }

  /** The roles written in the mesh, most used first, then the standards' examples not yet used. */
  roles(): ReferenceValue[] {
    const used = [...this.roleCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, count]) => ({ value, detail: `role of ${count} team ${count === 1 ? 'member' : 'members'}` }));
    return [...used, ...SUGGESTED_ROLES.filter((r) => !this.roleCounts.has(r.value))];
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
