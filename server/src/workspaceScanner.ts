import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import type { FileFacts, LanguageService } from './core/languageService';
import type { CachedFile } from './indexCache';

/** Folders never indexed, whatever the settings say. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;
const JSON_FILE = /\.json$/i;
// Bounded work: larger files are still validated when opened, but not indexed from disk.
export const MAX_INDEXED_BYTES = 10 * 1024 * 1024;
// Give the event loop back after this much work, so requests are answered while indexing runs.
const SLICE_MS = 15;

export interface ScanProgress {
  scanned: number;
  total: number;
}

/** Which files of a workspace folder belong in the index: YAML and DPDS JSON, minus the excluded globs. */
export class FileFilter {
  private readonly excluded: (path: string) => boolean;

  constructor(excludeGlobs: readonly string[]) {
    this.excluded = excludeGlobs.length > 0 ? picomatch([...excludeGlobs], { dot: true }) : () => false;
  }

  /** Whether a file belongs in the index, its folders included: a file event must not bring back an excluded folder. */
  isCandidate(relativePath: string): boolean {
    if (!YAML_FILE.test(relativePath) && !JSON_FILE.test(relativePath)) return false;
    if (this.excluded(relativePath)) return false;
    const parts = relativePath.split('/');
    for (let i = 1; i < parts.length; i++) if (this.isSkippedFolder(parts[i - 1]!, parts.slice(0, i).join('/'))) return false;
    return true;
  }

  isSkippedFolder(name: string, relativePath: string): boolean {
    return ALWAYS_SKIPPED.has(name) || this.excluded(relativePath) || this.excluded(`${relativePath}/`);
  }
}

/**
 * Reads one file's facts from disk; undefined when it cannot be read, is too big, or is not part of
 * the mesh. With a cache, a file whose modification time and size are unchanged is not read at all,
 * and every file read is recorded for the next start.
 *
 * The read is synchronous, as the TypeScript server's are: for the small files of a mesh, the four
 * round trips of an asynchronous open, stat, read and close cost the main thread more than the read.
 */
export function readFacts(service: LanguageService, uri: string, cache?: ScanCache): FileFacts | undefined {
  const path = fileURLToPath(uri);
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size > MAX_INDEXED_BYTES) return undefined;
    const cached = cache?.previous.get(uri);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      cache!.next.set(uri, cached);
      return cached.facts ?? undefined;
    }
    const text = readFileSync(path, 'utf8');
    // JSON is only ours as a DPDS descriptor; most JSON in a repository is not worth parsing.
    const read = JSON_FILE.test(path) && !text.includes('"dataProductDescriptor"') ? undefined : service.factsOfText(text, uri, path);
    const facts = read?.standards.length ? read : undefined;
    cache?.next.set(uri, { mtimeMs: info.mtimeMs, size: info.size, facts: facts ?? null });
    return facts;
  } catch {
    return undefined;
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
  const files = await listFiles(root, '', filter, isCancelled);
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
    if (!isOpen(uri)) service.mesh.index.setDiskFacts(uri, readFacts(service, uri, cache));
    state.scanned++;
    const pause = breathe();
    if (pause) await pause;
  }
  progress(state);
}

/**
 * Call between units of work: once SLICE_MS of work has passed it returns `pause()` to await, which
 * gives the event loop back (a promise per unit would cost a microtask each on a 20,000-file scan).
 */
export function slicer(pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart <= SLICE_MS) return undefined;
    return pause().then(() => {
      sliceStart = performance.now();
    });
  };
}

/**
 * Gives the event loop back between slices, and for as long as the client keeps sending documents.
 * The LSP connection handles one queued message per turn of the loop, so an editor restoring its tabs
 * or a burst of edits would otherwise be handled at the pace of the scan. This way the documents the
 * user sees are validated first, and the scan then skips the ones that turned out to be open.
 */
async function yieldTo(clientActiveSince: (time: number) => boolean): Promise<void> {
  let since = performance.now();
  await new Promise((resolve) => setImmediate(resolve));
  while (clientActiveSince(since)) {
    since = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function listFiles(root: string, relative: string, filter: FileFilter, isCancelled: () => boolean): Promise<string[]> {
  const found: string[] = [];
  const folders = [relative];
  while (folders.length > 0 && !isCancelled()) {
    const folder = folders.pop()!;
    let entries;
    try {
      entries = await readdir(join(root, folder), { withFileTypes: true });
    } catch {
      continue; // A folder deleted or unreadable while we walk is simply not indexed.
    }
    for (const entry of entries) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!filter.isSkippedFolder(entry.name, path)) folders.push(path);
      } else if (entry.isFile() && filter.isCandidate(path)) found.push(join(root, path));
    }
  }
  return found;
}
