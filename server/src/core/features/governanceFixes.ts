import type { MeshDiagnostic } from '../model/diagnostic';
import { CODE_PREFIX } from '../governance/catalogue';
import type { FileEdit } from '../util/span';
import type { QuickFix } from './quickFix';

/**
 * Quick fixes of governance findings, built from the finding's data (never its message): set a
 * classification the rule asks for, use the replacement of a retired contract or the name the naming
 * rule suggests, bump the major version of a file with breaking changes, correct a misspelt rule or option in a policy, and remove a suppression that
 * suppresses nothing. The code-action registry asks this for every `governance/…` diagnostic.
 */
export function governanceFixes(uri: string, text: string, diagnostic: MeshDiagnostic): QuickFix[] {
  if (!diagnostic.code.startsWith(CODE_PREFIX)) return [];
  const id = diagnostic.code.slice(CODE_PREFIX.length);
  const data = diagnostic.data;
  const fix = (title: string, edits: FileEdit[]): QuickFix[] => [{ title, kind: 'quickfix', isPreferred: true, diagnostic, edits }];
  const suggestion = data?.suggestions?.[0];
  switch (id) {
    case 'suppression/unused': {
      const start = text.lastIndexOf('\n', diagnostic.start - 1) + 1;
      const newline = text.indexOf('\n', diagnostic.end);
      return fix('Remove the unused suppression', [{ uri, span: [start, newline < 0 ? text.length : newline + 1], newText: '' }]);
    }
    case 'classification/required-classification':
    case 'classification/lineage-classification': {
      if (!suggestion) return [];
      if (data?.value !== undefined) return fix(`Classify as '${suggestion}'`, [{ uri, span: [diagnostic.start, diagnostic.end], newText: suggestion }]);
      const insert = insertSibling(text, diagnostic.start, `classification: ${suggestion}`);
      return insert ? fix(`Classify as '${suggestion}'`, [{ uri, ...insert }]) : [];
    }
    case 'naming/patterns':
    case 'lifecycle/active-inputs':
    case 'policy/unknown-rule':
    case 'policy/unknown-extends':
    case 'policy/invalid-option':
      // Only a plain scalar is replaced in place: a quoted one would lose its quotes.
      if (!suggestion || /^['"]/.test(text.slice(diagnostic.start, diagnostic.end))) return [];
      return fix(id === 'lifecycle/active-inputs' ? `Consume '${suggestion}' instead` : `Change to '${suggestion}'`, [{ uri, span: [diagnostic.start, diagnostic.end], newText: suggestion }]);
    case 'versioning/major-bump-required': {
      // The version as the finding saw it, plain or quoted: only what is between the quotes changes.
      const written = text.slice(diagnostic.start, diagnostic.end);
      const quoted = /^(['"]).*\1$/s.test(written) ? 1 : 0;
      if (!suggestion || data?.value === undefined || written.slice(quoted, written.length - quoted) !== data.value) return [];
      return fix(`Bump the version to ${suggestion}`, [{ uri, span: [diagnostic.start + quoted, diagnostic.end - quoted], newText: suggestion }]);
    }
    default:
      return [];
  }
}

/** A new key beside the one on the finding's line (`- name: x` → `  classification: …` under it), in block style only. */
function insertSibling(text: string, offset: number, line: string): { span: [number, number]; newText: string } | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  const match = /^(\s*(?:-\s+)?)[A-Za-z_][\w-]*:[ \t]+\S[^{}[\]]*$/.exec(text.slice(start, end).replace(/\r$/, ''));
  if (!match) return undefined;
  const indent = ' '.repeat(match[1]!.length);
  const crlf = text[end - 1] === '\r';
  const at = crlf ? end - 1 : end;
  return { span: [at, at], newText: `${crlf ? '\r\n' : '\n'}${indent}${line}` };
}
