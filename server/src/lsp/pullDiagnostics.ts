import { type Connection, DiagnosticRefreshRequest, type DocumentDiagnosticReport, DocumentDiagnosticReportKind, ResponseError } from 'vscode-languageserver';
import type { LanguageService } from '../core/languageService';
import type { OpenDocuments } from './openDocuments';
import { type Logger, runSafe } from './runSafe';
import { toLspDiagnostic } from './toLsp';

/**
 * Pull diagnostics (LSP 3.17, what VS Code uses): the client asks when it needs a document's
 * diagnostics, and is asked to ask again when the mesh changed.
 */
export class PullDiagnostics {
  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly open: OpenDocuments,
    private readonly log: Logger,
    private readonly isEnabled: () => boolean,
    private readonly refreshSupport: boolean,
  ) {
    connection.languages.diagnostics.on(async (params, token) => {
      const clientUri = params.textDocument.uri;
      const version = open.versionOf(clientUri);
      if (version !== undefined && isEnabled()) await open.analyzed(clientUri, version);
      const report = await runSafe(log, 'diagnostics', empty(), token, () => this.report(clientUri));
      // A cancelled pull is answered as the LSP asks; the client pulls again when it needs to.
      return report instanceof ResponseError ? new ResponseError(report.code, report.message, { retriggerRequest: false }) : report;
    });
  }

  /** The mesh changed outside the open documents: the client asks for every document again. */
  refresh(): void {
    // Only clients that announced refresh support may be asked; a refused request must not be fatal.
    if (this.refreshSupport) this.connection.sendRequest(DiagnosticRefreshRequest.type).catch((error: Error) => this.log.error(`Diagnostics refresh failed: ${error.message}`));
  }

  private report(clientUri: string): DocumentDiagnosticReport {
    const lines = this.open.documents.get(clientUri);
    if (!lines || !this.isEnabled()) return empty();
    const diagnostics = this.service.diagnose(this.open.indexUri(clientUri));
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnostics.map((d) => toLspDiagnostic(lines, d)) };
  }
}

function empty(): DocumentDiagnosticReport {
  return { kind: DocumentDiagnosticReportKind.Full, items: [] };
}
