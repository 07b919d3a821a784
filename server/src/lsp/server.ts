import { CodeLensRefreshRequest, type Connection, SemanticTokensRefreshRequest, FileChangeType, type InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLanguageService, DEFAULT_MAX_FILE_SIZE, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/languageService';
import { BackgroundAnalysis } from '../analysis/backgroundAnalysis';
import { canonicalUri } from '../disk/uris';
import { ruleDocsBeside } from '../disk/ruleDocs';
import { validatorsBeside } from '../disk/precompiledValidators';
import { readTextOfUri } from '../disk/fileWalk';
import { WorkspaceIndexer } from '../disk/workspaceIndexer';
import { CODE_ACTION_KINDS, registerFeatures } from './featureHandlers';
import { OpenDocuments } from './openDocuments';
import { PullDiagnostics } from './pullDiagnostics';
import { PushDiagnostics } from './pushDiagnostics';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { registerGovernanceReport } from './governanceReportHandler';
import { type DiagnosticsScope, type InitializationOptions, WorkspaceTrustedNotification } from '../../../protocol/protocol';
import { GitBaseTexts } from '../disk/gitBaseTexts';
import { BreakingBases } from './breakingBases';
import { runInBackground } from './runSafe';

/** Settings under `dataMesh.*` that the server reads. */
interface Settings {
  validate: { enable: boolean };
  exclude: string[];
  maxFileSizeMB: number;
  diagnostics: { scope: DiagnosticsScope };
  /** The git ref open contracts and products are compared with; empty: no comparison. */
  breakingChanges: { base: string };
}
const DEFAULT_SETTINGS: Settings = { validate: { enable: true }, exclude: [], maxFileSizeMB: DEFAULT_MAX_FILE_SIZE / (1024 * 1024), diagnostics: { scope: 'workspace' }, breakingChanges: { base: 'HEAD' } };
// Changes elsewhere in the mesh (file events, the index becoming ready) are batched this long.
const REFRESH_DELAY_MS = 100;

/** The LSP edge: lifecycle, settings, and the wiring of the open documents, the disk and the diagnostics to the core. */
export function startServer(connection: Connection): void {
  const log = { error: (message: string) => connection.console.error(message) };
  let settings = DEFAULT_SETTINGS;
  let refreshTimer: NodeJS.Timeout | undefined;
  // The worker is bundled next to this file (dist/analysisWorker.js).
  const background = new BackgroundAnalysis(join(__dirname, 'analysisWorker.js'), log.error);
  const service = createLanguageService({
    readFile: readTextOfUri,
    canonicalUri,
    analyzedElsewhere: () => background.isAvailable,
    // The rule pages shipped beside this bundle (docs/rules/ next to dist/), as file URIs.
    ruleDocs: ruleDocsBeside(__dirname),
    // The schemas compiled at build time (dist/validators/), loaded at their first use.
    precompiledValidators: validatorsBeside(__dirname),
    // Bringing an open document into the index may change what other files' findings and lenses say.
    onIndexChanged: () => {
      if (service.isIndexComplete) refreshMesh();
    },
  });
  const isEnabled = () => settings.validate.enable;
  const open = new OpenDocuments(service, background, isEnabled);
  // Git runs here, at the edge: the core gets the base texts.
  const git = new GitBaseTexts((message) => connection.console.info(message), () => bases.updateAll());
  // A base that changed changes that file's findings only: the diagnostics of the open documents and
  // of the closed files in the Problems panel, batched.
  let baseTimer: NodeJS.Timeout | undefined;
  const bases = new BreakingBases(
    service,
    open,
    git,
    log,
    () => {
      clearTimeout(baseTimer);
      baseTimer = setTimeout(() => {
        diagnostics?.refresh();
        workspaceDiagnostics?.changed();
      }, REFRESH_DELAY_MS);
    },
    () => indexer.workspaceFolders.filter((folder) => folder.startsWith('file:')).map((folder) => fileURLToPath(folder)),
  );
  let diagnostics: PullDiagnostics | PushDiagnostics | undefined;
  let workspaceDiagnostics: WorkspaceDiagnostics | undefined;
  let codeLensRefreshSupport = false;
  let semanticTokensRefreshSupport = false;
  let configurationSupport = false;
  let watcherSupport = false;
  let workspaceFoldersSupport = false;
  // What the client's workspace edits can do, for code actions that create files.
  const workspaceEdits = { documentChanges: false, createFiles: false };

  const indexer = new WorkspaceIndexer({
    connection,
    service,
    log: (message) => connection.console.info(message),
    onChanged: () => {
      refreshMesh();
      bases.updateClosed();
    },
    // Nothing to batch: every open document is waiting for its cross-file findings.
    onReady: () => {
      refreshMesh(0);
      bases.updateClosed();
    },
    // A reference to an open file the worker is still reading must not look broken.
    beforeReady: () => open.analyzeAll(),
    isOpen: (uri) => open.isOpen(uri),
    // The worker shares the scan's reading while documents are validated (then it has their analyses).
    ahead: () => (isEnabled() && background.isAvailable ? background : undefined),
  });

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    const pull = capabilities.textDocument?.diagnostic !== undefined;
    const context = { connection, service, open, log, isEnabled };
    diagnostics = pull ? new PullDiagnostics(context, capabilities.workspace?.diagnostics?.refreshSupport === true) : new PushDiagnostics(context);
    // Pull clients list closed files through workspace pulls; push clients only ever see the open ones.
    if (pull) workspaceDiagnostics = new WorkspaceDiagnostics(context, () => settings.diagnostics.scope);
    codeLensRefreshSupport = capabilities.workspace?.codeLens?.refreshSupport === true;
    semanticTokensRefreshSupport = capabilities.workspace?.semanticTokens?.refreshSupport === true;
    indexer.progressSupport = capabilities.window?.workDoneProgress === true;
    configurationSupport = capabilities.workspace?.configuration === true;
    watcherSupport = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFoldersSupport = capabilities.workspace?.workspaceFolders === true;
    workspaceEdits.documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    workspaceEdits.createFiles = workspaceEdits.documentChanges && (capabilities.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create');
    // VS Code gives each workspace a storage folder; the index of the last session is kept there.
    const options = params.initializationOptions as { [K in keyof InitializationOptions]?: unknown } | undefined;
    const storagePath = options?.storagePath;
    // VS Code's restricted mode: no git until the user trusts the workspace.
    bases.trusted = options?.workspaceTrusted !== false;
    if (typeof storagePath === 'string' && storagePath) indexer.cacheFile = join(storagePath, 'mesh-index.json');
    indexer.setFolders((params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).map(canonicalUri));
    return {
      capabilities: {
        // Saves refresh a document's git base (for breaking changes).
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(pull ? { diagnosticProvider: { identifier: 'dataMesh', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: capabilities.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
        documentSymbolProvider: { label: 'Data Mesh' },
        workspaceSymbolProvider: { resolveProvider: true },
        codeLensProvider: { resolveProvider: true },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS] },
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true, range: true },
        // As VS Code's JSON server: after a colon (values); and after a list dash (the item's keys).
        completionProvider: { triggerCharacters: [':', '-'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'Data Mesh Authoring' },
    };
  });
  connection.onNotification(WorkspaceTrustedNotification, () => {
    bases.trusted = true;
    bases.updateAll();
  });
  connection.onInitialized(() => {
    background.start();
    if (watcherSupport) indexer.registerWatchers().catch((error: Error) => log.error(`Registering file watchers failed: ${error.message}`));
    void loadSettings().then(() => {
      // Documents opened before the settings arrived were compared with the default base.
      if (settings.breakingChanges.base !== DEFAULT_SETTINGS.breakingChanges.base) bases.updateAll();
      return indexer.rescan();
    });
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
    const scope = settings.diagnostics.scope;
    const base = settings.breakingChanges.base;
    void loadSettings().then(() => {
      if (settings.breakingChanges.base !== base) bases.updateAll();
      if (settings.diagnostics.scope !== scope) workspaceDiagnostics?.scopeChanged();
      else workspaceDiagnostics?.changed();
      if (settings.exclude.join('\n') !== exclude) void indexer.rescan();
      else diagnostics?.refresh();
    });
  });

  connection.onShutdown(async () => {
    git.dispose();
    bases.dispose();
    clearTimeout(baseTimer);
    await Promise.all([indexer.flushCache(), background.dispose()]);
  });

  connection.onDidChangeWatchedFiles((params) => {
    const changes = params.changes.map((change) => ({ ...change, uri: canonicalUri(change.uri) }));
    void runInBackground(log, 'file events', () => indexer.applyFileEvents(changes));
  });

  async function loadSettings(): Promise<void> {
    if (!configurationSupport) return;
    try {
      const value = (await connection.workspace.getConfiguration('dataMesh')) as Partial<Settings> | null;
      const exclude = Array.isArray(value?.exclude) ? value.exclude.filter((g): g is string => typeof g === 'string') : [];
      const size = value?.maxFileSizeMB;
      const scope = value?.diagnostics?.scope === 'openFiles' ? 'openFiles' : 'workspace';
      const base = value?.breakingChanges?.base;
      settings = { validate: { enable: value?.validate?.enable ?? true }, exclude, maxFileSizeMB: typeof size === 'number' && size > 0 ? size : DEFAULT_SETTINGS.maxFileSizeMB, diagnostics: { scope }, breakingChanges: { base: typeof base === 'string' ? base : DEFAULT_SETTINGS.breakingChanges.base } };
      bases.ref = settings.breakingChanges.base;
      indexer.setExclude(exclude);
      service.setMaxFileSize(settings.maxFileSizeMB * 1024 * 1024);
    } catch (error) {
      log.error(`Reading settings failed: ${(error as Error).message}`);
    }
  }

  /** The mesh changed outside the open documents: their cross-file findings and lenses may be stale. */
  function refreshMesh(delay = REFRESH_DELAY_MS): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      diagnostics?.refresh();
      workspaceDiagnostics?.changed();
      if (codeLensRefreshSupport) connection.sendRequest(CodeLensRefreshRequest.type).catch((error: Error) => log.error(`Code lens refresh failed: ${error.message}`));
      // A reference that resolved (or broke) because another file changed is coloured again.
      if (semanticTokensRefreshSupport) connection.sendRequest(SemanticTokensRefreshRequest.type).catch((error: Error) => log.error(`Semantic tokens refresh failed: ${error.message}`));
    }, delay);
  }

  open.documents.onDidChangeContent(() => indexer.noteClientDocument());
  open.documents.onDidOpen((event) => bases.update(event.document.uri));
  open.documents.onDidSave((event) => {
    git.refresh();
    bases.update(event.document.uri);
  });
  open.documents.onDidClose((event) => {
    bases.closed(event.document.uri);
    const uri = open.indexUri(event.document.uri);
    // The file on disk is the truth again (or nothing, for a deleted file or an untitled document).
    // It is read again first, since it may have been saved and not every client watches files; until
    // then the closed document's facts stand, so no request sees the older disk facts in between.
    void runInBackground(log, 'reading a closed file', async () => {
      await indexer.applyFileEvents([{ uri, type: FileChangeType.Changed }]);
      if (!open.isOpen(uri)) service.closeDocument(uri);
      indexer.reportSize();
      refreshMesh();
    });
  });

  registerFeatures({ connection, service, open, log, workspaceEdits, indexReady: (withinMs) => indexer.whenReady(withinMs), indexProgress: () => indexer.progress() });
  registerGovernanceReport({ connection, service, log, folders: () => indexer.workspaceFolders, indexReady: (withinMs) => indexer.whenReady(withinMs) });
  open.documents.listen(connection);
  connection.listen();
}
