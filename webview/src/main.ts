/**
 * The graph webview: receives the mesh's lineage graph from the extension, decides what to show
 * (graphModel), lays it out in a worker (layout) and draws it (renderer). Everything it tells the
 * extension is a WebviewMessage of protocol/graphMessages.ts.
 */
import type { ExtensionMessage, GraphMode, WebviewMessage } from '../../protocol/graphMessages';
import type { ColumnLineage, LineageGraph } from '../../protocol/protocol';
import { COLUMN_ARROW, ColumnView, renderColumnList } from './columnView';
import { exportMermaid, exportPng, exportSvg, arrowDefs } from './exporter';
import { type Filters, type Highlight, HIGHLIGHTS, MeshIndex, type ShownGraph, searchMatches, shownGraph } from './graphModel';
import { type Layout, LayoutEngine } from './layout';
import { renderList } from './listView';
import { Minimap } from './minimap';
import { GraphRenderer, type Transform } from './renderer';
import { clip, svgElement } from './svg';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Everything the reader chose, kept with setState so a hidden or reloaded panel comes back as it was. */
interface SavedState {
  mode: GraphMode;
  focus?: string;
  hops: number;
  filters: Filters;
  highlight: Highlight;
  search: string;
  expanded: string[];
  collapsed: string[];
  opened: string[];
  list: boolean;
  transform?: Transform;
  /** The contract whose columns are shown instead of the graph, the hops of that view, its selected column. */
  columns?: string;
  columnHops: number;
  selectedColumn?: string;
  /** The panel follows the cursor in the editor (the extension is told). */
  follow: boolean;
}

const HIGHLIGHT_NAMES: Record<Highlight, string> = { none: 'Highlight: nothing', pii: 'Highlight: PII', impact: 'Highlight: unsaved impact', problems: 'Highlight: problems' };

const vscode = acquireVsCodeApi();
const saved = readState(vscode.getState());
const state = {
  ...saved,
  expanded: new Set(saved.expanded),
  collapsed: new Set(saved.collapsed),
  opened: new Set(saved.opened),
};

const engine = LayoutEngine.start(document.querySelector<HTMLMetaElement>('meta[name="graph-worker"]')!.content);
const styleUrl = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')!.href;

// ---- the page ----
const toolbar = element('div', 'toolbar', { role: 'toolbar', 'aria-label': 'Graph' });
const title = element('span', 'title');
const search = input('search', 'Search nodes', 'Search');
const hops = input('number', 'Hops up and down from the focus', 'Hops');
hops.min = '0';
hops.max = '20';
const domainFilter = select('Filter by domain');
const statusFilter = select('Filter by status');
const tagFilter = select('Filter by tag');
const highlight = select('Highlight');
highlight.classList.add('highlight');
highlight.replaceChildren(...HIGHLIGHTS.map((h) => new Option(HIGHLIGHT_NAMES[h], h)));
// Shown while open contracts or products have unsaved edits that their consumers would feel.
const impactNote = button('', 'Highlight what the unsaved edits affect');
impactNote.classList.add('impact-note');
impactNote.hidden = true;
const problems = input('checkbox', 'Only nodes with problems');
const problemsLabel = element('label', 'check');
problemsLabel.append(problems, document.createTextNode(' Problems only'));
const hopsLabel = element('label', 'hops');
hopsLabel.append(document.createTextNode('Hops '), hops);
const wholeMesh = button('Whole mesh', 'Show the whole mesh');
const columnsButton = button('Columns', 'Show the column lineage of the focused contract');
const graphButton = button('Graph', 'Back to the graph');
const fit = button('Fit', 'Fit the graph in the view');
const zoomOut = button('−', 'Zoom out');
const zoomIn = button('+', 'Zoom in');
const listToggle = button('List', 'Show the graph as a list');
const followToggle = button('Follow', 'Follow the cursor: show the lineage of the product, contract or column at the cursor in the editor');
const svgExport = button('SVG', 'Export as SVG');
const pngExport = button('PNG', 'Export as PNG');
const mermaidExport = button('Mermaid', 'Export as Mermaid');
const summary = element('span', 'summary', { role: 'status', 'aria-live': 'polite' });
toolbar.append(title, search, hopsLabel, domainFilter, statusFilter, tagFilter, problemsLabel, highlight, impactNote, wholeMesh, columnsButton, graphButton, fit, zoomOut, zoomIn, listToggle, followToggle, svgExport, pngExport, mermaidExport, summary);

