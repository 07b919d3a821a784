import { isCollection, isScalar, isSeq, type Node } from 'yaml';
import { type MeshDiagnostic, Severity } from '../model/diagnostic';
import { isMeshDocument, type MeshDocument, type MeshPart } from '../model/meshDocument';
import { MAX_ALIAS_COUNT } from '../model/parseYaml';
import { type QuickPart, quickRead } from '../model/quickRead';
import { findYaml11Traps } from '../model/yaml11Traps';
import { createLocator, firstLine, keySpan, nodeSpan, pointerSegments, type Locator } from '../model/yamlLocate';
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
  const diagnostics = [...document.yaml.problems];
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
  diagnostics.sort((a, b) => a.start - b.start || a.severity - b.severity);
  omitted += Math.max(0, diagnostics.length - MAX_DIAGNOSTICS);
  if (omitted === 0) return diagnostics;
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS);
  shown.push({ start: 0, end: 0, severity: Severity.Information, code: 'limit/too-many-problems', message: `${omitted} more problems are not shown. Fix the ones above first.`, source: 'Data Mesh' });
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

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = (error as Error).message;
    return /alias/i.test(message)
      ? only(at(docStart, Severity.Error, 'yaml/too-many-aliases', `The document could not be read: ${message}. Reduce the number of aliases (*name).`, 'YAML'))
      : error instanceof RangeError
        ? only(at(docStart, Severity.Error, 'yaml/unreadable', 'The document is nested too deeply to be read, so it is not checked against the schema. Flatten the nesting.', 'YAML'))
        : only(at(docStart, Severity.Error, 'yaml/unreadable', `The document could not be read (${message}); it is not checked against the schema.`, 'YAML'));
  }
  const source = sourceName(standard, kind.version);
  const root = validator.rootSchema(schemaKey);
  const status = checkStatus(part, root, source);
  const raw = validator.validate(schemaKey, data);
  if (raw.length === 0) return { diagnostics: status, omitted: 0 };
  const errors = collapseErrors(raw, data, schemaKey, validator);
  const locator = createLocator(part.doc);
  const diagnostics = errors.slice(0, MAX_DIAGNOSTICS).map((e) => {
    const { node, target } = locateError(locator, e, document.text, docStart);
    const described = describeError(e, root, describeFound(node, document.text));
    return at(target(described.target), Severity.Error, described.code, described.message, source);
  });
  return { diagnostics: [...status, ...diagnostics], omitted: Math.max(0, errors.length - MAX_DIAGNOSTICS) };
}

/**
 * ODCS and ODPS list the lifecycle statuses only as `examples`, so the schema accepts any text;
 * a status outside that list is almost always a typo, and lifecycle checks depend on it.
 */
function checkStatus(part: MeshPart, root: object, source: string): MeshDiagnostic[] {
  const known = statusExamples(root);
  const node = part.doc.get('status', true) as Node | undefined;
  if (!Array.isArray(known) || !isScalar(node) || typeof node.value !== 'string' || !node.range || known.includes(node.value)) return [];
  const values = known.map(String);
  const suggestion = closest(node.value, values);
  const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
  return [{ start: node.range[0], end: node.range[1], severity: Severity.Warning, code: 'schema/unknown-status', message: `'${node.value}' is not a status the standard describes.${hint} Expected one of: ${values.join(', ')}.`, source }];
}

function statusExamples(root: object): unknown[] | undefined {
  return (root as { properties?: { status?: { examples?: unknown[] } } }).properties?.status?.examples;
}

/**
 * The findings of a file when a quick read (no syntax tree) shows it is clean: `isMesh` tells whether
 * it is ours at all. Undefined when anything needs reporting or only the full parse can tell; then
 * `validateDocument` runs. Most files of a healthy mesh are clean, so most never need the tree.
 */
export function quickValidate(text: string, fileName: string, validator: SchemaValidator): QuickResult | undefined {
  const parts = quickRead(text, fileName);
  if (!parts) return undefined;
  for (const { standard, version, data } of parts) {
    const schemaKey = standard.schemaFor(version);
    if (!schemaKey || validator.validate(schemaKey, data).length > 0) return undefined;
    const known = statusExamples(validator.rootSchema(schemaKey));
    if (Array.isArray(known) && typeof data.status === 'string' && !known.includes(data.status)) return undefined;
  }
  return { isMesh: parts.length > 0, kinds: parts.map((p) => `${p.standard.name} ${p.version}`), parts };
}

export interface QuickResult {
  isMesh: boolean;
  /** The standard and version of each document, e.g. `ODCS v3.1.0`. */
  kinds: string[];
  /** The documents as read, so the index can take their facts without reading the text again. */
  parts: QuickPart[];
}

function only(diagnostic: MeshDiagnostic): PartResult {
  return { diagnostics: [diagnostic], omitted: 0 };
}

function locateError(locate: Locator, e: SchemaError, text: string, docStart: [number, number]) {
  const segments = pointerSegments(e.instancePath);
  const found = locate(segments);
  const node = found.complete ? found.node : null;
  const ownSpan = (): [number, number] => {
    if (found.complete && found.node && isScalar(found.node)) return nodeSpan(found.node);
    if (found.pair) return keySpan(found.pair) ?? docStart;
    if (found.node) return firstLine(text, nodeSpan(found.node));
    return docStart;
  };
  const target = (t: ReturnType<typeof describeError>['target']): [number, number] => {
    switch (t.kind) {
      case 'childKey': {
        const child = locate([...segments, t.name]);
        return child.complete && child.pair ? keySpan(child.pair) ?? ownSpan() : ownSpan();
      }
      case 'object':
        return segments.length === 0 ? docStart : ownSpan();
      default:
        return ownSpan();
    }
  };
  return { node, target };
}

function describeFound(node: Node | null, text: string): FoundValue {
  if (node === null) return { description: 'nothing', quoted: 'an empty value', source: '', plainScalar: false };
  if (isCollection(node)) return { description: isSeq(node) ? 'a list' : 'a map', quoted: 'this value', source: '', plainScalar: false };
  if (!isScalar(node) || !node.range) return { description: 'a value', quoted: 'this value', source: '', plainScalar: false };
  const source = text.slice(node.range[0], node.range[1]);
  const value = node.value;
  const plainScalar = node.type === 'PLAIN';
  const description =
    value === null ? 'nothing (null)' : typeof value === 'number' ? `the number ${source}` : typeof value === 'boolean' ? `the boolean ${source}` : `the text ${source}`;
  return { description, quoted: typeof value === 'string' ? `'${value}'` : source, source, plainScalar: plainScalar && typeof value !== 'string' };
}
