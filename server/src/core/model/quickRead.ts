import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { Standard } from '../schema/schemaCatalog';
import { detectStandard } from './documentKind';
import { hasMergeConflict } from './mergeConflicts';
import { isTooDeep } from './nestingDepth';
import { QuickSpans } from './quickSpans';
import { hasEncodingProblem } from './textEncoding';
import { MAX_ALIAS_COUNT } from './parseYaml';
import { containsItself } from './selfContaining';

/** One document of a file read without a syntax tree: its standard, declared version and data. */
export interface QuickPart {
  /** Which YAML document of the file. */
  docIndex: number;
  standard: Standard;
  version: string;
  data: Record<string, unknown>;
}

// A plain scalar that is a whole value: after `key: `, `- `, `? ` or inside a flow collection, up to
// the end of the line, a comment, or the next flow separator.
const WHOLE_VALUE = (value: string) => new RegExp(`(?:[:?-]\\s+|[[{,]\\s*)(?:${value})\\s*(?:$|[#,\\]}])`, 'm');
/**
 * Values the full parse may report as YAML 1.1 traps (yes/no/on/off, leading zeros, `1.10`, base 60),
 * or that js-yaml and yaml may read differently (`1_000`, `0b101`). A superset: a false alarm only
 * costs the full parse.
 */
const MAY_NEED_FULL_PARSE = WHOLE_VALUE(
  [
    'yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF',
    '[-+]?0\\d+',
    '[-+]?\\d+\\.\\d*0',
    '\\d+(?::[0-5]?\\d)+',
    '[-+]?0b[01_]+',
    '[-+]?[\\d_]*\\d_[\\d_.]*',
  ].join('|'),
);

/** An alias (`*name`) as a value or list item. */
const ALIAS = /(?:^|[\s[{,:-])\*[^\s,[\]{}]+/gm;

/**
 * The full parse refuses a document once an anchor's uses times the uses of the aliases inside it
 * pass MAX_ALIAS_COUNT; js-yaml shares aliased nodes without limit. Along any chain of anchors those
 * uses add up to at most the text's alias count, so their product is at most the largest product of
 * numbers with that sum (threes, and a two or a four): below the limit, both read the same data.
 */
const AGREEING_ALIASES = (() => {
  const largestProduct = (sum: number) => (sum % 3 === 0 ? 3 ** (sum / 3) : sum % 3 === 1 ? 4 * 3 ** ((sum - 4) / 3) : 2 * 3 ** ((sum - 2) / 3));
  let count = 1;
  while (largestProduct(count + 1) <= MAX_ALIAS_COUNT) count++;
  return count;
})();

/**
 * Whether js-yaml reads the same data as the full parse as far as aliases go: none, or few enough
 * that the full parse's alias limit cannot be reached (a mesh file reuses a value or two this way).
 */
function aliasesAgree(text: string): boolean {
  // Most files have no `*` at all, and a search for one character is many times faster than the pattern.
  if (!text.includes('*')) return true;
  ALIAS.lastIndex = 0;
  let count = 0;
  while (ALIAS.test(text)) if (++count > AGREEING_ALIASES) return false;
  return true;
}

/** Whether the text has an alias at all (`*name`): only then can its data share or contain itself. */
export function hasAlias(text: string): boolean {
  if (!text.includes('*')) return false;
  ALIAS.lastIndex = 0;
  const found = ALIAS.test(text);
  ALIAS.lastIndex = 0;
  return found;
}

/** A merge key (`<<: …`): the full parse merges it, js-yaml's core schema would read a key named `<<`. */
const HAS_MERGE_KEY = /(?:^|[\s{,])<<\s*:/m;

/** Whether js-yaml reads the text's data as the full parse does, as far as aliases and merge keys go. */
export function readsAsPlainData(text: string): boolean {
  return aliasesAgree(text) && !(text.includes('<<') && HAS_MERGE_KEY.test(text));
}

/**
 * Reads a file with js-yaml (about ten times faster than a syntax tree) when that gives the same
 * data and findings as the full parse; undefined when only the full parse can tell: a syntax error,
 * a duplicate key, a directive, many aliases, a merge key, a value that may be a YAML 1.1 trap, a version that is not text, an
 * empty document claimed by its file name, nesting too deep to parse, a merge conflict, a NUL or
 * undecodable bytes (all reported by the full path).
 */
export function quickRead(text: string, fileName: string): QuickPart[] | undefined {
  if (text.startsWith('%') || text.includes('\n%') || !readsAsPlainData(text) || MAY_NEED_FULL_PARSE.test(text) || hasMergeConflict(text) || hasEncodingProblem(text) || isTooDeep(text)) return undefined;
  let documents: unknown[];
  try {
    // Read with positions when the spans can be had: most files with a finding to place get one, and
    // the same read then places it (QuickSpans keeps the last few).
    documents = QuickSpans.of(text)?.data ?? loadAll(text, undefined, { schema: CORE_SCHEMA, filename: fileName });
  } catch {
    return undefined; // Syntax errors and duplicate keys need the full parse for their ranges.
  }
  // Endless data (an alias inside its own anchor) is the full path's to report.
  if (hasAlias(text) && containsItself(documents)) return undefined;
  const parts: QuickPart[] = [];
  const all = documents.length > 0 ? documents : [null];
  for (let docIndex = 0; docIndex < all.length; docIndex++) {
    const data = all[docIndex];
    const standard = detectStandard(data, fileName);
    if (!standard) continue;
    if (typeof data !== 'object' || data === null) return undefined;
    const version = (data as Record<string, unknown>)[standard.versionKey];
    if (typeof version !== 'string') return undefined;
    parts.push({ docIndex, standard, version, data: data as Record<string, unknown> });
  }
  return parts;
}
