import { relativePath } from '../util/relativePath';
import { keyWithPath } from '../workspace/entityKeys';
import type { LineageGraphEdge, LineageGraphModel, LineageGraphNode } from './lineageGraph';

/**
 * Graphviz DOT: products as boxes, contracts as notes, one cluster per domain. Node ids are entity
 * keys; a product or contract without an id is named by its file relative to `folderUri` (a folder,
 * ending in `/`), so the output is the same on every machine.
 */
export function toDot(graph: LineageGraphModel, folderUri: string): string {
  const ids = dotIds(graph.nodes, folderUri);
  const lines = ['digraph mesh {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  const byDomain = groupByDomain(graph.nodes);
  for (const [domain, nodes] of byDomain) {
    const indent = domain ? '    ' : '  ';
    if (domain) lines.push(`  subgraph ${dotString(`cluster_${domain}`)} {`, `    label=${dotString(domain)};`);
    for (const node of nodes) lines.push(`${indent}${dotString(ids.get(node.id)!)} [label=${dotString(label(node))}, shape=${node.kind === 'product' ? 'box' : 'note'}${node.status && /deprecated|retired/i.test(node.status) ? ', style=dashed' : ''}];`);
    if (domain) lines.push('  }');
  }
  for (const edge of graph.edges) lines.push(`  ${dotString(ids.get(edge.from)!)} -> ${dotString(ids.get(edge.to)!)} [label=${dotString(edgeLabel(edge))}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function dotIds(nodes: readonly LineageGraphNode[], folderUri: string): Map<string, string> {
  // relativePath() starts from a file's folder; any name in the folder stands for it.
  const from = new URL('_', folderUri).href;
  return new Map(nodes.map((n) => [n.id, n.location ? keyWithPath(n.id, n.location.uri, relativePath(from, n.location.uri)) : n.id]));
}

/** Mermaid flowchart: ids are replaced by n0, n1, … because Mermaid ids cannot hold every character. */
export function toMermaid(graph: LineageGraphModel): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  let subgraphs = 0;
  for (const [domain, nodes] of groupByDomain(graph.nodes)) {
    const indent = domain ? '    ' : '  ';
    if (domain) lines.push(`  subgraph d${subgraphs++}["${mermaidText(domain)}"]`);
    for (const node of nodes) {
      const text = `"${mermaidText(label(node))}"`;
      lines.push(`${indent}${ids.get(node.id)}${node.kind === 'product' ? `[${text}]` : `[(${text})]`}`);
    }
    if (domain) lines.push('  end');
  }
  for (const edge of graph.edges) lines.push(`  ${ids.get(edge.from)} -->|${edgeLabel(edge)}| ${ids.get(edge.to)}`);
  return `${lines.join('\n')}\n`;
}

/** Arrows follow the data (producer → contract → consumer) and read left to right: `contract consumed by product`. */
function edgeLabel(edge: LineageGraphEdge): string {
  return edge.kind === 'publishes' ? 'publishes' : 'consumed by';
}

function label(node: LineageGraphNode): string {
  const details = [node.version ? `v${node.version}` : undefined, node.status].filter(Boolean).join(' · ');
  return details ? `${node.name}\n${details}` : node.name;
}

function groupByDomain(nodes: readonly LineageGraphNode[]): Map<string, LineageGraphNode[]> {
  const groups = new Map<string, LineageGraphNode[]>();
  for (const node of nodes) {
    const domain = node.domain ?? '';
    const group = groups.get(domain);
    if (group) group.push(node);
    else groups.set(domain, [node]);
  }
  return groups;
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Mermaid labels: quotes and angle brackets as entity codes, line breaks as <br/>. */
function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\n/g, '<br/>');
}
