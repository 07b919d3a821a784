/**
 * Layout by elkjs's layered algorithm, always in a Web Worker (elk-worker.js, shipped next to this
 * bundle). The worker script is fetched from the bundle's folder and started from a blob URL: a
 * webview's resources are served from another origin than the page, and a Worker must be same-origin.
 */
import ElkConstructor, { type ELK, type ElkNode, type LayoutOptions } from 'elkjs/lib/elk-api.js';
import { type StackItem, stackItems } from './domainStack';
import type { ShownGraph } from './graphModel';

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 72;
const GROUP_HEADER = 34;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  nodes: Map<string, Box>;
  groups: Map<string, Box>;
  width: number;
  height: number;
  /** Time from the request to the worker's answer. */
  ms: number;
  /** How many clusters elkjs laid out for it (the others were cached or a single node). */
  laidOut: number;
}

/**
 * Options that keep layered layout close to linear (see docs/graph.md): longest-path layering instead
 * of network simplex, one sweep of crossing minimisation, no greedy switch and no post-compaction,
 * polyline routing (edges are drawn as curves anyway). Small clusters get the default, better passes.
 */
/** Clusters (a domain's members) up to this size get network-simplex layering and Brandes–Köpf placement. */
const GOOD_LAYOUT_LIMIT = 60;

export function layoutOptions(nodes: number): LayoutOptions {
  const common: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'POLYLINE',
    'elk.spacing.nodeNode': '18',
    'elk.layered.spacing.nodeNodeBetweenLayers': '56',
    'elk.spacing.componentComponent': '28',
    'elk.layered.unnecessaryBendpoints': 'false',
    'elk.layered.compaction.postCompaction.strategy': 'NONE',
  };
  if (nodes <= GOOD_LAYOUT_LIMIT) return { ...common, 'elk.layered.spacing.nodeNodeBetweenLayers': '90', 'elk.layered.layering.strategy': 'NETWORK_SIMPLEX', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF' };
  return {
    ...common,
    'elk.layered.layering.strategy': 'LONGEST_PATH',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.thoroughness': '1',
    'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
    'elk.layered.nodePlacement.strategy': 'SIMPLE',
    'elk.layered.cycleBreaking.strategy': 'GREEDY',
  };
}

/** A cluster laid out on its own: a domain (with its group's padding) or the nodes without a domain. */
interface Cluster {
  /** The domain, or undefined for the nodes without one. */
  domain: string | undefined;
  nodes: string[];
  edges: { id: string; from: string; to: string }[];
  key: string;
}

/** A cluster's layout in its own coordinates (top left 0, 0). */
interface ClusterLayout {
  nodes: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

const GROUP_PADDING = { top: GROUP_HEADER + 12, left: 14, bottom: 14, right: 14 };
const NO_PADDING = { top: 0, left: 0, bottom: 0, right: 0 };
const LOOSE = '\u0000loose';
/** Cluster layouts kept (a domain's layout does not change when another domain opens or a filter elsewhere changes). */
const CACHE_SIZE = 64;

export class LayoutEngine {
  private readonly cache = new Map<string, ClusterLayout>();
  /** Settles when the warm-up layout is done (the CPU benchmark waits for it; the page need not). */
  warm: Promise<unknown> = Promise.resolve();

  private constructor(private readonly elk: ELK) {}

  static async start(workerUrl: string): Promise<LayoutEngine> {
    const code = await (await fetch(workerUrl)).text();
    const blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    return LayoutEngine.warmedUp(new ElkConstructor({ workerFactory: () => new Worker(blobUrl) }));
  }

  /**
   * An engine on `elk` (the worker's, or elk.bundled.js in the CPU benchmark). The first layouts pay
   * for the worker's start (parsing 1.6 MB, elk's set-up) and run elk's layered passes unoptimised:
   * pay both while the extension is still asking for the graph, with a cluster like a lineage's (a
   * one-node graph skips most passes and warms little).
   */
  static warmedUp(elk: ELK): LayoutEngine {
    const engine = new LayoutEngine(elk);
    engine.warm = engine.layoutClusters([warmUpCluster(12)]).catch(() => undefined);
    return engine;
  }

  /** A graph of a view that builds its own (the column view's tables with ports), laid out in the same worker. */
  layoutGraph(graph: ElkNode): Promise<ElkNode> {
    return this.elk.layout(graph);
  }

