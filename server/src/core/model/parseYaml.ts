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
  const options = { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' } as const;
  const documents = parseAllDocuments(text, options);
  // An empty or comment-only file has no documents; one empty document lets a file name claim it.
  const docs = Array.isArray(documents) && documents.length > 0 ? documents : [parseDocument(text, options)];
  const problems: MeshDiagnostic[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) problems.push(toDiagnostic(widenToKey(doc, error), text, Severity.Error));
    for (const warning of doc.warnings) problems.push(toDiagnostic(warning, text, Severity.Warning));
  }
  return { documents: docs, problems };
}

/** The parser marks only the first character of a duplicate key; the whole key reads better. */
function widenToKey(doc: Document.Parsed, error: YAMLError): YAMLError {
  if (error.code !== 'DUPLICATE_KEY') return error;
  let end = error.pos[1];
  visit(doc, {
    Pair(_k, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === error.pos[0]) {
        end = pair.key.range[1];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  error.pos = [error.pos[0], end];
  return error;
}

function toDiagnostic(error: YAMLError, text: string, severity: Severity): MeshDiagnostic {
  const start = error.pos[0];
  let end = error.pos[1];
  if (end <= start) end = Math.min(text.length, start + 1);
  return { start, end, severity, code: `yaml/${error.code.toLowerCase().replace(/_/g, '-')}`, message: describeYamlError(error, text.slice(start, end)), source: 'YAML' };
}

/** Plain-English wording for the syntax errors people meet most; others keep the parser's message. */
function describeYamlError(error: YAMLError, token: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return `Duplicate key '${token}'. Most tools silently keep only the last value; remove or rename one of them.`;
    case 'TAB_AS_INDENT':
      return 'Tabs are not allowed for indentation in YAML; indent with spaces.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `${error.message}.`.replace(/\.\.$/, '.');
    default:
      return error.message;
  }
}
