/**
 * Draws the laid-out graph as SVG, only what is on screen (plus a margin), and without text when
 * zoomed far out. Pan by dragging, zoom with the wheel or the toolbar; the transform is one
 * attribute on one group, so panning never touches the nodes.
 */
import { type Highlight, lit, type ShownEdge, type ShownGraph, type ShownNode } from './graphModel';
import { type Box, type Layout, NODE_HEIGHT, NODE_WIDTH } from './layout';
import { PanZoom, type Transform } from './panZoom';
import { clip, svgElement, svgText } from './svg';

export type { Transform } from './panZoom';

export interface RendererEvents {
  open(id: string): void;
  expand(id: string): void;
  focus(id: string): void;
  toggleDomain(domain: string): void;
  viewChanged(): void;
}

/** Below this zoom nodes are drawn as boxes without text. */
export const LABEL_ZOOM = 0.45;
/** Edge labels (the contract) appear from this zoom on. */
const EDGE_LABEL_ZOOM = 0.9;

export class GraphRenderer {
  private shown: ShownGraph | undefined;
  private layout: Layout | undefined;
  private matches = new Set<string>();
  private highlight: Highlight = 'none';
  private focus: string | undefined;
  private readonly viewport = svgElement('g', {}, 'viewport');
  private readonly groupLayer = svgElement('g', {}, 'groups');
  private readonly edgeLayer = svgElement('g', {}, 'edges');
  private readonly nodeLayer = svgElement('g', {}, 'nodes');
  private drawnNodes = new Map<string, SVGGElement>();
  private drawnEdges = new Map<string, SVGGElement>();
  private drawnWithLabels: boolean | undefined;
  private frame: number | undefined;
  private nodesById = new Map<string, ShownNode>();
  private readonly view: PanZoom;

  constructor(
    readonly svg: SVGSVGElement,
    private readonly events: RendererEvents,
  ) {
    this.viewport.append(this.groupLayer, this.edgeLayer, this.nodeLayer);
    svg.append(this.viewport);
    this.view = new PanZoom(svg, this.viewport, (t) => {
      svg.classList.toggle('far', t.k < LABEL_ZOOM);
      svg.classList.toggle('near', t.k >= EDGE_LABEL_ZOOM);
      this.schedule();
      this.events.viewChanged();
    });
    this.listen();
  }

  setGraph(shown: ShownGraph, layout: Layout, focus: string | undefined): void {
    this.shown = shown;
    this.layout = layout;
    this.focus = focus;
    this.nodesById = new Map(shown.nodes.map((n) => [n.id, n]));
    this.groupLayer.replaceChildren(...shown.groups.map((g) => groupElement(g, layout.groups.get(g))).filter((e): e is SVGGElement => e !== undefined));
    this.clearDrawn();
    this.draw();
  }

  setMatches(matches: Set<string>): void {
    this.matches = matches;
    for (const [id, element] of this.drawnNodes) element.classList.toggle('match', matches.has(id));
  }

  /**
   * Lights up the nodes the overlay is about (PII, unsaved impact, problems) and dims the others; when
   * it is about none of the shown nodes (nothing unsaved any more), nothing is dimmed.
   */
  setHighlight(highlight: Highlight): void {
    this.highlight = highlight;
    this.svg.classList.toggle('highlighting', highlight !== 'none' && (this.shown?.nodes.some((n) => lit(n, highlight)) ?? false));
    for (const [id, element] of this.drawnNodes) element.classList.toggle('lit', lit(this.nodesById.get(id)!, highlight));
  }

  /** Fits the graph (or one node, at its size) into the view. */
  fit(id?: string): void {
    const layout = this.layout;
    if (!layout) return;
    const box = id !== undefined ? layout.nodes.get(id) : { x: 0, y: 0, width: layout.width, height: layout.height };
    if (box) this.view.fitBox(box, id !== undefined ? 1 : undefined);
  }

  get transform(): Transform {
    return this.view.transform;
  }

  zoomBy(factor: number): void {
    this.view.zoomBy(factor);
  }

  centreOn(x: number, y: number): void {
    this.view.centreOn(x, y);
  }

