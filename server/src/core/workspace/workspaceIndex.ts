import { keysOf, type Entity, type EntityKind, type FileFacts, type Link } from './meshFacts';

/** An entity with the file that defines it. */
export interface EntityRef {
  uri: string;
  entity: Entity;
}

/**
 * What a derived value may depend on instead of the whole index: the entities of one kind, the
 * governance policies, or only the ids, statuses and versions of the contracts (which typing a
 * contract's description does not change). Such a value is kept until one of them changes anywhere.
 */
export type DerivedDependency = EntityKind | 'policy' | 'contract-lifecycle';

/** A link with the file that holds it. */
export interface LinkRef {
  uri: string;
  link: Link;
}

/**
 * Every product, port, contract, schema object, column and glossary term of the workspace, and every
 * link between them. Each file has the facts read from disk and, while it is open in the editor, the
 * facts of the open document, which win. Updates are per file, so an edit costs the size of that file.
 */
export class WorkspaceIndex {
  private readonly disk = new Map<string, FileFacts>();
  private readonly open = new Map<string, FileFacts>();
  private readonly current = new Map<string, FileFacts>();
  // Most keys name one thing: a bucket is the thing itself until a second one comes (saves a million arrays).
  private readonly definitions = new Map<string, EntityRef | EntityRef[]>();
  private readonly references = new Map<string, LinkRef | LinkRef[]>();
  private meshFiles = 0;
  private readonly kindCounts = new Map<EntityKind, number>();
  /** Grows on every change. */
  generation = 0;
  /**
   * Grows only when a change touches lineage (products, contracts, ports and the links between
   * them), so typing a description does not rebuild the lineage graph of a 20,000-file mesh.
   */
  lineageGeneration = 0;

  private derived = { generation: -1, values: new Map<string, unknown>() };
  /** Grows when an entity of the kind (or a policy) is added, removed or changed, in any file. */
  private readonly dependencyGenerations = new Map<DerivedDependency, number>();
  private readonly dependent = new Map<string, { stamp: string; value: unknown }>();
  /** The entities of the kinds listed so far, by file, kept up to date as files change. */
  private readonly members = new Map<EntityKind, Map<string, EntityRef[]>>();

  /** Files on disk that were not indexed (too large, unreadable), with the reason. */
  readonly skipped = new Map<string, string>();

  /** The facts of a file on disk; undefined when the file is gone or not part of the mesh. */
  setDiskFacts(uri: string, facts: FileFacts | undefined): void {
    this.skipped.delete(uri);
    if (facts) this.disk.set(uri, facts);
    else this.disk.delete(uri);
    this.refresh(uri);
  }

  /**
   * The facts of an open document; undefined when it is closed and the disk is the truth again.
   * Returns the facts kept: the registered ones when they are equal (a file opened as it is on disk,
   * an edit of a description), so that a mesh opened in the editor holds one copy of its facts, not two.
   */
  setOpenFacts(uri: string, facts: FileFacts | undefined): FileFacts | undefined {
    if (facts) this.open.set(uri, facts);
    else this.open.delete(uri);
    this.refresh(uri);
    return this.open.get(uri);
  }

  /** A file on disk that could not be indexed: what it defined is gone, and the reason is kept. */
  setSkipped(uri: string, reason: string): void {
    this.setDiskFacts(uri, undefined);
    this.skipped.set(uri, reason);
  }

  /** Forgets the disk facts of every file under a folder (a workspace folder was removed). */
  removeFolder(folderUri: string): void {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    for (const uri of [...this.disk.keys(), ...this.skipped.keys()]) if (uri.startsWith(prefix)) this.setDiskFacts(uri, undefined);
  }

  /** The facts that count for a file: the open document's, else the disk's. */
  file(uri: string): FileFacts | undefined {
    return this.current.get(uri);
  }

  files(): IterableIterator<FileFacts> {
    return this.current.values();
  }

  /** Files that follow one of the standards (not just any YAML). */
  get meshFileCount(): number {
    return this.meshFiles;
  }

  /** Entities defined under a key or an alias. More than one means the id is defined twice. */
  lookup(key: string): readonly EntityRef[] {
    return bucket(this.definitions.get(key));
  }

  /** What a link points at: the first of its targets that is defined. */
  resolve(link: Link): EntityRef | undefined {
    for (const target of link.targets) {
      const found = this.definitions.get(target);
      if (found) return Array.isArray(found) ? found[0] : found;
    }
    return undefined;
  }

