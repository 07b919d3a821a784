import {
  type Connection,
  DiagnosticRefreshRequest,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from './core/languageService';
import { DocumentCache } from './documentCache';
import { runSafe } from './runSafe';
import { toLspDiagnostic } from './toLsp';

/** Settings under `dataMesh.*` that the server reads. */
interface Settings {
  validate: { enable: boolean };
}
const DEFAULT_SETTINGS: Settings = { validate: { enable: true } };
// Typing pauses shorter than this do not trigger validation (push mode; pull clients debounce themselves).
const VALIDATION_DELAY_MS = 200;

/** Wires LSP requests to the pure language service. Everything protocol-specific stays in this file. */
export function startServer(connection: Connection): void {
  const service = createLanguageService();
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache(service);
  const pending = new Map<string, NodeJS.Timeout>();
  const published = new Set<string>();
  let settings = DEFAULT_SETTINGS;
  let pullDiagnostics = false;
  let configurationSupport = false;
  let refreshSupport = false;
  const log = { error: (message: string) => connection.console.error(message) };

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    configurationSupport = capabilities.workspace?.configuration === true;
    refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'dataMesh', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'Data Mesh Authoring' },
    };
  });

  connection.onInitialized(() => {
    void loadSettings();
  });

  connection.onDidChangeConfiguration(() => {
    void loadSettings();
  });

  async function loadSettings(): Promise<void> {
    if (configurationSupport) {
      try {
        const value = (await connection.workspace.getConfiguration('dataMesh')) as Partial<Settings> | null;
        settings = { validate: { enable: value?.validate?.enable ?? true } };
      } catch (error) {
        log.error(`Reading settings failed: ${(error as Error).message}`);
      }
    }
    revalidateAll();
  }

  function computeDiagnostics(textDocument: TextDocument) {
    if (!settings.validate.enable) return [];
    const document = cache.get(textDocument);
    return service.validate(document).map((d) => toLspDiagnostic(textDocument, d));
  }

  // Pull mode: the client asks when it needs diagnostics; the answer comes from the parse cache.
  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return runSafe(log, 'diagnostics', empty, token, () => {
      const textDocument = documents.get(params.textDocument.uri);
      return textDocument ? { kind: DocumentDiagnosticReportKind.Full, items: computeDiagnostics(textDocument) } : empty;
    });
  });

  // Push mode: validate on open at once, on edits after a pause, and drop results for stale versions.
  function schedule(textDocument: TextDocument, delay: number): void {
    if (pullDiagnostics) return;
    const uri = textDocument.uri;
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        void publish(uri, textDocument.version);
      }, delay),
    );
  }

  async function publish(uri: string, version: number): Promise<void> {
    await runSafe(log, 'validation', undefined, undefined, async () => {
      const textDocument = documents.get(uri);
      if (!textDocument || textDocument.version !== version) return;
      const document = cache.get(textDocument);
      const isMesh = service.isMeshDocument(document);
      // Files that are not part of a mesh get nothing, unless we published for them before.
      if (!isMesh && !published.has(uri)) return;
      const diagnostics = isMesh ? computeDiagnostics(textDocument) : [];
      if (isMesh) published.add(uri);
      else published.delete(uri);
      await connection.sendDiagnostics({ uri, version, diagnostics });
    });
  }

  function revalidateAll(): void {
    if (pullDiagnostics) {
      // Only clients that announced refresh support may be asked; a refused request must not be fatal.
      if (refreshSupport) connection.sendRequest(DiagnosticRefreshRequest.type).catch((error: Error) => log.error(`Diagnostics refresh failed: ${error.message}`));
    } else for (const textDocument of documents.all()) schedule(textDocument, 0);
  }

  // The first content of a document (its opening) is validated at once, later edits after a pause.
  const seen = new Set<string>();
  documents.onDidChangeContent((event) => {
    const first = !seen.has(event.document.uri);
    seen.add(event.document.uri);
    schedule(event.document, first ? 0 : VALIDATION_DELAY_MS);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    cache.delete(uri);
    seen.delete(uri);
    if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
