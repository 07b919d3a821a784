import { execFileSync } from 'node:child_process';

/**
 * The files of a git base (a commit, branch or tag) for `datamesh diff`: git runs here, at the edge,
 * never in the core. Every failure is a sentence for the user, never a wrong report.
 */
export interface GitBase {
  root: string;
  ref: string;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function openBase(cwd: string, ref: string): GitBase | { error: string } {
  let root: string;
  try {
    root = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { error: missing ? 'git is not installed (or not on PATH), so there is no base to compare with.' : `'${cwd}' is not inside a git repository, so there is no base to compare with.` };
  }
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    let shallow = false;
    try {
      shallow = git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
    } catch {
      // an old git: no hint
    }
    return { error: `The base '${ref}' is not a commit of this repository.${shallow ? ' This is a shallow clone: fetch the base first (for example git fetch --depth=50 origin main, or actions/checkout with fetch-depth: 0).' : ''}` };
  }
  return { root, ref };
}

/** A file's text at the base, or undefined when it did not exist there. */
export function textAtBase(base: GitBase, path: string): string | undefined {
  try {
    return git(base.root, ['show', `${base.ref}:${path}`]);
  } catch {
    return undefined;
  }
}

/** Files modified, renamed (new path → old path) and deleted since the base, paths relative to the repository root. */
export function changesSinceBase(base: GitBase): { modified: Set<string>; renamed: Map<string, string>; deleted: string[] } {
  const modified = new Set<string>();
  const renamed = new Map<string, string>();
  const deleted: string[] = [];
  const out = git(base.root, ['diff', '-M', '--name-status', '-z', base.ref, '--']);
  const parts = out.split('\0');
  for (let i = 0; i < parts.length - 1; ) {
    const status = parts[i++]!;
    if (status.startsWith('R')) {
      const from = parts[i++]!;
      const to = parts[i++]!;
      renamed.set(to, from);
    } else if (status.startsWith('C')) i += 2;
    else {
      const path = parts[i++]!;
      if (status === 'D') deleted.push(path);
      else modified.add(path);
    }
  }
  return { modified, renamed, deleted };
}
