import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { YamlDocument } from './parseYaml';
import type { Span } from '../util/span';

/** What a JSON-pointer path found in the YAML tree: the deepest node reached and the pair that holds it. */
export interface Located {
  node: Node | null;
  /** The map entry whose value is `node`, when `node` sits in a map. */
  pair: Pair | undefined;
  /** True when every segment of the path was found. */
  complete: boolean;
}


/** A value as an error message describes it, from the syntax tree or from a quick read. */
export interface FoundNode {
  kind: 'scalar' | 'map' | 'seq' | 'other';
  span: Span;
  /** A scalar's value. */
  value?: unknown;
  /** A scalar written without quotes. */
  plain?: boolean;
}

/** What a path found, independent of how the text was read: the deepest value and the key that holds it. */
export interface LocatedPath {
  /** Null for an empty value (`key:` and nothing after it). */
  node: FoundNode | null;
  keySpan: Span | undefined;
  complete: boolean;
}

export type PathLocator = (segments: readonly string[]) => LocatedPath;

/** Finds nodes by JSON-pointer path in one document; large maps get a key index on first use. */
export type Locator = (segments: readonly string[]) => Located;

// Below this size a linear scan is as fast as building an index.
const INDEX_THRESHOLD = 16;

export function createLocator(doc: YamlDocument): Locator {
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, segment: string): Pair | undefined => {
    if (map.items.length < INDEX_THRESHOLD) return map.items.find((item) => keyText(item) === segment);
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        const key = keyText(item);
        if (key !== undefined && !index.has(key)) index.set(key, item);
      }
      indexes.set(map, index);
    }
    return index.get(segment);
  };
  return (segments) => {
    let node = doc.contents as Node | null;
    let pair: Pair | undefined;
    for (const segment of segments) {
      if (isMap(node)) {
        const found = pairOf(node, segment);
        if (!found) return { node, pair, complete: false };
        pair = found;
        node = (found.value as Node | null) ?? null;
        if (node === null) return { node: null, pair, complete: true };
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (item === undefined) return { node, pair, complete: false };
        pair = undefined;
        node = item;
      } else {
        return { node, pair, complete: false };
      }
    }
    return { node, pair, complete: true };
  };
}

/** One-off lookup; for many lookups in one document use `createLocator`. */
export function locate(doc: YamlDocument, segments: readonly string[]): Located {
  return createLocator(doc)(segments);
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

/** Decodes an ajv `instancePath` (`/schema/0/name`) into segments. */
/** Offsets [start, end) of a node's own text, without trailing comments or blank lines. */
export function nodeSpan(node: Node): [number, number] {
  const range = node.range;
  return range ? [range[0], range[1]] : [0, 0];
}

/** The offsets of the key of a pair, or undefined for a null or composite key. */
export function keySpan(pair: Pair): [number, number] | undefined {
  const key = pair.key as Node | null;
  return key && key.range ? [key.range[0], key.range[1]] : undefined;
}

/** The first line of a span: big maps and lists are marked by their first line, not wholesale. */
export function firstLine(text: string, [start, end]: [number, number]): [number, number] {
  const newline = text.indexOf('\n', start);
  const lineEnd = newline === -1 ? text.length : newline;
  const stop = Math.min(end, lineEnd);
  return [start, stop > start ? stop : Math.min(text.length, start + 1)];
}
