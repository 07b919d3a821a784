/**
 * `# datamesh-disable-next-line <rule>[, <rule>…] -- <reason>`: the next line's findings of those
 * rules are not reported. The reason is required, so a suppression says why to whoever reads it.
 */
export interface Suppression {
  /** The comment's line (0-based) and its span, for findings about the suppression itself. */
  line: number;
  start: number;
  end: number;
  rules: string[];
  reason: string | undefined;
  used: boolean;
}

const MARKER = 'datamesh-disable-next-line';
const COMMENT = /^[ \t]*#[ \t]*datamesh-disable-next-line\b(.*)$/;

export function findSuppressions(text: string): Suppression[] {
  if (!text.includes(MARKER)) return [];
  const found: Suppression[] = [];
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const match = COMMENT.exec(text.slice(start, end).replace(/\r$/, ''));
    if (match) {
      const [rulesPart, ...reasonParts] = match[1]!.split(' -- ');
      const reason = reasonParts.join(' -- ').trim();
      const rules = rulesPart!
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((r) => r.replace(/^governance\//, ''));
      found.push({ line, start: start + match[0].indexOf('#'), end: start + match[0].trimEnd().length, rules, reason: reason || undefined, used: false });
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return found;
}

/** Line starts of a text, to tell which line an offset is on. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
