import { type MeshDiagnostic, Severity } from './diagnostic';
import { RecentByText } from '../util/recentByText';

/**
 * The deepest nesting a file may have before it is parsed. Both parsers recurse once per level, and
 * `yaml` aborts the whole process (V8's uncatchable "RegExpCompiler Allocation failed") after a few
 * parses of about 1,000 levels, or fewer on a worker's smaller stack. Real files nest far less: the
 * deepest official ODCS/ODPS example is about 10 levels, a JSON Schema embedded in a contract rarely
 * 30, so 100 is generous and still an order of magnitude from the crash.
 */
export const MAX_NESTING_DEPTH = 100;

export interface Nesting {
  /** The deepest level: open block maps and lists plus open flow collections. */
  depth: number;
  /** Where the nesting first goes past the limit; -1 when it never does. */
  offset: number;
}

/** Whether a text must not be given to a parser. */
export function isTooDeep(text: string): boolean {
  return DECIDED.get(text);
}

/** The finding for a file nested deeper than the limit, which is then not parsed at all. */
export function tooDeep(text: string): MeshDiagnostic | undefined {
  if (!isTooDeep(text)) return undefined;
  const { depth, offset } = measureNesting(text);
  if (offset < 0) return undefined;
  return {
    start: offset,
    end: Math.min(offset + 1, text.length),
    severity: Severity.Error,
    code: 'limit/too-deep',
    message: `This file is nested ${depth.toLocaleString('en-US')} levels deep; the limit is ${MAX_NESTING_DEPTH}, so it is not read or checked. Nest maps and lists at most ${MAX_NESTING_DEPTH} levels deep.`,
    source: 'Data Mesh',
  };
}

/**
 * Whether the text may nest deeper than `limit`, from one quick pass over its characters (the scan
 * costs about a tenth of analyzing a small file; this a third of the scan). The scan opens a block
 * level at the column of an indicator (`- `, `? `, `: `) or of the key before a `: `, never right of
 * that indicator, and keeps at most two open per column (a map, and a list at its key's column); every
 * flow level is a `[` or `{`, those in scalars and comments included. So for any column X, the levels
 * open at columns up to X are at most 2 × (X + 1), and each level open right of X was opened by its
 * own indicator right of X: the depth is at most the least, over X, of 2 × (X + 1) plus the
 * indicators right of X, plus the brackets. (Twice the rightmost indicator's column, the bound at
 * X = that column, let half the files with one-line flow maps, `- {property: frequency, value: 1}`,
 * through to the full scan.)
 */
export function mayNestDeeper(text: string, limit = MAX_NESTING_DEPTH): boolean {
  // Past this column 2 × (X + 1) alone is over the limit: all indicators right of it count alike.
  const last = (limit >> 1) + 1;
  const byColumn = new Array<number>(last + 1).fill(0);
  let brackets = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) lineStart = i + 1;
    else if (c === 0x5b || c === 0x7b) brackets++; // [ {
    else if ((c === 0x2d || c === 0x3f || c === 0x3a) && isEmpty(text.charCodeAt(i + 1))) {
      // - ? :
      const column = i - lineStart;
      byColumn[column < last ? column : last]++;
    }
  }
  let right = 0;
  for (const count of byColumn) right += count;
  let least = right; // X = -1: no column counted twice, every indicator once
  for (let x = 0; x < last; x++) {
    right -= byColumn[x]!;
    least = Math.min(least, 2 * (x + 1) + right);
  }
  return least + brackets > limit;
}

// Every reader of a text asks first (the quick read, its spans, the facts, the tree), one after another.
const MEASURED = new RecentByText(8, (text) => new NestingScan(text, MAX_NESTING_DEPTH).run());
const DECIDED = new RecentByText(8, (text) => mayNestDeeper(text) && measureNesting(text).offset >= 0);

/**
 * Measures nesting in one pass over the text, without building anything. Which brackets and
 * indicators are structure (not text in a quoted, plain or block scalar, or a comment) is decided by
 * the rules of `yaml`'s lexer, the parser that cannot survive deep input; where the two could differ
 * the scan counts more, never less: flow levels that the lexer abandons at a less indented line still
 * count (the parser keeps them open) until the next document.
 */
