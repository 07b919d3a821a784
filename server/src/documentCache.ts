import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, MeshDocument } from './core/languageService';

/** Parses each open document once per version and hands the same parse to every feature. */
export class DocumentCache {
  private readonly entries = new Map<string, { version: number; document: MeshDocument }>();

  constructor(private readonly service: LanguageService) {}

  get(textDocument: TextDocument): MeshDocument {
    const cached = this.entries.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) return cached.document;
    const document = this.service.parse(textDocument.getText(), fileNameOf(textDocument.uri));
    this.entries.set(textDocument.uri, { version: textDocument.version, document });
    return document;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
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
