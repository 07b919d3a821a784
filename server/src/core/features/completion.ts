import { type CursorContext, cursorContext, type IndentStyle, type LinesCache } from '../model/cursorContext';
import { type DeclaredProperty, type SchemaNavigator, type SchemaNavigators, type SchemaNode, valueFacts } from '../schema/schemaAtPath';
import type { Span } from '../util/span';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { documentSchema } from './documentSchema';
import { holdsReference, type ReferenceValue, referenceValues } from './completionReferences';
import { newFileSnippets } from './newFileSnippets';

/** One completion proposal, with offsets; the LSP edge turns it into a `CompletionItem`. */
export interface CompletionEntry {
  label: string;
  kind: 'key' | 'value' | 'reference' | 'file';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** What replaces `span`: a snippet (`$1`, `${1|a,b|}`) when `isSnippet`; lines after the first carry their full indentation. */
  insertText: string;
  isSnippet: boolean;
  span: Span;
  sortText: string;
  filterText?: string;
  deprecated?: boolean;
  /** Completion should open again after this is inserted (a key whose values can be chosen from a list). */
  retrigger?: boolean;
}

export interface CompletionSource {
  uri: string;
  fileName: string;
  text: string;
}

// A document larger than this gets no completion: reading its lines per keystroke would not fit the budget.
const MAX_COMPLETION_CHARS = 4 * 1024 * 1024;

/**
 * Completion at an offset of a data-mesh YAML file, from the schema of the version the file declares
 * and from the workspace index: keys (missing ones only, required first, in the standard's order,
 * with snippets of their required sub-keys), values (enums, documented examples, references to the
 * mesh) and, in an empty file, a whole new document. The cursor's place is read from the lines, so
 * half-typed and broken files get answers too. Never throws: a context it cannot read gets nothing.
 */
export function completion(source: CompletionSource, offset: number, navigators: SchemaNavigators, linesCache: LinesCache, index?: WorkspaceIndex): CompletionEntry[] {
  if (source.text.length > MAX_COMPLETION_CHARS) return [];
  if (isBlank(source.text)) return newFileSnippets(source.fileName, [offset, offset]);
  const lines = linesCache.get(source.text);
  const context = cursorContext(lines, offset);
  if (!context) return [];
  const schema = documentSchema(context.samples[0], source.fileName);
  if (!schema) return [];
  const navigator = navigators.get(schema.schemaKey);
  const style = lines.style;
  const at = (path: (string | number)[]) => navigator.atPath(path, context.samples);
  const containers = at(context.path);
  const ask: Asked = { context, navigator, style, source, index, standard: schema.standard.id, version: schema.version, keyPath: context.path };
  if (context.kind === 'value') return valueEntries(ask, containers, context.key!);
  if (context.kind === 'item') {
    const items = navigator.child(containers, 0, context.samples[context.samples.length - 1]);
    if (navigator.properties(items).length > 0) return keyEntries({ ...ask, keyPath: [...context.path, 0] }, items);
    return valueEntries(ask, items, undefined);
  }
  return keyEntries(ask, containers);
}

interface Asked {
  context: CursorContext;
  navigator: SchemaNavigator;
  style: IndentStyle;
  source: CompletionSource;
  /** The workspace index, for values that name other files' contracts, columns, terms and people. */
  index: WorkspaceIndex | undefined;
  standard: string;
  version: string;
  /** The path of the map whose keys are completed. */
  keyPath: (string | number)[];
}

