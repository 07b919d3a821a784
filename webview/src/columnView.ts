/**
 * The column view: a contract's tables with their columns as rows, the tables upstream and downstream
 * with the columns on a path, and an edge from each source column (or table) to the column computed
 * from it. Selecting a column lights its whole path up and down and dims the rest. Every name is drawn
 * as text; the view is bounded (400 columns), so it is drawn whole.
 */
import type { ColumnInfo, ColumnLineage, ColumnTable } from '../../protocol/protocol';
import { type ColumnLayout, layoutColumns, ROW_HEIGHT, TABLE_HEADER, TABLE_WIDTH } from './columnLayout';
import { arrowDefs, resolveVariables } from './exporter';
import type { LayoutEngine } from './layout';
import { PanZoom, type Transform } from './panZoom';
import { clip, svgElement, svgText } from './svg';

/** The id of the column view's arrow head (the graph's SVG has its own). */
export const COLUMN_ARROW = 'column-arrow';

export interface ColumnEvents {
  /** Open the file of a column or table where it is named. */
  open(id: string): void;
  /** The selection or the view changed (to keep the state). */
  changed(): void;
}

export class ColumnView {
  private readonly viewport = svgElement('g', {}, 'viewport');
  private readonly view: PanZoom;
  private lineage: ColumnLineage | undefined;
  private layout: ColumnLayout | undefined;
  private seq = 0;
  selected: string | undefined;

  constructor(
    readonly svg: SVGSVGElement,
    private readonly events: ColumnEvents,
  ) {
    svg.append(this.viewport);
    this.view = new PanZoom(svg, this.viewport, () => events.changed());
    svg.addEventListener('click', (event) => this.activate(event.target));
    svg.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      this.activate(event.target);
    });
  }

  /** Lays out and draws a column lineage; resolves once drawn (false when a newer one came meanwhile). */
  async show(lineage: ColumnLineage, engine: LayoutEngine, refit: boolean): Promise<boolean> {
    const seq = ++this.seq;
    const layout = await layoutColumns(engine, lineage);
    if (seq !== this.seq) return false;
    this.lineage = lineage;
    this.layout = layout;
    if (this.selected !== undefined && !idsOf(lineage).has(this.selected)) this.selected = undefined;
    this.viewport.replaceChildren(...drawing(lineage, layout));
    this.light();
    if (refit) this.fit();
    return true;
  }

  get transform(): Transform {
    return this.view.transform;
  }

  setTransform(t: Transform): void {
    this.view.setTransform(t);
  }

  fit(): void {
    if (this.layout) this.view.fitBox({ x: 0, y: 0, width: this.layout.width, height: this.layout.height });
  }

  zoomBy(factor: number): void {
    this.view.zoomBy(factor);
  }

  /** Marks the columns and tables whose name contains the query; returns how many. */
  setSearch(query: string): number {
    const q = query.trim().toLowerCase();
    let count = 0;
    for (const element of this.viewport.querySelectorAll<SVGGElement>('[data-name]')) {
      const match = q !== '' && element.dataset.name!.toLowerCase().includes(q);
      element.classList.toggle('match', match);
      if (match) count += 1;
    }
    this.svg.classList.toggle('searching', count > 0);
    return count;
  }

  select(id: string | undefined): void {
    this.selected = id;
    this.light();
    this.events.changed();
  }

  /** A standalone SVG document of the view, with graph.css and its theme colours resolved. */
  toSvg(css: string): { text: string; width: number; height: number } | undefined {
    const { layout } = this;
    if (!layout) return undefined;
    const pad = 16;
    const width = layout.width + 2 * pad;
    const height = layout.height + 2 * pad;
    const svg = svgElement('svg', { xmlns: 'http://www.w3.org/2000/svg', width: Math.ceil(width), height: Math.ceil(height), viewBox: `${-pad} ${-pad} ${width} ${height}` }, `columns exported${this.svg.classList.contains('lighting') ? ' lighting' : ''}`);
    const style = svgElement('style');
    style.textContent = resolveVariables(css);
    svg.append(style, arrowDefs(COLUMN_ARROW), svgElement('rect', { x: -pad, y: -pad, width, height }, 'backdrop'), ...[...this.viewport.childNodes].map((n) => n.cloneNode(true)));
    return { text: new XMLSerializer().serializeToString(svg), width, height };
  }

  /** Lights the selected column's (or table's) path, upstream and downstream, and dims the rest. */
  private light(): void {
    const lineage = this.lineage;
    const path = lineage && this.selected !== undefined ? pathThrough(lineage, this.selected) : undefined;
    this.svg.classList.toggle('lighting', path !== undefined);
    for (const element of this.viewport.querySelectorAll<SVGElement>('[data-id]')) {
      element.classList.toggle('lit', path?.has(element.dataset.id!) === true);
      element.classList.toggle('selected', element.dataset.id === this.selected);
    }
    for (const element of this.viewport.querySelectorAll<SVGGElement>('.column-edge')) {
      element.classList.toggle('lit', path !== undefined && path.has(element.dataset.from!) && path.has(element.dataset.to!));
    }
  }

  private activate(target: EventTarget | null): void {
    const element = (target as Element | null)?.closest?.('[data-id]') as SVGGElement | null;
    const id = element?.dataset.id;
    if (id === undefined) return;
    this.select(id);
    this.events.open(id);
  }
}

