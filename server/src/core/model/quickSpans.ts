import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { isTooDeep } from './nestingDepth';
import type { FoundNode, LocatedPath } from './yamlLocate';
import { RecentByText } from '../util/recentByText';
import type { Span } from '../util/span';

// The nodes js-yaml's listener saw are numbered in the order they opened; a node's subtree is the
// numbers after it up to its END, and its children follow each other: the first is the node's
// number plus one, the next one starts after the END of the one before. Their numbers sit side by
// side in one array, STRIDE to a node. (An object per node, with a list of its children, made the
// read twice as slow as js-yaml alone: most of the time went to the garbage collector.)
const OPEN = 0; // where js-yaml opened it
const CLOSE = 1; // where it closed it
const PARENT = 2; // the node it is in; -1 for a document's
const LAST = 3; // its last child so far; -1 for none
const COUNT = 4; // how many children it has
const END = 5; // the last node of its subtree
const STRIDE = 6;

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
  /** Each node's children, listed on first need (only the nodes on a path asked for). */
  private readonly childLists = new Map<number, number[]>();
  /** A map's key → the index of its key child, built on the first lookup; null when the children do not match the data. */
  private readonly keyIndexes = new Map<number, Map<string, number> | null>();

  private constructor(
    readonly text: string,
    /** The nodes' numbers, STRIDE to a node. */
    private readonly nodes: readonly number[],
    /** What js-yaml read for each node. */
    private readonly results: readonly unknown[],
    /** The node of each YAML document. */
    private readonly documents: readonly number[],
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
    const nodes: number[] = [];
    const results: unknown[] = [];
    const documents: number[] = [];
    let open = -1;
    // js-yaml drops a byte order mark before reading, so its positions are one short.
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let data: unknown[];
    try {
      data = loadAll(text, undefined, {
        schema: CORE_SCHEMA,
        listener(event, state) {
          if (event === 'open') {
            const node = results.length;
            const at = state.position + shift;
            nodes.push(at, at, open, -1, 0, node);
            results.push(undefined);
            if (open < 0) documents.push(node);
            else {
              nodes[open * STRIDE + LAST] = node;
              nodes[open * STRIDE + COUNT]++;
            }
            open = node;
          } else {
            const node = open;
            const base = node * STRIDE;
            nodes[base + CLOSE] = state.position + shift;
            nodes[base + END] = results.length - 1;
            results[node] = state.result;
            open = nodes[base + PARENT]!;
            // Before `---` a map tries one more key and finds nothing: one empty child too many.
            const last = nodes[base + LAST]!;
            if (last >= 0 && nodes[last * STRIDE + OPEN] === nodes[last * STRIDE + CLOSE] && results[last] == null && nodes[base + COUNT] === childrenOf(state.result) + 1) nodes[base + COUNT]--;
          }
        },
      });
    } catch {
      return undefined;
    }
    return new QuickSpans(text, nodes, results, documents, data);
  }

  /** The steps of the last walk that went through: after segment i, the node reached and the key holding it. */
  private readonly trail = { docIndex: -1, segments: [] as string[], nodes: [] as number[], keySpans: [] as (Span | undefined)[] };

  /**
   * The span of the scalar at a path, and then `last` when given (of its key, with `key`), or
   * undefined when only the tree can tell.
   */
  span(docIndex: number, path: readonly (string | number)[], key = false, last?: string): Span | undefined {
    const found = this.locate(docIndex, path, last);
    if (!found?.complete) return undefined;
    if (key) return found.keySpan;
    return found.node?.kind === 'scalar' ? found.node.span : undefined;
  }

  /**
   * What a path finds, as the tree's locator would report it: the deepest value reached and the key
   * holding it. Undefined when only the tree can tell (a flow map, a block scalar or an alias on the
   * way or at the end). The path is `segments`, and then `last` when given (no array made for it).
   */
  locate(docIndex: number, segments: readonly (string | number)[], last?: string): LocatedPath | undefined {
    let node = this.documents[docIndex];
    if (node === undefined) return undefined;
    let keySpan: Span | undefined;
    // A file's facts are placed in order, so most paths share a long start with the one before
    // (`schema.0.properties.3.name`, then `….3.businessName`): the walk resumes where they part.
    const trail = this.trail;
    const length = last === undefined ? segments.length : segments.length + 1;
    const segmentAt = (i: number) => (i < segments.length ? String(segments[i]) : last!);
    let i = 0;
    if (trail.docIndex === docIndex) {
      const common = Math.min(trail.segments.length, length);
      while (i < common && trail.segments[i] === segmentAt(i)) i++;
      if (i > 0) [node, keySpan] = [trail.nodes[i - 1]!, trail.keySpans[i - 1]];
    }
    trail.docIndex = docIndex;
    trail.segments.length = trail.nodes.length = trail.keySpans.length = i;
    for (; i < length; i++) {
      const segment = segmentAt(i);
      const here = this.found(node);
      if (here === undefined || here === null) return here === null ? { node: null, keySpan, complete: true } : undefined;
      if (here.kind === 'map') {
        const keys = this.keysOf(node);
        if (!keys) return undefined;
        const at = keys.get(segment);
        if (at === undefined) return { node: here, keySpan, complete: false };
        const children = this.children(node);
        keySpan = this.scalarSpan(children[at]!);
        if (!keySpan) return undefined;
        node = children[at + 1]!;
      } else if (here.kind === 'seq') {
        if (this.nodes[node * STRIDE + COUNT] !== childrenOf(this.results[node])) return undefined;
        const item = this.children(node)[Number(segment)];
        if (item === undefined) return { node: here, keySpan, complete: false };
        keySpan = undefined;
        node = item;
      } else {
        return { node: here, keySpan, complete: false };
      }
      trail.segments.push(segment);
      trail.nodes.push(node);
      trail.keySpans.push(keySpan);
    }
    const reached = this.found(node);
    return reached === undefined ? undefined : { node: reached, keySpan, complete: true };
  }

  /** A node's children, in order: each starts after the subtree of the one before. */
  private children(node: number): number[] {
    let list = this.childLists.get(node);
    if (list) return list;
    list = [];
    const count = this.nodes[node * STRIDE + COUNT]!;
    for (let child = node + 1; list.length < count; child = this.nodes[child * STRIDE + END]! + 1) list.push(child);
    this.childLists.set(node, list);
    return list;
  }

  /**
   * A map's keys, indexed once: a file with a 40,000-key map is asked for up to a thousand paths in it,
   * and a scan of its children per path took seconds. Null when the children are not a key and a value per entry.
   */
  private keysOf(node: number): Map<string, number> | null {
    const known = this.keyIndexes.get(node);
    if (known !== undefined) return known;
    let keys: Map<string, number> | null = null;
    if (this.nodes[node * STRIDE + COUNT] === childrenOf(this.results[node])) {
      keys = new Map<string, number>();
      const children = this.children(node);
      for (let i = 0; i < children.length; i += 2) {
        const key = String(this.results[children[i]!]);
        if (!keys.has(key)) keys.set(key, i);
      }
    }
    this.keyIndexes.set(node, keys);
    return keys;
  }

  /** A node as error messages describe it; null for an empty value, undefined when only the tree can tell. */
  private found(node: number): FoundNode | null | undefined {
    const start = this.start(node);
    // js-yaml reads a text without a final line break as if it had one: an empty value at the very end is the tree's to place.
    if (start >= this.text.length) return undefined;
    const first = this.text[start];
    // An alias's node shares its anchor's data and has no children of its own: the tree's to describe.
    if (first === '{' || first === '|' || first === '>' || first === '*') return undefined;
    const result = this.results[node];
    if (Array.isArray(result) || (typeof result === 'object' && result !== null)) {
      return { kind: Array.isArray(result) ? 'seq' : 'map', span: [start, this.end(node, start)] };
    }
    const span = this.scalarSpan(node);
    if (!span) return result == null ? null : undefined;
    return { kind: 'scalar', span, value: result, plain: first !== '"' && first !== "'" };
  }

  /** A plain or quoted scalar's span; undefined for collections, block scalars, aliases and empty values. */
  private scalarSpan(node: number): Span | undefined {
    const result = this.results[node];
    if (typeof result === 'object' && result !== null) return undefined;
    const start = this.start(node);
    const first = this.text[start];
    if (first === '|' || first === '>' || first === '[' || first === '{' || first === '*') return undefined;
    const end = this.end(node, start);
    return end > start ? [start, end] : undefined;
  }

  /** Where a node's text ends: js-yaml closes it after the spaces that follow. */
  private end(node: number, start: number): number {
    let end = Math.min(this.nodes[node * STRIDE + CLOSE]!, this.text.length);
    while (end > start && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** Where a node's text starts: js-yaml opens it before the separating spaces, line breaks, comments and its anchor. */
  private start(node: number): number {
    const text = this.text;
    const close = this.nodes[node * STRIDE + CLOSE]!;
    let at = this.nodes[node * STRIDE + OPEN]!;
    while (at < close) {
      const c = text[at];
      if (c === '#') while (at < close && text[at] !== '\n') at++;
      else if (c === '&') while (at < close && !/[\s,[\]{}]/.test(text[at]!)) at++;
      else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') at++;
      else break;
    }
    return at;
  }
}
