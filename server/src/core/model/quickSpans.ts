import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { isTooDeep } from './nestingDepth';
import type { FoundNode, LocatedPath } from './yamlLocate';
import { RecentByText } from '../util/recentByText';
import type { Span } from '../util/span';

/** A node as js-yaml's listener saw it: where it opened and closed, and what it read. */
interface QuickNode {
  open: number;
  close: number;
  result: unknown;
  children: QuickNode[];
  /** A map's key → the index of its key child, built on the first lookup; null when the children do not match the data. */
  keys?: Map<string, number> | null;
}

// Most nodes are scalars: they share this list until a first child comes (one array fewer per node).
const NO_CHILDREN: QuickNode[] = [];

// Tags, explicit keys and merge keys change what a node's position means; such files use the tree.
const UNUSUAL = /(?:^|[\s[{,:-])!|^\s*\?\s|<<\s*:/m;
// Each needs one of these characters: a search for them is many times faster than the pattern.
const isUnusual = (text: string) => (text.includes('!') || text.includes('?') || text.includes('<<')) && UNUSUAL.test(text);

/** How many children js-yaml composes for a value: a key and a value per entry, one per item. */
function childrenOf(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return typeof result === 'object' && result !== null ? 2 * Object.keys(result).length : 0;
}

/**
 * Spans of plain and quoted scalars and of map keys, from js-yaml's listener instead of a `yaml`
 * syntax tree: about ten times faster, for the few ranges a clean file needs (its cross-file findings).
 * It answers only where its span is certainly the tree's; `span` is undefined for anything else
 * (collections, block scalars, empty values, flow maps, aliases and what is behind them), and the
 * caller asks the tree. An anchor (`&name`) is not part of its node's span, as in the tree.
 */
export class QuickSpans {
  private constructor(
    readonly text: string,
    private readonly documents: QuickNode[],
    /** Each YAML document's data, as js-yaml's `loadAll` returns it. */
    readonly data: unknown[],
  ) {}

  /**
   * Undefined when the text cannot be read this way (a syntax error, tags, explicit or merge keys, too
   * deep). The last few texts' reads are kept: a file's own findings, then its cross-file and
   * governance findings, are placed one after another by the same read.
   */
  static of(text: string): QuickSpans | undefined {
    return QuickSpans.recent.get(text);
  }

  private static readonly recent = new RecentByText(8, (text) => QuickSpans.read(text));

  private static read(text: string): QuickSpans | undefined {
    if (isUnusual(text) || isTooDeep(text)) return undefined;
    const documents: QuickNode[] = [];
    const stack: QuickNode[] = [];
    // js-yaml drops a byte order mark before reading, so its positions are one short.
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let data: unknown[];
    try {
      data = loadAll(text, undefined, {
        schema: CORE_SCHEMA,
        listener(event, state) {
          if (event === 'open') {
            const node: QuickNode = { open: state.position + shift, close: state.position + shift, result: undefined, children: NO_CHILDREN };
            if (stack.length === 0) documents.push(node);
            else {
              const parent = stack[stack.length - 1]!;
              if (parent.children === NO_CHILDREN) parent.children = [node];
              else parent.children.push(node);
            }
            stack.push(node);
          } else {
            const node = stack.pop()!;
            node.close = state.position + shift;
            node.result = state.result;
            // Before `---` a map tries one more key and finds nothing: one empty child too many.
            const last = node.children[node.children.length - 1];
            if (last && last.open === last.close && last.result == null && node.children.length === childrenOf(node.result) + 1) node.children.pop();
          }
        },
      });
    } catch {
      return undefined;
    }
    return new QuickSpans(text, documents, data);
  }

  /** The steps of the last walk that went through: after segment i, the node reached and the key holding it. */
  private readonly trail = { docIndex: -1, segments: [] as string[], nodes: [] as QuickNode[], keySpans: [] as (Span | undefined)[] };

  /** The span of the scalar at a path (of its key, with `key`), or undefined when only the tree can tell. */
  span(docIndex: number, path: readonly (string | number)[], key = false): Span | undefined {
    const found = this.locate(docIndex, path.map(String));
    if (!found?.complete) return undefined;
    if (key) return found.keySpan;
    return found.node?.kind === 'scalar' ? found.node.span : undefined;
  }

  /**
   * What a path finds, as the tree's locator would report it: the deepest value reached and the key
   * holding it. Undefined when only the tree can tell (a flow map, a block scalar or an alias on the
   * way or at the end).
   */
  locate(docIndex: number, segments: readonly string[]): LocatedPath | undefined {
    let node = this.documents[docIndex];
    if (!node) return undefined;
    let keySpan: Span | undefined;
    // A file's facts are placed in order, so most paths share a long start with the one before
    // (`schema.0.properties.3.name`, then `….3.businessName`): the walk resumes where they part.
    const trail = this.trail;
    let i = 0;
    if (trail.docIndex === docIndex) {
      const common = Math.min(trail.segments.length, segments.length);
      while (i < common && trail.segments[i] === segments[i]) i++;
      if (i > 0) [node, keySpan] = [trail.nodes[i - 1]!, trail.keySpans[i - 1]];
    }
    trail.docIndex = docIndex;
    trail.segments.length = trail.nodes.length = trail.keySpans.length = i;
    for (; i < segments.length; i++) {
      const segment = segments[i]!;
      const here = this.found(node);
      if (here === undefined || here === null) return here === null ? { node: null, keySpan, complete: true } : undefined;
      if (here.kind === 'map') {
        const keys = this.keysOf(node);
        if (!keys) return undefined;
        const at = keys.get(segment);
        if (at === undefined) return { node: here, keySpan, complete: false };
        keySpan = this.scalarSpan(node.children[at]!);
        if (!keySpan) return undefined;
        node = node.children[at + 1]!;
      } else if (here.kind === 'seq') {
        if (node.children.length !== childrenOf(node.result)) return undefined;
        const item = node.children[Number(segment)];
        if (!item) return { node: here, keySpan, complete: false };
        keySpan = undefined;
        node = item;
      } else {
        return { node: here, keySpan, complete: false };
      }
      trail.segments.push(segment);
      trail.nodes.push(node);
      trail.keySpans.push(keySpan);
    }
    const last = this.found(node);
    return last === undefined ? undefined : { node: last, keySpan, complete: true };
  }

  /**
   * A map's keys, indexed once: a file with a 40,000-key map is asked for up to a thousand paths in it,
   * and a scan of its children per path took seconds. Null when the children are not a key and a value per entry.
   */
  private keysOf(node: QuickNode): Map<string, number> | null {
    if (node.keys !== undefined) return node.keys;
    node.keys = null;
    if (node.children.length !== childrenOf(node.result)) return null;
    const keys = new Map<string, number>();
    for (let i = 0; i < node.children.length; i += 2) {
      const key = String(node.children[i]!.result);
      if (!keys.has(key)) keys.set(key, i);
    }
    return (node.keys = keys);
  }

  /** A node as error messages describe it; null for an empty value, undefined when only the tree can tell. */
  private found(node: QuickNode): FoundNode | null | undefined {
    const start = this.start(node);
    // js-yaml reads a text without a final line break as if it had one: an empty value at the very end is the tree's to place.
    if (start >= this.text.length) return undefined;
    const first = this.text[start];
    // An alias's node shares its anchor's data and has no children of its own: the tree's to describe.
    if (first === '{' || first === '|' || first === '>' || first === '*') return undefined;
    const result = node.result;
    if (Array.isArray(result) || (typeof result === 'object' && result !== null)) {
      return { kind: Array.isArray(result) ? 'seq' : 'map', span: [start, this.end(node, start)] };
    }
    const span = this.scalarSpan(node);
    if (!span) return result == null ? null : undefined;
    return { kind: 'scalar', span, value: result, plain: first !== '"' && first !== "'" };
  }

  /** A plain or quoted scalar's span; undefined for collections, block scalars, aliases and empty values. */
  private scalarSpan(node: QuickNode): Span | undefined {
    if (typeof node.result === 'object' && node.result !== null) return undefined;
    const start = this.start(node);
    const first = this.text[start];
    if (first === '|' || first === '>' || first === '[' || first === '{' || first === '*') return undefined;
    const end = this.end(node, start);
    return end > start ? [start, end] : undefined;
  }

  /** Where a node's text ends: js-yaml closes it after the spaces that follow. */
  private end(node: QuickNode, start: number): number {
    let end = Math.min(node.close, this.text.length);
    while (end > start && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** Where a node's text starts: js-yaml opens it before the separating spaces, line breaks, comments and its anchor. */
  private start(node: QuickNode): number {
    const text = this.text;
    let at = node.open;
    while (at < node.close) {
      const c = text[at];
      if (c === '#') while (at < node.close && text[at] !== '\n') at++;
      else if (c === '&') while (at < node.close && !/[\s,[\]{}]/.test(text[at]!)) at++;
      else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') at++;
      else break;
    }
    return at;
  }
}