  /** Every link that resolves to the entity. */
  referencesTo(target: EntityRef): LinkRef[] {
    const found: LinkRef[] = [];
    const seen = new Set<Link>();
    for (const key of keysOf(target.entity)) {
      for (const ref of bucket(this.references.get(key))) {
        if (seen.has(ref.link)) continue;
        seen.add(ref.link);
        const resolved = this.resolve(ref.link);
        if (resolved && sameEntity(resolved, target)) found.push(ref);
      }
    }
    return found;
  }

  /** How many entities of one kind the workspace defines, without visiting them. */
  countOf(kind: EntityKind): number {
    return this.kindCounts.get(kind) ?? 0;
  }

  /** Every link that names a key among its targets, whether or not that key is defined (a removed column's derived columns). */
  linksNaming(key: string): readonly LinkRef[] {
    return bucket(this.references.get(key));
  }

  /**
   * The entities of one kind in the whole workspace, listed again only when one of them changed: the
   * first call reads every file, and from then on the kind's members are kept by file as files change.
   */
  entitiesOfKind(kind: EntityKind): readonly EntityRef[] {
    return this.derive(`entitiesOfKind:${kind}`, () => {
      let byFile = this.members.get(kind);
      if (!byFile) {
        byFile = new Map();
        for (const facts of this.current.values()) addMembers(byFile, facts, kind);
        this.members.set(kind, byFile);
      }
      return [...byFile.values()].flat();
    }, [kind]);
  }

  /**
   * A value worked out from the whole index, kept until the index changes. Diagnosing every open file
   * asks the same mesh-wide questions (the term names, a retired contract's successor) once per file:
   * with this, once per change of the mesh.
   */
  derive<T>(name: string, compute: () => T, dependsOn?: readonly DerivedDependency[]): T {
    if (dependsOn) {
      // Kept across changes of the index that touch none of what it depends on (typing a description
      // in one contract keeps the glossary's names). Equal entities stand for changed ones: their data
      // is the same.
      const stamp = dependsOn.map((d) => this.dependencyGenerations.get(d) ?? 0).join(',');
      const known = this.dependent.get(name);
      if (known?.stamp === stamp) return known.value as T;
      const value = compute();
      this.dependent.set(name, { stamp, value });
      return value;
    }
    if (this.derived.generation !== this.generation) this.derived = { generation: this.generation, values: new Map() };
    const { values } = this.derived;
    if (!values.has(name)) values.set(name, compute());
    return values.get(name) as T;
  }

  private refresh(uri: string): void {
    const next = this.open.get(uri) ?? this.disk.get(uri);
    const previous = this.current.get(uri);
    if (next === previous) return;
    // Opening a file, or typing in a description, gives equal facts: keep the registered ones, in
    // place of the equal copy too, so that one copy stays in memory.
    if (previous !== undefined && next !== undefined && equalData(previous, next)) {
      (this.open.get(uri) === next ? this.open : this.disk).set(uri, previous);
      return;
    }
    if (previous) this.unregister(previous);
    if (next) {
      this.current.set(uri, next);
      this.register(next);
    } else this.current.delete(uri);
    this.generation++;
    this.noteDependencies(previous, next);
    // Signatures are only compared when a file's facts are replaced; a file added or removed changes
    // lineage when it has any (cheap to tell, so the cold index of 20,000 files stringifies nothing).
    const changed = previous && next ? lineageSignature(previous) !== lineageSignature(next) : hasLineage(previous ?? next!);
    if (changed) this.lineageGeneration++;
  }

  /**
   * Which kinds of entity (and whether the policies) differ between a file's old and new facts. A file
   * added or removed changes every kind it has, with nothing to compare (the cold index of 20,000 files).
   */
  private noteDependencies(previous: FileFacts | undefined, next: FileFacts | undefined): void {
    const kinds = new Set<EntityKind>();
    for (const entity of previous?.entities ?? []) kinds.add(entity.kind);
    for (const entity of next?.entities ?? []) kinds.add(entity.kind);
    const bump = (d: DerivedDependency) => this.dependencyGenerations.set(d, (this.dependencyGenerations.get(d) ?? 0) + 1);
    const ofKind = (facts: FileFacts, kind: EntityKind) => facts.entities.filter((e) => e.kind === kind);
    for (const kind of kinds) {
      if (previous && next && equalData(ofKind(previous, kind), ofKind(next, kind))) continue;
      bump(kind);
      if (kind === 'contract' && (!previous || !next || !equalData(lifecycleOf(previous), lifecycleOf(next)))) bump('contract-lifecycle');
    }
    if (!equalData(previous?.policy, next?.policy)) bump('policy');
  }

