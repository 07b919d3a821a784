import { isScalar, parseAllDocuments, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { type MeshDiagnostic, Severity } from './diagnostic';

export type YamlDocument = Document.Parsed;

/** The YAML documents of one file plus every syntax problem, so broken input stays usable as data. */
export interface ParsedYaml {
  documents: YamlDocument[];
  problems: MeshDiagnostic[];
}

// Aliases expand when a document is turned into plain data; this caps the expansion of an alias bomb.
export const MAX_ALIAS_COUNT = 1000;

/** Parses every document of a (possibly multi-document, possibly half-typed) YAML text. */
export function parseYaml(text: string): ParsedYaml {
  // logLevel 'error': the parser must not print warnings to the server's stderr.
  // uniqueKeys off: the parser's own check is quadratic in the size of a map (2.5 s for 20,000 keys);
  // findDuplicateKeys does the same in linear time.
  const options = { prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error' } as const;
  const documents = parseAllDocuments(text, options);
  // An empty or comment-only file has no documents; one empty document lets a file name claim it.
  const docs = Array.isArray(documents) && documents.length > 0 ? documents : [parseDocument(text, options)];
  const problems: MeshDiagnostic[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) problems.push(toDiagnostic(error, text, Severity.Error));
    for (const warning of doc.warnings) problems.push(toDiagnostic(warning, text, Severity.Warning));
    problems.push(...findDuplicateKeys(doc));
  }
  return { documents: docs, problems };
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

function toDiagnostic(error: YAMLError, text: string, severity: Severity): MeshDiagnostic {
  const start = error.pos[0];
  let end = error.pos[1];
  if (end <= start) end = Math.min(text.length, start + 1);
  return { start, end, severity, code: `yaml/${error.code.toLowerCase().replace(/_/g, '-')}`, message: describeYamlError(error), source: 'YAML' };
}

/** Parser messages as sentences; tabs get the fix spelled out. */
function describeYamlError(error: YAMLError): string {
  if (error.code === 'TAB_AS_INDENT') return 'Tabs are not allowed for indentation in YAML; indent with spaces.';
  return error.message.endsWith('.') ? error.message : `${error.message}.`;
}
