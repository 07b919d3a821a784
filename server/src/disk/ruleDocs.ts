import { readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDocs } from '../core/languageService';

/**
 * The rule pages shipped with a bundle: `docs/rules/<group>/<rule>.md` in the folder above the
 * bundle's (dist/ in the repository and in the packaged extension), as file URIs, which VS Code opens
 * from the Problems panel and the hover and SARIF accepts as help URIs. Only pages that exist are
 * linked: a bundle copied away from its docs links nothing rather than something dead.
 */
export function ruleDocsBeside(bundleDir: string): RuleDocs {
  const root = resolve(bundleDir, '..', 'docs', 'rules');
  const pages = new Map<string, string>();
  let files: string[] = [];
  try {
    files = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    // No docs folder beside the bundle: no links.
  }
  for (const file of files) if (file.endsWith('.md')) pages.set(file.slice(0, -'.md'.length).split(sep).join('/'), pathToFileURL(join(root, file)).href);
  return (id) => pages.get(id);
}
