import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileFacts } from './core/languageService';

/**
 * The facts of the files read by the last full scan, with each file's modification time and size,
 * kept in the extension's workspace storage. At the next start a file whose time and size are
 * unchanged is not read or parsed again. Facts are plain data, so the cache is JSON.
 */
export interface CachedFile {
  mtimeMs: number;
  size: number;
  /** null: the file was read and is not part of the mesh. */
  facts: FileFacts | null;
}

// Bump when the facts an extractor produces change shape or meaning: an old cache is then ignored.
const FACTS_FORMAT = 1;
declare const __VERSION__: string | undefined;
const STAMP = `${FACTS_FORMAT}:${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}`;

interface CacheFile {
  stamp: string;
  files: Record<string, CachedFile>;
}

/** The previous scan's files, or an empty cache when there is none, it is unreadable or from another version. */
export async function loadIndexCache(path: string): Promise<Map<string, CachedFile>> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<CacheFile>;
    if (parsed.stamp !== STAMP || typeof parsed.files !== 'object' || parsed.files === null) return new Map();
    return new Map(Object.entries(parsed.files));
  } catch {
    return new Map();
  }
}

/** Writes the cache to a temporary file first, so a crash never leaves a half-written cache behind. */
export async function saveIndexCache(path: string, files: ReadonlyMap<string, CachedFile>): Promise<void> {
  const content: CacheFile = { stamp: STAMP, files: Object.fromEntries(files) };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(content));
  await rename(temporary, path);
}
