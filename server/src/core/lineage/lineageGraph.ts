import type { Span } from '../util/span';
import type { EntityRef } from '../workspace/workspaceIndex';
import type { Mesh } from './mesh';
import { type GraphNode, nodeLabel } from './meshGraph';

/** The lineage graph as the custom request and `datamesh graph` return it (see docs/protocol.md). */
export interface LineageGraphNode {
  id: string;
  kind: 'product' | 'contract';
  name: string;
  domain?: string;
  status?: string;
  version?: string;
  owner?: string;
  tags?: string[];
  location?: { uri: string; span?: Span };
  diagnostics: { errors: number; warnings: number };
  /** Columns that mean a personal-data term of the glossary; absent when none do. */
  pii?: number;
}

export interface LineageGraphEdge {
  from: string;
  to: string;
  kind: 'publishes' | 'consumes';
}

export interface LineageGraphModel {
  focus?: string;
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
  domains: string[];
  /** Open contracts and products whose unsaved edits change what their consumers get. */
  unsaved?: UnsavedImpact[];
}

/** What the unsaved edit of one open contract or product does downstream (features/unsavedImpact). */
export interface UnsavedImpact {
  /** The node being edited: `contract:<id>` or `product:<id>`. */
  node: string;
  uri: string;
  /** What changed that its consumers feel, in words: its breaking changes, and a new status. */
  changes: string[];
  /** The nodes it affects: the products that consume it, and the contracts of columns computed from a changed one. */
  affected: string[];
}

/** What the graph tells of each node besides the mesh's structure; the callers above the lineage know it. */
export interface NodeAnnotations {
  /** The diagnostics of a file, as far as they are known. */
  counts: (uri: string) => { errors: number; warnings: number };
  /** Columns of the node's document that mean a personal-data term. */
  pii?: (definition: EntityRef) => number;
}

export const DEFAULT_HOPS = 2;

/** The whole mesh, or the nodes within `hops` of a focus node, with the edges between them. */
export function lineageGraph(mesh: Mesh, annotations: NodeAnnotations, focus?: string, hops = DEFAULT_HOPS): LineageGraphModel | undefined {
  const graph = mesh.graph;
  if (focus !== undefined && !graph.nodes.has(focus)) return undefined;
  const keys = focus === undefined ? new Set(graph.nodes.keys()) : graph.neighbourhood(focus, hops);
  const nodes = [...keys].map((key) => toNode(graph.nodes.get(key)!, annotations));
  const edges: LineageGraphEdge[] = [];
  for (const edge of graph.edges.values()) if (keys.has(edge.from) && keys.has(edge.to)) edges.push({ from: edge.from, to: edge.to, kind: edge.kind });
  const domains = [...new Set(nodes.map((n) => n.domain).filter((d): d is string => d !== undefined))].sort();
  return { ...(focus !== undefined ? { focus } : {}), nodes, edges, domains };
}

function toNode(node: GraphNode, { counts, pii }: NodeAnnotations): LineageGraphNode {
  const entity = node.definition?.entity;
  const result: LineageGraphNode = { id: node.key, kind: node.kind, name: nodeLabel(node), diagnostics: node.definition ? counts(node.definition.uri) : { errors: 0, warnings: 0 } };
  const personal = node.definition && pii ? pii(node.definition) : 0;
  if (personal > 0) result.pii = personal;
  if (entity?.domain) result.domain = entity.domain;
  if (entity?.status) result.status = entity.status;
  if (entity?.version) result.version = entity.version;
  if (entity?.owner) result.owner = entity.owner;
  if (entity?.tags) result.tags = [...entity.tags];
  if (node.definition) result.location = { uri: node.definition.uri };
  return result;
}
