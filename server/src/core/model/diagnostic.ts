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
}
