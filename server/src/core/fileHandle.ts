import { fileNote, type MeshDiagnostic, Severity } from './model/diagnostic';
import { peekStandard } from './model/documentKind';
import { documentData } from './model/documentData';
import { analyzeDocument, isMeshDocument, type MeshDocument } from './model/meshDocument';
import type { SourceText } from './model/sourceText';
import { type QuickResult, quickValidate, validateDocument } from './features/validate';
import { type QuickPart, quickRead } from './model/quickRead';
import type { SchemaValidator } from './schema/schemaValidator';
import { type CanonicalUri, factsOfDocument, factsOfParts } from './workspace/extractFacts';
import { type FactSpans, quickFactSpans, spanOfPlace } from './workspace/locateFacts';
import type { FileFacts } from './workspace/meshFacts';
import type { Span } from './util/span';

/** What a file's own text tells: whether it is part of a mesh, its own findings, and its facts. Plain data. */
export interface Analysis {
  isMesh: boolean;
  /** YAML and schema findings; the cross-file ones need the mesh (`diagnose`). */
  diagnostics: MeshDiagnostic[];
  facts: FileFacts;
  /** Where the paths the facts name are in the text, when the quick read placed them. */
  spans?: FactSpans;
}

/** What every handle of one language service shares. */
export interface HandleContext {
  validator: SchemaValidator;
  canonicalUri: CanonicalUri | undefined;
  /** Texts longer than this never get a syntax tree (see `FileHandle.tree`). */
  maxTreeChars: number;
}

// Past this, a file is not read at all (a 60 MB file took 45 s and 2.8 GB). The scan of the disk
// skips files past it too (`disk/fileWalk.ts`), so the editor and the index agree.
export const MAX_ANALYZED_CHARS = 10 * 1024 * 1024;

/**
 * One version of one file, as the core sees it. It decides, lazily and once, between the quick read
 * (js-yaml, no positions unless needed) and the `yaml` syntax tree, and holds the file's own findings
 * and facts. Results computed elsewhere for the same text (the analysis worker) are adopted instead.
 */
export class FileHandle implements SourceText {
  private parts: QuickPart[] | null | undefined;
  private quick: QuickResult | null | undefined;
  private document: MeshDocument | undefined;
  private own: { isMesh: boolean; diagnostics?: MeshDiagnostic[]; facts?: FileFacts } | undefined;
  private spans: FactSpans | undefined;

  constructor(
    readonly uri: string,
    readonly fileName: string,
    readonly text: string,
    /** The editor's version of an open document; undefined for a file read from disk. */
    readonly version: number | undefined,
    private readonly context: HandleContext,
  ) {}

  get hasTree(): boolean {
    return this.document !== undefined;
  }

  /** Whether the text is too large for a syntax tree on the main thread: then features that need ranges are off. */
  get isLarge(): boolean {
    return this.text.length > this.context.maxTreeChars;
  }

  /** Takes a result computed for this very text elsewhere; what is known already stays. */
  adopt(analysis: Analysis): void {
    this.own ??= { isMesh: analysis.isMesh };
    this.own.diagnostics ??= analysis.diagnostics;
    // The spans are for the facts they came with, in their order: taken only with them.
    if (this.own.facts === undefined) {
      this.own.facts = analysis.facts;
      this.spans = analysis.spans;
    }
  }

  /** Takes an equal copy of its facts that the index already holds, so that only one stays in memory. */
  shareFacts(facts: FileFacts): void {
    if (this.own) this.own.facts = facts;
  }

  knownSpan(docIndex: number, path: readonly (string | number)[], key: boolean): Span | undefined {
    return this.spans && this.own?.facts ? spanOfPlace(this.own.facts, this.spans, docIndex, path, key) : undefined;
  }

  /** Whether the file's own findings and facts are known without further work. */
  get isAnalyzed(): boolean {
    return this.own?.diagnostics !== undefined && this.own.facts !== undefined;
  }

  get isMesh(): boolean {
    return this.known().isMesh;
  }

