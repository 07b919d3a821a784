import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, MeshDiagnostic, MeshDocument } from './core/languageService';

interface Entry {
  version: number;
  document: MeshDocument;
  /** The document's own findings, which depend only on its text. */
  ownDiagnostics?: MeshDiagnostic[];
}

/** Parses each open document once per version and hands the same parse to every feature. */
export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly service: LanguageService) {}

  get(textDocument: TextDocument): MeshDocument {
    return this.entry(textDocument).document;
  }

  /** YAML and schema findings, computed once per version; the mesh findings are added by the caller. */
  ownDiagnostics(textDocument: TextDocument): MeshDiagnostic[] {
    const entry = this.entry(textDocument);
    entry.ownDiagnostics ??= this.service.validate(entry.document);
    return entry.ownDiagnostics;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  private entry(textDocument: TextDocument): Entry {
    const cached = this.entries.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) return cached;
    const entry = { version: textDocument.version, document: this.service.parse(textDocument.getText(), fileNameOf(textDocument.uri)) };
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
