import {
  type CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  type Diagnostic,
  DiagnosticSeverity,
  InsertTextFormat,
  InsertTextMode,
  type Location,
  MarkupKind,
  type Range,
  SymbolKind,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionEntry, DiagnosticData, MeshDiagnostic, MeshLocation, Span } from '../core/languageService';

/** Line positions of any file the core has read, by canonical URI (see `OpenDocuments.positions`). */
export type Positions = (uri: string) => TextDocument | undefined;

/** The one place where core offsets become LSP line/character positions; other files' places need their positions. */
export function toLspDiagnostic(document: TextDocument, d: MeshDiagnostic, positions?: Positions): Diagnostic {
  const related = positions && d.related?.flatMap((r) => {
    const location = toLocation(positions, r.location);
    return location ? [{ location, message: r.message }] : [];
  });
  return {
    range: toRange(document, d.start, d.end),
    severity: d.severity as DiagnosticSeverity,
    code: d.code,
    ...(d.href ? { codeDescription: { href: d.href } } : {}),
    source: d.source,
    message: d.message,
    // What a quick fix needs, as data (the client hands it back in code action requests).
    ...(d.data ? { data: d.data } : {}),
    ...(related?.length ? { relatedInformation: related } : {}),
  };
}

/**
 * A diagnostic the client sent back (in a code action request) as the core reported it: offsets from
 * its range, and only the well-typed fields of its `data`, which came over the wire.
 */
export function fromLspDiagnostic(document: TextDocument, d: Diagnostic): MeshDiagnostic {
  const data = fromLspData(d.data);
  return {
    start: document.offsetAt(d.range.start),
    end: document.offsetAt(d.range.end),
    severity: (d.severity ?? DiagnosticSeverity.Error) as number,
    code: d.code === undefined ? '' : String(d.code),
    message: d.message,
    source: d.source ?? '',
    ...(data ? { data } : {}),
  };
}

function fromLspData(raw: unknown): DiagnosticData | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined);
  const path = Array.isArray(r.path) && r.path.every((s) => typeof s === 'string' || typeof s === 'number') ? (r.path as (string | number)[]) : undefined;
  const data: DiagnosticData = {
    ...(typeof r.docIndex === 'number' ? { docIndex: r.docIndex } : {}),
    ...(path ? { path } : {}),
    ...(typeof r.value === 'string' ? { value: r.value } : {}),
    ...(strings(r.suggestions) ? { suggestions: strings(r.suggestions) } : {}),
    ...(strings(r.missing) ? { missing: strings(r.missing) } : {}),
    ...(r.missingAnyOne === true ? { missingAnyOne: true } : {}),
    ...(strings(r.placeholders) ? { placeholders: strings(r.placeholders) } : {}),
    ...(strings(r.expected) ? { expected: strings(r.expected) } : {}),
  };
  return data;
}

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function spanToRange(document: TextDocument, [start, end]: Span): Range {
  return toRange(document, start, end);
}

/** A location in any file of the workspace, converted with that file's own text. */
export function toLocation(positions: Positions, location: MeshLocation): Location | undefined {
  const lines = positions(location.uri);
  return lines && { uri: location.uri, range: spanToRange(lines, location.span) };
}

export function toLocations(positions: Positions, locations: readonly MeshLocation[]): Location[] {
  return locations.map((l) => toLocation(positions, l)).filter((l): l is Location => l !== undefined);
}

/** How each kind of mesh entity shows in the outline and in "Go to Symbol in Workspace". */
export const SYMBOL_KINDS: Record<string, SymbolKind> = {
  product: SymbolKind.Package,
  contract: SymbolKind.Class,
  port: SymbolKind.Interface,
  schemaObject: SymbolKind.Struct,
  property: SymbolKind.Field,
  term: SymbolKind.Constant,
  glossary: SymbolKind.Namespace,
  definition: SymbolKind.TypeParameter,
};

const COMPLETION_KINDS: Record<CompletionEntry['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  file: CompletionItemKind.Snippet,
};

/**
 * A completion of the core as LSP sends it. Its lines after the first carry their full indentation,
 * so the client must insert them as they are (`asIs`), not indent them again.
 */
export function toCompletionItem(document: TextDocument, entry: CompletionEntry): CompletionItem {
  return {
    label: entry.label,
    kind: COMPLETION_KINDS[entry.kind],
    ...(entry.detail ? { detail: entry.detail } : {}),
    ...(entry.documentation ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } } : {}),
    textEdit: { range: spanToRange(document, entry.span), newText: entry.insertText },
    insertTextFormat: entry.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    sortText: entry.sortText,
    ...(entry.filterText ? { filterText: entry.filterText } : {}),
    ...(entry.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    // A key whose value is chosen from a list opens the list at once.
    ...(entry.retrigger ? { command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' } } : {}),
  };
}
