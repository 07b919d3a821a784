import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MeshDiagnostic } from './core/languageService';

/** The one place where core offsets become LSP line/character positions. */
export function toLspDiagnostic(document: TextDocument, d: MeshDiagnostic): Diagnostic {
  return {
    range: { start: document.positionAt(d.start), end: document.positionAt(d.end) },
    severity: d.severity as DiagnosticSeverity,
    code: d.code,
    source: d.source,
    message: d.message,
  };
}
