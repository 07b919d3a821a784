import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { HAS_ALIAS } from './quickRead';

type Span = [number, number];

/** A node as js-yaml's listener saw it: where it opened and closed, and what it read. */
interface QuickNode {
  open: number;
  close: number;
  result: unknown;
  children: QuickNode[];
}

// Anchors, tags, explicit keys and merge keys change what a node's position means; such files use the tree.
const UNUSUAL = /(?:^|[\s[{,:-])[&!]|^\s*\?\s|<<\s*:/m;

/**
 * Spans of plain and quoted scalars and of map keys, from js-yaml's listener instead of a `yaml`
 * syntax tree: about ten times faster, for the few ranges a clean file needs (its cross-file findings).
 * It answers only where its span is certainly the tree's; `span` is undefined for anything else
 * (collections, block scalars, empty values, flow maps), and the caller asks the tree.
 */
export class QuickSpans {
  private constructor(
    private readonly text: string,
    private readonly documents: QuickNode[],
  ) {}

  /** Undefined when the text cannot be read this way (a syntax error, aliases, anchors, tags, explicit or merge keys). */
  static of(text: string): QuickSpans | undefined {
    if (HAS_ALIAS.test(text) || UNUSUAL.test(text)) return undefined;
    const documents: QuickNode[] = [];
    const stack: QuickNode[] = [];
    // js-yaml drops a byte order mark before reading, so its positions are one short.
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    try {
      loadAll(text, undefined, {
        schema: CORE_SCHEMA,
        listener(event, state) {
          if (event === 'open') {
            const node: QuickNode = { open: state.position + shift, close: state.position + shift, result: undefined, children: [] };
            (stack.length > 0 ? stack[stack.length - 1]!.children : documents).push(node);
            stack.push(node);
          } else {
            const node = stack.pop()!;
            node.close = state.position + shift;
            node.result = state.result;
            // Before `---` a map tries one more key and finds nothing.
            const last = node.children[node.children.length - 1];
            if (last && last.open === last.close && last.result == null) node.children.pop();
          }
        },
      });
    } catch {
      return undefined;
    }
    return new QuickSpans(text, documents);
  }

  /** The span of the scalar at a path (of its key, with `key`), or undefined when only the tree can tell. */
  span(docIndex: number, path: readonly (string | number)[], key = false): Span | undefined {
    let node = this.documents[docIndex];
    let keyNode: QuickNode | undefined;
    for (const segment of path) {
      // Flow sequences of scalars (`related: [a, b]`) are common and simple; flow maps are left to the tree.
      if (!node || this.text[this.start(node)] === '{') return undefined;
      const result = node.result;
      if (Array.isArray(result)) {
        // One child per item, or the reading is not what it seems.
        if (node.children.length !== result.length) return undefined;
        node = node.children[Number(segment)];
        keyNode = undefined;
      } else if (typeof result === 'object' && result !== null) {
        // Key, value, key, value: one pair per key read, or the reading is not what it seems.
        if (node.children.length !== 2 * Object.keys(result).length) return undefined;
        const at = node.children.findIndex((child, i) => i % 2 === 0 && String(child.result) === String(segment));
        if (at < 0) return undefined;
        keyNode = node.children[at];
        node = node.children[at + 1];
      } else {
        return undefined;
      }
    }
    const target = key ? keyNode : node;
    return target && this.scalarSpan(target);
  }

  /** A plain or quoted scalar's span; undefined for collections, block scalars and empty values. */
  private scalarSpan(node: QuickNode): Span | undefined {
    if (typeof node.result === 'object' && node.result !== null) return undefined;
    const start = this.start(node);
    const first = this.text[start];
    if (first === '|' || first === '>' || first === '[' || first === '{') return undefined;
    let end = node.close;
    while (end > start && /\s/.test(this.text[end - 1]!)) end--;
    return end > start ? [start, end] : undefined;
  }

  /** Where a node's text starts: js-yaml opens it before the separating spaces, line breaks and comments. */
  private start(node: QuickNode): number {
    const text = this.text;
    let at = node.open;
    while (at < node.close) {
      const c = text[at];
      if (c === '#') while (at < node.close && text[at] !== '\n') at++;
      else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') at++;
      else break;
    }
    return at;
  }
}
