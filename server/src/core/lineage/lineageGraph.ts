import type { Span } from '../util/span';
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
}

export type DiagnosticCounts = (uri: string) => { errors: number; warnings: number };

export const DEFAULT_HOPS = 2;

/** The whole mesh, or the nodes within `hops` of a focus node, with the edges between them. */
export function lineageGraph(mesh: Mesh, counts: DiagnosticCounts, focus?: string, hops = DEFAULT_HOPS): LineageGraphModel | undefined {
  const graph = mesh.graph;
  if (focus !== undefined && !graph.nodes.has(focus)) return undefined;
  const keys = focus === undefined ? new Set(graph.nodes.keys()) : graph.neighbourhood(focus, hops);
  const nodes = [...keys].map((key) => toNode(graph.nodes.get(key)!, counts));
  const edges: LineageGraphEdge[] = [];
  for (const edge of graph.edges.values()) if (keys.has(edge.from) && keys.has(edge.to)) edges.push({ from: edge.from, to: edge.to, kind: edge.kind });
  const domains = [...new Set(nodes.map((n) => n.domain).filter((d): d is string => d !== undefined))].sort();
  return { ...(focus !== undefined ? { focus } : {}), nodes, edges, domains };
}

function toNode(node: GraphNode, counts: DiagnosticCounts): LineageGraphNode {
  const entity = node.definition?.entity;
  const result: LineageGraphNode = { id: node.key, kind: node.kind, name: nodeLabel(node), diagnostics: node.definition ? counts(node.definition.uri) : { errors: 0, warnings: 0 } };
  if (entity?.domain) result.domain = entity.domain;
  if (entity?.status) result.status = entity.status;
  if (entity?.version) result.version = entity.version;
  if (entity?.owner) result.owner = entity.owner;
  if (entity?.tags) result.tags = [...entity.tags];
  if (node.definition) result.location = { uri: node.definition.uri };
  return result;
}