/** Every column and table id of a lineage. */
function idsOf(lineage: ColumnLineage): Set<string> {
  return new Set(lineage.tables.flatMap((t) => [t.id, ...t.columns.map((c) => c.id)]));
}

/**
 * A column with everything upstream and downstream of it. A column computed from a whole table is
 * computed from each of its columns: downstream of a column, the table it belongs to is a way through
 * (and is lit, as the source that edge leaves from).
 */
export function pathThrough(lineage: ColumnLineage, id: string): Set<string> {
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const e of lineage.edges) {
    (down.get(e.from) ?? down.set(e.from, []).get(e.from)!).push(e.to);
    (up.get(e.to) ?? up.set(e.to, []).get(e.to)!).push(e.from);
  }
  const tableOf = new Map<string, string>();
  for (const t of lineage.tables) for (const c of t.columns) tableOf.set(c.id, t.id);
  const keep = new Set<string>([id]);
  const walk = (next: (at: string) => string[]) => {
    const stack = [id];
    while (stack.length > 0) for (const n of next(stack.pop()!)) if (!keep.has(n)) {
      keep.add(n);
      stack.push(n);
    }
  };
  walk((at) => up.get(at) ?? []);
  walk((at) => {
    const table = tableOf.get(at);
    const viaTable = table !== undefined ? (down.get(table) ?? []) : [];
    if (viaTable.length > 0) keep.add(table!);
    return [...(down.get(at) ?? []), ...viaTable];
  });
  return keep;
}

function drawing(lineage: ColumnLineage, layout: ColumnLayout): SVGElement[] {
  const edges = svgElement('g', {}, 'column-edges');
  for (const edge of lineage.edges) {
    const a = layout.rows.get(edge.from);
    const b = layout.rows.get(edge.to);
    if (a && b) edges.append(edgeElement(edge, a, b));
  }
  const tables = svgElement('g', {}, 'column-tables');
  for (const table of lineage.tables) {
    const box = layout.tables.get(table.id);
    if (box) tables.append(tableElement(table, box, table.contract === lineage.focus));
  }
  return [edges, tables];
}

function tableElement(table: ColumnTable, box: { x: number; y: number; height: number }, own: boolean): SVGGElement {
  const g = svgElement('g', { transform: `translate(${box.x} ${box.y})` }, `column-table${own ? ' own' : ''}`);
  g.append(svgElement('rect', { width: TABLE_WIDTH, height: box.height, rx: 8 }, 'column-table-box'));
  const header = svgElement('g', { role: 'button', tabindex: 0 }, 'column-table-header');
  header.dataset.id = table.id;
  header.dataset.name = table.name;
  header.append(
    svgElement('rect', { width: TABLE_WIDTH, height: TABLE_HEADER, rx: 8 }, 'column-table-header-box'),
    svgText(clip(table.name, 30), { x: 12, y: 19 }, 'column-table-name'),
    svgText(clip(`contract ${table.contractName}`, 36), { x: 12, y: 36 }, 'column-table-contract'),
    titled(`table ${table.name}\ncontract ${table.contractName}${table.hiddenColumns > 0 ? `\n${table.hiddenColumns} more columns not on a path` : ''}\nclick to open, and to light what is computed from it`),
  );
  g.append(header);
  table.columns.forEach((column, i) => g.append(columnRow(column, TABLE_HEADER + i * ROW_HEIGHT)));
  if (table.hiddenColumns > 0) g.append(svgText(`+ ${table.hiddenColumns} more ${table.hiddenColumns === 1 ? 'column' : 'columns'}`, { x: 12, y: TABLE_HEADER + table.columns.length * ROW_HEIGHT + 16 }, 'column-more'));
  return g;
}

