import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileFacts, LanguageService, MeshDiagnostic, MeshDocument, QuickResult } from './core/languageService';

interface Entry {
  version: number;
  /** The syntax tree, built on first need: a clean file being validated never needs it. */
  document?: MeshDocument;
  quick?: QuickResult | null;
  /** The document's own findings, which depend only on its text. */
  ownDiagnostics?: MeshDiagnostic[];
  facts?: FileFacts;
}

/** Parses each open document at most once per version and hands the same results to every feature. */
export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly service: LanguageService) {}

  get(textDocument: TextDocument): MeshDocument {
    const entry = this.entry(textDocument);
    entry.document ??= this.service.parse(textDocument.getText(), fileNameOf(textDocument.uri));
    return entry.document;
  }

  /** Whether the document is part of a mesh; from the quick read when that was conclusive. */
  isMesh(textDocument: TextDocument): boolean {
    const quick = this.quick(textDocument);
    return quick ? quick.isMesh : this.service.isMeshDocument(this.get(textDocument));
  }

  /** YAML and schema findings, computed once per version; the mesh findings are added by the caller. */
  ownDiagnostics(textDocument: TextDocument): MeshDiagnostic[] {
    const entry = this.entry(textDocument);
    entry.ownDiagnostics ??= this.quick(textDocument) ? [] : this.service.validate(this.get(textDocument));
    return entry.ownDiagnostics;
  }

  /** What the document contributes to the index, from its tree if it has one, else from a quick read. */
  facts(textDocument: TextDocument, uri: string): FileFacts {
    const entry = this.entry(textDocument);
    if (!entry.facts || entry.facts.uri !== uri) {
      const quick = this.quick(textDocument);
      entry.facts = quick ? this.service.factsOfQuickRead(quick, uri) : this.service.factsOf(this.get(textDocument), uri);
    }
    return entry.facts;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  private quick(textDocument: TextDocument): QuickResult | undefined {
    const entry = this.entry(textDocument);
    if (entry.quick === undefined) entry.quick = this.service.quickValidate(textDocument.getText(), fileNameOf(textDocument.uri)) ?? null;
    return entry.quick ?? undefined;
  }

  private entry(textDocument: TextDocument): Entry {
    const cached = this.entries.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) return cached;
    const entry: Entry = { version: textDocument.version };
    this.entries.set(textDocument.uri, entry);
    return entry;
  }
}

/** The path part of a URI, which is all the core needs for recognising files by name. */
export function fileNameOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