const stage = element('div', 'stage');
const svg = svgElement('svg', { 'aria-label': 'Lineage graph', role: 'img' }, 'graph');
svg.append(arrowDefs());
const minimapCanvas = element('canvas', 'minimap', { width: '200', height: '130', 'aria-hidden': 'true' });
const columnSvg = svgElement('svg', { 'aria-label': 'Column lineage', role: 'img' }, 'columns');
columnSvg.append(arrowDefs(COLUMN_ARROW));
const message = element('div', 'message', { role: 'status' });
const list = element('div', 'list', { 'aria-label': 'Lineage graph as a list' });
stage.append(svg, columnSvg, minimapCanvas, message, list);
document.body.append(toolbar, stage);

const renderer = new GraphRenderer(svg, {
  open: (id) => vscode.postMessage({ type: 'open', nodeId: id }),
  expand: (id) => change(() => state.expanded.add(id)),
  focus: (id) => setFocus(id),
  toggleDomain: (domain) => toggleDomain(domain),
  viewChanged: () => {
    minimap.showView(renderer.visibleRect());
    persistSoon();
  },
});
const minimap = new Minimap(minimapCanvas, (x, y) => renderer.centreOn(x, y));
const columnView = new ColumnView(columnSvg, {
  open: (id) => vscode.postMessage({ type: 'openColumn', id }),
  changed: () => persistSoon(),
});
columnView.selected = saved.selectedColumn;
/** The column lineage shown (or being read) while the reader looks at a contract's columns. */
let columns: ColumnLineage | null | undefined;

// ---- what is shown ----
let index: MeshIndex | undefined;
let shown: ShownGraph | undefined;
let layout: Layout | undefined;
let layoutSeq = 0;
let receivedAt = 0;
/** Fit the view after the next layout (a new focus or a new graph), unless a saved view is restored. */
let refit = saved.transform === undefined;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data as ExtensionMessage | undefined;
  if (msg?.type === 'graph' && isGraph(msg.graph)) {
    receivedAt = performance.now();
    index = new MeshIndex(msg.graph);
    if (msg.navigate) {
      state.columns = undefined; // a columns message follows when the command asked for columns
      state.mode = msg.mode === 'lineage' && msg.focus !== undefined ? 'lineage' : 'mesh';
      if (state.mode === 'lineage' && msg.focus !== state.focus) state.expanded.clear();
      state.focus = state.mode === 'lineage' ? msg.focus : state.focus;
      if (msg.hops !== undefined && Number.isInteger(msg.hops) && msg.hops >= 0 && msg.hops <= 20) state.hops = msg.hops;
      refit = true;
    }
    fillFilters(index);
    void update();
  } else if (msg?.type === 'columns' && typeof msg.contract === 'string') {
    if (msg.navigate) {
      state.columns = msg.contract;
      if (msg.lineage?.column !== undefined) columnView.selected = msg.lineage.column;
      if (Number.isInteger(msg.hops)) state.columnHops = msg.hops;
    }
    if (msg.contract !== state.columns) return; // the reader went back to the graph meanwhile
    columns = msg.lineage === null || isColumnLineage(msg.lineage) ? msg.lineage : null;
    void showColumns(msg.navigate === true || columnRefit);
  } else if (msg?.type === 'empty' && typeof msg.message === 'string') {
    showMessage(msg.message);
  }
});

/** Fit the column view once its next lineage is drawn (a new contract, other hops). */
let columnRefit = saved.transform === undefined;