function isBlank(text: string): boolean {
  return !/^[ \t]*[^\s#]/m.test(text);
}

// ── Keys ────────────────────────────────────────────────────────────────────────────────────────

function keyEntries(ask: Asked, containers: SchemaNode[]): CompletionEntry[] {
  const { context, navigator } = ask;
  const declared = navigator.properties(containers).filter((p) => !context.present.has(p.name) && p.schemas.length > 0);
  return declared.map((property, order): CompletionEntry => {
    const value = property.schemas.flatMap((s) => navigator.expand(s, {}));
    const facts = valueFacts(value);
    const snippet = context.hasColon ? undefined : keySnippet(ask, property.name, value);
    const prefix = context.typed === '' && /-$/.test(lineBefore(ask)) ? ' ' : '';
    return {
      label: property.name,
      kind: 'key',
      detail: [property.required ? 'required' : undefined, describeType(navigator, value)].filter(Boolean).join(' · '),
      ...(facts.description ? { documentation: keyDocumentation(facts.description, facts.values) } : {}),
      insertText: prefix + (snippet?.text ?? escapeSnippet(keyText(property.name))),
      isSnippet: true,
      span: context.span,
      sortText: `${property.required ? 0 : 1}${String(order).padStart(4, '0')}`,
      filterText: property.name,
      ...(snippet?.retrigger ? { retrigger: true } : {}),
    };
  });
}

/** The text on the cursor's line before the word being typed. */
function lineBefore(ask: Asked): string {
  const text = ask.source.text;
  const start = ask.context.span[0];
  return text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
}

const SCALARS = ['string', 'number', 'integer', 'boolean'];
const hasType = (value: SchemaNode[], type: string) => value.some((s) => s.type === type || (Array.isArray(s.type) && s.type.includes(type)));
/** Whether a value is written as a list or a map; a value that may also be a scalar (`from: a` or `from: [a, b]`) is written as the scalar. */
const isType = (value: SchemaNode[], type: 'array' | 'object') => hasType(value, type) && !SCALARS.some((t) => hasType(value, t));

/** A key with its colon and, for maps and lists, its required sub-keys on the lines below, indented as the file is. */
function keySnippet(ask: Asked, name: string, value: SchemaNode[]): { text: string; retrigger: boolean } {
  const { navigator, style, context } = ask;
  const col = context.column;
  const key = escapeSnippet(keyText(name));
  const isArray = isType(value, 'array');
  const isObject = !isArray && (isType(value, 'object') || navigator.properties(value).length > 0);
  const facts = valueFacts(value);
  if (isArray) {
    const items = navigator.child(value, 0, {});
    const dash = ' '.repeat(style.compactLists ? col : col + style.unit);
    const required = navigator.properties(items).filter((p) => p.required);
    if (required.length === 0) return { text: `${key}:\n${dash}- $0`, retrigger: valueFacts(items).values.length > 0 };
    const inner = dash.length + 2;
    const lines = required.map((p, i) => `${i === 0 ? '' : ' '.repeat(inner)}${subKey(ask, p, i + 1, inner)}`);
    return { text: `${key}:\n${dash}- ${lines.join('\n')}`, retrigger: false };
  }
  if (isObject && facts.values.length === 0) {
    const inner = col + style.unit;
    const required = navigator.properties(value).filter((p) => p.required);
    if (required.length === 0) return { text: `${key}:\n${' '.repeat(inner)}$0`, retrigger: false };
    return { text: `${key}:\n${required.map((p, i) => ' '.repeat(inner) + subKey(ask, p, i + 1, inner)).join('\n')}`, retrigger: false };
  }
  const chooses = facts.values.length > 0 || holdsReference(ask.standard, ask.keyPath, name);
  return { text: `${key}: $0`, retrigger: chooses };
}

/** One required sub-key inside a snippet, with tab stop `n`. */
function subKey(ask: Asked, property: DeclaredProperty, n: number, col: number): string {
  const { navigator, style } = ask;
  const value = property.schemas.flatMap((s) => navigator.expand(s, {}));
  const key = escapeSnippet(keyText(property.name));
  if (isType(value, 'array')) return `${key}:\n${' '.repeat(style.compactLists ? col : col + style.unit)}- $${n}`;
  if (isType(value, 'object')) return `${key}:\n${' '.repeat(col + style.unit)}$${n}`;
  const choices = valueFacts(value).values.filter((v) => !v.fromExamples);
  if (choices.length > 0 && choices.length <= 12) return `${key}: \${${n}|${choices.map((c) => escapeChoice(plainScalar(c.value))).join(',')}|}`;
  return `${key}: $${n}`;
}

function describeType(navigator: SchemaNavigator, value: SchemaNode[]): string {
  if (isType(value, 'array')) return 'list';
  if (isType(value, 'object') || navigator.properties(value).length > 0) return 'map';
  return valueFacts(value).types.join(' | ');
}

function keyDocumentation(description: string, values: { value: unknown; fromExamples: boolean }[]): string {
  const allowed = values.filter((v) => !v.fromExamples);
  const examples = values.filter((v) => v.fromExamples);
  const list = (vs: typeof values) => vs.slice(0, 20).map((v) => `\`${String(v.value)}\``).join(', ') + (vs.length > 20 ? ', …' : '');
  return [description, allowed.length > 0 ? `Allowed: ${list(allowed)}` : '', examples.length > 0 ? `Examples: ${list(examples)}` : ''].filter(Boolean).join('\n\n');
}

// ── Values ──────────────────────────────────────────────────────────────────────────────────────

/** Values of `key` in the map `containers` (or, with no key, of a list item whose schemas `containers` are). */
function valueEntries(ask: Asked, containers: SchemaNode[], key: string | undefined): CompletionEntry[] {
  const { context, navigator } = ask;
  const value = key === undefined ? containers : navigator.child(containers, key, {});
  const facts = valueFacts(value);
  const entries: CompletionEntry[] = [];
  const space = /:$/.test(lineBefore(ask)) || (key === undefined && /-$/.test(lineBefore(ask))) ? ' ' : '';
  facts.values.forEach((v, order) => {
    const follow = key !== undefined && context.lineEnds && !context.quote ? followUpKeys(ask, containers, key, v.value) : [];
    const written = context.quote ? String(v.value) : plainScalar(v.value);
    const lines = follow.map((p, i) => `\n${' '.repeat(context.column)}${subKey(ask, p, i + 1, context.column)}`);
    entries.push({
      label: String(v.value),
      kind: 'value',
      detail: v.fromExamples ? 'example from the standard' : follow.length > 0 ? `then ${follow.map((p) => p.name).join(', ')}` : 'allowed value',
      ...(v.description ?? facts.description ? { documentation: v.description ?? facts.description } : {}),
      insertText: space + escapeSnippet(written) + lines.join(''),
      isSnippet: true,
      span: context.span,
      sortText: `${v.fromExamples ? 2 : 0}${String(order).padStart(5, '0')}`,
      filterText: String(v.value),
    });
  });
  const references = key === undefined ? undefined : referenceValues(ask.index, ask.source, ask.standard, [...context.path], key);
  references?.forEach((r, order) => entries.push(referenceEntry(ask, r, order, space)));
  return entries;
}

function referenceEntry(ask: Asked, reference: ReferenceValue, order: number, space: string): CompletionEntry {
  const written = ask.context.quote ? reference.value : plainScalar(reference.value);
  return {
    label: reference.value,
    kind: 'reference',
    ...(reference.detail ? { detail: reference.detail } : {}),
    ...(reference.documentation ? { documentation: reference.documentation } : {}),
    insertText: space + escapeSnippet(written),
    isSnippet: true,
    span: ask.context.span,
    sortText: `${reference.deprecated ? 3 : 1}${String(order).padStart(5, '0')}`,
    filterText: reference.value,
    ...(reference.deprecated ? { deprecated: true } : {}),
  };
}

/** The keys a value brings with it: required by the `then` of a condition on it (a server's type) and not there yet. */
function followUpKeys(ask: Asked, containers: SchemaNode[], key: string, value: unknown): DeclaredProperty[] {
  const { navigator, context } = ask;
  const samples = context.samples;
  const mapSample = samples[samples.length - 1] ?? {};
  const before = new Set(navigator.properties(containers).filter((p) => p.required).map((p) => p.name));
  const withValue = navigator.atPath(context.path, [...samples.slice(0, -1), { ...mapSample, [key]: value }]);
  return navigator.properties(withValue).filter((p) => p.required && !before.has(p.name) && !context.present.has(p.name) && p.name !== key);
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────────

/** A key as YAML needs it written. */
function keyText(name: string): string {
  return /^[A-Za-z_$][\w$.-]*$/.test(name) ? name : JSON.stringify(name);
}

/** A value written so that YAML reads it back as the same value (quoted when plain text would change it). */
export function plainScalar(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const readsOtherwise = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[\d.]+(?:e[-+]?\d+)?|0x[\da-f]+)$/i.test(value);
  const special = value === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]|:\s|\s#|\s$/.test(value);
  return readsOtherwise || special ? JSON.stringify(value) : value;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}
