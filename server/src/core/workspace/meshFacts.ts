/**
 * What one file contributes to the mesh: the things it defines (entities) and the things it points
 * at (links). Facts hold JSON paths, not offsets, so they can come from a fast plain-data parse of a
 * file on disk and still be located exactly (with the YAML tree) when a feature needs a range.
 */

/** A path of keys and list indexes from a document's root to a node. */
export type Path = readonly (string | number)[];

export type EntityKind = 'product' | 'contract' | 'port' | 'schemaObject' | 'property' | 'term' | 'glossary' | 'definition';
export type PortDirection = 'input' | 'output' | 'management';

export interface Entity {
  kind: EntityKind;
  /** The key links use to find it, e.g. `contract:sales-orders-v1`; unique in a healthy mesh. */
  key: string;
  /**
   * More keys that find it: a column by its stable id or physical name, a term by its URL or synonyms.
   * Absent when there are none (`keysOf` lists them with the key).
   */
  aliases?: string[];
  /** What a person calls it: a contract's id, a column's name, a term's id. */
  name: string;
  /** The human title where the standard has one (`name` of a contract, a term's name). */
  title?: string;
  /** The entity's own node. */
  path: Path;
  /**
   * The value that names it (what rename edits); empty when nothing names it. Only kept when it is
   * not the usual `[...path, 'name']` (`namePathOf` gives it either way): most entities are columns
   * named so, and the 27,000 arrays of a 2,001-file mesh took 2.4 MB.
   */
  namePath?: Path;
  /** True when the name is a map key (Data Contract Specification models and fields). */
  nameIsKey?: boolean;
  /** The key of the entity that contains it: a port's product, a column's contract. */
  container?: string;
  /** Which YAML document of a multi-document file. */
  docIndex: number;
  status?: string;
  version?: string;
  domain?: string;
  owner?: string;
  description?: string;
  direction?: PortDirection;
  /** A column's or a term's data classification (`confidential`, …), as written. */
  classification?: string;
  /** The contract that replaces a contract (`customProperties` `replacedBy`). */
  replacedBy?: string;
  /** What the glossary knows of a term (and of a shared definition) beyond its name and definition. */
  term?: TermFacts;
  /** A contract's or product's `tags`, as written (the graph filters by them). */
  tags?: string[];
  /** A contract's or product's team members, as written (for completion of usernames and roles). */
  members?: TeamMember[];
}

/** One member of a contract's or product's team; every field but the username only when written. */
export interface TeamMember {
  username: string;
  name?: string;
  role?: string;
}

/** A dictionary entry's details, for hover and the glossary's checks; every field only when written. */
export interface TermFacts {
  synonyms?: string[];
  /** `true` when values identify or relate to a person. */
  pii?: boolean;
  /** Ids of related terms in the same glossary. */
  related?: string[];
  /** The id of the term to use instead (a deprecated term). */
  replacedBy?: string;
  /** The term's own URL (a catalog page), when it has one. */
  url?: string;
}

export type LinkKind =
  | 'publishes' // a product's output port → the contract it publishes
  | 'consumes' // a product's input port → the contract it consumes
  | 'inputContract' // an output port's inputContracts[] → a contract it is built from
  | 'relationship' // a column → the column it references (foreign key)
  | 'slaElement' // an SLA property → the object or column it is about
  | 'columnLineage' // a column → the source object or column it is computed from
  | 'glossary' // an authoritative definition → a glossary term
  | 'businessName' // a business name that is a glossary term's name or synonym
  | 'definitionRef' // Data Contract Specification `$ref` → a shared definition
  | 'termRelation'; // a glossary term's replacedBy / related → another term

export interface Link {
  kind: LinkKind;
  /** The key of the entity holding the link (a port, a column, a contract, a term). */
  from: string;
  /** Keys to try, in order; the first that is defined is the target. */
  targets: string[];
  /** The value node that holds the reference. */
  path: Path;
  docIndex: number;
  /** The reference as written. */
  text: string;
  /** The part of `text` that names the target (a term id after `#`), for ranges and rename. */
  span: [number, number];
  /**
   * How sure we are this is meant as a reference: `strict` links that resolve to nothing are
   * reported; `optional` ones (free-text lineage, business names, external URLs) are only followed.
   */
  strict: boolean;
  /** For a strict link whose target is missing: the kind and scope to suggest names from. */
  expects?: {
    kind: EntityKind;
    scope?: string;
    /**
     * Written `table.column` by name (ODCS shorthand): a table that is not in the scope may be
     * described elsewhere, so only a missing column of a table that is there is surely a mistake.
     */
    byTableName?: true;
  };
  /** A port's declared version, compared with its contract's. */
  version?: string;
}

/** Every key that finds an entity: its own and its aliases. */
export function keysOf(entity: Entity): string[] {
  return entity.aliases ? [entity.key, ...entity.aliases] : [entity.key];
}

/** The key under an entity's own node that names it, unless its `namePath` says otherwise. */
export const USUAL_NAME_KEY = 'name';

/** The path of the value that names an entity (see `Entity.namePath`). */
export function namePathOf(entity: Entity): Path {
  return entity.namePath ?? [...entity.path, USUAL_NAME_KEY];
}

/** Whether `path` is `a`, or `a` and then `last`. */
export function samePath(a: Path, last: string | undefined, path: Path): boolean {
  if (last === undefined && a === path) return true;
  if (a.length + (last === undefined ? 0 : 1) !== path.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== path[i]) return false;
  return last === undefined || path[a.length] === last;
}

/** Whether a value names the entity (a product without an id has none), without making its path. */
export function isNamed(entity: Entity): boolean {
  return entity.namePath === undefined || entity.namePath.length > 0;
}

export interface DocumentFacts {
  entities: Entity[];
  links: Link[];
  /** A governance policy document's data as written (small; the governance engine reads it from the index). */
  policy?: Record<string, unknown>;
}

/** The facts of one file, with what identifies it as part of the mesh. */
export interface FileFacts extends DocumentFacts {
  uri: string;
  /** The standards of its documents, e.g. ['odcs']; empty for YAML that is not ours. */
  standards: string[];
}

const ENTITY_KINDS: Record<EntityKind, EntityKind> = { product: 'product', contract: 'contract', port: 'port', schemaObject: 'schemaObject', property: 'property', term: 'term', glossary: 'glossary', definition: 'definition' };
const LINK_KINDS: Record<LinkKind, LinkKind> = {
  publishes: 'publishes', consumes: 'consumes', inputContract: 'inputContract', relationship: 'relationship', slaElement: 'slaElement',
  columnLineage: 'columnLineage', glossary: 'glossary', businessName: 'businessName', definitionRef: 'definitionRef', termRelation: 'termRelation',
};

/**
 * Facts read from JSON (the analysis worker's replies, the index cache) hold a string of their own
 * at every place a value was written: each column's `container`, each link's `from`, each kind. Points
 * them at one string each, in place (the 2,001 files of the N=1000 mesh: about 1.8 MB).
 */
export function shareStrings(facts: FileFacts): FileFacts {
  const keys = new Map<string, string>();
  for (const entity of facts.entities) {
    entity.kind = ENTITY_KINDS[entity.kind] ?? entity.kind;
    keys.set(entity.key, entity.key);
  }
  for (const entity of facts.entities) if (entity.container !== undefined) entity.container = keys.get(entity.container) ?? entity.container;
  for (const link of facts.links) {
    link.kind = LINK_KINDS[link.kind] ?? link.kind;
    link.from = keys.get(link.from) ?? link.from;
  }
  return facts;
}
