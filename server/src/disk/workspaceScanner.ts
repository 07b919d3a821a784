import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Analysis, FileFacts, LanguageService } from '../core/languageService';
import { type FileFilter, type FileRead, isTextRead, listFiles, readCandidate, type TextRead } from './fileWalk';
import type { CachedFile } from './indexCache';

// Give the event loop back after this much work, so requests are answered while indexing runs.
const SLICE_MS = 15;
// Files handed to the analysis worker and not answered yet, at most: enough to keep it busy while
// this thread works through a slice, few enough that what they hold stays small.
const HANDED_AHEAD = 128;

export interface ScanProgress {
  scanned: number;
  total: number;
}

/**
 * Reads one file into the index: its facts, or the reason it was skipped. With a cache, a file whose
 * modification time and size are unchanged is not read at all, and every file read is recorded for
 * the next start.
 */
export function indexFile(service: LanguageService, uri: string, cache?: ScanCache, ahead?: AheadAnalysis): void {
  const path = fileURLToPath(uri);
  const read = readCandidate(path, cache?.previous.get(uri));
  // While what is kept ahead has room, the file is analyzed in full here too: the document an editor
  // opens with this text then adopts the analysis, and its facts are the index's.
  if (ahead && isTextRead(read) && ahead.hasRoomAhead(read.text.length)) {
    const analysis = service.analyze(read.text, path, uri);
    indexRead(service, uri, read, cache, analysis.facts);
    ahead.keepAhead(read.text, uri, analysis);
  } else indexRead(service, uri, read, cache);
}

/** Puts what was read of a file in the index; with `facts`, those the worker found in its text. */
function indexRead(service: LanguageService, uri: string, read: FileRead | 'unchanged' | undefined, cache?: ScanCache, facts?: FileFacts): void {
  if (read === undefined) service.setFileFacts(uri, undefined);
  else if (read === 'unchanged') {
    const previous = cache!.previous.get(uri)!;
    cache!.next.set(uri, previous);
    service.setFileFacts(uri, previous.facts ?? undefined);
  } else if ('skipped' in read) service.skipFile(uri, read.skipped);
  else {
    const ours = facts ? service.setFileFacts(uri, facts) : service.setFileText(uri, read.text);
    cache?.next.set(uri, { mtimeMs: read.mtimeMs, size: read.size, facts: ours ?? null });
  }
}

/** The analysis worker, as the scan uses it (`BackgroundAnalysis`). */
export interface AheadAnalysis {
  /** Analyzes a file's text on the worker, and keeps the analysis a while for the document opened with it. */
  analyzeAhead(text: string, fileName: string, uri: string): Promise<Analysis | undefined>;
  /** Whether an analysis of a text this long made here would be kept. */
  hasRoomAhead(chars: number): boolean;
  /** Keeps an analysis made here the same way. */
  keepAhead(text: string, uri: string, analysis: Analysis): void;
}

/** The cache a scan reads from (the last scan's files) and the one it writes (this scan's). */
export interface ScanCache {
  previous: ReadonlyMap<string, CachedFile>;
  next: Map<string, CachedFile>;
}

export interface ScanOptions {
  /** True when a newer scan (settings changed) replaced this one. */
  isCancelled: () => boolean;
  /** Whether a file is open in the editor: its facts come from the editor, not the disk. */
  isOpen: (uri: string) => boolean;
  /** Whether the client sent documents since the given time (`performance.now()`); see `yieldTo`. */
  clientActiveSince: (time: number) => boolean;
  cache?: ScanCache;
  /** The analysis worker: it reads files from the end of the folder while this thread goes from the start. */
  ahead?: AheadAnalysis;
  /** Whether the client has opened documents in this session: then it may open more of these files. */
  clientHasOpened?: () => boolean;
  /** Whether file events were applied since the given time (`performance.now()`). */
  fileEventsSince?: (time: number) => boolean;
}

type HandedRead = TextRead & { readAt: number };

/**
 * The files of a scan handed to the analysis worker: read here (the worker reads no files), analyzed
 * there, and put in the index by `place` as their analyses come back, with the facts the worker found
 * (so no file is read twice). At most `HANDED_AHEAD` are under way.
 */
class HandedFiles {
  private pending = 0;
  private arrived: { uri: string; read: HandedRead; facts: FileFacts | undefined }[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly ahead: AheadAnalysis,
    private readonly place: (uri: string, read: HandedRead, facts: FileFacts | undefined) => void,
  ) {}

