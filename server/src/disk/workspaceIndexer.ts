import { type Connection, DidChangeWatchedFilesNotification, type FileEvent, FileChangeType, WatchKind, type WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import type { LanguageService } from '../core/languageService';
import { type IndexStatus, IndexStatusNotification } from '../../../protocol/protocol';
import { CONFIG_FILE, type FileFilter, filterFor } from './fileWalk';
import { type CachedFile, loadIndexCache, saveIndexCache } from './indexCache';
import { type AheadAnalysis, indexFile, type ScanCache, scanFolder, slicer } from './workspaceScanner';

// The index cache is written this long after the index is ready.
const CACHE_SAVE_DELAY_MS = 1000;
// Status notifications while indexing: often enough for a progress bar, rarely enough to cost nothing.
const STATUS_INTERVAL_MS = 250;

export interface IndexerOptions {
  connection: Connection;
  service: LanguageService;
  log: (message: string) => void;
  /** Called when the index changed in a way other files' diagnostics and lenses may depend on. */
  onChanged: () => void;
  /** Called when a full scan is complete: the cross-file findings held back until now can be computed. */
  onReady: () => void;
  /** Called before the index is declared ready: the open documents the scan left to the editor must be in it. */
  beforeReady: () => Promise<void>;
  /** Whether a file is open in the editor (by its canonical URI); the scan leaves it to the editor. */
  isOpen: (uri: string) => boolean;
  /** The analysis worker, when the scan may share its work (see `scanFolder`). */
  ahead?: () => AheadAnalysis | undefined;
}

/**
 * Keeps the index of the workspace folders current: a full scan at start (with progress in VS
 * Code), a rescan when the folders or `dataMesh.exclude` change, and file events from the client's
 * watcher for changes made outside the editor.
 */
export class WorkspaceIndexer {
  private folders: string[] = [];
  private exclude: string[] = [];
  /** Each folder's file filter (`dataMesh.exclude`, its `datamesh.config.yaml`, its `.gitignore` files), made at each scan. */
  private readonly filters = new Map<string, FileFilter>();
  private scan = 0;
  private ready = false;
  private status: IndexStatus = { state: 'indexing', meshFiles: 0, scanned: 0, total: 0 };
  private lastStatusSent = 0;
  private lastClientDocumentAt = -Infinity;
  private lastFileEventsAt = -Infinity;
  /** Whether the client shows server-initiated progress (`window.workDoneProgress`). */
  progressSupport = false;

  constructor(private readonly options: IndexerOptions) {}

  /** True once the first full scan is complete; cross-file findings wait for it. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Resolves when the current scan is complete, or after `withinMs`, whichever comes first. */
  whenReady(withinMs: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, withinMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.readyWaiters.push(done);
    });
  }

  private readyWaiters: (() => void)[] = [];

  /** "1,200 of 20,000 files", for messages while the index is still being built. */
  progress(): string {
    return `${this.status.scanned.toLocaleString('en')} of ${this.status.total.toLocaleString('en')} files read`;
  }

  /** Call when the client opens or edits a document: a running scan then lets the client's messages go first. */
  noteClientDocument(): void {
    this.lastClientDocumentAt = performance.now();
  }

  /** Watches every YAML and JSON file, plus deletions (a deleted folder arrives as one event). */
  async registerWatchers(): Promise<void> {
    await this.options.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/.gitignore' }, { globPattern: '**/*', kind: WatchKind.Delete }],
    });
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setFolders(folders: string[]): void {
    const removed = this.folders.filter((f) => !folders.includes(f));
    for (const folder of removed) this.options.service.removeFolder(folder);
    this.folders = folders;
  }

  setExclude(globs: string[]): void {
    this.exclude = globs;
  }

  /** Drops what was read from disk and reads every folder again. A newer call cancels an older one. */
  async rescan(): Promise<void> {
    const scan = ++this.scan;
    const cancelled = () => scan !== this.scan;
    const service = this.options.service;
    const started = performance.now();
    this.ready = false;
    service.setIndexComplete(false);
    for (const folder of this.folders) service.removeFolder(folder);
    const reporter = await this.createProgress();
    reporter?.begin('Indexing data mesh', 0, 'Finding files…', false);
    const done = { scanned: 0, total: 0 };
    this.sendStatus({ state: 'indexing', meshFiles: service.meshFileCount, scanned: 0, total: 0 }, true);
    const cache: ScanCache | undefined = this.cacheFile ? { previous: await loadIndexCache(this.cacheFile), next: new Map() } : undefined;
    try {
      for (const folder of this.folders) {
        const before = { ...done };
        const { filter, configError } = filterFor(fileURLToPath(folder), this.exclude);
        this.filters.set(folder, filter);
        if (configError) this.options.log(configError);
        await scanFolder(
          service,
          folder,
          filter,
          ({ scanned, total }) => {
            done.scanned = before.scanned + scanned;
            done.total = before.total + total;
            if (cancelled()) return;
            const status: IndexStatus = { state: 'indexing', meshFiles: service.meshFileCount, ...done };
            if (this.sendStatus(status, false)) reporter?.report(done.total ? Math.floor((100 * done.scanned) / done.total) : 0, `${done.scanned} of ${done.total} files`);
          },
          { isCancelled: cancelled, isOpen: this.options.isOpen, clientActiveSince: (time) => this.lastClientDocumentAt >= time, cache, ahead: this.options.ahead?.(), clientHasOpened: () => this.lastClientDocumentAt > -Infinity, fileEventsSince: (time) => this.lastFileEventsAt >= time },
        );
        if (cancelled()) return;
      }
      await this.options.beforeReady();
      if (cancelled()) return;
      this.ready = true;
      service.setIndexComplete(true);
      const durationMs = Math.round(performance.now() - started);
      const reused = cache ? [...cache.next].filter(([uri, file]) => cache.previous.get(uri) === file).length : 0;
      this.options.log(`Indexed ${service.meshFileCount} data-mesh files of ${done.total} in ${durationMs} ms${reused ? ` (${reused} unchanged since the last session)` : ''}.`);
      for (const [uri, reason] of service.skippedFiles()) this.options.log(`Not indexed: ${uri}: ${reason}.`);
      this.sendStatus({ state: 'ready', meshFiles: service.meshFileCount, ...done, durationMs, ...this.skippedStatus() }, true);
      this.options.onReady();
      for (const done of this.readyWaiters.splice(0)) done();
      if (cache && this.cacheFile) this.saveCache(this.cacheFile, cache.next);
    } finally {
      reporter?.done();
    }
  }

  /** Where the index of the last full scan is kept between sessions (the client's workspace storage). */
  cacheFile: string | undefined;

  private cacheSave: { timer: NodeJS.Timeout | undefined; run: () => Promise<void> } | undefined;

  /** Saved a moment after the index is ready, so the answers the editor is waiting for come first. */
  private saveCache(path: string, files: ReadonlyMap<string, CachedFile>): void {
    let running: Promise<void> | undefined;
    const run = () => {
      running ??= saveIndexCache(path, files).catch((error: Error) => this.options.log(`Saving the index cache failed: ${error.message}`));
      return running;
    };
    if (this.cacheSave) clearTimeout(this.cacheSave.timer);
    this.cacheSave = { timer: setTimeout(() => void run(), CACHE_SAVE_DELAY_MS), run };
  }

  /** Finishes writing the index cache (at shutdown, so a quick restart still finds it). */
  async flushCache(): Promise<void> {
    const save = this.cacheSave;
    if (!save) return;
    clearTimeout(save.timer);
    await save.run();
  }

  /** File events from the client's watcher: changes made outside the editor (git, scripts, other tools). */
  async applyFileEvents(events: readonly FileEvent[]): Promise<void> {
    this.lastFileEventsAt = performance.now();
    const service = this.options.service;
    // A checkout can change thousands of files: requests are still answered in between.
    const breathe = slicer();
    for (const event of events) {
      const pause = breathe();
      if (pause) await pause;
      const place = this.placeOf(event.uri);
      if (place === undefined) continue;
      // What decides which files count changed: read every folder again.
      if (place.relative === CONFIG_FILE || place.relative.endsWith('.gitignore')) {
        void this.rescan();
        return;
      }
      if (event.type === FileChangeType.Deleted) {
        service.setFileFacts(event.uri, undefined);
        service.removeFolder(event.uri);
      } else if (place.filter.isCandidate(place.relative)) {
        indexFile(service, event.uri);
      }
    }
    // Sent after every batch of file events, also as the sign that they have been applied.
    if (this.ready) this.sendStatus({ ...this.status, meshFiles: service.meshFileCount, ...this.skippedStatus() }, true);
    this.options.onChanged();
  }

  /** Files the index skipped, for the status bar's tooltip. */
  private skippedStatus(): Pick<IndexStatus, 'skipped'> {
    const skipped = [...this.options.service.skippedFiles()].map(([uri, reason]) => ({ uri, reason }));
    return skipped.length > 0 ? { skipped } : {};
  }

  /** Tells the client the mesh size again after it changed outside a scan (a file closed, created, deleted). */
  reportSize(): void {
    const meshFiles = this.options.service.meshFileCount;
    if (this.ready && meshFiles !== this.status.meshFiles) this.sendStatus({ ...this.status, meshFiles }, true);
  }

  /** The path of a file inside one of the workspace folders, with that folder's filter; undefined outside all of them. */
  private placeOf(uri: string): { relative: string; filter: FileFilter } | undefined {
    for (const folder of this.folders) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      const filter = this.filters.get(folder);
      if (filter && uri.startsWith(prefix)) return { relative: decodeURIComponent(uri.slice(prefix.length)), filter };
    }
    return undefined;
  }

  private async createProgress(): Promise<WorkDoneProgressServerReporter | undefined> {
    if (!this.progressSupport) return undefined;
    try {
      return await this.options.connection.window.createWorkDoneProgress();
    } catch {
      return undefined; // A client that refuses progress still gets an index.
    }
  }

  /** Sends the status, throttled unless `force`; returns whether it was sent. */
  private sendStatus(status: IndexStatus, force: boolean): boolean {
    this.status = status;
    const now = performance.now();
    if (!force && now - this.lastStatusSent < STATUS_INTERVAL_MS) return false;
    this.lastStatusSent = now;
    void this.options.connection.sendNotification(IndexStatusNotification, status);
    return true;
  }
}