async function showColumns(refit: boolean): Promise<void> {
  syncControls();
  if (state.columns === undefined) return;
  if (columns === undefined) return showMessage('Reading the columns…');
  if (columns === null) return showMessage(`${state.columns} is no longer in the workspace.`);
  if (!(await columnView.show(columns, await engine, refit))) return;
  columnRefit = false;
  if (!refit && saved.transform && !restoredColumns) columnView.setTransform(saved.transform);
  restoredColumns = true;
  showMessage(columns.tables.length === 0 ? `${nameOfContract()} has no tables or columns.` : columns.truncated ? 'Only the first 400 columns are shown: lower the hops to see the rest of this contract\'s lineage.' : '');
  summary.dataset.matches = String(columnView.setSearch(state.search));
  const count = columns.tables.reduce((n, t) => n + t.columns.length, 0);
  summary.textContent = `${columns.tables.length} tables · ${count} columns · ${columns.edges.length} edges`;
  if (!list.hidden) renderColumnList(list, columns, (id) => vscode.postMessage({ type: 'openColumn', id }));
  persist();
  requestAnimationFrame(() => (document.body.dataset.columnsDrawn = String(Number(document.body.dataset.columnsDrawn ?? 0) + 1)));
}
/** The saved view of a restored column view is applied once, to its first drawing. */
let restoredColumns = saved.columns === undefined;

function nameOfContract(): string {
  return index?.nameOf(state.columns!) ?? state.columns!;
}

/** Shows the columns of a contract (asks the extension for them), or the graph again. */
function setColumns(contract: string | undefined): void {
  state.columns = contract;
  columns = undefined;
  columnView.selected = undefined;
  vscode.postMessage(contract !== undefined ? { type: 'columns', nodeId: contract, hops: state.columnHops } : { type: 'columns', hops: state.columnHops });
  if (contract !== undefined) {
    columnRefit = true;
    void showColumns(true);
  } else {
    refit = true;
    void update();
  }
}

async function update(): Promise<void> {
  if (!index) return;
  syncControls();
  if (state.columns !== undefined) return; // the graph is redrawn when the reader goes back to it
  const started = performance.now();
  const seq = ++layoutSeq;
  const next = shownGraph(index, { focus: state.mode === 'lineage' ? state.focus : undefined, hops: state.hops, expanded: state.expanded, collapsed: state.collapsed, opened: state.opened, filters: state.filters });
  if (next.nodes.length === 0) {
    shown = next;
    showMessage('Nothing matches the filters.');
    renderer.setGraph(next, { nodes: new Map(), groups: new Map(), width: 0, height: 0, ms: 0, laidOut: 0 }, undefined);
    summary.textContent = `0 nodes · ${next.hidden} hidden`;
    persist();
    document.body.dataset.drawn = String(layoutSeq);
    return;
  }
  const placed = await (await engine).layout(next);
  if (seq !== layoutSeq) return; // a newer choice is being laid out
  shown = next;
  layout = placed;
  showMessage('');
  renderer.setGraph(next, placed, state.mode === 'lineage' ? state.focus : undefined);
  renderer.setHighlight(state.highlight);
  if (refit) renderer.fit();
  else if (saved.transform && layoutSeq === 1) renderer.setTransform(saved.transform);
  refit = false;
  minimap.setGraph(next, placed);
  minimap.showView(renderer.visibleRect());
  applySearch();
  if (!list.hidden) renderList(list, next, searchMatches(next.nodes, state.search), listEvents);
  summary.textContent = `${next.nodes.length} nodes · ${next.edges.length} edges${next.hidden > 0 ? ` · ${next.hidden} hidden` : ''}`;
  persist();
  requestAnimationFrame(() => {
    const now = performance.now();
    const totalMs = now - (receivedAt || started);
    receivedAt = 0;
    document.body.dataset.drawn = String(layoutSeq);
    document.body.dataset.laidOut = String(placed.laidOut); // for the tests of the layout cache
    vscode.postMessage({ type: 'drawn', nodes: next.nodes.length, edges: next.edges.length, layoutMs: Math.round(placed.ms), totalMs: Math.round(totalMs) });
  });
}

function change(apply: () => void, refitAfter = false): void {
  apply();
  if (refitAfter) refit = true;
  void update();
}

function setFocus(id: string): void {
  change(() => {
    state.mode = 'lineage';
    state.focus = id;
    state.expanded.clear();
  }, true);
}

