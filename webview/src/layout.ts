/**
 * Layout by elkjs's layered algorithm, always in a Web Worker (elk-worker.js, shipped next to this
 * bundle). The worker script is fetched from the bundle's folder and started from a blob URL: a
 * webview's resources are served from another origin than the page, and a Worker must be same-origin.
 */
import ElkConstructor, { type ELK, type ElkNode, type LayoutOptions } from 'elkjs/lib/elk-api.js';
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
}

/**
 * Options that keep layered layout close to linear (see docs/graph.md): longest-path layering instead
 * of network simplex, one sweep of crossing minimisation, no greedy switch and no post-compaction,
 * polyline routing (edges are drawn as curves anyway). Small graphs get the default, better passes.
 */
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
  if (nodes <= 300) return { ...common, 'elk.layered.spacing.nodeNodeBetweenLayers': '90', 'elk.layered.layering.strategy': 'NETWORK_SIMPLEX', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF' };
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

export class LayoutEngine {
  private constructor(private readonly elk: ELK) {}

  static async start(workerUrl: string): Promise<LayoutEngine> {
    const code = await (await fetch(workerUrl)).text();
    const blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    const elk = new ElkConstructor({ workerFactory: () => new Worker(blobUrl) });
    // The first layout pays for the worker's start (parsing 1.6 MB, elk's own set-up): pay it while
    // the extension is still asking the server for the graph.
    void elk.layout({ id: 'warm-up', children: [{ id: 'a', width: 1, height: 1 }] }).catch(() => undefined);
    return new LayoutEngine(elk);
  }

  /** Domains become compound nodes laid out on their own; the top level places them and the loose nodes. */
  async layout(shown: ShownGraph): Promise<Layout> {
    const started = performance.now();
    const options = layoutOptions(shown.nodes.length);
    const groupOf = new Map<string, ElkNode>();
    const groups = new Map<string, ElkNode>();
    // Domains stack top to bottom like swimlanes (upstream domains first); inside each, data flows left to right.
    const root: ElkNode = { id: '\u0000root', layoutOptions: { ...options, 'elk.direction': 'DOWN', 'elk.layered.spacing.nodeNodeBetweenLayers': '40' }, children: [], edges: [] };
    for (const group of shown.groups) {
      const node: ElkNode = { id: `\u0000group:${group}`, layoutOptions: { ...options, 'elk.padding': `[top=${GROUP_HEADER + 12},left=14,bottom=14,right=14]` }, children: [], edges: [] };
      groups.set(group, node);
      root.children!.push(node);
    }
    for (const node of shown.nodes) {
      const group = node.kind !== 'domain' && node.domain !== undefined ? groups.get(node.domain) : undefined;
      (group ?? root).children!.push({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT });
      if (group) groupOf.set(node.id, group);
    }
    const top = (id: string) => groupOf.get(id)?.id ?? id;
    const seen = new Set<string>();
    for (const edge of shown.edges) {
      const inside = groupOf.get(edge.from);
      if (inside !== undefined && inside === groupOf.get(edge.to)) {
        inside.edges!.push({ id: edge.id, sources: [edge.from], targets: [edge.to] });
        continue;
      }
      const from = top(edge.from);
      const to = top(edge.to);
      const key = `${from}\u0000${to}`;
      if (from === to || seen.has(key)) continue;
      seen.add(key);
      root.edges!.push({ id: `\u0000top:${key}`, sources: [from], targets: [to] });
    }
    const result = await this.elk.layout(root);
    const nodes = new Map<string, Box>();
    const placedGroups = new Map<string, Box>();
    for (const child of result.children ?? []) {
      const x = child.x ?? 0;
      const y = child.y ?? 0;
      if (child.id.startsWith('\u0000group:')) {
        placedGroups.set(child.id.slice('\u0000group:'.length), { x, y, width: child.width ?? 0, height: child.height ?? 0 });
        for (const inner of child.children ?? []) nodes.set(inner.id, { x: x + (inner.x ?? 0), y: y + (inner.y ?? 0), width: NODE_WIDTH, height: NODE_HEIGHT });
      } else nodes.set(child.id, { x, y, width: NODE_WIDTH, height: NODE_HEIGHT });
    }
    return { nodes, groups: placedGroups, width: result.width ?? 0, height: result.height ?? 0, ms: performance.now() - started };
  }
}
