import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSource, LanguageService, MeshDocument } from './core/languageService';
import { type DocumentCache, fileNameOf } from './documentCache';
import { canonicalUri } from './uris';

// Parsed files that are not open, kept for repeated navigation: a few hundred small files, or fewer
// big ones (a syntax tree takes about twenty times the memory of its text).
const CLOSED_CACHE_FILES = 300;
const CLOSED_CACHE_CHARS = 20 * 1024 * 1024;

/**
 * Parsed documents of the whole workspace for features that need ranges in other files: the open
 * document when there is one (it wins over the disk), else the file read from disk, parsed once.
 */
export class WorkspaceDocuments implements DocumentSource {
  private readonly parsedOnDisk = new Map<string, MeshDocument>();
  private parsedChars = 0;
  private readonly lines = new WeakMap<MeshDocument, TextDocument>();
  /** The open documents: the client's spelling of each URI by its canonical one, and back. */
  private readonly openUris = new Map<string, string>();
  private readonly canonicalUris = new Map<string, string>();

  constructor(
    private readonly service: LanguageService,
    private readonly open: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
  ) {}

  /** Call when the client opens or closes a document, so open files are found by their canonical URI. */
  opened(clientUri: string): void {
    const uri = canonicalUri(clientUri);
    this.openUris.set(uri, clientUri);
    this.canonicalUris.set(clientUri, uri);
  }

  closed(clientUri: string): void {
    this.openUris.delete(this.indexUri(clientUri));
    this.canonicalUris.delete(clientUri);
  }

  /** The URI the index knows a document by; for an open one without parsing its URI again. */
  indexUri(clientUri: string): string {
    return this.canonicalUris.get(clientUri) ?? canonicalUri(clientUri);
  }

  /** Whether a file (by its canonical URI) is open in the editor. */
  isOpen(uri: string): boolean {
    return this.openUris.has(uri);
  }

  /** The open document of a file (by either spelling of its URI), if it is open. */
  openDocument(uri: string): TextDocument | undefined {
    const clientUri = this.openUris.get(uri);
    return this.open.get(clientUri ?? uri);
  }

  get(uri: string): MeshDocument | undefined {
    const textDocument = this.openDocument(uri);
    if (textDocument) return this.cache.get(textDocument);
    let document = this.parsedOnDisk.get(uri);
    if (document) {
      // Most recently used goes last, so the oldest is evicted first.
      this.parsedOnDisk.delete(uri);
      this.parsedOnDisk.set(uri, document);
      return document;
    }
    let text: string;
    try {
      text = readFileSync(fileURLToPath(uri), 'utf8');
    } catch {
      return undefined;
    }
    document = this.service.parse(text, fileNameOf(uri));
    this.parsedOnDisk.set(uri, document);
    this.parsedChars += text.length;
    // The oldest go first; the one just parsed stays, however big.
    while (this.parsedOnDisk.size > 1 && (this.parsedOnDisk.size > CLOSED_CACHE_FILES || this.parsedChars > CLOSED_CACHE_CHARS)) this.invalidate(this.parsedOnDisk.keys().next().value!);
    return document;
  }

  /** Forget a file's parse when it changed on disk. */
  invalidate(uri: string): void {
    const document = this.parsedOnDisk.get(uri);
    if (!document) return;
    this.parsedChars -= document.text.length;
    this.parsedOnDisk.delete(uri);
  }

  /** Line and character positions for a document's offsets. */
  positions(uri: string, document: MeshDocument): TextDocument {
    const open = this.openDocument(uri);
    if (open && this.cache.get(open) === document) return open;
    let lines = this.lines.get(document);
    if (!lines) {
      lines = TextDocument.create(uri, 'yaml', 0, document.text);
      this.lines.set(document, lines);
    }
    return lines;
  }
}
