/**
 * The column view's layout: each table is an elkjs node whose columns are ports at fixed places on its
 * sides (a column's row: in on the left, out on the right), so the layered algorithm orders the tables
 * by the flow between their columns and keeps the edges short. Only ports with an edge are given.
 */
import type { ElkNode, ElkPort } from 'elkjs/lib/elk-api.js';
import type { ColumnLineage, ColumnTable } from '../../protocol/protocol';
import type { Box, LayoutEngine } from './layout';

export const TABLE_WIDTH = 260;
export const TABLE_HEADER = 44;
export const ROW_HEIGHT = 24;

export interface ColumnLayout {
  tables: Map<string, Box>;
  /** Each column's row, and each table's header (a table written as a source starts its edges there). */
  rows: Map<string, Box>;
  width: number;
  height: number;
}

/** A table's height: its header, its rows, and a last row that counts the columns left out. */
export const tableHeight = (table: ColumnTable) => TABLE_HEADER + (table.columns.length + (table.hiddenColumns > 0 ? 1 : 0)) * ROW_HEIGHT + 6;

export async function layoutColumns(engine: LayoutEngine, lineage: ColumnLineage): Promise<ColumnLayout> {
  const rowOf = new Map<string, { table: string; y: number }>();
  for (const table of lineage.tables) {
    rowOf.set(table.id, { table: table.id, y: TABLE_HEADER / 2 });
    table.columns.forEach((column, i) => rowOf.set(column.id, { table: table.id, y: TABLE_HEADER + i * ROW_HEIGHT + ROW_HEIGHT / 2 }));
  }
  const ports = new Map<string, ElkPort[]>();
  const port = (id: string, side: 'in' | 'out'): string => {
    const row = rowOf.get(id)!;
    const portId = `${id}\u0000${side}`;
    const list = ports.get(row.table) ?? ports.set(row.table, []).get(row.table)!;
    if (!list.some((p) => p.id === portId)) list.push({ id: portId, x: side === 'in' ? 0 : TABLE_WIDTH, y: row.y, width: 0, height: 0, layoutOptions: { 'elk.port.side': side === 'in' ? 'WEST' : 'EAST' } });
    return portId;
  };
  const edges = lineage.edges.filter((e) => rowOf.has(e.from) && rowOf.has(e.to)).map((e, i) => ({ id: `\u0000e${i}`, sources: [port(e.from, 'out')], targets: [port(e.to, 'in')] }));
  const root: ElkNode = {
    id: '\u0000columns',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'POLYLINE',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '120',
      'elk.spacing.componentComponent': '40',
      'elk.layered.layering.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: lineage.tables.map((table) => ({ id: table.id, width: TABLE_WIDTH, height: tableHeight(table), ports: ports.get(table.id) ?? [], layoutOptions: { 'elk.portConstraints': 'FIXED_POS' } })),
    edges,
  };
  const laid = await engine.layoutGraph(root);
  const tables = new Map<string, Box>();
  for (const child of laid.children ?? []) tables.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: TABLE_WIDTH, height: child.height ?? 0 });
  const rows = new Map<string, Box>();
  for (const [id, row] of rowOf) {
    const box = tables.get(row.table);
    if (box) rows.set(id, { x: box.x, y: box.y + row.y - ROW_HEIGHT / 2, width: TABLE_WIDTH, height: ROW_HEIGHT });
  }
  return { tables, rows, width: laid.width ?? 0, height: laid.height ?? 0 };
}
