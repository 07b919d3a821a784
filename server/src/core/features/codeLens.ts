import type { MeshGraph } from '../lineage/meshGraph';
import type { SourceText } from '../model/sourceText';
import { FactLocator } from '../workspace/locateFacts';
import type { Span } from '../util/span';
import type { DocumentSource } from '../workspace/locateFacts';
import type { Mesh } from '../lineage/mesh';
import type { FileFacts, LinkKind } from '../workspace/meshFacts';
import { linkLocations, type MeshLocation } from '../workspace/targetAt';
import type { LinkRef } from '../workspace/workspaceIndex';

/** A code lens before it is resolved: where it goes and the graph node it counts for. */
export interface LineageLens {
  span: Span;
  /** `product:<id>` or `contract:<id>`. */
  node: string;
  title: string;
}

/** "3 consumers · 1 upstream" over every product, output port and contract of a file. */
export function lineageLenses(mesh: Mesh, document: SourceText, facts: FileFacts): LineageLens[] {
  const locator = FactLocator.of(document);
  const graph = mesh.graph;
  const lenses: LineageLens[] = [];
  for (const entity of facts.entities) {
    let node: string | undefined;
    if (entity.kind === 'product' || entity.kind === 'contract') node = entity.key;
    else if (entity.kind === 'port' && entity.direction === 'output') {
      const publishes = facts.links.find((l) => l.kind === 'publishes' && l.from === entity.key);
      node = publishes && (mesh.index.resolve(publishes)?.entity.key ?? publishes.targets[0]);
    }
    const span = node && (locator.nameSpan(entity) ?? locator.entitySpan(entity));
    if (!node || !span) continue;
    lenses.push({ span, node, title: lensTitle(graph, node) });
  }
  return lenses;
}

/** Counted as the lineage hover lists them: the consumers under Downstream, the first level of Upstream. */
function lensTitle(graph: MeshGraph, node: string): string {
  return `${count(graph.consumersOf(node).length, 'consumer')} · ${graph.upstreamOf(node).length} upstream`;
}

/** The places a lens click shows: the input ports that consume the node (or its published contracts). */
export function consumerLocations(mesh: Mesh, documents: DocumentSource, node: string): MeshLocation[] {
  const graph = mesh.graph;
  const contracts = node.startsWith('contract:') ? [node] : graph.downstreamOf(node);
  const refs: LinkRef[] = contracts.flatMap((c) => graph.downstream(c).flatMap((e) => e.via));
  return linkLocations(documents, refs.filter((r) => CONSUMING.has(r.link.kind)));
}

const CONSUMING: ReadonlySet<LinkKind> = new Set(['consumes', 'inputContract']);

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
