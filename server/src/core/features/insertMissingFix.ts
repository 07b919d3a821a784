import { isMap, type Node, type YAMLMap } from 'yaml';
import { needsQuotes } from '../model/yaml11Traps';
import type { FixBuilder } from './codeActions';
import type { TextEdit } from './scalarEdit';
import { nodeAt } from './treePath';

/**
 * Inserts the missing required keys with placeholder values into the map the diagnostic's path names:
 * after its last entry at the indentation of its keys (block maps, also inside `- ` items), or before
 * the closing brace of a one-line flow map. Any other shape gets no fix rather than a guess.
 */
export const insertMissing: FixBuilder = (diagnostic, context) => {
  const data = diagnostic.data;
  const missing = data?.missing;
  if (!missing?.length || !data?.path) return [];
  const found = nodeAt(context.document, data.docIndex ?? 0, data.path);
  const map = found?.node;
  if (!isMap(map)) return [];
  const text = context.document.text;
  const entries = missing.map((name, i) => ({ name, value: safePlaceholder(data.placeholders?.[i]) }));
  const fix = (chosen: typeof entries, title: string, isPreferred: boolean) => {
    const edit = insertEntries(text, map, chosen);
    return edit ? [{ title, kind: 'quickfix' as const, isPreferred, diagnostic, edits: [{ uri: context.uri, ...edit }] }] : [];
  };
  if (data.missingAnyOne) return entries.flatMap((entry) => fix([entry], `Add '${entry.name}'`, false));
  const names = missing.map((m) => `'${m}'`).join(', ');
  return fix(entries, `Add missing ${missing.length === 1 ? 'property' : 'properties'} ${names}`, true);
};

/** A placeholder as the data gave it if it is one line of JSON (valid YAML in block and flow context alike), else `""`. */
function safePlaceholder(text: string | undefined): string {
  if (text === undefined || /[\r\n]/.test(text)) return '""';
  try {
    const value: unknown = JSON.parse(text);
    const empty = Array.isArray(value) ? value.length === 0 : value !== null && typeof value === 'object' ? Object.keys(value).length === 0 : true;
    return empty ? text : '""';
  } catch {
    return '""';
  }
}

interface Entry {
  name: string;
  value: string;
}

function insertEntries(text: string, map: YAMLMap, entries: Entry[]): TextEdit | undefined {
  const line = (e: Entry) => `${needsQuotes(e.name) ? JSON.stringify(e.name) : e.name}: ${e.value}`;
  if (map.flow) return insertInFlow(text, map, entries.map(line));
  const last = map.items[map.items.length - 1];
  const first = map.items[0]?.key as Node | null | undefined;
  const end = (last?.value as Node | null | undefined)?.range?.[1] ?? (last?.key as Node | null | undefined)?.range?.[1];
  if (!first?.range || end === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
  const before = text.slice(lineStart, first.range[0]);
  // Only spaces and the dashes of sequence items before the first key: its column is the map's indentation.
  if (!/^[ -]*$/.test(before)) return undefined;
  const indent = ' '.repeat(before.length);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // After the last line that has content (its comment included), not after the blank lines that follow it.
  let contentEnd = end;
  while (contentEnd > 0 && /\s/.test(text[contentEnd - 1]!)) contentEnd--;
  const newline = text.indexOf('\n', contentEnd);
  const at = newline === -1 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
  return { span: [at, at], newText: entries.map((e) => `${eol}${indent}${line(e)}`).join('') };
}

function insertInFlow(text: string, map: YAMLMap, lines: string[]): TextEdit | undefined {
  const range = map.range;
  if (!range) return undefined;
  const source = text.slice(range[0], range[1]);
  // One line, and ending in its own brace: then a ", key: value" before it cannot change anything else.
  if (/[\r\n]/.test(source) || !source.endsWith('}')) return undefined;
  let close = range[1] - 1;
  while (close > range[0] && text[close - 1] === ' ') close--;
  const empty = map.items.length === 0;
  const trailingComma = text[close - 1] === ',';
  const joined = lines.join(', ');
  const newText = empty ? joined : trailingComma ? ` ${joined}` : `, ${joined}`;
  return { span: [close, close], newText };
}
