import { execFile } from 'node:child_process';
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { BaseText } from '../core/languageService';

/** Runs git with arguments (never through a shell); rejects with the process error (`code: 'ENOENT'` without git). */
export type RunGit = (args: readonly string[], cwd: string) => Promise<string>;

const TIMEOUT_MS = 5000;
// Texts of files at base commits; a file's entry is replaced when its base commit moves, so this bounds what is kept.
const MAX_TEXTS = 500;
// What git writes when HEAD or a fetched ref moves (checkout, commit, reset, merge, fetch): not the index,
// which `git status` rewrites all the time.
const MOVES = new Set(['HEAD', 'ORIG_HEAD', 'COMMIT_EDITMSG', 'FETCH_HEAD', 'packed-refs']);
const MOVE_DEBOUNCE_MS = 300;

/**
 * Git did not answer (timed out, killed, out of processes): the question is still open, unlike an exit
 * code, which is git's answer ("not a commit", "not in that commit"). Nothing is cached from it, and a
 * document keeps the base it has.
 */
export class GitDidNotAnswer extends Error {
  constructor(args: readonly string[], cause: unknown) {
    super(`git ${args.join(' ')} did not answer: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

function unanswered(error: NodeJS.ErrnoException & { killed?: boolean; signal?: string | null }): boolean {
  return error.killed === true || Boolean(error.signal) || (typeof error.code === 'string' && error.code !== 'ENOENT');
}

/** Runs git; an answer git did not give is rethrown as GitDidNotAnswer. */
async function ask(run: RunGit, args: readonly string[], cwd: string): Promise<string> {
  try {
    return await run(args, cwd);
  } catch (error) {
    throw unanswered(error as NodeJS.ErrnoException) ? new GitDidNotAnswer(args, error) : error;
  }
}

export const runGit: RunGit = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 << 20, windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

interface Repository {
  root: string;
  gitDir: string;
}

/**
 * The texts of files at a git base (`dataMesh.breakingChanges.base`) for the editor's breaking changes:
 * `git show COMMIT:path`, cached per (ref, path, the commit the ref names), so git runs when a document
 * opens or is saved, or when the repository's HEAD moves, never on a keystroke. Without a git binary the
 * feature is off (one log line); a folder outside any repository, or a base that is not a commit, gets
 * nothing (one log line each).
 */
export class GitBaseTexts {
  private missingGit = false;
  private readonly repositories = new Map<string, Promise<Repository | undefined>>();
  private readonly commits = new Map<string, Promise<string | undefined>>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly logged = new Set<string>();
  private moveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: (message: string) => void,
    /** Called (debounced) when HEAD or a ref may have moved in a repository: the bases may be others now. */
    private readonly onMoved: () => void,
    private readonly run: RunGit = runGit,
  ) {}

  /**
   * The file's text at `ref`, or undefined: no git, no repository, not a commit, or the file is new since
   * the base. Rejects with GitDidNotAnswer when git did not answer; nothing of that is remembered.
   */
  async textAt(filePath: string, ref: string): Promise<BaseText | undefined> {
    if (!this.usable(ref)) return undefined;
    const repository = await this.repositoryOf(dirname(filePath));
    if (!repository) return undefined;
    const commit = await this.commitOf(repository, ref);
    if (!commit) return undefined;
    const path = relative(repository.root, filePath).split(sep).join('/');
    if (path.startsWith('../')) return undefined;
    const text = await this.textOf(repository, commit, ref, path);
    return text === undefined ? undefined : { ref, text };
  }

  /** The text of a path (relative to the repository's root) at a commit, cached; undefined when it is not there. */
  private async textOf(repository: Repository, commit: string, ref: string, path: string): Promise<string | undefined> {
    const key = `${ref}\0${path}`;
    if (this.texts.has(`${key}\0${commit}`)) return this.texts.get(`${key}\0${commit}`);
    let text: string | undefined;
    try {
      text = await ask(this.run, ['show', `${commit}:${path}`], repository.root);
    } catch (error) {
      if (error instanceof GitDidNotAnswer) throw error;
      text = undefined; // not in the base: a new file breaks nothing
    }
    for (const old of this.texts.keys()) if (old.startsWith(`${key}\0`)) this.texts.delete(old);
    if (this.texts.size >= MAX_TEXTS) this.texts.delete(this.texts.keys().next().value!);
    this.texts.set(`${key}\0${commit}`, text);
    return text;
  }

  /**
   * The files of the work tree under `folder` that differ from `ref` (modified, or renamed: then with
   * their path at the base), as absolute paths, with their text at the base for those `wanted` keeps,
   * at most `limit` of them; one `git diff` and a `git show` per file not read at that commit yet.
   * Undefined without git, a repository or a commit. Rejects with GitDidNotAnswer as textAt does.
   */
  async changedSince(folder: string, ref: string, wanted: (path: string) => boolean, limit: number): Promise<{ texts: Map<string, BaseText>; more: number } | undefined> {
    if (!this.usable(ref)) return undefined;
    const repository = await this.repositoryOf(folder);
    if (!repository) return undefined;
    const commit = await this.commitOf(repository, ref);
    if (!commit) return undefined;
    const scope = relative(repository.root, folder).split(sep).join('/');
    const fields = (await ask(this.run, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', commit, '--', scope || '.'], repository.root)).split('\0');
    const texts = new Map<string, BaseText>();
    let more = 0;
    for (let i = 0; i < fields.length; ) {
      const status = fields[i++]!;
      if (status === '') continue;
      const from = fields[i++]!;
      const path = status.startsWith('R') || status.startsWith('C') ? fields[i++]! : from;
      if (!(status.startsWith('M') || status.startsWith('R') || status.startsWith('T'))) continue; // added, copied, deleted: nothing of it to compare
      const absolute = join(repository.root, ...path.split('/'));
      if (!wanted(absolute)) continue;
      if (texts.size >= limit) {
        more++;
        continue;
      }
      const text = await this.textOf(repository, commit, ref, from);
      if (text !== undefined) texts.set(absolute, { ref, text });
    }
    return { texts, more };
  }

  /** Whether git may be asked about `ref`: git is there, and the ref is one git could not read as an option. */
  private usable(ref: string): boolean {
    return !this.missingGit && ref !== '' && !ref.startsWith('-') && !/[\s\0]/.test(ref);
  }

  /** Forgets which commits the refs name (a save, a setting changed): the next `textAt` asks git again. */
  refresh(): void {
    this.commits.clear();
  }

  dispose(): void {
    clearTimeout(this.moveTimer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private repositoryOf(folder: string): Promise<Repository | undefined> {
    let found = this.repositories.get(folder);
    if (!found) {
      // No `.git` above the folder: not a repository, told without starting git. A spawn blocks the
      // server's thread (2,001 files opened outside a repository: 0.4 s in spawn, all diagnostics 1.3 → 2.2 s).
      found = !insideWorkTree(folder)
        ? Promise.resolve(this.notInRepository(folder))
        : ask(this.run, ['rev-parse', '--show-toplevel', '--absolute-git-dir'], folder).then(
            (out) => {
              const [root, gitDir] = out.trim().split(/\r?\n/);
              if (!root || !gitDir) return undefined;
              this.watch(gitDir);
              return { root, gitDir };
            },
            (error: NodeJS.ErrnoException) => {
              if (error instanceof GitDidNotAnswer) {
                this.repositories.delete(folder);
                throw error;
              }
              if (error.code !== 'ENOENT') return this.notInRepository(folder);
              this.missingGit = true;
              this.once('git', 'Breaking changes: git is not installed (or not on PATH), so open contracts are not compared with a git base.');
              return undefined;
            },
          );
      this.repositories.set(folder, found);
    }
    return found;
  }

  private notInRepository(folder: string): undefined {
    this.once('repo', `Breaking changes: ${folder} is not inside a git repository, so its contracts are not compared with a git base.`);
    return undefined;
  }

  private commitOf(repository: Repository, ref: string): Promise<string | undefined> {
    const key = `${repository.root}\0${ref}`;
    let found = this.commits.get(key);
    if (!found) {
      found = ask(this.run, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repository.root).then(
        (out) => out.trim() || undefined,
        (error: unknown) => {
          if (error instanceof GitDidNotAnswer) {
            this.commits.delete(key);
            throw error;
          }
          // An empty repository has no HEAD yet: nothing to compare with, and nothing wrong.
          this.once(`ref:${key}`, `Breaking changes: the base '${ref}' (dataMesh.breakingChanges.base) is not a commit of ${repository.root}, so its files are not compared with it.`);
          return undefined;
        },
      );
      this.commits.set(key, found);
    }
    return found;
  }

  /** Watches the git folder (not recursively) for what git writes when HEAD or a ref moves. */
  private watch(gitDir: string): void {
    if (this.watchers.has(gitDir)) return;
    try {
      const watcher = watch(gitDir, { persistent: false }, (_event, name) => {
        if (name === null || !MOVES.has(String(name))) return;
        clearTimeout(this.moveTimer);
        this.moveTimer = setTimeout(() => {
          this.refresh();
          this.onMoved();
        }, MOVE_DEBOUNCE_MS);
      });
      watcher.on('error', () => watcher.close());
      this.watchers.set(gitDir, watcher);
    } catch {
      // No watcher (too many, or a file system without events): saves still refresh the base.
    }
  }

  private once(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.log(message);
  }
}

/** Whether a folder or one above it has a `.git` (a folder, or a file in a worktree or submodule). */
function insideWorkTree(folder: string): boolean {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(`${at}${sep}.git`)) return true;
    if (dirname(at) === at) return false;
  }
}
