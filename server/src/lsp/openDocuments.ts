import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type DocumentHandle, fileNameOf, fileNote, type LanguageService, Severity } from '../core/languageService';
import { type BackgroundAnalysis, STOPPED } from '../analysis/backgroundAnalysis';
import { canonicalUri } from '../disk/uris';

const TOO_SLOW = fileNote(Severity.Information, 'limit/too-slow', 'Checking this file took too long and was stopped, so it is not checked as you type. Run `datamesh check` on it to see its problems.');

/**
 * The client's open documents, given to the core one version at a time, and analyzed on the worker.
 * Knows both spellings of each URI: the client's, and the canonical one the core indexes by.
 */
export class OpenDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly canonical = new Map<string, string>();
  private readonly clientUris = new Map<string, string>();
  /** The worker's analysis of a handle, while it runs. */
  private readonly running = new WeakMap<DocumentHandle, Promise<void>>();
  /** Line positions of files that are not open, per handle (so per version). */
  private readonly lines = new WeakMap<DocumentHandle, TextDocument>();
  /** Documents whose opening content is still to come (asking the core would read the file from disk). */
  private readonly opening = new Set<string>();

  constructor(
    private readonly service: LanguageService,
    private readonly background: BackgroundAnalysis,
    private readonly isEnabled: () => boolean,
  ) {
    this.documents.onDidOpen((event) => {
      const uri = canonicalUri(event.document.uri);
      this.canonical.set(event.document.uri, uri);
      this.clientUris.set(uri, event.document.uri);
      this.opening.add(event.document.uri);
    });
    // Every version goes to the core; the first (the opening) is analyzed on the worker at once.
    this.documents.onDidChangeContent((event) => {
      const uri = this.indexUri(event.document.uri);
      const first = this.opening.delete(event.document.uri);
      const handle = service.setDocument(uri, event.document.getText(), event.document.version);
      if (first) void this.analyze(handle);
    });
    this.documents.onDidClose((event) => {
      const uri = this.indexUri(event.document.uri);
      this.canonical.delete(event.document.uri);
      this.clientUris.delete(uri);
    });
  }

  /** The URI the core knows a document by; for an open one without parsing its URI again. */
  indexUri(clientUri: string): string {
    return this.canonical.get(clientUri) ?? canonicalUri(clientUri);
  }

  /** Whether a file (by its canonical URI) is open in the editor. */
  isOpen(uri: string): boolean {
    return this.clientUris.has(uri);
  }

  /** The open document's current version, or undefined when it is not open. */
  versionOf(clientUri: string): number | undefined {
    return this.documents.get(clientUri)?.version;
  }

  /**
   * Waits for the worker's analysis of a version of a document, and of the edited documents (cross-file
   * findings need them), so that none of them is analyzed on this thread as well. False when the
   * document changed or closed meanwhile: then its newer version has its own turn.
   */
  async analyzed(clientUri: string, version: number): Promise<boolean> {
    const handle = this.service.document(this.indexUri(clientUri));
    if (!handle || handle.version !== version) return false;
    if (this.isEnabled()) {
      await this.analyze(handle);
      for (let edited = this.service.editedDocuments(); edited.some((h) => !h.isAnalyzed); edited = this.service.editedDocuments()) {
        await Promise.all(edited.map((h) => this.analyze(h)));
      }
    }
    return this.versionOf(clientUri) === version;
  }

  /** Has the documents of the scan's start analyzed, so the index declared ready has them. */
  async analyzeAll(): Promise<void> {
    await Promise.all([...this.clientUris.keys()].map((uri) => this.service.document(uri)).map((h) => h && this.analyze(h)));
  }

  /** Line positions for offsets into a file: the open document's, else made from the text the core read. */
  positions(uri: string): TextDocument | undefined {
    const clientUri = this.clientUris.get(uri);
    const open = clientUri === undefined ? undefined : this.documents.get(clientUri);
    const handle = this.service.document(uri);
    if (!handle) return undefined;
    if (open && open.version === handle.version) return open;
    let lines = this.lines.get(handle);
    if (!lines) {
      lines = TextDocument.create(uri, 'yaml', 0, handle.text);
      this.lines.set(handle, lines);
    }
    return lines;
  }

  /** The handle's own analysis on the worker; a document that ran past the time limit is not tried here. */
  private analyze(handle: DocumentHandle): Promise<void> {
    if (handle.isAnalyzed || !this.isEnabled()) return Promise.resolve();
    let running = this.running.get(handle);
    if (!running) {
      running = this.background.analyze(handle.text, fileNameOf(handle.uri), handle.uri).then((result) => {
        if (result === STOPPED) handle.adopt({ isMesh: true, diagnostics: [TOO_SLOW], facts: this.service.indexedFacts(handle.uri) ?? { uri: handle.uri, standards: [], entities: [], links: [] } });
        else if (result) handle.adopt(result);
      });
      this.running.set(handle, running);
    }
    return running;
  }
}