function toggleDomain(domain: string): void {
  change(() => {
    const wasShown = shown?.groups.includes(domain) ?? false;
    if (wasShown) {
      state.collapsed.add(domain);
      state.opened.delete(domain);
    } else {
      state.collapsed.delete(domain);
      state.opened.add(domain);
    }
  });
}

function applySearch(): void {
  if (!shown) return;
  const matches = searchMatches(shown.nodes, state.search);
  renderer.setMatches(matches);
  svg.classList.toggle('searching', matches.size > 0);
  search.setAttribute('aria-description', state.search ? `${matches.size} matches` : '');
  summary.dataset.matches = String(matches.size);
}

const listEvents = {
  open: (id: string) => vscode.postMessage({ type: 'open', nodeId: id }),
  focus: (id: string) => setFocus(id),
  expand: (id: string) => change(() => state.expanded.add(id)),
  toggleDomain: (domain: string) => toggleDomain(domain),
};

// ---- controls ----
search.addEventListener('input', () => {
  state.search = search.value;
  if (state.columns !== undefined) {
    summary.dataset.matches = String(columnView.setSearch(state.search));
    return persist();
  }
  applySearch();
  if (!list.hidden && shown) renderList(list, shown, searchMatches(shown.nodes, state.search), listEvents);
  persist();
});
search.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || !shown || !layout) return;
  const first = [...searchMatches(shown.nodes, state.search)][0];
  if (first !== undefined) renderer.fit(first);
});
hops.addEventListener('change', () => {
  const value = Number(hops.value);
  if (!Number.isInteger(value) || value < 0 || value > 20) return;
  if (state.columns === undefined) return change(() => (state.hops = value), true);
  state.columnHops = value;
  columnRefit = true;
  vscode.postMessage({ type: 'columns', nodeId: state.columns, hops: value });
});
domainFilter.addEventListener('change', () => change(() => (state.filters.domain = domainFilter.value || undefined), true));
statusFilter.addEventListener('change', () => change(() => (state.filters.status = statusFilter.value || undefined), true));
tagFilter.addEventListener('change', () => change(() => (state.filters.tag = tagFilter.value || undefined), true));
problems.addEventListener('change', () => change(() => (state.filters.problemsOnly = problems.checked), true));
highlight.addEventListener('change', () => setHighlight(HIGHLIGHTS.find((h) => h === highlight.value) ?? 'none'));
impactNote.addEventListener('click', () => setHighlight('impact'));

function setHighlight(value: Highlight): void {
  state.highlight = value;
  highlight.value = value;
  renderer.setHighlight(value);
  persist();
}
wholeMesh.addEventListener('click', () => change(() => ((state.mode = 'mesh'), state.expanded.clear()), true));
columnsButton.addEventListener('click', () => state.focus !== undefined && setColumns(state.focus));
graphButton.addEventListener('click', () => setColumns(undefined));
const active = () => (state.columns !== undefined ? columnView : renderer);
fit.addEventListener('click', () => active().fit());
zoomIn.addEventListener('click', () => active().zoomBy(1.25));
zoomOut.addEventListener('click', () => active().zoomBy(0.8));
listToggle.addEventListener('click', () => {
  state.list = !state.list;
  syncControls();
  if (state.list && state.columns !== undefined && columns) renderColumnList(list, columns, (id) => vscode.postMessage({ type: 'openColumn', id }));
  else if (state.list && shown) renderList(list, shown, searchMatches(shown.nodes, state.search), listEvents);
  persist();
});
followToggle.addEventListener('click', () => {
  state.follow = !state.follow;
  vscode.postMessage({ type: 'follow', on: state.follow });
  syncControls();
  persist();
});
svgExport.addEventListener('click', () => void exportAs('svg'));
pngExport.addEventListener('click', () => void exportAs('png'));
mermaidExport.addEventListener('click', () => void exportAs('mermaid'));