  setTransform(t: Transform): void {
    this.view.setTransform(t);
  }

  visibleRect(): Box {
    return this.view.visibleRect();
  }

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.draw();
    });
  }

  private clearDrawn(): void {
    this.nodeLayer.replaceChildren();
    this.edgeLayer.replaceChildren();
    this.drawnNodes.clear();
    this.drawnEdges.clear();
  }

  /** Adds what came on screen, removes what left it (with a margin of half a screen each side). */
  draw(): void {
    const { shown, layout } = this;
    if (!shown || !layout) return;
    const labels = this.transform.k >= LABEL_ZOOM;
    if (labels !== this.drawnWithLabels) {
      this.clearDrawn();
      this.drawnWithLabels = labels;
    }
    const view = this.visibleRect();
    const area = { x: view.x - view.width / 2, y: view.y - view.height / 2, width: view.width * 2, height: view.height * 2 };
    const wanted = new Set<string>();
    for (const node of shown.nodes) {
      const box = layout.nodes.get(node.id);
      if (box && intersects(box, area)) wanted.add(node.id);
    }
    for (const [id, element] of this.drawnNodes) {
      if (wanted.has(id)) continue;
      element.remove();
      this.drawnNodes.delete(id);
    }
    for (const id of wanted) if (!this.drawnNodes.has(id)) {
      const node = this.nodesById.get(id)!;
      const element = nodeElement(node, layout.nodes.get(id)!, labels, this.matches, this.focus);
      if (lit(node, this.highlight)) element.classList.add('lit');
      // VS Code's context menu for the node (package.json `webview/context`): these keys are its `when` context.
      if (node.kind !== 'domain') element.dataset.vscodeContext = JSON.stringify({ webviewSection: 'node', nodeKind: node.kind, nodeId: node.id, preventDefaultContextMenuItems: true });
      this.drawnNodes.set(id, element);
      this.nodeLayer.append(element);
    }
    const wantedEdges = new Set<string>();
    for (const edge of shown.edges) {
      const a = layout.nodes.get(edge.from);
      const b = layout.nodes.get(edge.to);
      if (a && b && (wanted.has(edge.from) || wanted.has(edge.to) || intersects(spanBox(a, b), area))) wantedEdges.add(edge.id);
    }
    for (const [id, element] of this.drawnEdges) {
      if (wantedEdges.has(id)) continue;
      element.remove();
      this.drawnEdges.delete(id);
    }
    for (const edge of shown.edges) if (wantedEdges.has(edge.id) && !this.drawnEdges.has(edge.id)) {
      const element = edgeElement(edge, layout.nodes.get(edge.from)!, layout.nodes.get(edge.to)!, labels, this.focus);
      this.drawnEdges.set(edge.id, element);
      this.edgeLayer.append(element);
    }
  }

  /** How many nodes and edges are in the DOM (tests check the culling). */
  get drawnCounts(): { nodes: number; edges: number } {
    return { nodes: this.drawnNodes.size, edges: this.drawnEdges.size };
  }

  private listen(): void {
    const svg = this.svg;
    svg.addEventListener('click', (event) => this.activate(event.target, event.detail));
    svg.addEventListener('dblclick', (event) => {
      const node = (event.target as Element).closest?.('.node') as SVGGElement | null;
      if (node?.dataset.id && !node.classList.contains('domain')) this.events.focus(node.dataset.id);
    });
    svg.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      this.activate(event.target, 1);
    });
  }

  private activate(target: EventTarget | null, clicks: number): void {
    const element = target as Element | null;
    const expand = element?.closest?.('.expand') as SVGGElement | null;
    if (expand?.dataset.expand) return this.events.expand(expand.dataset.expand);
    const header = element?.closest?.('.group-header') as SVGGElement | null;
    if (header?.dataset.domain) return this.events.toggleDomain(header.dataset.domain);
    const node = element?.closest?.('.node') as SVGGElement | null;
    if (!node?.dataset.id || clicks > 1) return;
    const shown = this.nodesById.get(node.dataset.id);
    if (shown?.kind === 'domain') this.events.toggleDomain(shown.name);
    else this.events.open(node.dataset.id);
  }
}

