import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LanguageService } from '../core/languageService';
import { type FileFilter, listFiles, readCandidate } from './fileWalk';
import type { CachedFile } from './indexCache';

// Give the event loop back after this much work, so requests are answered while indexing runs.
const SLICE_MS = 15;

export interface ScanProgress {
  scanned: number;
  total: number;
}

/**
 * Reads one file into the index: its facts, or the reason it was skipped. With a cache, a file whose
 * modification time and size are unchanged is not read at all, and every file read is recorded for
 * the next start.
 */
export function indexFile(service: LanguageService, uri: string, cache?: ScanCache, onRead?: (uri: string, text: string) => void): void {
  const previous = cache?.previous.get(uri);
  const read = readCandidate(fileURLToPath(uri), previous);
  if (read === undefined) service.setFileFacts(uri, undefined);
  else if (read === 'unchanged') {
    cache!.next.set(uri, previous!);
    service.setFileFacts(uri, previous!.facts ?? undefined);
  } else if ('skipped' in read) service.skipFile(uri, read.skipped);
  else {
    const facts = service.setFileText(uri, read.text);
    if (facts) onRead?.(uri, read.text);
    cache?.next.set(uri, { mtimeMs: read.mtimeMs, size: read.size, facts: facts ?? null });
  }
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
  /** Told the text of every mesh file read (the server has it analyzed ahead, in case it opens). */
  onRead?: (uri: string, text: string) => void;
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
  for (const file of files) {
    if (isCancelled()) return;
    const uri = pathToFileURL(file).href;
    // An open document's facts come from the editor; its file is read when it closes.
    if (!isOpen(uri)) indexFile(service, uri, cache, options.onRead);
    state.scanned++;
    const pause = breathe();
    if (pause) await pause;
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
