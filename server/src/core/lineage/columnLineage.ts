import type { Entity, FileFacts, Link, Path } from '../workspace/meshFacts';
import type { EntityRef, WorkspaceIndex } from '../workspace/workspaceIndex';

/** The column-level lineage of one contract, as `dataMesh/columnLineage` returns it (docs/protocol.md). */
export interface ColumnLineageModel {
  /** The contract asked for: `contract:<id>`. */
  focus: string;
  /** The column the reader asked from, when one was (its key). */
  column?: string;
  /** The contract's tables with every column, and the tables upstream and downstream with the columns on a path. */
  tables: ColumnTable[];
  /** Source → derived: a column (or a whole table) → the column computed from it. */
  edges: { from: string; to: string }[];
  /** More columns were reached than are shown (MAX_COLUMNS). */
  truncated?: true;
}

export interface ColumnTable {
  /** The table's key. */
  id: string;
  name: string;
  /** The contract that describes it: `contract:<id>`, and its name. */
  contract: string;
  contractName: string;
  uri: string;
  columns: ColumnInfo[];
  /** Columns of the table left out because no path of the lineage goes through them. */
  hiddenColumns: number;
}

export interface ColumnInfo {
  /** The column's key. */
  id: string;
  /** Its name inside the table (`address.street` for a nested field). */
  name: string;
  classification?: string;
  /** It means a personal-data term of the glossary. */
  pii?: true;
}

export interface ColumnAnnotations {
  /** The columns (keys) of a file's document that mean a personal-data term. */
  piiColumns?: (facts: FileFacts, docIndex: number) => ReadonlySet<string>;
}

export const DEFAULT_COLUMN_HOPS = 2;
/** A column view is read column by column: past this many it stops growing and says so. */
export const MAX_COLUMNS = 400;

/**
 * The lineage of a contract's columns through `transformSourceObjects` (ODCS) and `lineage.inputFields`
 * (Data Contract Specification): every table and column of the contract, the columns they are
 * computed from (`hops` steps upstream) and the columns computed from them (`hops` downstream), across
 * files. A source written as a table (`SALES.ORDERS_V1.ORDERS`) is an edge from the table itself.
 */
export function columnLineage(index: WorkspaceIndex, contractKey: string, annotations: ColumnAnnotations = {}, hops = DEFAULT_COLUMN_HOPS, column?: string): ColumnLineageModel | undefined {
  const contract = index.lookup(contractKey).find((r) => r.entity.kind === 'contract');
  if (!contract) return undefined;
  const files = new FileViews(index, annotations);
  const home = files.of(contract.uri);
  if (!home) return undefined;
  const shown = new Map<string, EntityRef>();
  const edges = new Map<string, { from: string; to: string }>();
  let truncated = false;
  /** Whether the column or table is shown: it was already, or there is still room for it. */
  const reach = (ref: EntityRef): boolean => {
    if (shown.has(ref.entity.key)) return true;
    if (shown.size >= MAX_COLUMNS) return !(truncated = true);
    shown.set(ref.entity.key, ref);
    return true;
  };

  const own = home.members(contract.entity);
  for (const entity of own) reach({ uri: contract.uri, entity });
  for (const direction of ['up', 'down'] as const) {
    let frontier: EntityRef[] = own.map((entity) => ({ uri: contract.uri, entity }));
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
      const next: EntityRef[] = [];
      for (const at of frontier) {
        for (const other of direction === 'up' ? files.sourcesOf(at) : files.derivedFrom(at)) {
          const isNew = !shown.has(other.entity.key);
          if (!reach(other)) continue;
          const [from, to] = direction === 'up' ? [other, at] : [at, other];
          edges.set(`${from.entity.key}\u0000${to.entity.key}`, { from: from.entity.key, to: to.entity.key });
          if (isNew) next.push(other);
        }
      }
      frontier = next;
    }
  }
  return {
    focus: contract.entity.key,
    ...(column !== undefined && shown.has(column) ? { column } : {}),
    tables: tablesOf(index, files, shown, contract.entity.key),
    edges: [...edges.values()],
    ...(truncated ? { truncated: true as const } : {}),
  };
}

/** What the walk asks of each file it visits, worked out once per file. */
class FileViews {
  private readonly views = new Map<string, FileView | undefined>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly annotations: ColumnAnnotations,
  ) {}

  of(uri: string): FileView | undefined {
    if (!this.views.has(uri)) {
      const facts = this.index.file(uri);
      this.views.set(uri, facts && new FileView(facts, this.annotations));
    }
    return this.views.get(uri);
  }

  /** The columns and tables a column is computed from, as far as they are in the workspace. */
  sourcesOf(at: EntityRef): EntityRef[] {
    const found: EntityRef[] = [];
    for (const link of this.of(at.uri)?.lineageFrom(at.entity) ?? []) {
      const source = this.index.resolve(link);
      if (source && isColumnOrTable(source.entity)) found.push(source);
    }
    return found;
  }

  /** The columns computed from a column or a table. */
  derivedFrom(at: EntityRef): EntityRef[] {
    const found: EntityRef[] = [];
    for (const ref of this.index.referencesTo(at)) {
      if (ref.link.kind !== 'columnLineage') continue;
      const derived = this.index.lookup(ref.link.from).find((r) => r.uri === ref.uri && r.entity.docIndex === ref.link.docIndex);
      if (derived && isColumnOrTable(derived.entity)) found.push(derived);
    }
    return found;
  }
}