  /**
   * Each domain's members (and the nodes without a domain) are laid out by elkjs on their own, in one
   * request for the clusters not laid out before (the others come from the cache); the clusters are
   * then stacked (domainStack).
   */
  async layout(shown: ShownGraph): Promise<Layout> {
    const started = performance.now();
    const clusters = clustersOf(shown);
    // Taken before waiting: a layout asked meanwhile may push these out of the cache.
    const cached = new Map(clusters.flatMap((c) => (this.cache.has(c.key) ? [[c.key, this.cache.get(c.key)!] as const] : [])));
    const fresh = await this.layoutClusters(clusters.filter((c) => !cached.has(c.key)));
    const placed = new Map<Cluster, ClusterLayout>();
    for (const cluster of clusters) {
      const known = fresh.get(cluster.key) ?? cached.get(cluster.key)!;
      this.remember(cluster.key, known);
      placed.set(cluster, known);
    }

    // The stack's items: clusters, and the collapsed domains (plain nodes at the top level).
    const itemOf = new Map<string, string>();
    const items: StackItem[] = [];
    for (const [cluster, inner] of placed) {
      const id = cluster.domain !== undefined ? `\u0000group:${cluster.domain}` : LOOSE;
      for (const node of cluster.nodes) itemOf.set(node, id);
      items.push({ id, width: inner.width, height: inner.height });
    }
    for (const node of shown.nodes) if (!itemOf.has(node.id)) {
      itemOf.set(node.id, node.id);
      items.push({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT });
    }
    const links = shown.edges.map((e) => [itemOf.get(e.from)!, itemOf.get(e.to)!] as const);
    const stack = stackItems(items, links);

    const nodes = new Map<string, Box>();
    const groups = new Map<string, Box>();
    for (const [cluster, inner] of placed) {
      const at = stack.positions.get(cluster.domain !== undefined ? `\u0000group:${cluster.domain}` : LOOSE)!;
      if (cluster.domain !== undefined) groups.set(cluster.domain, { x: at.x, y: at.y, width: inner.width, height: inner.height });
      for (const [id, p] of inner.nodes) nodes.set(id, { x: at.x + p.x, y: at.y + p.y, width: NODE_WIDTH, height: NODE_HEIGHT });
    }
    for (const node of shown.nodes) if (!nodes.has(node.id)) {
      const at = stack.positions.get(node.id)!;
      nodes.set(node.id, { x: at.x, y: at.y, width: NODE_WIDTH, height: NODE_HEIGHT });
    }
    return { nodes, groups, width: stack.width, height: stack.height, ms: performance.now() - started, laidOut: fresh.laidOut };
  }

  /** One elkjs request for all the clusters (compound nodes laid out separately); one node needs none. */
  private async layoutClusters(clusters: readonly Cluster[]): Promise<Map<string, ClusterLayout> & { laidOut: number }> {
    const result = Object.assign(new Map<string, ClusterLayout>(), { laidOut: 0 });
    const compounds: ElkNode[] = [];
    const keyOf = new Map<string, string>();
    for (const cluster of clusters) {
      const pad = cluster.domain !== undefined ? GROUP_PADDING : NO_PADDING;
      if (cluster.nodes.length === 1 && cluster.edges.length === 0) {
        result.set(cluster.key, { nodes: new Map([[cluster.nodes[0]!, { x: pad.left, y: pad.top }]]), width: pad.left + NODE_WIDTH + pad.right, height: pad.top + NODE_HEIGHT + pad.bottom });
        continue;
      }
      const id = `\u0000cluster:${compounds.length}`;
      keyOf.set(id, cluster.key);
      compounds.push({
        id,
        layoutOptions: { ...layoutOptions(cluster.nodes.length), 'elk.padding': `[top=${pad.top},left=${pad.left},bottom=${pad.bottom},right=${pad.right}]` },
        children: cluster.nodes.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
        edges: cluster.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
      });
    }
    result.laidOut = compounds.length;
    if (compounds.length === 0) return result;
    // The root only holds the clusters side by side (no edges): its own pass is trivial.
    const root = await this.elk.layout({ id: '\u0000root', layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN' }, children: compounds, edges: [] });
    for (const compound of root.children ?? []) {
      const nodes = new Map<string, { x: number; y: number }>();
      for (const inner of compound.children ?? []) nodes.set(inner.id, { x: inner.x ?? 0, y: inner.y ?? 0 });
      result.set(keyOf.get(compound.id)!, { nodes, width: compound.width ?? 0, height: compound.height ?? 0 });
    }
    return result;
  }

  private remember(key: string, layout: ClusterLayout): void {
    this.cache.delete(key); // re-inserted as the most recently used
    this.cache.set(key, layout);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** A chain with branches and a cycle back, so that every layered pass has work to do. */
function warmUpCluster(size: number): Cluster {
  const nodes = Array.from({ length: size }, (_, i) => `\u0000warm:${i}`);
  const edges = nodes.slice(1).map((to, i) => ({ id: `\u0000warm-edge:${i}`, from: nodes[Math.floor(i / 2)]!, to }));
  edges.push({ id: '\u0000warm-edge:back', from: nodes[size - 1]!, to: nodes[0]! });
  return { domain: 'warm-up', nodes, edges, key: `\u0000warm-up:${size}` };
}

/**
 * The domains drawn as groups, each with its members and the edges inside it, and the nodes without a
 * domain; a cluster's key says everything its layout depends on, so equal keys mean equal layouts.
 */
function clustersOf(shown: ShownGraph): Cluster[] {
  const byDomain = new Map<string | undefined, Cluster>();
  const clusterOf = new Map<string, Cluster>();
  const groups = new Set(shown.groups);
  for (const node of shown.nodes) {
    if (node.kind === 'domain') continue; // a collapsed domain is one node of the stack
    const domain = node.domain !== undefined && groups.has(node.domain) ? node.domain : undefined;
    let cluster = byDomain.get(domain);
    if (!cluster) byDomain.set(domain, (cluster = { domain, nodes: [], edges: [], key: '' }));
    cluster.nodes.push(node.id);
    clusterOf.set(node.id, cluster);
  }
  for (const edge of shown.edges) {
    const cluster = clusterOf.get(edge.from);
    if (cluster !== undefined && cluster === clusterOf.get(edge.to)) cluster.edges.push(edge);
  }
  for (const cluster of byDomain.values()) {
    cluster.nodes.sort();
    cluster.edges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    cluster.key = [cluster.domain === undefined ? '' : 'domain', cluster.nodes.join('\u0001'), cluster.edges.map((e) => e.id).join('\u0001')].join('\u0002');
  }
  return [...byDomain.values()];
}
