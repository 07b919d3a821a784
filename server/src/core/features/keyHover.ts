import { cursorContext, lineTokens, type LinesCache } from '../model/cursorContext';
import { type SchemaNavigators, valueFacts } from '../schema/schemaAtPath';
import type { Span } from '../util/span';
import { documentSchema } from './documentSchema';

// A hover is read at a glance: a long description is cut, a long list of values too.
const MAX_DESCRIPTION = 1200;
const MAX_VALUES = 24;

/**
 * The hover of the key under the cursor: what the schema of the file's own version says of it (its
 * description, type and allowed values) and where the standard documents it. Read from the lines,
 * so it answers in a file that does not parse; nothing for a key the schema does not declare.
 */
export function keyHover(source: { text: string; fileName: string }, offset: number, navigators: SchemaNavigators, linesCache: LinesCache): { span: Span; markdown: string } | undefined {
  const { text } = source;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEndAt < 0 ? text.length : lineEndAt).replace(/\r$/, '');
  const token = lineTokens(line).find((t) => t.kind === 'key');
  if (!token) return undefined;
  const written = writtenKeyLength(line, token.col);
  const span: Span = [lineStart + token.col, lineStart + token.col + written];
  if (offset < span[0] || offset > span[1]) return undefined;
  // The context of a key being typed at the key's place: the path of the map that holds it.
  const context = cursorContext(linesCache.get(text), span[0], { keepLine: true });
  if (!context || context.kind === 'value') return undefined;
  const schema = documentSchema(context.samples[0], source.fileName);
  if (!schema) return undefined;
  const navigator = navigators.get(schema.schemaKey);
  let containers = navigator.atPath(context.path, context.samples);
  if (context.kind === 'item') containers = navigator.child(containers, 0, {});
  const property = navigator.properties(containers).find((p) => p.name === token.key);
  if (!property || property.schemas.length === 0) return undefined;
  const value = property.schemas.flatMap((s) => navigator.expand(s, {}));
  const facts = valueFacts(value);
  const isArray = facts.types.includes('array');
  const type = isArray ? 'list' : facts.types.includes('object') || navigator.properties(value).length > 0 ? 'map' : facts.types.join(' | ');
  const title = `**${token.key}**${type ? ` · ${type}` : ''}${property.required ? ' · required' : ''}`;
  const allowed = facts.values.filter((v) => !v.fromExamples);
  const examples = facts.values.filter((v) => v.fromExamples);
  const list = (values: typeof allowed) => values.slice(0, MAX_VALUES).map((v) => `\`${String(v.value)}\``).join(', ') + (values.length > MAX_VALUES ? `, … (${values.length} in all)` : '');
  const description = facts.description && (facts.description.length > MAX_DESCRIPTION ? `${facts.description.slice(0, MAX_DESCRIPTION)}…` : facts.description);
  const origin = `${schema.standard.name} ${schema.version}${schema.declared ? '' : ' (no version declared yet)'}`;
  const markdown = [
    title,
    description,
    allowed.length > 0 ? `Allowed values: ${list(allowed)}` : undefined,
    examples.length > 0 ? `Examples: ${list(examples)}` : undefined,
    schema.documentation ? `${origin} · [documentation](${schema.documentation})` : origin,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { span, markdown };
}

/** How many characters a key takes on its line as written (quotes included). */
function writtenKeyLength(line: string, col: number): number {
  const quote = line[col];
  if (quote === '"' || quote === "'") {
    for (let i = col + 1; i < line.length; i++) {
      if (line[i] === '\\' && quote === '"') i++;
      else if (line[i] === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else return i + 1 - col;
      }
    }
    return line.length - col;
  }
  const colon = /[ \t]*:(?:[ \t]|$)/.exec(line.slice(col));
  return colon ? colon.index : line.length - col;
}
