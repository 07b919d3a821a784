/**
 * How a name written in a file is compared with a glossary term's name or synonyms: case and
 * word separators do not count (`email_address`, `EmailAddress` and `Email Address` are one name),
 * and a plural names the same term as its singular (`Order Lines` is *Order Line*), as Contextive
 * matches terms. Names are bounded before they are compared: a 100,000-character value is not a term.
 */

// Longer than any term anyone names; past it a value is free text, not a name.
const MAX_TERM_NAME = 200;

/** The comparable spelling of a name: words split at `_`, `-`, `.`, `/`, spaces and camelCase humps, lowercased. */
export function normalTermName(name: string): string {
  return name
    .slice(0, MAX_TERM_NAME)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[\s_\-./]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The name as written and its singular or plural, normalised: every spelling a term may be defined under. */
export function termNameForms(name: string): string[] {
  const normal = normalTermName(name);
  if (!normal) return [];
  const space = normal.lastIndexOf(' ');
  const head = normal.slice(0, space + 1);
  const last = normal.slice(space + 1);
  const forms = new Set([normal]);
  for (const form of inflections(last)) forms.add(head + form);
  return [...forms];
}

/** English singular and plural of one lowercase word, by the regular rules (`addresses` ↔ `address`, `categories` ↔ `category`). */
function inflections(word: string): string[] {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return [];
  if (word.endsWith('ies')) return [`${word.slice(0, -3)}y`];
  if (/(?:s|x|z|ch|sh)es$/.test(word)) return [word.slice(0, -2)];
  if (word.endsWith('ss')) return [`${word}es`];
  if (word.endsWith('s')) return [word.slice(0, -1)];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`];
  if (/(?:x|z|ch|sh)$/.test(word)) return [`${word}es`];
  return [`${word}s`];
}
