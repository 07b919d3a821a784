import { isCollection, isScalar, isSeq, type Node } from 'yaml';
import { fileNote, type MeshDiagnostic, Severity } from '../model/diagnostic';
import { isMeshDocument, type MeshDocument, type MeshPart } from '../model/meshDocument';
import { documentData } from '../model/documentData';
import { findMergeConflicts } from '../model/mergeConflicts';
import { MAX_ALIAS_COUNT } from '../model/parseYaml';
import { findEncodingProblems } from '../model/textEncoding';
import { type QuickPart, quickRead } from '../model/quickRead';
import { findYaml11Traps } from '../model/yaml11Traps';
import { QuickSpans } from '../model/quickSpans';
import { createLocator, type FoundNode, firstLine, keySpan, type LocatedPath, nodeSpan, type PathLocator } from '../model/yamlLocate';
import { pointerSegments } from '../util/jsonPointer';
import type { Span } from '../util/span';
import { collapseErrors, type SchemaError } from '../schema/collapseErrors';
import { describeError, type FoundValue } from '../schema/describeError';
import { sourceName } from '../schema/schemaCatalog';
import { closest } from '../util/closest';
import type { SchemaValidator } from '../schema/schemaValidator';

/** Bounded work: a file with thousands of mistakes shows the first ones and says how many more there are. */
export const MAX_DIAGNOSTICS = 1000;

const OWN_FORMATS = new Set(['glossary', 'policy']);

/** Every diagnostic of one file: YAML syntax, YAML 1.1 traps, the declared version and the standard's schema. */
export function validateDocument(document: MeshDocument, validator: SchemaValidator): MeshDiagnostic[] {
  if (!isMeshDocument(document)) return [];
  // Conflict markers garble what YAML reads around them, also after the conflict (keys swallowed, lines
  // read as block scalars), so every other finding would be noise: only the conflicts are reported.
  const conflicts = findMergeConflicts(document.text);
  if (conflicts.length > 0) return conflicts;
  const diagnostics = [...document.yaml.problems, ...findEncodingProblems(document.text)];
  let omitted = 0;
  // A value that swallowed an over-indented key is wrong only because of the indentation: say that once.
  const swallowed = document.yaml.problems.filter((p) => p.code === 'yaml/over-indented').map((p) => [document.text.lastIndexOf('\n', document.text.lastIndexOf('\n', p.start) - 1) + 1, p.end]);
  for (const part of document.parts) {
    const { diagnostics: all, omitted: notShown } = validatePart(document, part, validator);
    const schemaDiagnostics = all.filter((d) => !swallowed.some(([from, to]) => d.start < to && d.end > from));
    omitted += notShown;
    // A schema error on the same value already says what the trap warning would say.
    const covered = new Set(schemaDiagnostics.map((d) => `${d.start}:${d.end}`));
    diagnostics.push(...findYaml11Traps(part.doc, document.text, !OWN_FORMATS.has(part.kind.standard.id)).filter((d) => !covered.has(`${d.start}:${d.end}`)));
    diagnostics.push(...schemaDiagnostics);
  }
  return limited(diagnostics, omitted);
}

/** Sorted, and cut at the limit with a note of how many more there are. */
function limited(diagnostics: MeshDiagnostic[], omitted: number): MeshDiagnostic[] {
  diagnostics.sort((a, b) => a.start - b.start || a.severity - b.severity);
  omitted += Math.max(0, diagnostics.length - MAX_DIAGNOSTICS);
  if (omitted === 0) return diagnostics;
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS);
  shown.push(fileNote(Severity.Information, 'limit/too-many-problems', `${omitted} more problems are not shown. Fix the ones above first.`));
  return shown;
}

interface PartResult {
  diagnostics: MeshDiagnostic[];
  /** Schema errors beyond the limit, counted but not located or described. */
  omitted: number;
}

function validatePart(document: MeshDocument, part: MeshPart, validator: SchemaValidator): PartResult {
  const { doc, kind } = part;
  const { standard } = kind;
  const contents = doc.contents as Node | null;
  // An empty document (or a bare `~`) is a file being started, not a mistake.
  if (contents === null || (isScalar(contents) && contents.value === null)) return { diagnostics: [], omitted: 0 };
  const docStart = firstLine(document.text, nodeSpan(contents));
  const at = ([start, end]: [number, number], severity: Severity, code: string, message: string, source = standard.name): MeshDiagnostic => ({ start, end, severity, code, message, source });

  if (kind.version === undefined) {
    const target = kind.versionPair ? keySpan(kind.versionPair) ?? docStart : docStart;
    const example = standard.supported.split(/,| and /)[0]!.trim();
    return only(at(target, Severity.Error, 'kind/missing-version', `Missing '${standard.versionKey}': the ${standard.title} version this file follows, for example ${standard.versionKey}: ${example}.`));
  }
  const schemaKey = standard.schemaFor(kind.version);
  if (!schemaKey) {
    const versionNode = kind.versionPair?.value as Node | null | undefined;
    const target = versionNode ? nodeSpan(versionNode) : docStart;
    return only(at(target, Severity.Warning, 'kind/unsupported-version', `${standard.title} version '${kind.version}' is not supported, so this file is not checked against a schema. Supported: ${standard.supported}.`));
  }

  const { data, aliasesLeftOut, failure } = documentData(doc);
  if (aliasesLeftOut)
    return only(at(docStart, Severity.Error, 'yaml/too-many-aliases', `This document's aliases (*name, <<: *name) expand to more than ${MAX_ALIAS_COUNT.toLocaleString('en-US')} nodes, the limit, so it is not checked against the schema. Use fewer aliases.`, 'YAML'));
  if (failure)
    return failure instanceof RangeError
      ? only(at(docStart, Severity.Error, 'yaml/unreadable', 'The document is nested too deeply to be read, so it is not checked against the schema. Flatten the nesting.', 'YAML'))
      : only(at(docStart, Severity.Error, 'yaml/unreadable', `The document could not be read (${failure.message}); it is not checked against the schema.`, 'YAML'));
  return schemaDiagnostics(data, schemaKey, sourceName(standard, kind.version), treeLocator(part.doc), document.text, docStart, validator, document.yaml.documents.indexOf(part.doc));
}

