import { DiagnosticRefreshRequest, type DocumentDiagnosticReport, DocumentDiagnosticReportKind, ResponseError } from 'vscode-languageserver';
import type { DiagnosticsContext } from './diagnosticsContext';
import { runSafe } from './runSafe';
import { toLspDiagnostic } from './toLsp';

/**
 * Pull diagnostics (LSP 3.17, what VS Code uses): the client asks when it needs a document's
 * diagnostics, and is asked to ask again when the mesh changed.
 */
export class PullDiagnostics {
  constructor(
    private readonly context: DiagnosticsContext,
    private readonly refreshSupport: boolean,
  ) {
    const { open, log } = context;
    context.connection.languages.diagnostics.on(async (params, token) => {
      const clientUri = params.textDocument.uri;
      const version = open.versionOf(clientUri);
      if (version !== undefined && context.isEnabled()) await open.analyzed(clientUri, version);
      const report = await runSafe(log, 'diagnostics', empty(), token, () => this.report(clientUri));
      // A cancelled pull is answered as the LSP asks; the client pulls again when it needs to.
      return report instanceof ResponseError ? new ResponseError(report.code, report.message, { retriggerRequest: false }) : report;
    });
  }

  /** The mesh changed outside the open documents: the client asks for every document again. */
  refresh(): void {
    // Only clients that announced refresh support may be asked; a refused request must not be fatal.
    const { connection, log } = this.context;
    if (this.refreshSupport) connection.sendRequest(DiagnosticRefreshRequest.type).catch((error: Error) => log.error(`Diagnostics refresh failed: ${error.message}`));
  }

  private report(clientUri: string): DocumentDiagnosticReport {
    const { open, service, isEnabled } = this.context;
    const lines = open.documents.get(clientUri);
    if (!lines || !isEnabled()) return empty();
    const diagnostics = service.diagnose(open.indexUri(clientUri));
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnostics.map((d) => toLspDiagnostic(lines, d, (uri) => open.positions(uri))) };
  }
}

function empty(): DocumentDiagnosticReport {
  return { kind: DocumentDiagnosticReportKind.Full, items: [] };
}
