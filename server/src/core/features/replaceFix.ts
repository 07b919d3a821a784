import type { Node, Pair } from 'yaml';
import type { MeshDiagnostic } from '../model/diagnostic';
import type { FixBuilder } from './codeActions';
import { replaceInScalar } from './scalarEdit';
import { nodeAt } from './treePath';

/** How a suggestion reads in the light bulb, by what the diagnostic is about. */
const TITLES: Record<string, (value: string, suggestion: string) => string> = {
  'schema/unknown-property': (value, suggestion) => `Rename '${value}' to '${suggestion}'`,
  'mesh/deprecated-contract': (value, suggestion) => `Replace deprecated '${value}' with '${suggestion}'`,
};
const replaceTitle = (value: string, suggestion: string) => `Change '${value}' to '${suggestion}'`;

/**
 * "Did you mean": one fix per suggestion (the first is preferred), replacing the misspelt key, value or
 * reference where the diagnostic's path finds it, and only if it still reads as the diagnostic saw it.
 */
export const replaceWithSuggestion: FixBuilder = (diagnostic, context) => {
  const data = diagnostic.data;
  const value = data?.value;
  if (value === undefined || !data?.path || !data.suggestions?.length) return [];
  const found = nodeAt(context.document, data.docIndex ?? 0, data.path);
  if (!found) return [];
  const scalar = diagnostic.code === 'schema/unknown-property' ? keyNode(found.pair) : found.node;
  const span = written(context.document.text, diagnostic, value);
  if (!scalar || !span) return [];
  const title = TITLES[diagnostic.code] ?? replaceTitle;
  return data.suggestions.flatMap((suggestion, i) => {
    const edit = replaceInScalar(context.document.text, scalar, span, suggestion);
    return edit ? [{ title: title(value, suggestion), kind: 'quickfix' as const, isPreferred: i === 0, diagnostic, edits: [{ uri: context.uri, ...edit }] }] : [];
  });
};

/** The diagnostic's range, when the text there is still the value it reported (else it is stale). */
function written(text: string, d: MeshDiagnostic, value: string): [number, number] | undefined {
  if (text.slice(d.start, d.end) === value) return [d.start, d.end];
  // A quoted key or value may be marked with its quotes.
  const inner: [number, number] = [d.start + 1, d.end - 1];
  const quote = text[d.start];
  return (quote === '"' || quote === "'") && text[d.end - 1] === quote && text.slice(inner[0], inner[1]) === value ? inner : undefined;
}

function keyNode(pair: Pair | undefined): Node | undefined {
  return (pair?.key as Node | null | undefined) ?? undefined;
}
