import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { load } from 'js-yaml';
import { fileURLToPath } from 'node:url';
import { MAX_ANALYZED_CHARS } from '../core/languageService';

/**
 * The one policy for which files of a folder belong to the mesh, shared by the editor's index and
 * `datamesh check`: YAML files and DPDS JSON descriptors, minus folders that are never ours, the
 * user's excludes (`dataMesh.exclude` and `datamesh.config.yaml`), and what `.gitignore` ignores;
 * files over the size cap are not read.
 */

/** Folders never indexed: dependencies, version control, and the editor's own copies of files. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '.cache', '.history', '.vscode-test', '.vscode-server']);
const YAML_FILE = /\.ya?ml$/i;
const JSON_FILE = /\.json$/i;
// Bounded work: larger files are not read into the index; the core's own limit, so an open one is not read either.
const MAX_INDEXED_BYTES = MAX_ANALYZED_CHARS;
/** The project's own settings for the mesh, found at the root of a workspace folder (or above the checked paths). */
export const CONFIG_FILE = 'datamesh.config.yaml';

/** What a project's `datamesh.config.yaml` may say. */
export interface ProjectConfig {
  /** Globs, relative to the config file's folder, of files and folders that are not part of the mesh. */
  exclude: string[];
}

/** Reads `datamesh.config.yaml` in a folder; a missing file is no config, a broken one an error for the caller to show. */
export function readProjectConfig(folder: string): { config: ProjectConfig; error?: string } | undefined {
  let text: string;
  try {
    text = readFileSync(join(folder, CONFIG_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = load(text) as { exclude?: unknown } | null | undefined;
    const exclude = data?.exclude;
    if (exclude !== undefined && !(Array.isArray(exclude) && exclude.every((g) => typeof g === 'string'))) {
      return { config: { exclude: [] }, error: `${CONFIG_FILE}: 'exclude' must be a list of glob patterns.` };
    }
    return { config: { exclude: (exclude as string[] | undefined) ?? [] } };
  } catch (error) {
    return { config: { exclude: [] }, error: `${CONFIG_FILE} could not be read: ${(error as Error).message.split('\n')[0]}` };
  }
}

/**
 * The project a checked folder belongs to: the nearest folder at or above it with a
 * `datamesh.config.yaml` (as ESLint finds its config), else the repository's root (where `.git`
 * is, so its `.gitignore` applies), else the folder itself.
 */
export function findProjectRoot(start: string): string {
  let repository: string | undefined;
  for (let folder = start; ; folder = dirname(folder)) {
    if (readProjectConfig(folder)) return folder;
    if (repository === undefined && existsSync(join(folder, '.git'))) repository = folder;
    if (dirname(folder) === folder) return repository ?? start;
  }
}

/** Which files under one root folder belong to the mesh. Paths are relative to the root, with `/`. */
export class FileFilter {
  private readonly excluded: (path: string) => boolean;
  /** `.gitignore` rules by the folder (relative) they are in; null when the folder has none. */
  private readonly gitignores = new Map<string, Ignore | null>();

  constructor(
    private readonly root: string,
    excludeGlobs: readonly string[],
  ) {
    this.excluded = excludeGlobs.length > 0 ? picomatch([...excludeGlobs], { dot: true }) : () => false;
  }

  /** Whether a file belongs in the index, its folders included: a file event must not bring back an excluded folder. */
  isCandidate(relativePath: string): boolean {
    if (!YAML_FILE.test(relativePath) && !JSON_FILE.test(relativePath)) return false;
    if (this.excluded(relativePath)) return false;
    const parts = relativePath.split('/');
    for (let i = 1; i < parts.length; i++) if (this.isSkippedFolder(parts[i - 1]!, parts.slice(0, i).join('/'))) return false;
    return !this.isGitIgnored(relativePath, false);
  }

  isSkippedFolder(name: string, relativePath: string): boolean {
    return ALWAYS_SKIPPED.has(name) || this.excluded(relativePath) || this.excluded(`${relativePath}/`) || this.isGitIgnored(relativePath, true);
  }

  /** Whether a path is ignored by a `.gitignore` in one of the folders above it (each applies to its own subtree). */
  private isGitIgnored(relativePath: string, isFolder: boolean): boolean {
    const parts = relativePath.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      const rules = this.gitignoreOf(folder);
      if (rules && rules.ignores(parts.slice(depth).join('/') + (isFolder ? '/' : ''))) return true;
    }
    return false;
  }

  private gitignoreOf(folder: string): Ignore | null {
    let rules = this.gitignores.get(folder);
    if (rules === undefined) {
      try {
        rules = ignore().add(readFileSync(join(this.root, folder, '.gitignore'), 'utf8'));
      } catch {
        rules = null;
      }
      this.gitignores.set(folder, rules);
    }
    return rules;
  }
}

/** The filter for a root folder: the given excludes plus those of its `datamesh.config.yaml`. */
export function filterFor(root: string, excludeGlobs: readonly string[]): { filter: FileFilter; configError?: string } {
  const project = readProjectConfig(root);
  return { filter: new FileFilter(root, [...excludeGlobs, ...(project?.config.exclude ?? [])]), ...(project?.error ? { configError: project.error } : {}) };
}

/** Every candidate file under a root (or under a folder of it), as absolute paths, sorted so output is stable. */
export async function listFiles(root: string, filter: FileFilter, isCancelled: () => boolean = () => false, under = ''): Promise<string[]> {
  const found: string[] = [];
  const folders = [under];
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
  return found.sort();
}

/** A file as the index reads it: its text, or why it was not read. */
export type FileRead = TextRead | { skipped: string };
export type TextRead = { text: string; mtimeMs: number; size: number };

/** Whether `readCandidate` gave a text (not unchanged, gone or skipped). */
export function isTextRead(read: FileRead | 'unchanged' | undefined): read is TextRead {
  return read !== undefined && read !== 'unchanged' && 'text' in read;
}

/**
 * Reads a candidate file. JSON is only ours as a DPDS descriptor or ODCS property definitions, so other JSON gives an empty text
 * without being looked at further. Synchronous, as the TypeScript server's reads are: for the small
 * files of a mesh, the round trips of an asynchronous open, stat, read and close cost the main thread
 * more than the read.
 */
export function readCandidate(path: string, known?: { mtimeMs: number; size: number }): FileRead | 'unchanged' | undefined {
  let info;
  try {
    info = statSync(path);
  } catch {
    return undefined; // Gone meanwhile.
  }
  if (!info.isFile()) return undefined;
  if (info.size > MAX_INDEXED_BYTES) return { skipped: `it is larger than ${MAX_INDEXED_BYTES / (1024 * 1024)} MB` };
  if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return 'unchanged';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { skipped: `it could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (JSON_FILE.test(path) && !text.includes('"dataProductDescriptor"') && !text.includes('"logicalType"')) text = '';
  return { text, mtimeMs: info.mtimeMs, size: info.size };
}

/** A file that is not open, as the core reads it for features that need its text; undefined when it cannot be read. */
export function readTextOfUri(uri: string): string | undefined {
  try {
    return readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}
