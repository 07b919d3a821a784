// Completion as a user meets it: ask at the ‸ cursor, choose an item by its label, and read the text
// the editor ends up with (the snippet's placeholders filled with their defaults, tab stops removed).
import assert from 'node:assert/strict';
import type { CompletionEntry } from '../../server/src/core/languageService';
import { buildMesh, cursorIn, uriOf } from './mesh';

export interface Completed {
  entries: CompletionEntry[];
  labels: string[];
  /** The document after choosing the item with this label. */
  choose(label: string): string;
  entry(label: string): CompletionEntry;
}

/** Completion at the ‸ in `fixture`, opened as `path` in a mesh of `others` (path → text). */
export function complete(fixture: string, path = 'c.odcs.yaml', others: Record<string, string> = {}): Completed {
  const { text, offset } = cursorIn(fixture);
  const mesh = buildMesh(others);
  mesh.open(path, text);
  const entries = [...mesh.service.completion(uriOf(path), offset)].sort((a, b) => a.sortText.localeCompare(b.sortText));
  const entry = (label: string) => {
    const found = entries.find((e) => e.label === label);
    assert.ok(found, `no item '${label}' among ${entries.map((e) => e.label).join(', ')}`);
    return found;
  };
  return {
    entries,
    labels: entries.map((e) => e.label),
    entry,
    choose: (label) => {
      const chosen = entry(label);
      return text.slice(0, chosen.span[0]) + (chosen.isSnippet ? snippetText(chosen.insertText) : chosen.insertText) + text.slice(chosen.span[1]);
    },
  };
}

/** A snippet as inserted: `${1:x}` → x, `${1|a,b|}` → a, `$1` → nothing, escapes undone. */
export function snippetText(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i]!;
    if (ch === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
    } else if (ch === '$') {
      const simple = /^\$(\d+)/.exec(snippet.slice(i));
      const placeholder = /^\$\{\d+:((?:[^}\\]|\\.)*)\}/.exec(snippet.slice(i));
      const choice = /^\$\{\d+\|((?:[^,|\\]|\\.)*)[,|]/.exec(snippet.slice(i));
      if (simple) i += simple[0].length - 1;
      else if (placeholder) {
        out += placeholder[1]!.replace(/\\(.)/g, '$1');
        i += placeholder[0].length - 1;
      } else if (choice) {
        out += choice[1]!.replace(/\\(.)/g, '$1');
        i = snippet.indexOf('|}', i) + 1;
      } else out += ch;
    } else out += ch;
  }
  return out;
}