export function groupElement(domain: string, box: Box | undefined): SVGGElement | undefined {
  if (!box) return undefined;
  const g = svgElement('g', { transform: `translate(${box.x} ${box.y})` }, 'group');
  g.append(svgElement('rect', { width: box.width, height: box.height, rx: 10 }, 'group-box'));
  const header = svgElement('g', { role: 'button', tabindex: 0 }, 'group-header');
  header.dataset.domain = domain;
  header.append(svgElement('rect', { width: box.width, height: 34, rx: 10 }, 'group-header-box'), svgText(`▾ ${clip(domain, Math.max(8, Math.floor(box.width / 9)))}`, { x: 12, y: 22 }, 'group-name'));
  const title = svgElement('title');
  title.textContent = `Domain ${domain}: click to collapse`;
  header.append(title);
  g.append(header);
  return g;
}

export function nodeElement(node: ShownNode, box: Box, labels: boolean, matches: ReadonlySet<string>, focus: string | undefined): SVGGElement {
  const problems = node.errors + node.warnings > 0;
  const classes = ['node', node.kind, statusClass(node.status), problems ? 'problem' : '', node.errors > 0 ? 'has-errors' : '', node.defined ? '' : 'undefined-node', matches.has(node.id) ? 'match' : '', node.id === focus ? 'focus' : '', node.pii > 0 ? 'pii' : '', node.edited ? 'edited' : '', node.affectedBy ? 'affected' : ''];
  const g = svgElement('g', { transform: `translate(${box.x} ${box.y})`, tabindex: 0, role: 'button' }, classes.filter(Boolean).join(' '));
  g.dataset.id = node.id;
  g.append(svgElement('rect', { width: NODE_WIDTH, height: NODE_HEIGHT, rx: node.kind === 'contract' ? 14 : 4 }, 'node-box'), svgElement('rect', { width: 5, height: NODE_HEIGHT - 8, x: 3, y: 4, rx: 2 }, 'node-stripe'));
  const title = svgElement('title');
  title.textContent = describe(node);
  g.append(title);
  if (!labels) return g;
  g.append(svgText(clip(node.name, 26), { x: 16, y: 22 }, 'node-name'));
  g.append(svgText(clip(metaLine(node), 34), { x: 16, y: 41 }, 'node-meta'));
  const owner = node.kind === 'domain' ? `${node.members} nodes · click to expand` : node.owner !== undefined ? `owner ${node.owner}` : node.defined ? '' : 'referenced, not defined';
  if (owner) g.append(svgText(clip(owner, 34), { x: 16, y: 59 }, 'node-owner'));
  // Tabs on the top border: the unsaved edit (or its impact) at the left, PII at the right.
  const impact = node.edited ? 'unsaved edit' : node.affectedBy ? 'affected by edit' : undefined;
  if (impact) g.append(tab(impact, 12, 'impact-tab'));
  if (node.pii > 0) g.append(tab(`PII ${node.pii}`, NODE_WIDTH - 96, 'pii-tab'));
  if (problems) {
    const badge = svgElement('g', { transform: `translate(${NODE_WIDTH - 16} 16)` }, node.errors > 0 ? 'badge errors' : 'badge warnings');
    badge.append(svgElement('circle', { r: 11 }), svgText(String(node.errors > 0 ? node.errors : node.warnings), { y: 4 }, 'badge-count'));
    g.append(badge);
  }
  if (node.kind !== 'domain' && node.shownNeighbours < node.neighbours) {
    const text = `+ ${node.shownNeighbours} of ${node.neighbours} shown`;
    const pill = svgElement('g', { transform: `translate(${NODE_WIDTH - 118} ${NODE_HEIGHT - 9})`, role: 'button', tabindex: 0 }, 'expand');
    pill.dataset.expand = node.id;
    pill.append(svgElement('rect', { width: 110, height: 18, rx: 9 }), svgText(text, { x: 55, y: 13 }, 'expand-text'));
    g.append(pill);
  }
  return g;
}