  private register(facts: FileFacts): void {
    for (const [kind, byFile] of this.members) addMembers(byFile, facts, kind);
    if (facts.standards.length > 0) this.meshFiles++;
    for (const entity of facts.entities) {
      this.kindCounts.set(entity.kind, this.countOf(entity.kind) + 1);
      const ref = { uri: facts.uri, entity };
      for (const key of keysOf(entity)) push(this.definitions, key, ref);
    }
    for (const link of facts.links) {
      const ref = { uri: facts.uri, link };
      for (const key of link.targets) push(this.references, key, ref);
    }
  }

  private unregister(facts: FileFacts): void {
    for (const byFile of this.members.values()) byFile.delete(facts.uri);
    if (facts.standards.length > 0) this.meshFiles--;
    for (const entity of facts.entities) {
      this.kindCounts.set(entity.kind, this.countOf(entity.kind) - 1);
      for (const key of keysOf(entity)) pull(this.definitions, key, (ref) => ref.entity === entity);
    }
    for (const link of facts.links) for (const key of link.targets) pull(this.references, key, (ref) => ref.link === link);
  }
}

function addMembers(byFile: Map<string, EntityRef[]>, facts: FileFacts, kind: EntityKind): void {
  const refs = facts.entities.filter((e) => e.kind === kind).map((entity) => ({ uri: facts.uri, entity }));
  if (refs.length > 0) byFile.set(facts.uri, refs);
}

/**
 * Whether two references name the same definition. Compared by place, not identity: the facts of
 * an open document may be a fresh, equal copy of the registered ones.
 */
export function sameEntity(a: EntityRef, b: EntityRef): boolean {
  return a.uri === b.uri && a.entity.key === b.entity.key && a.entity.docIndex === b.entity.docIndex && equalData(a.entity.path, b.entity.path);
}

/** The contracts of a file as a `contract-lifecycle` dependency sees them. */
const lifecycleOf = (facts: FileFacts) => facts.entities.filter((e) => e.kind === 'contract').map((e) => [e.name, e.status, e.version]);

/** Deep equality of plain data (facts are plain objects, arrays and scalars), without allocating. */
function equalData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // As JSON sees it: a key whose value is undefined is absent. Facts also arrive through JSON (the
  // index cache, the analysis worker), which drops such keys.
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    defined++;
    if (!equalData(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) defined--;
  return defined === 0;
}

const LINEAGE_ENTITIES = new Set(['product', 'contract', 'port']);
const LINEAGE_LINKS = new Set(['publishes', 'consumes', 'inputContract']);

function hasLineage(facts: FileFacts): boolean {
  return facts.entities.some((e) => LINEAGE_ENTITIES.has(e.kind)) || facts.links.some((l) => LINEAGE_LINKS.has(l.kind));
}

/** Everything about a file that the lineage graph is built from, as one comparable string. */
function lineageSignature(facts: FileFacts): string {
  const parts: unknown[] = [];
  for (const e of facts.entities) if (LINEAGE_ENTITIES.has(e.kind)) parts.push([e.key, e.name, e.title, e.status, e.version, e.owner, e.domain, e.container, e.docIndex, e.path, e.namePath]);
  for (const l of facts.links) if (LINEAGE_LINKS.has(l.kind)) parts.push([l.kind, l.from, l.targets, l.path, l.docIndex, l.text, l.span]);
  return parts.length > 0 ? JSON.stringify(parts) : '';
}

function bucket<T extends object>(entry: T | T[] | undefined): readonly T[] {
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
}

function push<T extends object>(map: Map<string, T | T[]>, key: string, value: T): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, value);
  else if (Array.isArray(entry)) entry.push(value);
  else map.set(key, [entry, value]);
}

function pull<T extends object>(map: Map<string, T | T[]>, key: string, matches: (value: T) => boolean): void {
  const entry = map.get(key);
  if (entry === undefined) return;
  if (!Array.isArray(entry)) {
    if (matches(entry)) map.delete(key);
    return;
  }
  const index = entry.findIndex(matches);
  if (index >= 0) entry.splice(index, 1);
  if (entry.length === 1) map.set(key, entry[0]!);
  else if (entry.length === 0) map.delete(key);
}
