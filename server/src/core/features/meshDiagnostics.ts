import { type DiagnosticData, type MeshDiagnostic, Severity } from '../model/diagnostic';
import type { SourceText } from '../model/sourceText';
import { glossaryDiagnostics } from '../glossary/glossaryDiagnostics';
import { closest } from '../util/closest';
import { relativePath } from '../util/relativePath';
import { idOfKey } from '../workspace/entityKeys';
import { FactLocator } from '../workspace/locateFacts';
import type { Span } from '../util/span';
import type { Mesh } from '../lineage/mesh';
import { sameEntity } from '../workspace/workspaceIndex';
import type { Entity, EntityKind, FileFacts, Link } from '../workspace/meshFacts';

const SOURCE = 'Data Mesh';
const RETIRED = new Set(['deprecated', 'retired']);
// Ids that must be unique across the whole mesh, not just within one file.
const MESH_WIDE: ReadonlySet<EntityKind> = new Set(['contract', 'product']);

const KIND_NAMES: Record<EntityKind, string> = {
  product: 'data product',
  contract: 'contract',
  port: 'port',
  schemaObject: 'schema object',
  property: 'column',
  term: 'glossary term',
  glossary: 'glossary',
  definition: 'definition',
};

/**
 * The findings that need the whole mesh: references that resolve to nothing, ids defined twice,
 * consuming a deprecated contract, a port whose major version differs from its contract's,
 * cycles in product lineage, and the glossary's findings (`glossary/glossaryDiagnostics`; the columns
 * `classifiedByPolicy` names are the governance rule's to judge). Computed against the current index, so they follow edits elsewhere.
 */
export function meshDiagnostics(mesh: Mesh, document: SourceText, facts: FileFacts, classifiedByPolicy?: (column: Entity) => boolean): MeshDiagnostic[] {
  // A clean file that was only read quickly is placed by a quick read too, without building a tree.
  let located: FactLocator | undefined;
  const locator = () => (located ??= FactLocator.of(document));
  const found: MeshDiagnostic[] = [];
  const at: At = (span, severity, code, message, data) => {
    if (span) found.push({ start: span[0], end: span[1], severity, code, message, source: SOURCE, ...(data ? { data } : {}) });
  };

  for (const entity of facts.entities) {
    const self = { uri: facts.uri, entity };
    const others = mesh.index.lookup(entity.key).filter((ref) => !sameEntity(ref, self));
    if (others.length === 0) continue;
    const elsewhere = others.find((ref) => ref.uri !== facts.uri);
    const where = elsewhere ? `also defined in ${relativePath(facts.uri, elsewhere.uri)}` : 'defined more than once in this file';
    const rule = MESH_WIDE.has(entity.kind) ? ' Ids must be unique across the mesh, or links to it are ambiguous.' : '';
    // A port's version is part of what identifies it, so the message names both.
    const version = entity.kind === 'port' && entity.version !== undefined ? ` version ${entity.version}` : '';
    at(locator().nameSpan(entity), Severity.Error, 'mesh/duplicate-id', `The ${KIND_NAMES[entity.kind]} '${entity.name}'${version} is ${where}.${rule}`);
  }

  for (const link of facts.links) {
    const target = mesh.index.resolve(link);
    if (!target) {
      if (link.strict) unresolved(mesh, facts, link, locator, at);
      continue;
    }
    const contract = target.entity;
    if ((link.kind === 'consumes' || link.kind === 'inputContract') && contract.kind === 'contract' && contract.status && RETIRED.has(contract.status.toLowerCase())) {
      const next = successorOf(mesh, contract);
      const written = link.text.slice(link.span[0], link.span[1]);
      const move = next ? `Move to its successor '${next}'` : 'Move to its successor';
      at(locator().linkSpan(link), Severity.Warning, 'mesh/deprecated-contract', `Contract '${contract.name}' is ${contract.status.toLowerCase()}. ${move} before it is removed.`, { docIndex: link.docIndex, path: [...link.path], value: written, suggestions: next ? [next] : [] });
    }
    if ((link.kind === 'consumes' || link.kind === 'publishes') && link.version && contract.version) {
      const portMajor = major(link.version);
      const contractMajor = major(contract.version);
      if (portMajor !== undefined && contractMajor !== undefined && portMajor !== contractMajor) {
        const versionPath = [...link.path.slice(0, -1), 'version'];
        at(locator().pathSpan(link.docIndex, versionPath) ?? locator().linkSpan(link), Severity.Warning, 'mesh/version-mismatch', `Port version ${link.version} has major version ${portMajor}, but contract '${contract.name}' is version ${contract.version} (major ${contractMajor}).`);
      }
    }
    if (link.kind === 'consumes' || link.kind === 'inputContract') cycle(mesh, link, target.entity, locator, at);
  }
  found.push(...glossaryDiagnostics(mesh.index, facts, locator, classifiedByPolicy));
  return found;
}