/** A label on the node's top border; its width follows its (short, fixed) text. */
function tab(text: string, x: number, className: string): SVGGElement {
  const width = 14 + text.length * 6.2;
  const g = svgElement('g', { transform: `translate(${x} -9)` }, `tab ${className}`);
  g.append(svgElement('rect', { width, height: 18, rx: 9 }), svgText(text, { x: width / 2, y: 13 }, 'tab-text'));
  return g;
}

export function edgeElement(edge: ShownEdge, from: Box, to: Box, labels: boolean, focus: string | undefined): SVGGElement {
  // Forward edges leave the right side for the left side of the target; an edge that goes back (to a
  // node left of its source, in a domain below or above) runs vertically, so it never loops around.
  const forward = to.x >= from.x + from.width - 1;
  const down = to.y > from.y;
  const sx = forward ? from.x + from.width : from.x + from.width / 2;
  const sy = forward ? from.y + from.height / 2 : down ? from.y + from.height : from.y;
  const tx = forward ? to.x : to.x + to.width / 2;
  const ty = forward ? to.y + to.height / 2 : down ? to.y : to.y + to.height;
  const d = forward
    ? (() => { const dx = Math.max(40, (tx - sx) / 2); return `M${sx},${sy} C${sx + dx},${sy} ${tx - dx},${ty} ${tx},${ty}`; })()
    : (() => { const dy = Math.max(40, Math.abs(ty - sy) / 2) * (down ? 1 : -1); return `M${sx},${sy} C${sx},${sy + dy} ${tx},${ty - dy} ${tx},${ty}`; })();
  const g = svgElement('g', {}, `edge ${edge.kind}${edge.from === focus || edge.to === focus ? ' focus-edge' : ''}`);
  g.append(svgElement('path', { d, 'marker-end': 'url(#arrow)' }));
  const label = edge.kind === 'links' ? `${edge.count} link${edge.count === 1 ? '' : 's'}` : (edge.contract ?? '');
  const title = svgElement('title');
  title.textContent = edge.kind === 'links' ? label : `${edge.kind === 'publishes' ? 'publishes' : 'consumed by'} · contract ${edge.contract ?? ''}`;
  g.append(title);
  if (labels && label) g.append(svgText(clip(label, 24), { x: (sx + tx) / 2, y: (sy + ty) / 2 - 4 }, 'edge-label'));
  return g;
}

function metaLine(node: ShownNode): string {
  if (node.kind === 'domain') return 'domain (collapsed)';
  return [node.kind, node.version !== undefined ? `v${node.version}` : undefined, node.status].filter(Boolean).join(' · ');
}

/** The node's tooltip: every field, whole. */
export function describe(node: ShownNode): string {
  const lines = [`${node.kind} ${node.name}`];
  if (node.kind !== 'domain') lines.push(node.id);
  if (node.domain !== undefined) lines.push(`domain ${node.domain}`);
  if (node.version !== undefined) lines.push(`version ${node.version}`);
  if (node.status !== undefined) lines.push(`status ${node.status}`);
  if (node.owner !== undefined) lines.push(`owner ${node.owner}`);
  if (node.errors + node.warnings > 0) lines.push(`${node.errors} errors, ${node.warnings} warnings`);
  if (node.pii > 0) lines.push(`${node.pii} ${node.pii === 1 ? 'column holds' : 'columns hold'} personal data (PII)`);
  if (node.edited) lines.push(`unsaved edit: ${node.edited.join(' ')}`);
  for (const by of node.affectedBy ?? []) lines.push(`affected by the unsaved edit of ${by.name}: ${by.changes.join(' ')}`);
  if (node.shownNeighbours < node.neighbours) lines.push(`${node.shownNeighbours} of ${node.neighbours} neighbours shown`);
  return lines.join('\n');
}

const KNOWN_STATUSES = new Set(['active', 'draft', 'proposed', 'deprecated', 'retired']);
function statusClass(status: string | undefined): string {
  const s = status?.toLowerCase();
  return s !== undefined && KNOWN_STATUSES.has(s) ? `status-${s}` : '';
}

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
const spanBox = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
};