/** Schema findings of one document's data, placed by `locate` (the syntax tree's, or a quick read's). */
function schemaDiagnostics(
  data: unknown,
  schemaKey: string,
  source: string,
  locate: PathLocator,
  text: string,
  docStart: Span,
  validator: SchemaValidator,
  docIndex: number,
): PartResult {
  const root = validator.rootSchema(schemaKey);
  const statusFinding = checkStatus(locate, root, source, docIndex);
  const raw = validator.validate(schemaKey, data);
  if (raw.length === 0) return { diagnostics: statusFinding, omitted: 0 };
  const errors = collapseErrors(raw, data, schemaKey, validator);
  const diagnostics = errors.slice(0, MAX_DIAGNOSTICS).map((e): MeshDiagnostic => {
    const { node, written, target } = locateError(locate, e, text, docStart);
    const described = describeError(e, root, written ? describeFound(node, text) : describeData(e.data));
    const [start, end] = target(described.target);
    const segments = dataPath(data, pointerSegments(e.instancePath));
    const path = described.target.kind === 'childKey' ? [...segments, described.target.name] : segments;
    return { start, end, severity: Severity.Error, code: described.code, message: described.message, source, data: { docIndex, path, ...described.data } };
  });
  return { diagnostics: [...statusFinding, ...diagnostics], omitted: Math.max(0, errors.length - MAX_DIAGNOSTICS) };
}

/** A pointer's segments as a path into the data: sequence indices as numbers, as the facts' paths (and so mesh findings) have them. */
function dataPath(data: unknown, segments: string[]): (string | number)[] {
  let node = data;
  return segments.map((segment) => {
    const step = Array.isArray(node) ? Number(segment) : segment;
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
    return step;
  });
}

/**
 * ODCS and ODPS list the lifecycle statuses only as `examples`, so the schema accepts any text;
 * a status outside that list is almost always a typo, and lifecycle checks depend on it.
 */
function checkStatus(locate: PathLocator, root: object, source: string, docIndex: number): MeshDiagnostic[] {
  const found = locate(['status']);
  const node = found.complete ? found.node : null;
  const values = node?.kind === 'scalar' ? unknownStatus(root, node.value) : undefined;
  if (!node || !values) return [];
  const value = node.value as string;
  const suggestion = closest(value, values);
  const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
  return [
    {
      start: node.span[0],
      end: node.span[1],
      severity: Severity.Warning,
      code: 'schema/unknown-status',
      message: `'${value}' is not a status the standard describes.${hint} Expected one of: ${values.join(', ')}.`,
      source,
      data: { docIndex, path: ['status'], value, suggestions: suggestion ? [suggestion] : [], expected: values },
    },
  ];
}

/** The statuses the standard describes, when `value` is text that is not one of them. */
function unknownStatus(root: object, value: unknown): string[] | undefined {
  const known = (root as { properties?: { status?: { examples?: unknown[] } } }).properties?.status?.examples;
  return Array.isArray(known) && typeof value === 'string' && !known.includes(value) ? known.map(String) : undefined;
}

/**
 * The findings of a file from a quick read (js-yaml, no syntax tree), with schema findings placed by
 * the same read; `isMesh` tells whether it is ours at all. Undefined when only the full parse can
 * tell (a syntax error, a YAML 1.1 trap, an unsupported version, a finding the quick read cannot
 * place); then `validateDocument` runs. Most files of a mesh, clean or with a few schema mistakes,
 * never need the tree.
 */