export function measureNesting(text: string, limit = MAX_NESTING_DEPTH): Nesting {
  return limit === MAX_NESTING_DEPTH ? MEASURED.get(text) : new NestingScan(text, limit).run();
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const isEmpty = (c: number) => Number.isNaN(c) || c === SPACE || c === LF || c === CR || c === TAB;
const isFlowIndicator = (c: number) => c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d; // , [ ] { }
const endsAnchor = (c: number) => isEmpty(c) || isFlowIndicator(c);
const TAG_CHARS = new Set(Array.from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()", (ch) => ch.charCodeAt(0)));
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

type State = 'stream' | 'lineStart' | 'doc' | 'flow';

class NestingScan {
  private i = 0;
  private lineStart = 0;
  /** Open block collections: their columns, and whether each is a list. */
  private readonly cols: number[] = [];
  private readonly lists: boolean[] = [];
  private flow = 0;
  /** Flow levels the lexer closed by indentation while the parser keeps them open. */
  private carried = 0;
  private flowKey = false;
  private indentNext = 0;
  private indentValue = 0;
  /** Column of the node on this line that a following `:` makes a key. */
  private nodeCol = 0;
  private depth = 0;
  private offset = -1;

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  run(): Nesting {
    if (this.text.charCodeAt(0) === 0xfeff) this.i = this.lineStart = 1;
    let state: State = 'stream';
    while (this.i < this.text.length) state = this.step(state);
    return { depth: this.depth, offset: this.offset };
  }

  private step(state: State): State {
    switch (state) {
      case 'stream':
        return this.streamLine();
      case 'lineStart':
        return this.startLine();
      case 'doc':
        return this.docToken();
      case 'flow':
        return this.flowToken();
    }
  }

  private code(at: number): number {
    return this.text.charCodeAt(at);
  }

  private reach(at: number): void {
    const depth = this.cols.length + this.carried + this.flow;
    if (depth > this.depth) this.depth = depth;
    if (depth > this.limit && this.offset < 0) this.offset = at;
  }

  /** A block map (or list) opens at `col`, unless one of the same kind is open there already. */
  private open(col: number, list: boolean, at: number): void {
    const { cols, lists } = this;
    const top = () => cols[cols.length - 1] ?? -1;
    while (top() > col) lists.length = --cols.length;
    // A list may sit at its parent key's column; a key there ends that list.
    if (top() === col && lists[lists.length - 1] && !list) lists.length = --cols.length;
    if (top() === col && lists[lists.length - 1] === list) return;
    cols.push(col);
    lists.push(list);
    this.reach(at);
  }

  private skipSpaces(tabs: boolean): number {
    const from = this.i;
    for (let c = this.code(this.i); c === SPACE || (tabs && c === TAB); c = this.code(++this.i));
    return this.i - from;
  }

  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.i);
    this.i = nl < 0 ? this.text.length : nl;
  }

  /** Past a line break at `i`, if there is one. */
  private newline(): boolean {
    const c = this.code(this.i);
    if (c === LF) this.i += 1;
    else if (c === CR && this.code(this.i + 1) === LF) this.i += 2;
    else return false;
    this.lineStart = this.i;
    return true;
  }

  private isDocMarker(at: number): boolean {
    const s = this.text.substr(at, 3);
    return (s === '---' || s === '...') && isEmpty(this.code(at + 3));
  }

  /** Before a document: directives, blank lines and comments. */
  private streamLine(): State {
    const from = this.i;
    const c = this.code(this.i);
    if (c === 0x25 /* % */) {
      this.skipLine();
      this.newline();
      return 'stream';
    }
    this.skipSpaces(true);
    const d = this.code(this.i);
    if (Number.isNaN(d) || d === LF || d === CR || d === 0x23 /* # */) {
      this.skipLine();
      this.newline();
      return 'stream';
    }
    this.i = from;
    return this.startLine();
  }

  /** At a line start, or where the lexer starts a line over (after indentation that ended a flow collection). */
  private startLine(): State {
    if (this.isDocMarker(this.i)) {
      const end = this.text[this.i] === '.';
      this.cols.length = this.lists.length = this.flow = this.carried = this.indentNext = this.indentValue = 0;
      this.i += 3;
      return end ? 'stream' : 'doc';
    }
    this.indentValue = this.skipSpaces(false);
    if (this.indentNext > this.indentValue && !isEmpty(this.code(this.i + 1))) this.indentNext = this.indentValue;
    // Block indicators: each `- `, `? ` or `: ` opens a level at its column.
    for (;;) {
      const c = this.code(this.i);
      if ((c === 0x2d || c === 0x3f || c === 0x3a) && isEmpty(this.code(this.i + 1))) {
        this.open(this.i - this.lineStart, c === 0x2d, this.i);
        this.indentNext = this.indentValue + 1;
        this.i += 1;
        this.indentValue += 1 + this.skipSpaces(true);
      } else return 'doc';
    }
  }

  /** Tags and anchors before a node, and `:`, `?`, `-` indicators inside a line. */
  private properties(inFlow: boolean): void {
    for (;;) {
      const c = this.code(this.i);
      if (c === 0x21 /* ! */) this.skipTag();
      else if (c === 0x26 /* & */) while (!endsAnchor(this.code(++this.i)));
      else if ((c === 0x2d || c === 0x3f || c === 0x3a) && (isEmpty(this.code(this.i + 1)) || (inFlow && isFlowIndicator(this.code(this.i + 1))))) {
        if (inFlow) this.flowKey = false;
        else {
          this.indentNext = this.indentValue + 1;
          // After a node on this line, `:` makes it the key of a map; `-` or `?` here nest (wrongly) deeper.
          const col = c === 0x3a ? this.nodeCol : this.i - this.lineStart;
          this.open(col, c === 0x2d, Math.min(this.lineStart + col, this.i));
        }
        this.i += 1;
      } else return;
      this.skipSpaces(true);
    }
  }

  private skipTag(): void {
    let c = this.code(++this.i);
    if (c === 0x3c /* < */) {
      while (!isEmpty(c) && c !== 0x3e) c = this.code(++this.i);
      if (c === 0x3e) this.i += 1;
      return;
    }
    for (;;) {
      if (TAG_CHARS.has(c)) c = this.code(++this.i);
      else if (c === 0x25 && isHex(this.code(this.i + 1)) && isHex(this.code(this.i + 2))) c = this.code((this.i += 3));
      else return;
    }
  }

  /** One token of a line in block context. */
  private docToken(): State {
    this.skipSpaces(true);
    this.properties(false);
    const c = this.code(this.i);
    if (Number.isNaN(c)) return 'doc';
    if (c === 0x23 /* # */) {
      this.skipLine();
      this.newline();
      return 'lineStart';
    }
    if (this.newline()) return 'lineStart';
    this.nodeCol = this.i - this.lineStart;
    switch (c) {
      case CR: // a lone carriage return
        this.i += 1;
        return 'doc';
      case 0x5b:
      case 0x7b: // [ {
        this.flow = 1;
        this.flowKey = false;
        this.reach(this.i);
        this.i += 1;
        return 'flow';
      case 0x5d:
      case 0x7d: // ] } without an opening one
        this.i += 1;
        return 'doc';
      case 0x2a: // * alias
        while (!endsAnchor(this.code(++this.i)));
        return 'doc';
      case 0x22:
      case 0x27: // " '
        this.quoted(c);
        return 'doc';
      case 0x7c:
      case 0x3e: // | >
        return this.blockScalar();
      default:
        this.plain(false);
        return 'doc';
    }
  }

  /** One token inside a flow collection. */
  private flowToken(): State {
    let indent = -1;
    for (;;) {
      const nl = this.newline();
      if (nl) indent = this.indentValue = this.skipSpaces(false);
      if (this.skipSpaces(true) === 0 && !nl) break;
    }
    const c = this.code(this.i);
    if (Number.isNaN(c)) return 'flow';
    // A less indented line, or a document marker, ends the collection for the lexer (an error).
    if ((indent !== -1 && indent < this.indentNext && c !== 0x23) || (indent === 0 && this.isDocMarker(this.i))) {
      const closesIt = indent === this.indentNext - 1 && this.flow === 1 && (c === 0x5d || c === 0x7d);
      if (!closesIt) {
        this.carried += this.flow;
        this.flow = 0;
        // The lexer starts the line over where its indentation ends.
        return 'lineStart';
      }
    }
    while (this.code(this.i) === 0x2c /* , */) {
      this.i += 1;
      this.skipSpaces(true);
      this.flowKey = false;
    }
    this.properties(true);
    const d = this.code(this.i);
    switch (d) {
      case 0x23: // # a comment
        this.skipLine();
        return 'flow';
      case 0x5b:
      case 0x7b:
        this.flow += 1;
        this.flowKey = false;
        this.reach(this.i);
        this.i += 1;
        return 'flow';
      case 0x5d:
      case 0x7d:
        this.i += 1;
        this.flowKey = true;
        this.flow -= 1;
        return this.flow > 0 ? 'flow' : 'doc';
      case 0x2a:
        while (!endsAnchor(this.code(++this.i)));
        return 'flow';
      case 0x22:
      case 0x27:
        this.flowKey = true;
        this.quoted(d);
        return 'flow';
      case 0x3a: {
        const next = this.code(this.i + 1);
        if (this.flowKey || isEmpty(next) || next === 0x2c) {
          this.flowKey = false;
          this.i += 1;
          this.skipSpaces(true);
          return 'flow';
        }
        break;
      }
    }
    if (Number.isNaN(d) || d === LF) return 'flow';
    if (d === CR) {
      // A carriage return that does not end a line.
      this.i += 1;
      return 'flow';
    }
    this.flowKey = false;
    this.plain(true);
    return 'flow';
  }

  /**
   * Where the line after the break at `at - 1` continues a scalar (past its indentation), or -1 when
   * the scalar ends there: a line indented less than the block requires, or a document marker.
   */
  private continues(at: number): number {
    if (this.indentNext > 0) {
      let k = at;
      while (this.code(k) === SPACE) k += 1;
      const c = this.code(k);
      if (c === CR && this.code(k + 1) === LF) return k + 1;
      return c === LF || (k - at >= this.indentNext && !Number.isNaN(c)) ? k : -1;
    }
    return this.isDocMarker(at) ? -1 : at;
  }

  /** A quoted scalar from its opening quote; it may end early, at a line that cannot continue it. */
  private quoted(quote: number): void {
    let k = this.i + 1;
    for (;;) {
      const c = this.code(k);
      if (Number.isNaN(c)) break;
      if (c === quote) {
        if (quote === 0x27 && this.code(k + 1) === 0x27) {
          k += 2;
          continue;
        }
        k += 1;
        break;
      }
      if (c === 0x5c /* \ */ && quote === 0x22) {
        // An escaped line break is still a line break.
        const next = this.code(k + 1);
        k += next === LF || next === CR ? 1 : 2;
        continue;
      }
      if (c === LF && this.continues(k + 1) < 0) break;
      k += 1;
    }
    this.i = k;
  }

  /** A plain scalar: up to `: `, ` #`, a flow indicator in a collection, or a line that does not continue it. */
  private plain(inFlow: boolean): void {
    let k = this.i;
    for (;;) {
      let c = this.code(k);
      if (Number.isNaN(c)) break;
      if (c === 0x3a) {
        const next = this.code(k + 1);
        if (isEmpty(next) || (inFlow && isFlowIndicator(next))) break;
      } else if (isEmpty(c)) {
        let next = this.code(k + 1);
        if (c === CR && next === LF) {
          k += 1;
          c = LF;
          next = this.code(k + 1);
        }
        if (next === 0x23 || (inFlow && isFlowIndicator(next))) break;
        if (c === LF) {
          const at = this.continues(k + 1);
          if (at < 0) break;
          k = Math.max(k, at - 2);
        }
      } else if (inFlow && isFlowIndicator(c)) break;
      k += 1;
    }
    this.i = k;
  }

  /** A block scalar from its `|` or `>` header; its lines are text. */
  private blockScalar(): State {
    let explicit = -1;
    for (let c = this.code(++this.i); ; c = this.code(++this.i)) {
      if (c > 0x30 && c <= 0x39) explicit = c - 0x31;
      else if (c !== 0x2b && c !== 0x2d) break; // + -
    }
    this.skipLine();
    if (!this.newline()) return 'doc';
    // The first line with text sets the indentation, if it is indented enough.
    let k = this.i;
    let nl = this.i - 1;
    let indent = 0;
    for (let c = this.code(k); ; c = this.code(++k)) {
      if (c === SPACE) indent += 1;
      else if (c === LF) {
        nl = k;
        indent = 0;
      } else if (!(c === CR && this.code(k + 1) === LF)) break;
    }
    if (indent >= this.indentNext) {
      this.indentNext = explicit === -1 ? indent : explicit + (this.indentNext === 0 ? 1 : this.indentNext);
      for (;;) {
        const at = this.continues(nl + 1);
        if (at < 0) break;
        nl = this.text.indexOf('\n', at);
        if (nl < 0) {
          nl = this.text.length;
          break;
        }
      }
    }
    this.i = this.lineStart = Math.min(nl + 1, this.text.length);
    return 'lineStart';
  }
}