async function exportAs(format: 'svg' | 'png' | 'mermaid'): Promise<void> {
  if (state.columns !== undefined) return exportColumns(format);
  if (!shown || !layout || !index) return;
  if (format === 'mermaid') return vscode.postMessage({ type: 'export', format, content: exportMermaid(index, shown) });
  const css = await (await fetch(styleUrl)).text();
  const text = exportSvg(shown, layout, state.mode === 'lineage' ? state.focus : undefined, css);
  if (format === 'svg') return vscode.postMessage({ type: 'export', format, content: text });
  vscode.postMessage({ type: 'export', format, content: await exportPng(text, layout.width + 32, layout.height + 32) });
}

/** The column view exports its drawing as SVG or PNG; Mermaid draws products and contracts only. */
async function exportColumns(format: 'svg' | 'png' | 'mermaid'): Promise<void> {
  if (format === 'mermaid') return;
  const drawn = columnView.toSvg(await (await fetch(styleUrl)).text());
  if (!drawn) return;
  vscode.postMessage({ type: 'export', format, content: format === 'svg' ? drawn.text : await exportPng(drawn.text, drawn.width, drawn.height) });
}

function syncControls(): void {
  const inColumns = state.columns !== undefined;
  const lineage = state.mode === 'lineage' && state.focus !== undefined;
  const focusName = lineage ? (index?.byId.get(state.focus!)?.name ?? state.focus!) : '';
  title.textContent = inColumns ? `Columns of ${nameOfContract()}` : lineage ? `Lineage of ${focusName}` : 'Data mesh';
  title.title = title.textContent;
  hops.value = String(inColumns ? state.columnHops : state.hops);
  hops.disabled = !lineage && !inColumns;
  wholeMesh.disabled = !lineage;
  wholeMesh.hidden = inColumns;
  columnsButton.hidden = inColumns;
  columnsButton.disabled = !lineage || !state.focus!.startsWith('contract:');
  graphButton.hidden = !inColumns;
  for (const graphOnly of [domainFilter, statusFilter, problemsLabel, highlight, mermaidExport]) graphOnly.hidden = inColumns;
  tagFilter.hidden = inColumns || (index?.tags.length ?? 0) === 0;
  impactNote.hidden = inColumns || (index?.edits.size ?? 0) === 0;
  svg.classList.toggle('hidden-view', inColumns);
  minimapCanvas.hidden = inColumns;
  columnSvg.classList.toggle('hidden-view', !inColumns);
  search.value = state.search;
  domainFilter.value = state.filters.domain ?? '';
  statusFilter.value = state.filters.status ?? '';
  tagFilter.value = state.filters.tag ?? '';
  problems.checked = state.filters.problemsOnly === true;
  highlight.value = state.highlight;
  list.hidden = !state.list;
  listToggle.setAttribute('aria-pressed', String(state.list));
  followToggle.setAttribute('aria-pressed', String(state.follow));
  svg.classList.toggle('behind-list', state.list);
  columnSvg.classList.toggle('behind-list', state.list);
}

function fillFilters(mesh: MeshIndex): void {
  fillSelect(domainFilter, 'All domains', mesh.graph.domains);
  fillSelect(statusFilter, 'All statuses', mesh.statuses);
  fillSelect(tagFilter, 'All tags', mesh.tags);
  // A mesh without tags has nothing to filter by.
  tagFilter.hidden = mesh.tags.length === 0 || state.columns !== undefined;
  const affected = mesh.affectedBy.size;
  const edited = [...mesh.edits.keys()].map((id) => mesh.nameOf(id));
  impactNote.hidden = edited.length === 0 || state.columns !== undefined;
  impactNote.textContent = edited.length === 0 ? '' : `Unsaved edit${edited.length === 1 ? '' : 's'} of ${clip(edited.join(', '), 60)}: ${affected} ${affected === 1 ? 'node' : 'nodes'} affected`;
}

function fillSelect(target: HTMLSelectElement, all: string, values: readonly string[]): void {
  const options = [new Option(all, ''), ...values.map((v) => new Option(clip(v, 60), v))];
  target.replaceChildren(...options);
}

function showMessage(text: string): void {
  message.textContent = text;
  message.hidden = text === '';
}

// ---- state ----
let persistTimer: number | undefined;
function persistSoon(): void {
  if (persistTimer !== undefined) return;
  persistTimer = window.setTimeout(() => {
    persistTimer = undefined;
    persist();
  }, 300);
}