class FileView {
  private readonly lineage = new Map<string, Link[]>();
  private pii: Map<number, ReadonlySet<string>> | undefined;
  /** Each column's table, and each table's number of columns (worked out once, on the first question). */
  private tables: { of: Map<Entity, Entity>; columns: Map<Entity, number> } | undefined;

  constructor(
    readonly facts: FileFacts,
    private readonly annotations: ColumnAnnotations,
  ) {
    for (const link of facts.links) if (link.kind === 'columnLineage') (this.lineage.get(link.from) ?? this.lineage.set(link.from, []).get(link.from)!).push(link);
  }

  lineageFrom(entity: Entity): Link[] {
    return (this.lineage.get(entity.key) ?? []).filter((l) => l.docIndex === entity.docIndex);
  }

  /** A contract's tables and columns, in the order of the file. */
  members(contract: Entity): Entity[] {
    return this.facts.entities.filter((e) => isColumnOrTable(e) && e.container === contract.key && e.docIndex === contract.docIndex);
  }

  /** The table a column belongs to: the table whose node holds the column's. */
  tableOf(column: Entity): Entity | undefined {
    return this.columnTables().of.get(column);
  }

  /** How many columns a table has. */
  columnCount(table: Entity): number {
    return this.columnTables().columns.get(table) ?? 0;
  }

  /** One pass over the file: tables by the place of their node, then each column's nearest enclosing one. */
  private columnTables(): { of: Map<Entity, Entity>; columns: Map<Entity, number> } {
    if (this.tables) return this.tables;
    const byPlace = new Map<string, Entity>();
    const place = (docIndex: number, container: string | undefined, path: Path) => JSON.stringify([docIndex, container, path]);
    for (const e of this.facts.entities) if (e.kind === 'schemaObject') byPlace.set(place(e.docIndex, e.container, e.path), e);
    const of = new Map<Entity, Entity>();
    const columns = new Map<Entity, number>();
    for (const e of this.facts.entities) {
      if (e.kind !== 'property') continue;
      for (let length = e.path.length - 1; length > 0; length--) {
        const table = byPlace.get(place(e.docIndex, e.container, e.path.slice(0, length)));
        if (!table) continue;
        of.set(e, table);
        columns.set(table, (columns.get(table) ?? 0) + 1);
        break;
      }
    }
    return (this.tables = { of, columns });
  }

  isPii(column: Entity): boolean {
    const find = this.annotations.piiColumns;
    if (!find) return false;
    this.pii ??= new Map();
    let set = this.pii.get(column.docIndex);
    if (!set) this.pii.set(column.docIndex, (set = find(this.facts, column.docIndex)));
    return set.has(column.key);
  }
}

/** The reached columns grouped by table: the focus contract's tables first, in file order, then the others by name. */
function tablesOf(index: WorkspaceIndex, files: FileViews, shown: ReadonlyMap<string, EntityRef>, focus: string): ColumnTable[] {
  const tables = new Map<string, ColumnTable>();
  const table = (uri: string, entity: Entity): ColumnTable => {
    let found = tables.get(entity.key);
    if (!found) {
      const contract = entity.container !== undefined ? index.lookup(entity.container)[0]?.entity : undefined;
      found = { id: entity.key, name: entity.name, contract: entity.container ?? '', contractName: contract?.name ?? entity.container ?? '', uri, columns: [], hiddenColumns: files.of(uri)!.columnCount(entity) };
      tables.set(entity.key, found);
    }
    return found;
  };
  for (const { uri, entity } of shown.values()) {
    const view = files.of(uri)!;
    if (entity.kind === 'schemaObject') {
      table(uri, entity);
      continue;
    }
    const owner = view.tableOf(entity);
    if (!owner) continue;
    const t = table(uri, owner);
    const prefix = `${owner.name}.`;
    t.columns.push({
      id: entity.key,
      name: entity.name.startsWith(prefix) ? entity.name.slice(prefix.length) : entity.name,
      ...(entity.classification !== undefined ? { classification: entity.classification } : {}),
      ...(view.isPii(entity) ? { pii: true as const } : {}),
    });
    t.hiddenColumns -= 1;
  }
  const order = (t: ColumnTable) => (t.contract === focus ? 0 : 1);
  return [...tables.values()].sort((a, b) => order(a) - order(b) || (order(a) === 0 ? 0 : a.contractName.localeCompare(b.contractName) || a.name.localeCompare(b.name)));
}

const isColumnOrTable = (entity: Entity) => entity.kind === 'property' || entity.kind === 'schemaObject';
