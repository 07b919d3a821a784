import { isScalar, Scalar, type Node } from 'yaml';
import { needsQuotes } from '../model/yaml11Traps';
import type { Span } from '../util/span';

/** An edit of one file's text by offsets; the façade adds the URI. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/**
 * Replaces `span` (inside a scalar's text) with `replacement`, keeping the scalar's style: only the span
 * changes unless the new value would read differently unquoted (or break its quotes), then the whole
 * scalar is written double-quoted. Nothing for block scalars, multi-line or escaped text: those are not
 * edited blind.
 */
export function replaceInScalar(text: string, node: Node | null | undefined, span: Span, replacement: string): TextEdit | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  if (!quoted && node.type !== Scalar.PLAIN) return undefined;
  const [from, to] = quoted ? [start + 1, end - 1] : [start, end];
  const raw = text.slice(from, to);
  // Written as it reads (no escapes, no folded lines): offsets in the text are offsets in the value.
  if (raw !== node.value || /[\r\n]/.test(raw) || span[0] < from || span[1] > to || span[0] > span[1]) return undefined;
  const value = raw.slice(0, span[0] - from) + replacement + raw.slice(span[1] - from);
  const breaksQuotes = node.type === Scalar.QUOTE_DOUBLE ? /["\\\r\n\t]/.test(replacement) : node.type === Scalar.QUOTE_SINGLE ? /['\r\n]/.test(replacement) : false;
  if ((!quoted && needsQuotes(value)) || breaksQuotes) return { span: [start, end], newText: JSON.stringify(value) };
  return { span, newText: replacement };
}