export function quickValidate(text: string, fileName: string, validator: SchemaValidator, parts = quickRead(text, fileName)): QuickResult | undefined {
  if (!parts) return undefined;
  let spans: QuickSpans | null | undefined;
  const diagnostics: MeshDiagnostic[] = [];
  let omitted = 0;
  for (const { docIndex, standard, version, data } of parts) {
    const schemaKey = standard.schemaFor(version);
    if (!schemaKey) return undefined;
    if (!unknownStatus(validator.rootSchema(schemaKey), data.status) && validator.validate(schemaKey, data).length === 0) continue;
    // Something to report: place it by a second quick read, with positions, or leave it to the tree.
    spans ??= QuickSpans.of(text) ?? null;
    const located = spans && quickLocator(spans, docIndex);
    if (!located) return undefined;
    const found = schemaDiagnostics(data, schemaKey, sourceName(standard, version), located.locate, text, located.docStart, validator, docIndex);
    if (located.declined()) return undefined;
    diagnostics.push(...found.diagnostics);
    omitted += found.omitted;
  }
  return { isMesh: parts.length > 0, kinds: parts.map((p) => `${p.standard.name} ${p.version}`), parts, diagnostics: limited(diagnostics, omitted) };
}

export interface QuickResult {
  isMesh: boolean;
  /** The standard and version of each document, e.g. `ODCS v3.1.0`. */
  kinds: string[];
  /** The documents as read, so the index can take their facts without reading the text again. */
  parts: QuickPart[];
  /** The file's own findings: the same as `validateDocument` gives. */
  diagnostics: MeshDiagnostic[];
}

/** A locator over a quick read; `declined` tells afterwards whether any path asked needed the tree. */
function quickLocator(spans: QuickSpans, docIndex: number): { locate: PathLocator; docStart: Span; declined: () => boolean } | undefined {
  const root = spans.locate(docIndex, []);
  if (!root?.node) return undefined;
  let declined = false;
  const nowhere: LocatedPath = { node: null, keySpan: undefined, complete: false };
  const locate: PathLocator = (segments) => {
    const found = spans.locate(docIndex, segments);
    if (!found) declined = true;
    return found ?? nowhere;
  };
  return { locate, docStart: firstLine(spans.text, root.node.span), declined: () => declined };
}

function only(diagnostic: MeshDiagnostic): PartResult {
  return { diagnostics: [diagnostic], omitted: 0 };
}

/** The tree's locator, as a `PathLocator`. */
function treeLocator(doc: MeshPart['doc']): PathLocator {
  const locate = createLocator(doc);
  return (segments) => {
    const found = locate(segments);
    return { node: found.node && foundNode(found.node), keySpan: found.pair && keySpan(found.pair), complete: found.complete };
  };
}

function foundNode(node: Node): FoundNode {
  if (isScalar(node)) return { kind: 'scalar', span: nodeSpan(node), value: node.value, plain: node.type === 'PLAIN' };
  if (isCollection(node)) return { kind: isSeq(node) ? 'seq' : 'map', span: nodeSpan(node) };
  return { kind: 'other', span: nodeSpan(node) };
}

function locateError(locate: PathLocator, e: SchemaError, text: string, docStart: Span) {
  const segments = pointerSegments(e.instancePath);
  const found = locate(segments);
  const node = found.complete ? found.node : null;
  const ownSpan = (): Span => {
    if (found.complete && found.node?.kind === 'scalar') return found.node.span;
    if (found.keySpan) return found.keySpan;
    if (found.node) return firstLine(text, found.node.span);
    return docStart;
  };
  const target = (t: ReturnType<typeof describeError>['target']): Span => {
    switch (t.kind) {
      case 'childKey': {
        const child = locate([...segments, t.name]);
        return child.complete && child.keySpan ? child.keySpan : ownSpan();
      }
      case 'object':
        return segments.length === 0 ? docStart : ownSpan();
      default:
        return ownSpan();
    }
  };
  // Not written where the schema looks (it arrives through a merge key): described from the data.
  return { node, written: found.complete, target };
}

/** How a value that is not written at its place (a merged one) reads in a message. */
function describeData(value: unknown): FoundValue {
  if (value === null || value === undefined) return { description: 'nothing', quoted: 'an empty value', source: '', plainScalar: false };
  if (typeof value === 'object') return { description: Array.isArray(value) ? 'a list' : 'a map', quoted: 'this value', source: '', plainScalar: false };
  if (typeof value === 'string') return { description: `the text ${value}`, quoted: `'${value}'`, source: '', plainScalar: false };
  return { description: `the ${typeof value} ${String(value)}`, quoted: String(value), source: String(value), plainScalar: false };
}

function describeFound(node: FoundNode | null, text: string): FoundValue {
  if (node === null) return { description: 'nothing', quoted: 'an empty value', source: '', plainScalar: false };
  if (node.kind === 'map' || node.kind === 'seq') return { description: node.kind === 'seq' ? 'a list' : 'a map', quoted: 'this value', source: '', plainScalar: false };
  if (node.kind !== 'scalar') return { description: 'a value', quoted: 'this value', source: '', plainScalar: false };
  const source = text.slice(node.span[0], node.span[1]);
  const value = node.value;
  const description =
    value === null ? 'nothing (null)' : typeof value === 'number' ? `the number ${source}` : typeof value === 'boolean' ? `the boolean ${source}` : `the text ${source}`;
  return { description, quoted: typeof value === 'string' ? `'${value}'` : source, source, plainScalar: node.plain === true && typeof value !== 'string' };
}
