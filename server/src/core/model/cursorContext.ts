import type { Span } from '../util/span';
import { RecentByText } from '../util/recentByText';

/**
 * Where the cursor is in a YAML text, read from the lines themselves so that it works while the file
 * does not parse (an unclosed quote above, a missing colon, a half-typed key): the path of keys and
 * list indexes from the root to the map (or list) the cursor is in, the keys that map already has,
 * and what is being typed. Only block style is understood; flow collections and block scalars
 * answer nothing.
 */
export interface CursorContext {
  /** The path from the document's root to the collection the cursor is in. */
  path: (string | number)[];
  /** What each level holds as far as the lines tell (scalar values by key); index 0 is the root, i + 1 follows path[i]. */
  samples: (Record<string, unknown> | undefined)[];
  /**
   * `key`: a key of the map at `path` is being typed; `value`: the value of `key` in that map;
   * `item`: a list item of the list at `path` right after `- ` (a scalar, or the first key of a map).
   */
  kind: 'key' | 'value' | 'item';
  /** For `value`: the key whose value is typed. */
  key?: string;
  /** Keys the map at the cursor already has (the one being typed excluded). */
  present: Set<string>;
  /** What the completion replaces: the word (or value) typed so far. */
  span: Span;
  /** The text typed so far, without an opening quote. */
  typed: string;
  /** The quote the value opens with, if any. */
  quote?: '"' | "'";
  /** The column keys of the cursor's map start at (for `item`, the column after `- `). */
  column: number;
  /** Whether the rest of the line after the cursor's word is empty (follow-up lines may be inserted). */
  lineEnds: boolean;
  /** Whether a key typed here already has its colon (then only the name is replaced). */
  hasColon: boolean;
  /** Offsets of the first and last line of the YAML document the cursor is in. */
  documentLines: [number, number];
}

interface Token {
  col: number;
  kind: 'dash' | 'key' | 'scalar';
  key?: string;
  /** A key's inline value as written, comment removed ('' when none). */
  value?: string;
}

