import {
  CodeLensRefreshRequest,
  type Connection,
  type Diagnostic,
  DiagnosticRefreshRequest,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  FileChangeType,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, Severity } from './core/languageService';
import { BackgroundAnalysis } from './backgroundAnalysis';
import { DocumentCache } from './documentCache';
import { registerFeatures } from './featureHandlers';
import { runSafe } from './runSafe';
import { toLspDiagnostic } from './toLsp';
import { canonicalUri } from './uris';
import { WorkspaceDocuments } from './workspaceDocuments';
import { WorkspaceIndexer } from './workspaceIndexer';

/** Settings under `dataMesh.*` that the server reads. */
interface Settings {
  validate: { enable: boolean };
  exclude: string[];
}
const DEFAULT_SETTINGS: Settings = { validate: { enable: true }, exclude: [] };
// Typing pauses shorter than this do not trigger validation (push mode; pull clients debounce themselves).
const VALIDATION_DELAY_MS = 200;
// Changes elsewhere in the mesh (file events, the index becoming ready) are batched this long.
const REFRESH_DELAY_MS = 100;

/** Wires LSP requests to the pure language service. Everything protocol-specific stays in the server layer. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  // The service reads other files through `workspace`, which needs the service to parse them.
  const service = createLanguageService({ get: (uri) => workspace.get(uri) }, canonicalUri);
  const log = { error: (message: string) => connection.console.error(message) };
  // The worker is bundled next to this file (dist/analysisWorker.js).
  const background = new BackgroundAnalysis(join(__dirname, 'analysisWorker.js'), log.error);
  const cache = new DocumentCache(service, background);
  const workspace = new WorkspaceDocuments(service, documents, cache);
  const pending = new Map<string, NodeJS.Timeout>();
  const published = new Set<string>();
  const counts = new Map<string, { errors: number; warnings: number }>();
  const indexedVersions = new Map<string, number>();
  // Open documents changed (opened or edited) since the index last saw them.
  const unsynced = new Set<string>();
  // Those of them edited since they were opened: their text is not the file's on disk, which the index
  // may hold meanwhile, so cross-file findings wait for them. Opened ones enter with their own diagnostics.
  const edited = new Set<string>();
  let settings = DEFAULT_SETTINGS;
  let pullDiagnostics = false;
  let configurationSupport = false;
  let diagnosticRefreshSupport = false;
  let codeLensRefreshSupport = false;
  let watcherSupport = false;
  let workspaceFoldersSupport = false;
  let refreshTimer: NodeJS.Timeout | undefined;

  const indexer = new WorkspaceIndexer({
    connection,
    service,
    log: (message) => connection.console.info(message),
    onChanged: () => refreshMesh(),
    // Nothing to batch: every open document is waiting for its cross-file findings.
    onReady: () => refreshMesh(0),
    // A reference to an open file the worker is still reading must not look broken.
    beforeReady: async () => {
      await Promise.all(analysesOf(unsynced));
      syncOpenDocuments();
    },
    onFileChanged: (uri) => workspace.invalidate(uri),
    isOpen: (uri) => workspace.isOpen(uri),
  });

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    configurationSupport = capabilities.workspace?.configuration === true;
    diagnosticRefreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    codeLensRefreshSupport = capabilities.workspace?.codeLens?.refreshSupport === true;
    watcherSupport = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFoldersSupport = capabilities.workspace?.workspaceFolders === true;
    indexer.progressSupport = capabilities.window?.workDoneProgress === true;
    // VS Code gives each workspace a storage folder; the index of the last session is kept there.
    const storagePath = (params.initializationOptions as { storagePath?: unknown } | undefined)?.storagePath;
    if (typeof storagePath === 'string' && storagePath) indexer.cacheFile = join(storagePath, 'mesh-index.json');
    indexer.setFolders((params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).map(canonicalUri));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'dataMesh', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: capabilities.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
        documentSymbolProvider: { label: 'Data Mesh' },
        workspaceSymbolProvider: { resolveProvider: true },
        codeLensProvider: { resolveProvider: true },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'Data Mesh Authoring' },
    };
  });

  connection.onInitialized(() => {
    background.start();
    if (watcherSupport) indexer.registerWatchers().catch((error: Error) => log.error(`Registering file watchers failed: ${error.message}`));
    void loadSettings().then(() => indexer.rescan());
    if (!workspaceFoldersSupport) return;
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const folders = new Set(indexer.workspaceFolders);
      for (const removed of event.removed) folders.delete(canonicalUri(removed.uri));
      for (const added of event.added) folders.add(canonicalUri(added.uri));
      indexer.setFolders([...folders]);
      void indexer.rescan();
    });
  });

  connection.onDidChangeConfiguration(() => {
    const exclude = settings.exclude.join('\n');
    void loadSettings().then(() => {
      if (settings.exclude.join('\n') !== exclude) void indexer.rescan();
      else revalidateAll();
    });
  });

  connection.onShutdown(async () => {
    await Promise.all([indexer.flushCache(), background.dispose()]);
  });

  connection.onDidChangeWatchedFiles((params) => {
    const changes = params.changes.map((change) => ({ ...change, uri: canonicalUri(change.uri) }));
    void runSafe(log, 'file events', undefined, undefined, () => indexer.applyFileEvents(changes));
  });

  async function loadSettings(): Promise<void> {
    if (!configurationSupport) return;
    try {
      const value = (await connection.workspace.getConfiguration('dataMesh')) as Partial<Settings> | null;
      const exclude = Array.isArray(value?.exclude) ? value.exclude.filter((g): g is string => typeof g === 'string') : [];
      settings = { validate: { enable: value?.validate?.enable ?? true }, exclude };
      indexer.setExclude(exclude);
    } catch (error) {
      log.error(`Reading settings failed: ${(error as Error).message}`);
    }
  }

  /**
   * Brings the index up to date with the open documents (an open document wins over its file on
   * disk). Cheap when nothing changed: one version comparison per document. `only` limits it to one
   * document and the edited ones, for diagnostics: there, a document just opened enters the index with
   * its own diagnostics, so that a burst of them is analyzed on the worker and not here as well.
   */
  function syncOpenDocuments(only?: string): void {
    const generation = service.mesh.index.generation;
    for (const clientUri of only === undefined ? unsynced : edited) syncOpenDocument(clientUri);
    if (only !== undefined && unsynced.has(only)) syncOpenDocument(only);
    // Whoever synced first (a diagnostics pull, a hover), the other open documents and lenses may depend on the change.
    if (service.mesh.index.generation !== generation && indexer.isReady) refreshMesh();
  }

  function syncOpenDocument(clientUri: string): void {
    unsynced.delete(clientUri);
    edited.delete(clientUri);
    const textDocument = documents.get(clientUri);
    if (!textDocument || indexedVersions.get(clientUri) === textDocument.version) return;
    indexedVersions.set(clientUri, textDocument.version);
    const uri = workspace.indexUri(clientUri);
    service.mesh.index.setOpenFacts(uri, cache.facts(textDocument, uri));
  }

  function computeDiagnostics(textDocument: TextDocument): Diagnostic[] {
    if (!settings.validate.enable) return [];
    syncOpenDocuments(textDocument.uri);
    if (!cache.isMesh(textDocument)) return [];
    // Until the index is complete, a reference to a file not yet read would look broken.
    const uri = workspace.indexUri(textDocument.uri);
    const inMesh = indexer.isReady ? service.validateInMesh({ text: textDocument.getText(), document: () => cache.get(textDocument) }, uri, cache.facts(textDocument, uri)) : [];
    const all = [...cache.ownDiagnostics(textDocument), ...inMesh].sort((a, b) => a.start - b.start);
    counts.set(uri, { errors: all.filter((d) => d.severity === Severity.Error).length, warnings: all.filter((d) => d.severity === Severity.Warning).length });
    return all.map((d) => toLspDiagnostic(textDocument, d));
  }

  /**
   * Has the document analyzed on the worker, and the edited documents the worker has (cross-file
   * findings need them), so that syncing them does not analyze them here as well. False when the
   * document changed or closed meanwhile.
   */
  async function analyzed(textDocument: TextDocument): Promise<boolean> {
    if (!settings.validate.enable) return true;
    await cache.analyze(textDocument, workspace.indexUri(textDocument.uri));
    for (let running = analysesOf(edited); running.length > 0; running = analysesOf(edited)) await Promise.all(running);
    return documents.get(textDocument.uri)?.version === textDocument.version;
  }

  function analysesOf(clientUris: Iterable<string>): Promise<void>[] {
    const running: Promise<void>[] = [];
    for (const clientUri of clientUris) {
      const textDocument = documents.get(clientUri);
      const analysis = textDocument && cache.analyzing(textDocument);
      if (analysis) running.push(analysis);
    }
    return running;
  }

  // Pull mode: the client asks when it needs diagnostics; the answer comes from the parse cache.
  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const requested = documents.get(params.textDocument.uri);
    if (requested) await analyzed(requested);
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
      // A newer version, or the closing, has its own turn.
      if (!(await analyzed(textDocument))) return;
      const isMesh = cache.isMesh(textDocument);
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
      if (diagnosticRefreshSupport) connection.sendRequest(DiagnosticRefreshRequest.type).catch((error: Error) => log.error(`Diagnostics refresh failed: ${error.message}`));
    } else for (const textDocument of documents.all()) schedule(textDocument, 0);
  }

  /** The mesh changed outside the open documents: their cross-file findings and lenses may be stale. */
  function refreshMesh(delay = REFRESH_DELAY_MS): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      revalidateAll();
      if (codeLensRefreshSupport) connection.sendRequest(CodeLensRefreshRequest.type).catch((error: Error) => log.error(`Code lens refresh failed: ${error.message}`));
    }, delay);
  }

  // The first content of a document (its opening) is validated at once, later edits after a pause.
  const seen = new Set<string>();
  documents.onDidChangeContent((event) => {
    indexer.noteClientDocument();
    unsynced.add(event.document.uri);
    const first = !seen.has(event.document.uri);
    if (!first) edited.add(event.document.uri);
    seen.add(event.document.uri);
    // An opened document goes to the worker at once; an edit when its validation is due.
    if (first && settings.validate.enable) void cache.analyze(event.document, workspace.indexUri(event.document.uri));
    schedule(event.document, first ? 0 : VALIDATION_DELAY_MS);
  });
  documents.onDidOpen((event) => workspace.opened(event.document.uri));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const indexUri = workspace.indexUri(uri);
    workspace.closed(uri);
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    cache.delete(uri);
    seen.delete(uri);
    indexedVersions.delete(uri);
    unsynced.delete(uri);
    edited.delete(uri);
    counts.delete(indexUri);
    // The file on disk is the truth again (or nothing, for a deleted file or an untitled document).
    // It is read again first, since it may have been saved and not every client watches files; until
    // then the closed document's facts stand, so no request sees the older disk facts in between.
    void runSafe(log, 'reading a closed file', undefined, undefined, async () => {
      await indexer.applyFileEvents([{ uri: indexUri, type: FileChangeType.Changed }]);
      if (!documents.get(uri)) service.mesh.index.setOpenFacts(indexUri, undefined);
      indexer.reportSize();
      refreshMesh();
    });
    if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  registerFeatures({ connection, documents, service, cache, workspace, log, sync: syncOpenDocuments, counts });
  documents.listen(connection);
  connection.listen();
}
