import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { shareStrings, type FileFacts } from '../core/languageService';

/**
 * The facts of the files read by the last full scan, with each file's modification time and size,
 * kept in the extension's workspace storage. At the next start a file whose time and size are
 * unchanged is not read or parsed again. Facts are plain data, so the cache is JSON, one line per
 * file: a 20,000-file mesh is never one 140 MB string in memory.
 */
export interface CachedFile {
  mtimeMs: number;
  size: number;
  /** null: the file was read and is not part of the mesh. */
  facts: FileFacts | null;
}

// Bump when the facts an extractor produces change shape or meaning: an old cache is then ignored.
const FACTS_FORMAT = 8;
declare const __VERSION__: string | undefined;
const STAMP = JSON.stringify({ dataMeshIndex: `${FACTS_FORMAT}:${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}` });

type Line = [uri: string, mtimeMs: number, size: number, facts: FileFacts | null];

/** The previous scan's files, or an empty cache when there is none, it is unreadable or from another version. */
export async function loadIndexCache(path: string): Promise<Map<string, CachedFile>> {
  const files = new Map<string, CachedFile>();
  try {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let first = true;
    for await (const line of lines) {
      if (first) {
        first = false;
        if (line !== STAMP) return new Map();
        continue;
      }
      const [uri, mtimeMs, size, facts] = JSON.parse(line) as Line;
      files.set(uri, { mtimeMs, size, facts: facts && shareStrings(facts) });
    }
    return files;
  } catch {
    return new Map(); // Missing, unreadable or half written: the scan reads every file.
  }
}

/** Writes the cache line by line to a temporary file, then renames it, so a crash never leaves half a cache. */
export async function saveIndexCache(path: string, files: ReadonlyMap<string, CachedFile>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await removeAbandoned(path);
  const temporary = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temporary, 'utf8');
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve)));
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  try {
    await write(`${STAMP}\n`);
    for (const [uri, { mtimeMs, size, facts }] of files) await write(`${JSON.stringify([uri, mtimeMs, size, facts] satisfies Line)}\n`);
    out.end();
    await closed;
    await rename(temporary, path);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Deletes the temporary files of servers that were killed while writing (tens of MB each for a big
 * mesh). A file of a server that is still running (another window on the same workspace) is left.
 */
async function removeAbandoned(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^(\d+)\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (name.startsWith(prefix) && Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(join(dirname(path), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