  /** YAML and schema findings, which depend only on the text. */
  get ownDiagnostics(): MeshDiagnostic[] {
    const own = this.known();
    if (!own.isMesh) return [];
    own.diagnostics ??= this.quickRead()?.diagnostics ?? validateDocument(this.tree(), this.context.validator);
    return own.diagnostics;
  }

  /** What the file contributes to the index, from the tree if there is one, else from a quick read. */
  get facts(): FileFacts {
    const own = this.known();
    if (!own.facts) {
      const parts = this.document ? undefined : this.quickParts();
      own.facts = parts ? factsOfParts(parts, this.uri, this.context.canonicalUri) : factsOfDocument(this.tree(), this.uri, this.context.canonicalUri);
    }
    return own.facts;
  }

  private known(): { isMesh: boolean; diagnostics?: MeshDiagnostic[]; facts?: FileFacts } {
    if (this.own) return this.own;
    if (this.text.length > MAX_ANALYZED_CHARS) {
      const standard = peekStandard(this.text, this.fileName);
      this.own = { isMesh: standard !== undefined, diagnostics: [tooLarge(this.text.length)], facts: { uri: this.uri, standards: standard ? [standard.id] : [], entities: [], links: [] } };
    } else {
      // Reading the data tells; validating it waits until the findings are asked for.
      const parts = this.quickParts();
      this.own = { isMesh: parts ? parts.length > 0 : isMeshDocument(this.tree()) };
    }
    return this.own;
  }

  /** The standard and version of each document of the file, e.g. `ODCS v3.1.0`. */
  get kinds(): string[] {
    if (this.text.length > MAX_ANALYZED_CHARS) return [];
    return this.quickParts()?.map((p) => `${p.standard.name} ${p.version}`) ?? this.tree().parts.map((p) => `${p.kind.standard.name}${p.kind.version ? ` ${p.kind.version}` : ''}`);
  }

  /** Each recognised document as plain data, from the quick read when it answers, else from the tree. */
  documents(): { docIndex: number; standard: string; data: unknown }[] {
    if (!this.isMesh || this.text.length > MAX_ANALYZED_CHARS) return [];
    const parts = this.document ? undefined : this.quickParts();
    if (parts) return parts.map((p) => ({ docIndex: p.docIndex, standard: p.standard.id, data: p.data }));
    const tree = this.tree();
    return tree.parts.map((p) => ({ docIndex: tree.yaml.documents.indexOf(p.doc), standard: p.kind.standard.id, data: documentData(p.doc).data }));
  }

  /** All the text tells on its own (what the analysis worker sends back). */
  analysis(): Analysis {
    const facts = this.facts;
    return { isMesh: this.isMesh, diagnostics: this.ownDiagnostics, facts, spans: this.document ? undefined : quickFactSpans(this.text, facts) };
  }

  /**
   * The syntax tree, built on first need. Callers on the editor's main thread check `isLarge` first:
   * the tree of a 5 MB file takes seconds, during which no other request is answered.
   */
  tree(): MeshDocument {
    this.document ??= analyzeDocument(this.text, this.fileName);
    return this.document;
  }

  /** The documents as js-yaml reads them (no positions), when that reading is as good as the tree's. */
  private quickParts(): QuickPart[] | undefined {
    if (this.parts === undefined) this.parts = quickRead(this.text, this.fileName) ?? null;
    return this.parts ?? undefined;
  }

  /** The own findings from the quick reading, when it can place them all. */
  private quickRead(): QuickResult | undefined {
    const parts = this.quickParts();
    if (this.quick === undefined) this.quick = (parts && quickValidate(this.text, this.fileName, this.context.validator, parts)) ?? null;
    return this.quick ?? undefined;
  }
}

function tooLarge(length: number): MeshDiagnostic {
  return fileNote(
    Severity.Information,
    'limit/too-large',
    `This file is ${(length / (1024 * 1024)).toFixed(1)} MB; files over ${MAX_ANALYZED_CHARS / (1024 * 1024)} MB are not checked, so that they cannot exhaust the editor's memory. Split it into smaller contracts.`,
  );
}