function persist(): void {
  const toSave: SavedState = { mode: state.mode, hops: state.hops, filters: state.filters, highlight: state.highlight, search: state.search, expanded: [...state.expanded], collapsed: [...state.collapsed], opened: [...state.opened], list: state.list, transform: active().transform, columnHops: state.columnHops, follow: state.follow };
  if (state.focus !== undefined) toSave.focus = state.focus;
  if (state.columns !== undefined) toSave.columns = state.columns;
  if (columnView.selected !== undefined) toSave.selectedColumn = columnView.selected;
  vscode.setState(toSave);
}

function readState(value: unknown): SavedState {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<SavedState>;
  const strings = (a: unknown) => (Array.isArray(a) ? a.filter((s): s is string => typeof s === 'string') : []);
  const f = (typeof v.filters === 'object' && v.filters !== null ? v.filters : {}) as Filters;
  const t = v.transform;
  return {
    mode: v.mode === 'lineage' ? 'lineage' : 'mesh',
    focus: typeof v.focus === 'string' ? v.focus : undefined,
    hops: typeof v.hops === 'number' && Number.isInteger(v.hops) && v.hops >= 0 && v.hops <= 20 ? v.hops : 2,
    filters: { domain: typeof f.domain === 'string' ? f.domain : undefined, status: typeof f.status === 'string' ? f.status : undefined, tag: typeof f.tag === 'string' ? f.tag : undefined, problemsOnly: f.problemsOnly === true },
    highlight: HIGHLIGHTS.find((h) => h === v.highlight) ?? 'none',
    search: typeof v.search === 'string' ? v.search : '',
    expanded: strings(v.expanded),
    collapsed: strings(v.collapsed),
    opened: strings(v.opened),
    list: v.list === true,
    transform: t && [t.x, t.y, t.k].every((n) => typeof n === 'number' && Number.isFinite(n)) && t.k > 0 ? t : undefined,
    columns: typeof v.columns === 'string' && v.columns.startsWith('contract:') ? v.columns : undefined,
    columnHops: typeof v.columnHops === 'number' && Number.isInteger(v.columnHops) && v.columnHops >= 0 && v.columnHops <= 20 ? v.columnHops : 2,
    selectedColumn: typeof v.selectedColumn === 'string' ? v.selectedColumn : undefined,
    follow: v.follow === true,
  };
}

/** A column lineage as the protocol declares it, with every name a string; anything else is not drawn. */
function isColumnLineage(value: unknown): value is ColumnLineage {
  const l = value as ColumnLineage | undefined;
  const named = (x: { id?: unknown; name?: unknown } | undefined) => typeof x?.id === 'string' && typeof x.name === 'string';
  return typeof l === 'object' && l !== null && typeof l.focus === 'string' && Array.isArray(l.edges) && l.edges.every((e) => typeof e?.from === 'string' && typeof e.to === 'string')
    && Array.isArray(l.tables) && l.tables.every((t) => named(t) && typeof t.contractName === 'string' && Number.isInteger(t.hiddenColumns) && Array.isArray(t.columns) && t.columns.every(named));
}

function isGraph(value: unknown): value is LineageGraph {
  const g = value as LineageGraph | undefined;
  return typeof g === 'object' && g !== null && Array.isArray(g.nodes) && Array.isArray(g.edges) && Array.isArray(g.domains) && g.nodes.every((n) => typeof n?.id === 'string' && typeof n.name === 'string' && typeof n.diagnostics === 'object');
}

// ---- DOM helpers ----
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  return e;
}
function input(type: string, label: string, placeholder?: string): HTMLInputElement {
  const e = element('input', `input-${type}`, { type, 'aria-label': label });
  if (placeholder) e.placeholder = placeholder;
  return e;
}
function select(label: string): HTMLSelectElement {
  return element('select', 'select', { 'aria-label': label });
}
function button(text: string, label: string): HTMLButtonElement {
  const e = element('button', 'button', { type: 'button', title: label, 'aria-label': label });
  e.textContent = text;
  return e;
}

vscode.postMessage({ type: 'ready' });
