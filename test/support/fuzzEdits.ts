// Seeded random edits of YAML texts, as half-typed documents look: the damage of the server fuzz
// (test/lsp/serverFuzz.test.ts). Everything is drawn from one seeded stream, so a seed replays the
// same edits in the same order.

/** A seeded stream of numbers in [0, 1) (mulberry32: 32 bits of state, good enough for test input). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), this.state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** Replace [start, end) of a text with `text`; `label` says what it was, for the replay log. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  label: string;
}

const KEYS = ['id', 'name', 'kind', 'apiVersion', 'version', 'status', 'contractId', 'inputPorts', 'outputPorts', 'schema', 'properties', 'description', 'domain', 'team', 'servers', 'type', 'logicalType', 'required', 'quality', 'customProperties', 'info', 'title', 'models', 'fields', 'terms'];
const VALUES = [
  'v3.1.0', 'v3.0.2', 'v1.0.0', 'v9.9.9', 'DataContract', 'DataProduct', 'active', 'deprecated', 'draft', 'retired', '1.0.0', '1.10', 'yes', 'no', 'on', '~', 'null', 'true',
  '0x1F', '012', '1_000', '3.14', '""', "''", '"unterminated', "'it''s'", '&anchor x', '*anchor', '!!str 5', '!custom x', '|', '>-', '[a, b', '{a: 1', '[]', '{}',
  'sales-orders-v1', 'customer-360-v1', 'logistics-shipments-v1', '😀', 'é\u0301', '\t', '# comment', 'x'.repeat(300),
];
const LINES = ['---', '...', '%YAML 1.2', '? key', ': value', '<<: *anchor', '- ', '-', ':', '#', '  - name: x', '    contractId: sales-orders-v1', 'kind: DataContract', 'apiVersion: v3.1.0'];
const NOISE = ':-?[]{},#&*!|>\'"%@` \t\n\r';

/** A random YAML-ish snippet: keys, values, flow collections (never deeper than 8), directives, noise. */
export function snippet(random: Random): string {
  const parts: string[] = [];
  for (let n = 1 + random.int(4); n > 0; n--) {
    const shape = random.int(6);
    const indent = ' '.repeat(random.pick([0, 0, 2, 4, 6, 8, 3]));
    if (shape <= 1) parts.push(`${indent}${random.chance(0.3) ? '- ' : ''}${random.pick(KEYS)}:${random.chance(0.8) ? ` ${random.pick(VALUES)}` : ''}\n`);
    else if (shape === 2) parts.push(random.pick(VALUES));
    else if (shape === 3) parts.push(`${random.pick(LINES)}\n`);
    else if (shape === 4) {
      const depth = 1 + random.int(8);
      parts.push(`${indent}${random.pick(KEYS)}: ${'['.repeat(depth)}${random.pick(VALUES)}${random.chance(0.7) ? ']'.repeat(depth) : ''}\n`);
    } else parts.push(Array.from({ length: 1 + random.int(6) }, () => NOISE[random.int(NOISE.length)]).join(''));
  }
  return parts.join('');
}

/**
 * One random edit of `text`, whose untouched original is `original`: an inserted snippet or prefix of
 * the original, deleted characters or lines, duplicated lines, or a range retyped.
 */
export function randomEdit(random: Random, text: string, original: string): Edit {
  const kind = random.int(10);
  if (kind <= 2) {
    const at = random.chance(0.5) ? lineStart(text, random.int(text.length + 1)) : offset(text, random.int(text.length + 1));
    return { start: at, end: at, text: snippet(random), label: 'snippet' };
  }
  if (kind === 3) {
    const at = offset(text, random.int(text.length + 1));
    // Short prefixes are the common case (a paste of the file's head); now and then most of the file.
    const length = Math.floor(original.length * random.next() ** 3);
    return { start: at, end: at, text: original.slice(0, length), label: `prefix of ${length}` };
  }
  if (kind <= 5) {
    const start = offset(text, random.int(text.length + 1));
    const end = offset(text, Math.min(text.length, start + 1 + random.int(random.chance(0.8) ? 3 : 40)));
    return { start, end, text: '', label: 'delete chars' };
  }
  const [start, end] = lineRange(random, text);
  if (kind === 6) return { start, end, text: '', label: 'delete lines' };
  if (kind <= 8) return { start: end, end, text: text.slice(start, end), label: 'duplicate lines' };
  return { start, end: offset(text, start + random.int(end - start + 1)), text: snippet(random), label: 'retype' };
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** 1–5 whole lines, with their line breaks. */
function lineRange(random: Random, text: string): [number, number] {
  const start = lineStart(text, random.int(text.length + 1));
  let end = start;
  for (let n = 1 + random.int(5); n > 0 && end < text.length; n--) {
    const next = text.indexOf('\n', end);
    end = next < 0 ? text.length : next + 1;
  }
  return [start, end];
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** An offset not between the \r and \n of a line break, where an LSP position could not point. */
function offset(text: string, at: number): number {
  return text[at - 1] === '\r' && text[at] === '\n' ? at + 1 : at;
}
