/**
 * The messages between the graph webview and the extension, declared once. The webview is a page
 * that draws workspace data, so the extension treats what it posts as untrusted input: every message
 * goes through `parseWebviewMessage` before anything acts on it.
 */
import type { LineageGraph } from './protocol';

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
  | { type: 'empty'; message: string };

/** Webview → extension. */
export type WebviewMessage =
  /** The page is loaded and listens: send the graph. */
  | { type: 'ready' }
  /** Open the file that defines this node, at its definition. */
  | { type: 'open'; nodeId: string }
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
}

/** The persisted state, if it has the right shape (it comes back from the webview). */
export function parseViewState(value: unknown): GraphViewState | undefined {
  if (!isObject(value)) return undefined;
  const { mode, focus, hops } = value;
  if (mode !== 'lineage' && mode !== 'mesh') return undefined;
  if (focus !== undefined && !isNodeId(focus)) return undefined;
  const h = typeof hops === 'number' && Number.isInteger(hops) && hops >= 0 && hops <= MAX_HOPS ? hops : 2;
  return focus !== undefined ? { mode, focus, hops: h } : { mode, hops: h };
}
