import { readdir, readFile, stat } from 'node:fs/promises';
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
// Read this many files at once; more only adds memory pressure on a 2-core machine.
const READ_CONCURRENCY = 16;
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
 * Reads one file's facts from disk; undefined when it cannot be read, is too big, or is not a
 * candidate. With a cache, a file whose modification time and size are unchanged is not read at all,
 * and every file read is recorded for the next start.
 */
export async function readFacts(service: LanguageService, uri: string, cache?: ScanCache): Promise<FileFacts | undefined> {
  const path = fileURLToPath(uri);
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_INDEXED_BYTES) return undefined;
    const cached = cache?.previous.get(uri);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      cache!.next.set(uri, cached);
      return cached.facts ?? undefined;
    }
    const text = await readFile(path, 'utf8');
    // JSON is only ours as a DPDS descriptor; most JSON in a repository is not worth parsing.
    const facts = JSON_FILE.test(path) && !text.includes('"dataProductDescriptor"') ? undefined : service.factsOfText(text, uri, path);
    cache?.next.set(uri, { mtimeMs: info.mtimeMs, size: info.size, facts: facts?.standards.length ? facts : null });
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

/**
 * Walks a workspace folder and puts the facts of every candidate file in the index, in slices so the
 * server stays responsive. `isCancelled` stops a scan that a newer one (settings changed) replaced.
 */
export async function scanFolder(
  service: LanguageService,
  folderUri: string,
  filter: FileFilter,
  progress: (p: ScanProgress) => void,
  isCancelled: () => boolean,
  isOpen: (uri: string) => boolean = () => false,
  cache?: ScanCache,
): Promise<void> {
  const root = fileURLToPath(folderUri);
  const files = await listFiles(root, '', filter, isCancelled);
  const state = { scanned: 0, total: files.length };
  progress(state);
  let next = 0;
  let sliceStart = performance.now();
  const worker = async () => {
    while (next < files.length && !isCancelled()) {
      const uri = pathToFileURL(files[next++]!).href;
      // An open document's facts come from the editor; its file is read when it closes.
      const facts = isOpen(uri) ? undefined : await readFacts(service, uri, cache);
      if (isCancelled()) return;
      if (!isOpen(uri)) service.mesh.index.setDiskFacts(uri, facts?.standards.length ? facts : undefined);
      state.scanned++;
      if (performance.now() - sliceStart > SLICE_MS) {
        progress(state);
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  progress(state);
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
