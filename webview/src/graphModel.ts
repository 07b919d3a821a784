/**
 * What the graph shows, computed from the whole mesh and the reader's choices: the focus and its
 * hops, expanded neighbours, collapsed domains, filters. Pure, so it is fast to test and to redo on
 * every change (a 10,000-node mesh takes a few milliseconds).
 */
import type { LineageGraph, LineageNode, UnsavedImpact } from '../../protocol/protocol';

export interface Filters {
  domain?: string;
  status?: string;
  tag?: string;
  problemsOnly?: boolean;
}

/** What the overlay lights up, dimming the rest: PII columns, the impact of unsaved edits, or problems. */
export type Highlight = 'none' | 'pii' | 'impact' | 'problems';
export const HIGHLIGHTS: readonly Highlight[] = ['none', 'pii', 'impact', 'problems'];

export interface ViewChoices {
  focus?: string;
  hops: number;
  /** Nodes whose every neighbour is shown. */
  expanded: ReadonlySet<string>;
  /** Domains drawn as one node; ignored for a domain that holds the focus. */
  collapsed: ReadonlySet<string>;
  /** Domains the reader opened in a mesh too large to show whole. */
  opened: ReadonlySet<string>;
  filters: Filters;
}

export interface ShownNode {
  id: string;
  kind: 'product' | 'contract' | 'domain';
  name: string;
  domain?: string;
  version?: string;
  status?: string;
  owner?: string;
  errors: number;
  warnings: number;
  /** Neighbours shown / all neighbours (for "N of M shown"). */
  shownNeighbours: number;
  neighbours: number;
  /** A collapsed domain: how many nodes it stands for. */
  members?: number;
  defined: boolean;
  /** Columns that mean a personal-data term (a collapsed domain: of all its members). */
  pii: number;
  /** Its own unsaved edit: what changes, in words. */
  edited?: string[];
  /** The unsaved edits that affect it: which node, and what changes. */
  affectedBy?: { name: string; changes: string[] }[];
}

export interface ShownEdge {
  id: string;
  from: string;
  to: string;
  /** 'publishes' / 'consumes', or 'links' between collapsed domains. */
  kind: string;
  /** The contract the edge carries (its name), for the label. */
  contract?: string;
  /** How many edges of the mesh it stands for (edges into a collapsed domain are merged). */
  count: number;
}

export interface ShownGraph {
  nodes: ShownNode[];
  edges: ShownEdge[];
  /** Domains drawn as groups (expanded, with shown members). */
  groups: string[];
  /** Domains the mesh has, collapsed or not; the filters list them. */
  domains: string[];
  /** Nodes the choices hide (filters, hops, collapsed domains). */
  hidden: number;
}

/** Above this many nodes the whole mesh starts with its domains collapsed (readability, and layout time). */
export const WHOLE_MESH_LIMIT = 1500;

/** The mesh with adjacency lists, built once per graph from the server. */
export class MeshIndex {
  readonly byId = new Map<string, LineageNode>();
  readonly down = new Map<string, string[]>();
  readonly up = new Map<string, string[]>();
  /** The values the filters offer: every status and tag of the mesh, sorted. */
  readonly statuses: string[];
  readonly tags: string[];
  /** The unsaved edits, by the node edited and by each node they affect. */
  readonly edits = new Map<string, UnsavedImpact>();
  readonly affectedBy = new Map<string, UnsavedImpact[]>();

  constructor(readonly graph: LineageGraph) {
    for (const node of graph.nodes) {
      this.byId.set(node.id, node);
      this.down.set(node.id, []);
      this.up.set(node.id, []);
    }
    for (const edge of graph.edges) {
      if (!this.byId.has(edge.from) || !this.byId.has(edge.to)) continue;
      this.down.get(edge.from)!.push(edge.to);
      this.up.get(edge.to)!.push(edge.from);
    }
    this.statuses = [...new Set(graph.nodes.map((n) => n.status).filter((s): s is string => !!s))].sort();
    this.tags = [...new Set(graph.nodes.flatMap((n) => (Array.isArray(n.tags) ? n.tags.filter((t): t is string => typeof t === 'string') : [])))].sort();
    for (const impact of Array.isArray(graph.unsaved) ? graph.unsaved.filter(isImpact) : []) {
      if (!this.byId.has(impact.node)) continue;
      this.edits.set(impact.node, impact);
      for (const id of impact.affected) if (this.byId.has(id)) (this.affectedBy.get(id) ?? this.affectedBy.set(id, []).get(id)!).push(impact);
    }
  }

  /** The name of a node, as the graph shows it. */
  nameOf(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }

  neighbours(id: string): string[] {
    return [...(this.up.get(id) ?? []), ...(this.down.get(id) ?? [])];
  }

  /** The node and everything within `hops` upstream and `hops` downstream of it. */
  around(focus: string, hops: number): Set<string> {
    const keep = new Set<string>([focus]);
    for (const next of [this.up, this.down]) {
      let frontier = [focus];
      for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
        const reached: string[] = [];
        for (const id of frontier) for (const n of next.get(id) ?? []) {
          if (keep.has(n)) continue;
          keep.add(n);
          reached.push(n);
        }
        frontier = reached;
      }
    }
    return keep;
  }
}

const domainNodeId = (domain: string) => `domain:${domain}`;

