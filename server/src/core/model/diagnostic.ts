import type { Span } from '../util/span';

/** Severity of a finding, in the order the LSP numbers them. */
export const enum Severity {
  Error = 1,
  Warning = 2,
  Information = 3,
  Hint = 4,
}

/**
 * A finding of the core. Ranges are UTF-16 offsets into the document text; the server and the
 * command line turn them into line/character positions at their edge.
 */
export interface MeshDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  /** Stable identifier, for example `schema/unknown-property`; documented in docs/diagnostics.md. */
  code: string;
  message: string;
  /** Who reports it: `YAML`, or the standard and version the document was checked against. */
  source: string;
  /** What a fix needs, as data: quick fixes and governance are built from this, never from the message. */
  data?: DiagnosticData;
  /** Where the finding's rule is documented (governance rules): the edge's LSP `codeDescription`. */
  href?: string;
  /** Other places the finding is about (the consumers a breaking change breaks): the edge's LSP `relatedInformation`. */
  related?: { location: { uri: string; span: Span }; message: string }[];
}

/** A finding about the file as a whole (a limit, a file that could not be read), shown on its first line. */
export function fileNote(severity: Severity, code: string, message: string): MeshDiagnostic {
  return { start: 0, end: 0, severity, code, message, source: 'Data Mesh' };
}

/** The facts behind a finding. Every field is optional: a finding carries what it knows. */
export interface DiagnosticData {
  /** The YAML document of the file (0 for most files) and the JSON path of the offending node in it. */
  docIndex?: number;
  path?: (string | number)[];
  /** The offending value as written: an unknown key, a misspelt value, an unresolved reference. */
  value?: string;
  /** Replacements that would fix it, best first ("did you mean"). */
  suggestions?: string[];
  /** Properties that are missing, for a fix that inserts them. */
  missing?: string[];
  /** True when any one of `missing` is enough (an `anyOf`/`oneOf` of required properties). */
  missingAnyOne?: boolean;
  /** A YAML value to insert for each of `missing`, in the same order, from what the schema declares of it. */
  placeholders?: string[];
  /** Every value or key allowed there, when the standard lists them. */
  expected?: string[];
  /**
   * The path with list items named by their `name` or `id` where they have one (`schema[orders].properties[email]`):
   * what a baseline counts findings by, so it survives edits elsewhere in the file.
   */
  anchor?: string;
}