function columnRow(column: ColumnInfo, y: number): SVGGElement {
  const g = svgElement('g', { transform: `translate(0 ${y})`, role: 'button', tabindex: 0 }, `column-row${column.pii ? ' pii' : ''}`);
  g.dataset.id = column.id;
  g.dataset.name = column.name;
  g.append(svgElement('rect', { x: 2, width: TABLE_WIDTH - 4, height: ROW_HEIGHT }, 'column-row-box'), svgText(clip(column.name, column.pii || column.classification ? 22 : 34), { x: 12, y: 16 }, 'column-name'));
  const marks = [column.pii ? 'PII' : undefined, column.classification !== undefined ? clip(column.classification, 14) : undefined].filter((m): m is string => m !== undefined);
  if (marks.length > 0) g.append(svgText(marks.join(' · '), { x: TABLE_WIDTH - 10, y: 16 }, 'column-marks'));
  const lines = [`column ${column.name}`];
  if (column.classification !== undefined) lines.push(`classification ${column.classification}`);
  if (column.pii) lines.push('means a personal-data (PII) term of the glossary');
  lines.push('click to open, and to light its lineage');
  g.append(titled(lines.join('\n')));
  return g;
}

function edgeElement(edge: { from: string; to: string }, from: { x: number; y: number; width: number; height: number }, to: { x: number; y: number; height: number }): SVGGElement {
  const sx = from.x + from.width;
  const sy = from.y + from.height / 2;
  const tx = to.x;
  const ty = to.y + to.height / 2;
  const dx = Math.max(50, Math.abs(tx - sx) / 2);
  const g = svgElement('g', {}, 'column-edge');
  g.dataset.from = edge.from;
  g.dataset.to = edge.to;
  g.append(svgElement('path', { d: `M${sx},${sy} C${sx + dx},${sy} ${tx - dx},${ty} ${tx},${ty}`, 'marker-end': `url(#${COLUMN_ARROW})` }));
  return g;
}

function titled(text: string): SVGTitleElement {
  const title = svgElement('title');
  title.textContent = text;
  return title;
}

/** The same view as a list, for keyboard and screen-reader users: each table, its columns, where each comes from and goes. */
export function renderColumnList(container: HTMLElement, lineage: ColumnLineage, open: (id: string) => void): void {
  const names = new Map<string, string>();
  for (const t of lineage.tables) {
    names.set(t.id, `${t.name} (contract ${t.contractName})`);
    for (const c of t.columns) names.set(c.id, `${t.name}.${c.name} (contract ${t.contractName})`);
  }
  const from = new Map<string, string[]>();
  const to = new Map<string, string[]>();
  for (const e of lineage.edges) {
    (to.get(e.from) ?? to.set(e.from, []).get(e.from)!).push(names.get(e.to) ?? e.to);
    (from.get(e.to) ?? from.set(e.to, []).get(e.to)!).push(names.get(e.from) ?? e.from);
  }
  const sections = lineage.tables.map((table) => {
    const section = document.createElement('section');
    const heading = document.createElement('h2');
    heading.textContent = `Table ${table.name} · contract ${table.contractName}`;
    const items = document.createElement('ul');
    for (const entry of [{ id: table.id, name: `${table.name} (the table)` }, ...table.columns]) {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = entry.name;
      const openButton = document.createElement('button');
      openButton.type = 'button';
      openButton.textContent = 'Open';
      openButton.addEventListener('click', () => open(entry.id));
      item.append(name, openButton);
      for (const [label, list] of [['from', from.get(entry.id)], ['to', to.get(entry.id)]] as const) {
        if (!list) continue;
        const line = document.createElement('div');
        line.className = 'links';
        line.textContent = `${label}: ${list.join(', ')}`;
        item.append(line);
      }
      items.append(item);
    }
    if (table.hiddenColumns > 0) {
      const more = document.createElement('li');
      more.textContent = `${table.hiddenColumns} more columns, not on a path`;
      items.append(more);
    }
    section.append(heading, items);
    return section;
  });
  container.replaceChildren(...sections);
}