type At = (span: Span | undefined, severity: Severity, code: string, message: string, data?: DiagnosticData) => void;

function unresolved(mesh: Mesh, facts: FileFacts, link: Link, locator: () => FactLocator, at: At): void {
  const expects = link.expects;
  const kind = expects?.kind ?? 'contract';
  const written = link.text.slice(link.span[0], link.span[1]);
  const scope = expects?.scope;
  const sameFile = scope === facts.uri;
  const data = (suggestion?: string): DiagnosticData => ({ docIndex: link.docIndex, path: [...link.path], value: written, suggestions: suggestion ? [suggestion] : [] });
  if (expects?.byTableName && sameFile) {
    const tables = facts.entities.filter((e) => e.kind === 'schemaObject').map((e) => e.name);
    if (!tables.some((table) => written.startsWith(`${table}.`))) {
      // Not surely a mistake: the standard lets a contract name tables it does not describe.
      const table = closest(written.slice(0, written.indexOf('.')), tables);
      at(locator().linkSpan(link), Severity.Warning, 'mesh/unresolved-reference', tableNotHere(written, tables), data(table && `${table}${written.slice(written.indexOf('.'))}`));
      return;
    }
  }
  // A file the index could not read may define what is missing: say so rather than call the reference broken.
  const skipped = mesh.index.skipped;
  const skippedScope = scope !== undefined && !sameFile ? skipped.get(scope) : undefined;
  if (skippedScope !== undefined || (scope === undefined && skipped.size > 0)) {
    const why = skippedScope !== undefined ? `'${relativePath(facts.uri, scope!)}' was not indexed because ${skippedScope}` : `${skipped.size} file${skipped.size === 1 ? ' was' : 's were'} not indexed (${notIndexed(facts.uri, skipped)}), and it may be defined there`;
    at(locator().linkSpan(link), Severity.Information, 'mesh/unchecked-reference', `'${written}' could not be checked: ${why}.`, data());
    return;
  }
  let message: string;
  let suggestion: string | undefined;
  if (scope && !sameFile && !mesh.index.file(scope)) {
    message = `'${relativePath(facts.uri, scope)}' is not a file of this workspace, so '${written}' cannot be found.`;
  } else {
    suggestion = closest(written, candidateNames(mesh, kind, scope));
    const place = sameFile ? `in this ${kind === 'term' ? 'glossary' : 'contract'}` : scope ? `in ${relativePath(facts.uri, scope)}` : 'in the workspace';
    message = `No ${KIND_NAMES[kind]} '${written}' ${place}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`;
  }
  // Within one file the target is certainly missing; across files it may live outside this workspace.
  at(locator().linkSpan(link), sameFile ? Severity.Error : Severity.Warning, 'mesh/unresolved-reference', message, data(suggestion));
}

/** The first skipped file and its reason, for a message: the status bar and the log list them all. */
function notIndexed(from: string, skipped: ReadonlyMap<string, string>): string {
  const [uri, reason] = skipped.entries().next().value!;
  return `${relativePath(from, uri)}: ${reason}${skipped.size > 1 ? ', …' : ''}`;
}

// Bounded message: a contract of 200 tables names the first few.
const MAX_TABLES_LISTED = 5;