  get isFull(): boolean {
    return this.pending >= HANDED_AHEAD;
  }

  /** Whether some are still under way or not yet placed. */
  get isBusy(): boolean {
    return this.pending > 0 || this.arrived.length > 0;
  }

  hand(uri: string, file: string, read: HandedRead): void {
    this.pending++;
    void this.ahead.analyzeAhead(read.text, file, uri).then((analysis) => {
      this.pending--;
      this.arrived.push({ uri, read, facts: analysis?.facts });
      this.wake?.();
    });
  }

  /** Resolves when the next analysis comes back (at once when one is waiting to be placed). */
  arrival(): Promise<void> {
    if (this.arrived.length > 0 || this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => (this.wake = resolve));
  }

  placeArrived(): void {
    this.wake = undefined;
    for (const { uri, read, facts } of this.arrived.splice(0)) this.place(uri, read, facts);
  }
}

/**
 * Walks a workspace folder and puts the facts of every candidate file in the index, in slices so the
 * server stays responsive.
 */
export async function scanFolder(
  service: LanguageService,
  folderUri: string,
  filter: FileFilter,
  progress: (p: ScanProgress) => void,
  options: ScanOptions,
): Promise<void> {
  const { isCancelled, isOpen, cache } = options;
  const root = fileURLToPath(folderUri);
  const files = await listFiles(root, filter, isCancelled);
  const state = { scanned: 0, total: files.length };
  progress(state);
  const breathe = slicer(() => {
    progress(state);
    return yieldTo(options.clientActiveSince);
  });
  // The worker analyzes files from the end while this thread indexes from the start, until they
  // meet: the folder is read on two cores, and the documents an editor opens as the server starts
  // find most of their analyses made.
  const handed = options.ahead && new HandedFiles(options.ahead, (uri, read, facts) => {
    state.scanned++;
    if (isOpen(uri)) return;
    // A file event since it was read may have indexed a newer text already: then it is read again.
    const now = options.fileEventsSince?.(read.readAt) ? readCandidate(fileURLToPath(uri), read) : 'unchanged';
    indexRead(service, uri, now === 'unchanged' ? read : now, cache, now === 'unchanged' ? facts : undefined);
  });
  let end = files.length;
  for (let next = 0; next < end; next++) {
    if (isCancelled()) return;
    if (handed) {
      handed.placeArrived();
      while (!handed.isFull && end > next + 1) {
        const file = files[--end];
        const uri = pathToFileURL(file).href;
        if (isOpen(uri)) {
          state.scanned++;
          continue;
        }
        const read = readCandidate(file, cache?.previous.get(uri));
        if (isTextRead(read)) handed.hand(uri, file, { ...read, readAt: performance.now() });
        else {
          // Unchanged since the last session, gone or skipped: nothing for the worker to do.
          indexRead(service, uri, read, cache);
          state.scanned++;
        }
      }
    }
    const uri = pathToFileURL(files[next]).href;
    // An open document's facts come from the editor; its file is read when it closes. Once the
    // editor has opened documents (it restores a session), this thread analyzes its files in full too.
    if (!isOpen(uri)) indexFile(service, uri, cache, options.clientHasOpened?.() ? options.ahead : undefined);
    state.scanned++;
    const pause = breathe();
    if (pause) await pause;
  }
  while (handed?.isBusy) {
    await handed.arrival();
    if (isCancelled()) return;
    handed.placeArrived();
  }
  progress(state);
}

/**
 * Call between units of work: once `sliceMs` of work has passed it returns `pause()` to await, which
 * gives the event loop back (a promise per unit would cost a microtask each on a 20,000-file scan).
 */
export function slicer(pause: () => Promise<void> = nextTurn, sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart <= sliceMs) return undefined;
    return pause().then(() => {
      sliceStart = performance.now();
    });
  };
}

/** Gives the event loop back for one turn. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Gives the event loop back between slices, and for as long as the client keeps sending documents.
 * The LSP connection handles one queued message per turn of the loop, so an editor restoring its tabs
 * or a burst of edits would otherwise be handled at the pace of the scan. This way the documents the
 * user sees are validated first, and the scan then skips the ones that turned out to be open.
 */
async function yieldTo(clientActiveSince: (time: number) => boolean): Promise<void> {
  let since = performance.now();
  await nextTurn();
  while (clientActiveSince(since)) {
    since = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