export function shownGraph(index: MeshIndex, choices: ViewChoices): ShownGraph {
  const { graph } = index;
  const focus = choices.focus !== undefined && index.byId.has(choices.focus) ? choices.focus : undefined;
  const keep = focus !== undefined ? index.around(focus, choices.hops) : new Set(index.byId.keys());
  for (const id of choices.expanded) if (index.byId.has(id)) for (const n of index.neighbours(id)) keep.add(n);
  for (const id of [...keep]) if (id !== focus && !passes(index.byId.get(id)!, choices.filters)) keep.delete(id);

  // A large whole mesh starts collapsed to its domains, except those the reader opened.
  const tooLarge = focus === undefined && keep.size > WHOLE_MESH_LIMIT;
  const focusDomain = focus !== undefined ? index.byId.get(focus)!.domain : undefined;
  const isCollapsed = (domain: string | undefined): boolean =>
    domain !== undefined && domain !== focusDomain && (choices.collapsed.has(domain) || (tooLarge && !choices.opened.has(domain)));
  const standIn = (id: string): string => {
    const domain = index.byId.get(id)!.domain;
    return isCollapsed(domain) ? domainNodeId(domain!) : id;
  };

  const nodes: ShownNode[] = [];
  const domainNodes = new Map<string, ShownNode>();
  const groups = new Set<string>();
  for (const id of keep) {
    const node = index.byId.get(id)!;
    if (isCollapsed(node.domain)) {
      const domain = node.domain!;
      let stand = domainNodes.get(domain);
      if (!stand) {
        stand = { id: domainNodeId(domain), kind: 'domain', name: domain, domain, errors: 0, warnings: 0, shownNeighbours: 0, neighbours: 0, members: 0, defined: true, pii: 0 };
        domainNodes.set(domain, stand);
        nodes.push(stand);
      }
      stand.members! += 1;
      stand.errors += node.diagnostics.errors;
      stand.warnings += node.diagnostics.warnings;
      stand.pii += piiOf(node);
      // A collapsed domain stands for its members' edits and impacts, named by member.
      const edit = index.edits.get(id);
      if (edit) (stand.edited ??= []).push(...edit.changes.map((c) => `${node.name}: ${c}`));
      for (const by of index.affectedBy.get(id) ?? []) (stand.affectedBy ??= []).push({ name: index.nameOf(by.node), changes: [`${node.name}: ${by.changes.join(' ')}`] });
      continue;
    }
    if (node.domain !== undefined) groups.add(node.domain);
    const all = index.neighbours(id);
    nodes.push({
      id, kind: node.kind, name: node.name, domain: node.domain, version: node.version, status: node.status, owner: node.owner,
      errors: node.diagnostics.errors, warnings: node.diagnostics.warnings,
      shownNeighbours: all.filter((n) => keep.has(n)).length, neighbours: all.length, defined: node.location !== undefined,
      pii: piiOf(node),
      ...impactOf(index, id),
    });
  }

  const edges = new Map<string, ShownEdge>();
  for (const edge of graph.edges) {
    if (!keep.has(edge.from) || !keep.has(edge.to)) continue;
    const from = standIn(edge.from);
    const to = standIn(edge.to);
    if (from === to) continue;
    const merged = from !== edge.from || to !== edge.to;
    const id = merged ? `${from}\u0000${to}` : `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
    const known = edges.get(id);
    if (known) {
      known.count += 1;
      continue;
    }
    const contractId = edge.kind === 'publishes' ? edge.to : edge.from;
    edges.set(id, { id, from, to, kind: merged ? 'links' : edge.kind, contract: merged ? undefined : index.byId.get(contractId)?.name, count: 1 });
  }
  return { nodes, edges: [...edges.values()], groups: [...groups].sort(), domains: graph.domains, hidden: graph.nodes.length - keep.size };
}

const piiOf = (node: LineageNode): number => (typeof node.pii === 'number' && Number.isInteger(node.pii) && node.pii > 0 ? node.pii : 0);

function impactOf(index: MeshIndex, id: string): Pick<ShownNode, 'edited' | 'affectedBy'> {
  const edit = index.edits.get(id);
  const by = index.affectedBy.get(id);
  return { ...(edit ? { edited: edit.changes } : {}), ...(by ? { affectedBy: by.map((i) => ({ name: index.nameOf(i.node), changes: i.changes })) } : {}) };
}

/** An unsaved impact as the protocol declares it; anything else from the page's input is ignored. */
function isImpact(value: unknown): value is UnsavedImpact {
  const v = value as UnsavedImpact | undefined;
  const strings = (a: unknown) => Array.isArray(a) && a.every((s) => typeof s === 'string');
  return typeof v === 'object' && v !== null && typeof v.node === 'string' && strings(v.changes) && strings(v.affected);
}

/** Whether the highlight lights the node up. */
export function lit(node: ShownNode, highlight: Highlight): boolean {
  switch (highlight) {
    case 'pii':
      return node.pii > 0;
    case 'impact':
      return node.edited !== undefined || node.affectedBy !== undefined;
    case 'problems':
      return node.errors + node.warnings > 0;
    case 'none':
      return false;
  }
}

function passes(node: LineageNode, filters: Filters): boolean {
  if (filters.domain !== undefined && node.domain !== filters.domain) return false;
  if (filters.status !== undefined && node.status !== filters.status) return false;
  if (filters.tag !== undefined && !node.tags?.includes(filters.tag)) return false;
  if (filters.problemsOnly && node.diagnostics.errors + node.diagnostics.warnings === 0) return false;
  return true;
}

/** Nodes whose name, id, owner or domain contains the query (case-insensitive). */
export function searchMatches(nodes: readonly ShownNode[], query: string): Set<string> {
  const q = query.trim().toLowerCase();
  if (q === '') return new Set();
  return new Set(nodes.filter((n) => [n.name, n.id, n.owner ?? '', n.domain ?? ''].some((s) => s.toLowerCase().includes(q))).map((n) => n.id));
}
