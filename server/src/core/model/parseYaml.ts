import { isScalar, parseAllDocuments, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { type MeshDiagnostic, Severity } from './diagnostic';
import { tooDeep } from './nestingDepth';

export type YamlDocument = Document.Parsed;

/** The YAML documents of one file plus every syntax problem, so broken input stays usable as data. */
export interface ParsedYaml {
  documents: YamlDocument[];
  problems: MeshDiagnostic[];
  /** True when the text was refused before parsing (nested too deep): one empty document, one problem. */
  unread: boolean;
}

// Aliases expand when a document is turned into plain data; this caps the expansion of an alias bomb.
export const MAX_ALIAS_COUNT = 1000;

/** Parses every document of a (possibly multi-document, possibly half-typed) YAML text. */
export function parseYaml(text: string): ParsedYaml {
  // logLevel 'error': the parser must not print warnings to the server's stderr.
  // uniqueKeys off: the parser's own check is quadratic in the size of a map (2.5 s for 20,000 keys);
  // findDuplicateKeys does the same in linear time.
  // merge: `<<: *defaults` merges as every YAML 1.1 reader (PyYAML, the standards' own tools) merges it.
  const options = { prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error', merge: true } as const;
  const deep = tooDeep(text);
  if (deep) return { documents: [parseDocument('', options)], problems: [deep], unread: true };
  const documents = parseAllDocuments(text, options);
  // An empty or comment-only file has no documents; one empty document lets a file name claim it.
  const docs = Array.isArray(documents) && documents.length > 0 ? documents : [parseDocument(text, options)];
  const problems: MeshDiagnostic[] = [];
  for (const doc of docs) {
    for (const error of explainOverIndentation(doc.errors.map((e) => toDiagnostic(e, text, Severity.Error)), text)) problems.push(error);
    for (const warning of doc.warnings) problems.push(toDiagnostic(warning, text, Severity.Warning));
    problems.push(...findDuplicateKeys(doc));
  }
  return { documents: docs, problems, unread: false };
}

/** Every repeated scalar key of a map, marked on the later occurrence. */
function findDuplicateKeys(doc: Document.Parsed): MeshDiagnostic[] {
  const found: MeshDiagnostic[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (!seen.has(key)) seen.add(key);
        else if (pair.key.range)
          found.push({
            start: pair.key.range[0],
            end: pair.key.range[1],
            severity: Severity.Error,
            code: 'yaml/duplicate-key',
            message: `Duplicate key '${String(key)}'. Most tools silently keep only the last value; remove or rename one of them.`,
            source: 'YAML',
          });
      }
    },
  });
  return found;
}

// What the parser says when a key is indented deeper than its siblings: it reads the key as the
// continuation of the value above, and then fails on that value, one line too early.
const IMPLICIT_KEY_ERRORS = new Set(['yaml/multiline-implicit-key', 'yaml/block-as-implicit-key']);
const KEY_LINE = /^(\s*)(?:- )?([^\s#'"][^:#]*?):(?:\s|$)/;

/** Turns the parser's errors about an over-indented key into one error on that key, saying how to fix it. */
function explainOverIndentation(errors: MeshDiagnostic[], text: string): MeshDiagnostic[] {
  const result: MeshDiagnostic[] = [];
  const explained = new Set<number>();
  for (const error of errors) {
    const overIndented = IMPLICIT_KEY_ERRORS.has(error.code) ? findOverIndentedKey(text, error.start) : undefined;
    if (!overIndented) result.push(error);
    else if (!explained.has(overIndented.start)) {
      explained.add(overIndented.start);
      result.push(overIndented);
    }
  }
  return result;
}

function findOverIndentedKey(text: string, at: number): MeshDiagnostic | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) return undefined;
  const nextEnd = text.indexOf('\n', lineEnd + 1);
  const line = KEY_LINE.exec(text.slice(lineStart, lineEnd));
  const next = KEY_LINE.exec(text.slice(lineEnd + 1, nextEnd < 0 ? text.length : nextEnd).replace(/\r$/, ''));
  if (!line || !next) return undefined;
  // Siblings of a key on a list item line sit two columns right of its dash.
  const expected = line[1]!.length + (text.startsWith('- ', lineStart + line[1]!.length) ? 2 : 0);
  const actual = next[1]!.length;
  if (actual <= expected) return undefined;
  const start = lineEnd + 1 + actual;
  const key = next[2]!;
  return {
    start,
    end: start + key.length,
    severity: Severity.Error,
    code: 'yaml/over-indented',
    message: `'${key}' is indented ${actual} spaces, deeper than the key above (${expected}), so YAML reads it as part of that value. Indent it by ${expected} spaces.`,
    source: 'YAML',
  };
}

function toDiagnostic(error: YAMLError, text: string, severity: Severity): MeshDiagnostic {
  // The parser may point one past the end of the text (a missing character at the end of the file).
  const start = Math.min(error.pos[0], text.length);
  let end = Math.min(error.pos[1], text.length);
  if (end <= start) end = Math.min(text.length, start + 1);
  return { start, end, severity, code: `yaml/${error.code.toLowerCase().replace(/_/g, '-')}`, message: describeYamlError(error), source: 'YAML' };
}

/** Parser messages as sentences; tabs get the fix spelled out. */
function describeYamlError(error: YAMLError): string {
  if (error.code === 'TAB_AS_INDENT') return 'Tabs are not allowed for indentation in YAML; indent with spaces.';
  return error.message.endsWith('.') ? error.message : `${error.message}.`;
}
