import { type GraphNode, type MeshGraph, nodeLabel } from '../lineage/meshGraph';
import type { Span } from '../util/span';
import type { Mesh } from '../lineage/mesh';
import type { Target } from '../workspace/targetAt';
import { naturalOrder } from '../util/naturalOrder';

const HOPS = 2;
// Bounded output: a contract with 300 consumers lists the first ones and says how many more.
const MAX_PER_LEVEL = 8;

/** A hover on a `contractId` or a product/contract id: the node and its lineage two hops up and down. */
export function lineageHover(mesh: Mesh, target: Target | undefined): { span: Span; markdown: string } | undefined {
  if (!target) return undefined;
  const graph = mesh.graph;
  const key = target.entity?.entity.key ?? (target.link?.kind === 'consumes' || target.link?.kind === 'publishes' || target.link?.kind === 'inputContract' ? target.link.targets[0] : undefined);
  const node = key ? graph.nodes.get(key) : undefined;
  if (!node) return undefined;
  const lines = [`${describe(node)}`, ''];
  if (!node.definition) lines.push('_Not defined in this workspace._', '');
  section(lines, 'Upstream', graph, node.key, 'up');
  section(lines, 'Downstream', graph, node.key, 'down');
  return { span: target.span, markdown: lines.join('\n').trimEnd() };
}

function section(lines: string[], title: string, graph: MeshGraph, key: string, direction: 'up' | 'down'): void {
  const level = (from: string, depth: number) => {
    // Sorted, so that which ones are listed does not depend on the order the files were read in.
    const others = [...(direction === 'up' ? graph.upstreamOf(from) : graph.downstreamOf(from))].sort(naturalOrder);
    for (const other of others.slice(0, MAX_PER_LEVEL)) {
      lines.push(`${'  '.repeat(depth)}- ${describe(graph.nodes.get(other)!)}`);
      if (depth + 1 < HOPS) level(other, depth + 1);
    }
    if (others.length > MAX_PER_LEVEL) lines.push(`${'  '.repeat(depth)}- _and ${others.length - MAX_PER_LEVEL} more_`);
    return others.length;
  };
  lines.push(`**${title}**`, '');
  const count = level(key, 0);
  if (count === 0) lines.push(direction === 'up' ? '_No upstream in this workspace._' : '_No consumers in this workspace._');
  lines.push('');
}

/** `product **sales-orders** · v1.3.0 · active · owner sales-core`, every workspace string escaped. */
function describe(node: GraphNode): string {
  const entity = node.definition?.entity;
  const name = nodeLabel(node);
  const parts = [`${node.kind} **${shown(name)}**`];
  if (entity?.version) parts.push(`v${shown(entity.version)}`);
  if (entity?.status) parts.push(shown(entity.status));
  if (entity?.owner) parts.push(`owner ${shown(entity.owner)}`);
  if (!entity) parts.push('_not found_');
  return parts.join(' · ');
}

// A hover is read at a glance: an id or a definition longer than this is cut (a 100,000-character id was shown whole).
const MAX_SHOWN = 120;

/** Workspace text as a hover shows it: escaped, on one line, and cut at `max` characters with an ellipsis. */
export function shown(text: string, max = MAX_SHOWN): string {
  const cut = text.length > max ? `${text.slice(0, max).trimEnd()}…` : text;
  return escapeMarkdown(cut);
}

/** Workspace text is shown as text: every character Markdown or HTML would interpret is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