/** `table.column` whose table is not in this contract: where it was looked for, and the closest table. */
function tableNotHere(written: string, tables: string[]): string {
  const table = written.slice(0, written.indexOf('.'));
  const listed = tables.length === 0 ? 'its schema has no tables' : `its schema has ${tables.slice(0, MAX_TABLES_LISTED).join(', ')}${tables.length > MAX_TABLES_LISTED ? ` and ${tables.length - MAX_TABLES_LISTED} more` : ''}`;
  const suggestion = closest(table, tables);
  return `No table '${table}' in this contract (${listed}), so '${written}' may be a column outside it and is not checked.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`;
}

/** Names a missing reference may have meant: ids for mesh-wide kinds, names within the target file otherwise. */
function candidateNames(mesh: Mesh, kind: EntityKind, scope: string | undefined): string[] {
  if (scope) return (mesh.index.file(scope)?.entities ?? []).filter((e) => e.kind === kind).map(referenceName);
  return mesh.index.derive(`mesh/candidates:${kind}`, () => mesh.index.entitiesOfKind(kind).map((ref) => referenceName(ref.entity)), [kind]);
}

function referenceName(entity: Entity): string {
  return entity.name;
}

function cycle(mesh: Mesh, link: Link, contract: Entity, locator: () => FactLocator, at: At): void {
  const graph = mesh.graph;
  const port = mesh.index.lookup(link.from)[0]?.entity;
  const product = port?.container;
  if (!product || graph.cycleOf(product) === undefined) return;
  const producers = graph.upstreamOf(contract.key);
  if (!producers.some((p) => graph.cycleOf(p) === graph.cycleOf(product))) return;
  const path = graph.cyclePath(product).map(idOfKey).join(' → ');
  at(locator().linkSpan(link), Severity.Error, 'mesh/lineage-cycle', `Consuming '${contract.name}' closes a lineage cycle: ${path}. A product cannot depend on its own output.`);
}

/**
 * The contract that replaces a retired one: the one it names (`customProperties` `replacedBy`, what
 * governance asks a deprecated contract for); else, as ODCS has no "replaced by", the live contract
 * whose id is the same but for its version suffix (`sales-orders-v0` → `sales-orders-v1`), the
 * highest version first.
 */
function successorOf(mesh: Mesh, retired: Entity): string | undefined {
  if (retired.replacedBy) return retired.replacedBy;
  const stem = idStem(retired.name);
  if (!stem) return undefined;
  const candidates = liveContractsByStem(mesh).get(stem) ?? [];
  return candidates.find((e) => e.name !== retired.name)?.name;
}

/** The live contracts with a version suffix, by the id without it, highest version first (once per change of the mesh). */
function liveContractsByStem(mesh: Mesh): ReadonlyMap<string, Entity[]> {
  return mesh.index.derive('mesh/live-contracts-by-stem', () => {
    const byStem = new Map<string, Entity[]>();
    // Ids change rarely: their stems are kept for the life of the index. The list itself is worked out
    // again only when a contract's id, status or version changes, not when its description is typed.
    const stems = mesh.index.derive('mesh/id-stems', () => new Map<string, string | undefined>(), []);
    for (const { entity } of mesh.index.entitiesOfKind('contract')) {
      let stem = stems.get(entity.name);
      if (stem === undefined && !stems.has(entity.name)) stems.set(entity.name, (stem = idStem(entity.name)));
      if (!stem || (entity.status && RETIRED.has(entity.status.toLowerCase()))) continue;
      const list = byStem.get(stem);
      if (list) list.push(entity);
      else byStem.set(stem, [entity]);
    }
    for (const list of byStem.values()) list.sort((a, b) => versionOrder(b) - versionOrder(a) || b.name.localeCompare(a.name));
    return byStem;
  }, ['contract-lifecycle']);
}

function idStem(id: string): string | undefined {
  const match = /^(.+?)[-_.]?v?\d+(?:[._]\d+)*$/i.exec(id);
  return match?.[1];
}

/** A contract's major version, from its `version` or its id's suffix, for ordering successors. */
function versionOrder(contract: Entity): number {
  return major(contract.version ?? '') ?? Number(/(\d+)\D*$/.exec(contract.name)?.[1] ?? 0);
}

function major(version: string): number | undefined {
  const match = /^v?(\d+)/.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}
