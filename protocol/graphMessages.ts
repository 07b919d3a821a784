/**
 * The messages between the graph webview and the extension, declared once. The webview is a page
 * that draws workspace data, so the extension treats what it posts as untrusted input: every message
 * goes through `parseWebviewMessage` before anything acts on it.
 */
import type { ColumnLineage, LineageGraph } from './protocol';

/** What the panel shows: the lineage around one node, or the whole mesh. */
export type GraphMode = 'lineage' | 'mesh';
export type ExportFormat = 'svg' | 'png' | 'mermaid';

/** Extension → webview. */
export type ExtensionMessage =
  /**
   * The whole mesh's graph. With `navigate` (a command asked for it) the webview switches to `mode`,
   * centred on `focus` in lineage mode; without it (a live update, a restored panel) it keeps its view.
   */
  | { type: 'graph'; mode: GraphMode; graph: LineageGraph; focus?: string; hops?: number; navigate?: boolean }
  /** Nothing to show, and why (server down, no node under the cursor). */
  | { type: 'empty'; message: string }
  /**
   * The column lineage of the contract the view shows the columns of (after every graph, while it
   * does); `null` when that contract is gone. With `navigate` the webview switches to it.
   */
  | { type: 'columns'; contract: string; lineage: ColumnLineage | null; hops: number; navigate?: boolean };

/** Webview → extension. */
export type WebviewMessage =
  /** The page is loaded and listens: send the graph. */
  | { type: 'ready' }
  /** Open the file that defines this node, at its definition. */
  | { type: 'open'; nodeId: string }
  /** Show the columns of a contract, `hops` steps up and down; without `nodeId`, back to the graph. */
  | { type: 'columns'; nodeId?: string; hops: number }
  /** Open the file of a column or table of the column view, where it is named (by the id the extension sent). */
  | { type: 'openColumn'; id: string }
  /** Follow the cursor (show the lineage of what is under it in the editor), or stay where it is. */
  | { type: 'follow'; on: boolean }
  /** Save the drawing: SVG text, PNG as a data URL, or Mermaid text. */
  | { type: 'export'; format: ExportFormat; content: string }
  /** Timing marks of the webview (benchmark and e2e), for the log. */
  | { type: 'drawn'; nodes: number; edges: number; layoutMs: number; totalMs: number };

export const MAX_HOPS = 20;
/** A 5,000-product mesh drawn as SVG is about 10 MB; PNGs are capped by the canvas. */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const MAX_NODE_ID_CHARS = 20_000;
const FORMATS: readonly ExportFormat[] = ['svg', 'png', 'mermaid'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** `product:<id>` or `contract:<id>`, as the lineage request names nodes. */
export function isNodeId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_NODE_ID_CHARS && /^(product|contract):./s.test(value);
}

/** The message if it is one the webview may send, with nothing but its own fields; otherwise undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'open':
      return isNodeId(value.nodeId) ? { type: 'open', nodeId: value.nodeId } : undefined;
    case 'columns': {
      const hops = isHops(value.hops) ? value.hops : 2;
      if (value.nodeId === undefined) return { type: 'columns', hops };
      return isNodeId(value.nodeId) && value.nodeId.startsWith('contract:') ? { type: 'columns', nodeId: value.nodeId, hops } : undefined;
    }
    case 'follow':
      return typeof value.on === 'boolean' ? { type: 'follow', on: value.on } : undefined;
    case 'openColumn':
      return typeof value.id === 'string' && value.id.length > 0 && value.id.length <= MAX_NODE_ID_CHARS ? { type: 'openColumn', id: value.id } : undefined;
    case 'export': {
      const { format, content } = value;
      if (typeof format !== 'string' || !FORMATS.includes(format as ExportFormat)) return undefined;
      if (typeof content !== 'string' || content.length === 0 || content.length > MAX_EXPORT_CHARS) return undefined;
      if (format === 'png' && !content.startsWith('data:image/png;base64,')) return undefined;
      return { type: 'export', format: format as ExportFormat, content };
    }
    case 'drawn': {
      const { nodes, edges, layoutMs, totalMs } = value;
      return isCount(nodes) && isCount(edges) && isCount(layoutMs) && isCount(totalMs) ? { type: 'drawn', nodes, edges, layoutMs, totalMs } : undefined;
    }
    default:
      return undefined;
  }
}

/** The state a webview keeps with `setState`, restored by the serializer after a reload. */
export interface GraphViewState {
  mode: GraphMode;
  focus?: string;
  hops: number;
  /** The contract whose columns are shown instead of the graph, and the hops of that view. */
  columns?: string;
  columnHops?: number;
  /** The panel follows the cursor in the editor. */
  follow?: boolean;
}

const isHops = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_HOPS;

/** The persisted state, if it has the right shape (it comes back from the webview). */
export function parseViewState(value: unknown): GraphViewState | undefined {
  if (!isObject(value)) return undefined;
  const { mode, focus, hops, columns, columnHops } = value;
  if (mode !== 'lineage' && mode !== 'mesh') return undefined;
  if (focus !== undefined && !isNodeId(focus)) return undefined;
  const view: GraphViewState = { mode, hops: isHops(hops) ? hops : 2 };
  if (focus !== undefined) view.focus = focus;
  if (isNodeId(columns) && columns.startsWith('contract:')) Object.assign(view, { columns, columnHops: isHops(columnHops) ? columnHops : 2 });
  if (value.follow === true) view.follow = true;
  return view;
}
