/** Export of what is shown: SVG (every shown node, with the theme's colours resolved), PNG, Mermaid. */
import { toMermaid } from '../../server/src/core/lineage/graphFormats';
import type { LineageEdge, LineageNode } from '../../protocol/protocol';
import type { MeshIndex, ShownGraph } from './graphModel';
import type { Layout } from './layout';
import { edgeElement, groupElement, nodeElement } from './renderer';
import { svgElement } from './svg';

const PNG_MAX_SIDE = 8192;

/** A standalone SVG document of the shown graph. `css` is graph.css; its var(--vscode-…) become colours. */
export function exportSvg(shown: ShownGraph, layout: Layout, focus: string | undefined, css: string): string {
  const pad = 16;
  const svg = svgElement('svg', { xmlns: 'http://www.w3.org/2000/svg', width: Math.ceil(layout.width + 2 * pad), height: Math.ceil(layout.height + 2 * pad), viewBox: `${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}` }, 'graph exported near');
  const style = svgElement('style');
  style.textContent = resolveVariables(css);
  svg.append(style, arrowDefs(), svgElement('rect', { x: -pad, y: -pad, width: layout.width + 2 * pad, height: layout.height + 2 * pad }, 'backdrop'));
  for (const group of shown.groups) {
    const element = groupElement(group, layout.groups.get(group));
    if (element) svg.append(element);
  }
  const none = new Set<string>();
  for (const edge of shown.edges) {
    const a = layout.nodes.get(edge.from);
    const b = layout.nodes.get(edge.to);
    if (a && b) svg.append(edgeElement(edge, a, b, true, focus));
  }
  for (const node of shown.nodes) {
    const box = layout.nodes.get(node.id);
    if (box) svg.append(nodeElement(node, box, true, none, focus));
  }
  return new XMLSerializer().serializeToString(svg);
}

/** The arrow head every edge ends with; each SVG of the page has its own (a hidden SVG's marker is not drawn). */
export function arrowDefs(id = 'arrow'): SVGDefsElement {
  const defs = svgElement('defs');
  const marker = svgElement('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, 'arrow');
  marker.append(svgElement('path', { d: 'M0,0 L10,5 L0,10 z' }));
  defs.append(marker);
  return defs;
}

export async function exportPng(svgText: string, width: number, height: number): Promise<string> {
  const scale = Math.min(2, PNG_MAX_SIDE / Math.max(width, height, 1));
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The CLI's Mermaid text (core/lineage/graphFormats.ts) for the nodes shown; a collapsed domain stands for its members. */
export function exportMermaid(index: MeshIndex, shown: ShownGraph): string {
  const ids = new Set<string>();
  const collapsed = new Set(shown.nodes.filter((n) => n.kind === 'domain').map((n) => n.name));
  for (const node of shown.nodes) if (node.kind !== 'domain') ids.add(node.id);
  for (const node of index.graph.nodes) if (node.domain !== undefined && collapsed.has(node.domain)) ids.add(node.id);
  const nodes: LineageNode[] = index.graph.nodes.filter((n) => ids.has(n.id));
  const edges: LineageEdge[] = index.graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  return toMermaid({ nodes, edges, domains: index.graph.domains });
}

export function resolveVariables(css: string): string {
  const computed = getComputedStyle(document.body);
  return css.replace(/var\((--[\w-]+)(?:,\s*([^()]*(?:\([^()]*\))?[^()]*))?\)/g, (_, name: string, fallback?: string) => computed.getPropertyValue(name).trim() || fallback?.trim() || 'currentColor');
}
