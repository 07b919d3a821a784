import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type BackgroundAnalysis, STOPPED } from './backgroundAnalysis';
import { type FileFacts, type LanguageService, type MeshDiagnostic, type MeshDocument, type QuickResult, Severity } from './core/languageService';

const TOO_SLOW: MeshDiagnostic = {
  start: 0,
  end: 0,
  severity: Severity.Information,
  code: 'limit/too-slow',
  message: 'Checking this file took too long and was stopped, so it is not checked as you type. Run `datamesh check` on it to see its problems.',
  source: 'Data Mesh',
};

interface Entry {
  version: number;
  /** The syntax tree, built on first need: a clean file being validated never needs it. */
  document?: MeshDocument;
  quick?: QuickResult | null;
  /** Whether the document is ours, when the background analysis told. */
  isMesh?: boolean;
  /** The document's own findings, which depend only on its text. */
  ownDiagnostics?: MeshDiagnostic[];
  facts?: FileFacts;
  /** The background analysis of this version, while it runs. */
  analyzing?: Promise<void>;
}

/**
 * Parses each open document at most once per version and hands the same results to every feature.
 * `analyze` has a version's own findings and facts computed on the worker; whatever is asked before
 * they arrive (or without a worker) is computed here, on the main thread.
 */
export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly service: LanguageService,
    private readonly background?: BackgroundAnalysis,
  ) {}

  /** Computes the document's own findings and facts on the worker, unless they are known already. */
  analyze(textDocument: TextDocument, uri: string): Promise<void> {
    const entry = this.entry(textDocument);
    if (!this.background || (entry.ownDiagnostics && entry.facts?.uri === uri)) return Promise.resolve();
    entry.analyzing ??= this.background.analyze(textDocument.getText(), fileNameOf(textDocument.uri), uri).then((result) => {
      entry.analyzing = undefined;
      if (result === STOPPED) {
        // Not tried again here, where it would block the server: the index keeps what it had of the file.
        entry.isMesh ??= true;
        entry.ownDiagnostics ??= [TOO_SLOW];
        entry.facts ??= this.service.mesh.index.file(uri) ?? { uri, standards: [], entities: [], links: [] };
      } else if (result) {
        entry.isMesh ??= result.isMesh;
        entry.ownDiagnostics ??= result.diagnostics;
        entry.facts ??= result.facts;
      }
    });
    return entry.analyzing;
  }

  /** The background analysis of the document's current version while it runs, else undefined. */
  analyzing(textDocument: TextDocument): Promise<void> | undefined {
    const entry = this.entries.get(textDocument.uri);
    return entry?.version === textDocument.version ? entry.analyzing : undefined;
  }

  get(textDocument: TextDocument): MeshDocument {
    const entry = this.entry(textDocument);
    entry.document ??= this.service.parse(textDocument.getText(), fileNameOf(textDocument.uri));
    return entry.document;
  }

  /** Whether the document is part of a mesh; from the quick read when that was conclusive. */
  isMesh(textDocument: TextDocument): boolean {
    const known = this.entry(textDocument).isMesh;
    if (known !== undefined) return known;
    const quick = this.quick(textDocument);
    return quick ? quick.isMesh : this.service.isMeshDocument(this.get(textDocument));
  }

  /** YAML and schema findings, computed once per version; the mesh findings are added by the caller. */
  ownDiagnostics(textDocument: TextDocument): MeshDiagnostic[] {
    const entry = this.entry(textDocument);
    entry.ownDiagnostics ??= this.quick(textDocument)?.diagnostics ?? this.service.validate(this.get(textDocument));
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
