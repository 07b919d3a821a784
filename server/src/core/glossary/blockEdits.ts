import { isMap, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SourceText } from '../model/sourceText';
import { locate } from '../model/yamlLocate';
import type { Span } from '../util/span';
import type { Path } from '../workspace/meshFacts';

/**
 * Insertions into block-style YAML that change nothing but the place they insert at: a key added
 * at the end of a map, an item at the end of a list, each at the indentation already used there and
 * after the last line of what it extends (so a trailing comment stays where it was). Flow collections
 * (`{…}`, `[…]`) are declined: they cannot take a block without rewriting them.
 */

/** An insertion: empty span at the offset, and the text that goes there. */
export interface Insertion {
  span: Span;
  newText: string;
}

/** The block map at a path of a document, or undefined when it is not one. */
export function blockMapAt(source: SourceText, docIndex: number, path: Path): YAMLMap | undefined {
  const doc = source.tree().yaml.documents[docIndex];
  if (!doc) return undefined;
  const node = path.length === 0 ? (doc.contents as Node | null) : locate(doc, path.map(String)).node;
  return isMap(node) && !node.flow && node.items.length > 0 && node.range ? node : undefined;
}

/** The value of a key in a block map, when it is a block list with items. */
export function blockSeqOf(map: YAMLMap, key: string): YAMLSeq | undefined {
  const pair = map.items.find((p) => (p.key as { value?: unknown } | null)?.value === key) as Pair | undefined;
  const value = pair?.value as Node | null | undefined;
  return isSeq(value) && !value.flow && value.items.length > 0 && value.range ? value : undefined;
}

/** Whether a map has a key. */
export function hasKey(map: YAMLMap, key: string): boolean {
  return map.items.some((p) => (p.key as { value?: unknown } | null)?.value === key);
}

/** `key: value` lines (already indented relative to the key) added as the map's last entry. */
export function appendToMap(text: string, map: YAMLMap, lines: string[]): Insertion | undefined {
  const first = map.items[0]?.key as Node | null | undefined;
  if (!first?.range) return undefined;
  const indent = ' '.repeat(columnOf(text, first.range[0]));
  return insertAfter(text, map.range![1], lines.map((l) => indent + l));
}

/** An item (its lines, the first one after `- `) added as the list's last item, with the list's dash indentation. */
export function appendToSeq(text: string, seq: YAMLSeq, itemLines: string[]): Insertion | undefined {
  const first = seq.items[0] as Node | null | undefined;
  if (!first?.range) return undefined;
  const dash = text.lastIndexOf('-', first.range[0]);
  if (dash < 0 || text.slice(dash + 1, first.range[0]).trim() !== '' || text.slice(lineStart(text, dash), dash).trim() !== '') return undefined;
  const indent = ' '.repeat(columnOf(text, dash));
  const lines = itemLines.map((line, i) => (i === 0 ? `${indent}- ${line}` : `${indent}  ${line}`));
  return insertAfter(text, seq.range![1], lines);
}

/** Lines inserted after the last line of the content that ends at `end` (its trailing comment included). */
function insertAfter(text: string, end: number, lines: string[]): Insertion {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline === -1 ? text.length : newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { span: [lineEnd, lineEnd], newText: lines.map((l) => eol + l).join('') };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** A value as a YAML scalar: plain when every YAML reader reads it back as this very string, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  const plain =
    /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/[\u0000-\u001f\u007f]|: |:$| #|\s$/.test(value) &&
    !/^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?\.?\d*(?:e[-+]?\d+)?|[-+]?\.(?:inf|nan)|0x[\da-f]+|0o[0-7]+|[\d:]+)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** `value` written where a scalar's text was: escaped for the quotes around it, else as a scalar of its own. */
export function scalarReplacement(text: string, [start, end]: Span, value: string): string {
  const before = text[start - 1];
  // A term id after `#` inside a link: ids are plain in any scalar.
  if (before === '#') return value;
  if (before === '"' && text[end] === '"') return JSON.stringify(value).slice(1, -1);
  if (before === "'" && text[end] === "'") return value.replace(/'/g, "''");
  return yamlScalar(value);
}