const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]},&*!|>%@`-][^#]*?|-[^\s#][^#]*?))[ \t]*:(?=[ \t]|$)/;

/** The structure of one line: its list dashes, then a key (with its inline value) or a scalar. */
export function lineTokens(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  for (;;) {
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
      tokens.push({ col: i, kind: 'dash' });
      i++;
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
      continue;
    }
    break;
  }
  if (i >= line.length || line[i] === '#') return tokens;
  const rest = line.slice(i);
  const key = KEY.exec(rest);
  if (key) {
    const name = key[1] !== undefined ? key[1].replace(/\\(.)/g, '$1') : key[2] !== undefined ? key[2].replace(/''/g, "'") : key[3]!;
    const value = stripComment(rest.slice(key[0].length + 1)).trim();
    tokens.push({ col: i, kind: 'key', key: name, value });
  } else {
    tokens.push({ col: i, kind: 'scalar', value: stripComment(rest).trim() });
  }
  return tokens;
}

function stripComment(text: string): string {
  if (/^\s*["']/.test(text)) return text;
  const hash = text.search(/(?:^|\s)#/);
  return hash < 0 ? text : text.slice(0, hash);
}

/** A scalar as YAML's core schema reads it, near enough for judging conditions (`type: snowflake`). */
export function scalarOf(written: string): unknown {
  if (/^".*"$/.test(written)) return written.slice(1, -1);
  if (/^'.*'$/.test(written)) return written.slice(1, -1).replace(/''/g, "'");
  if (/^(?:true|True|TRUE)$/.test(written)) return true;
  if (/^(?:false|False|FALSE)$/.test(written)) return false;
  if (/^(?:null|Null|NULL|~)?$/.test(written)) return null;
  if (/^[-+]?\d+$/.test(written)) return Number(written);
  if (/^[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(written)) return Number(written);
  return written;
}

/** How a file indents: spaces per level, and whether list dashes sit under their key (`key:\n- a`). */
export interface IndentStyle {
  unit: number;
  compactLists: boolean;
}

/**
 * A text's lines, each line's tokens read on first need: what reading the cursor's context needs.
 * One per version of a document (see `LinesCache`), so requests on the same text share it.
 */
export class TextLines {
  readonly starts: number[] = [0];
  private readonly cache = new Map<number, Token[]>();
  private indentStyle: IndentStyle | undefined;

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  line(i: number): string {
    const end = i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : this.text.length;
    const line = this.text.slice(this.starts[i], end);
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  tokens(i: number): Token[] {
    let tokens = this.cache.get(i);
    if (!tokens) this.cache.set(i, (tokens = lineTokens(this.line(i))));
    return tokens;
  }

  private indents: Int32Array | undefined;
  private separators: number[] = [];

  /**
   * The column of a line's first token (-1 for a blank or comment line), for every line at once on
   * first need: most lines of a large file are deeper than the level a request looks at, and are
   * skipped without being read again.
   */
  indent(i: number): number {
    if (!this.indents) this.measure();
    return this.indents![i]!;
  }

  private measure(): void {
    const text = this.text;
    const indents = new Int32Array(this.starts.length);
    for (let i = 0; i < this.starts.length; i++) {
      const start = this.starts[i]!;
      let at = start;
      while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
      const ch = text.charCodeAt(at);
      indents[i] = Number.isNaN(ch) || ch === 10 || ch === 13 || ch === 35 ? -1 : at - start;
      if (at === start && (text.startsWith('---', start) || text.startsWith('...', start)) && /^(?:---|\.\.\.)(?:\s|$)/.test(this.line(i))) this.separators.push(i);
    }
    this.indents = indents;
  }

  /** The first and last line of the YAML document that holds line `i` (between `---` separators). */
  documentAround(i: number): [number, number] {
    if (!this.indents) this.measure();
    let first = 0;
    let last = this.starts.length - 1;
    for (const separator of this.separators) {
      if (separator < i) first = separator + 1;
      else if (separator > i) {
        last = separator - 1;
        break;
      }
    }
    return [first, last];
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The file's own indentation, from the first lines that show it. */
  get style(): IndentStyle {
    if (!this.indentStyle) {
      let unit: number | undefined;
      let compactLists: boolean | undefined;
      let previous: { indent: number; opensBlock: boolean } | undefined;
      for (let i = 0; i < this.count && i < 5000 && (unit === undefined || compactLists === undefined); i++) {
        const indent = this.indent(i);
        if (indent < 0) continue;
        const tokens = this.tokens(i);
        const isDash = tokens[0]?.kind === 'dash';
        if (previous?.opensBlock) {
          if (isDash && compactLists === undefined) compactLists = indent === previous.indent;
          if (!isDash && indent > previous.indent && unit === undefined) unit = indent - previous.indent;
        }
        const last = tokens[tokens.length - 1];
        previous = { indent: last?.col ?? indent, opensBlock: last?.kind === 'key' && last.value === '' };
      }
      this.indentStyle = { unit: unit && unit <= 8 ? unit : 2, compactLists: compactLists ?? false };
    }
    return this.indentStyle;
  }

}

/** One step of the path, from inside out: a key of a map at `col`, or an item of a list at `col`. */
interface Step {
  segment: string | number;
  col: number;
  line: number;
}

/** The cursor's context, or undefined where it is in a block scalar, a flow collection or a comment. */
export function cursorContext(source: string | TextLines, offset: number, options: { keepLine?: boolean } = {}): CursorContext | undefined {
  const lines = typeof source === 'string' ? new TextLines(source) : source;
  const text = lines.text;
  const lineIndex = lines.lineOf(Math.min(Math.max(0, offset), text.length));
  const lineStart = lines.starts[lineIndex]!;
  const lineText = lines.line(lineIndex);
  const cursorCol = Math.min(offset - lineStart, lineText.length);
  const before = lineText.slice(0, cursorCol);
  const after = lineText.slice(cursorCol);
  if (/(?:^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, '""'))) return undefined;

  const [first, last] = lines.documentAround(lineIndex);

  // The cursor line up to the cursor: list dashes, then a key being typed or a value after `key:`.
  const head = lineTokens(before);
  const dashes = head.filter((t) => t.kind === 'dash');
  let contentCol = dashes.length > 0 ? dashes[dashes.length - 1]!.col + 2 : cursorCol;
  const content = head.find((t) => t.kind !== 'dash');
  if (content) contentCol = content.col;
  else if (dashes.length > 0) contentCol = Math.min(cursorCol, dashes[dashes.length - 1]!.col + 2);
  else contentCol = before.length - before.trimStart().length;

  let kind: CursorContext['kind'];
  let key: string | undefined;
  let typedStart: number;
  let quote: '"' | "'" | undefined;
  const wordAfter = /^[^\s:#,'"]*/.exec(after)![0];
  let hasColon = false;
  if (content?.kind === 'key') {
    kind = 'value';
    key = content.key;
    const colon = before.indexOf(':', content.col + (lineText[content.col] === '"' || lineText[content.col] === "'" ? content.key!.length + 2 : 0));
    let start = colon + 1;
    while (start < before.length && before[start] === ' ') start++;
    if (before[start] === '"' || before[start] === "'") {
      quote = before[start] as '"' | "'";
      start++;
    }
    if (/^[[{|>&*!]/.test(before.slice(start))) return undefined;
    typedStart = start;
  } else {
    const typed = before.slice(contentCol);
    if (/^["']/.test(typed)) {
      quote = typed[0] as '"' | "'";
      typedStart = contentCol + 1;
    } else typedStart = contentCol;
    if (/[[{]/.test(typed)) return undefined;
    kind = dashes.length > 0 && content === undefined ? 'item' : dashes.length > 0 && contentCol === dashes[dashes.length - 1]!.col + 2 ? 'item' : 'key';
    hasColon = /^[^\s#'"]*[ \t]*:(?:\s|$)/.test(after);
  }
  const typed = before.slice(typedStart);
  const spanEnd = lineStart + cursorCol + (quote ? /^[^'"]*/.exec(after)![0].length : wordAfter.length);
  const closing = quote && after.slice(spanEnd - lineStart - cursorCol).startsWith(quote) ? 1 : 0;
  const lineEnds = after.slice(spanEnd - lineStart - cursorCol + closing).trim() === '';

  // The steps on the cursor's own line: each dash is a list item.
  const steps: Step[] = [];
  const keyCol = kind === 'value' ? content!.col : contentCol;
  for (let d = dashes.length - 1; d >= 0; d--) steps.push({ segment: 0, col: dashes[d]!.col, line: lineIndex });
  // Where the cursor's map really has its keys, when the cursor's line is indented wrongly.
  const mapCol = { col: keyCol };
  const inner = walkUp(lines, lineIndex, first, dashes.length > 0 ? { kind: 'seq', col: dashes[0]!.col } : { kind: 'map', col: keyCol }, steps, mapCol);
  if (inner === undefined) return undefined;

  // In a map being typed into, the last dash's item is the map; for `item`, the path ends at the list.
  const outerToInner = steps.reverse();
  const path = outerToInner.map((s) => s.segment);
  if (kind === 'item') path.pop();
  // The containers along the path: each map level's keys read around the line where the walk met it.
  const root = steps.length === 0 ? { col: mapCol.col, line: lineIndex, isMap: true } : { col: inner.col, line: inner.line, isMap: inner.kind === 'map' };
  const containers: { col: number; line: number; isMap: boolean }[] = [root];
  for (let i = 0; i < outerToInner.length; i++) {
    const next = outerToInner[i + 1];
    containers.push(next ? { col: next.col, line: next.line, isMap: typeof next.segment === 'string' } : { col: mapCol.col, line: lineIndex, isMap: true });
  }
  if (kind === 'item') containers.pop();
  const samples = containers.map((c) => (c.isMap ? mapSample(lines, c.line, c.col, first, last, options.keepLine ? -1 : lineIndex) : undefined));
  const present = new Set(kind === 'item' ? [] : Object.keys(samples[samples.length - 1] ?? {}));
  return {
    path,
    samples,
    kind,
    ...(key !== undefined ? { key } : {}),
    present,
    span: [lineStart + typedStart, spanEnd],
    typed,
    ...(quote ? { quote } : {}),
    column: keyCol,
    lineEnds,
    hasColon,
    documentLines: [first, last],
  };
}

type Want = { kind: 'map' | 'seq'; col: number };

/**
 * Walks up from the cursor's line to the document's first line, adding a step for each collection
 * that contains the cursor. Returns the outermost container met (the root), or undefined when the
 * cursor is inside a block scalar.
 */
function walkUp(lines: TextLines, from: number, first: number, start: Want, steps: Step[], reindented: { col: number }): (Want & { line: number }) | undefined {
  const stepsAtStart = steps.length;
  let want = start;
  let wantLine = from;
  let direct = true;
  for (let i = from - 1; i >= first; i--) {
    const indent = lines.indent(i);
    if (indent < 0) continue;
    // A line deeper than the collection looked for holds nothing of its owner's.
    if (want.kind === 'map' ? indent >= want.col : indent > want.col) {
      direct = false;
      continue;
    }
    const tokens = lines.tokens(i);
    if (tokens.length === 0) continue;
    let owner = -1;
    if (want.kind === 'map') {
      for (let t = tokens.length - 1; t >= 0; t--) if (tokens[t]!.col < want.col) (owner = owner < 0 ? t : owner);
      if (owner < 0) {
        direct = false;
        continue;
      }
      const token = tokens[owner]!;
      if (token.kind === 'scalar') {
        direct = false;
        continue;
      }
      if (token.kind === 'key' && token.value !== '' && !/^[&!]/.test(token.value!)) {
        // A block scalar's text, when nothing came between it and the cursor.
        if (/^[|>]/.test(token.value!)) {
          if (direct) return undefined;
          continue;
        }
        // A key with a value, less indented than the map: the map is wrongly indented; read it as this key's.
        if (steps.length === stepsAtStart) reindented.col = token.col;
        want = { kind: 'map', col: token.col };
        wantLine = i;
        direct = false;
        continue;
      }
    } else {
      const sibling = tokens.findIndex((t) => t.kind === 'dash' && t.col === want.col);
      if (sibling >= 0) {
        const step = steps[steps.length - 1];
        if (step && typeof step.segment === 'number') step.segment++;
        owner = sibling - 1;
        if (owner < 0) {
          direct = false;
          continue;
        }
      } else {
        for (let t = tokens.length - 1; t >= 0; t--) {
          const tok = tokens[t]!;
          if (tok.col < want.col || (tok.kind === 'key' && tok.col === want.col)) {
            owner = t;
            break;
          }
        }
        if (owner < 0) {
          direct = false;
          continue;
        }
        if (tokens[owner]!.kind === 'scalar') {
          direct = false;
          continue;
        }
      }
    }
    // tokens[0..owner] contain the cursor: a key, then the items its map is in.
    for (let t = owner; t >= 0; t--) {
      const token = tokens[t]!;
      steps.push({ segment: token.kind === 'key' ? token.key! : 0, col: token.col, line: i });
    }
    want = { kind: tokens[0]!.kind === 'key' ? 'map' : 'seq', col: tokens[0]!.col };
    wantLine = i;
    direct = false;
  }
  return { ...want, line: wantLine };
}

/** The keys of the map whose keys are at `col` around line `at`, with their scalar values. */
function mapSample(lines: TextLines, at: number, col: number, first: number, last: number, skip: number): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  const take = (i: number): 'stop' | 'go' | 'last' => {
    const indent = lines.indent(i);
    if (indent < 0 || indent > col) return 'go';
    const tokens = lines.tokens(i);
    if (tokens.length === 0) return 'go';
    const here = tokens.find((t) => t.col === col);
    const outer = tokens[0]!.col < col;
    if (here?.kind === 'key' && i !== skip) sample[here.key!] = here.value === '' ? {} : scalarOf(here.value!);
    if (outer) return here ? 'last' : 'stop';
    return 'go';
  };
  const own = take(at);
  if (own !== 'last' && own !== 'stop') {
    for (let i = at - 1; i >= first; i--) {
      const r = take(i);
      if (r !== 'go') break;
    }
  }
  for (let i = at + 1; i <= last; i++) {
    const indent = lines.indent(i);
    if (indent >= 0 && indent < col) break;
    take(i);
  }
  return sample;
}

/** The lines of the last few texts asked about: a document's version is read once, whatever is asked of it. */
export class LinesCache {
  private readonly recent = new RecentByText(4, (text) => new TextLines(text));

  get(text: string): TextLines {
    return this.recent.get(text);
  }
}
