import { fileNote, type MeshDiagnostic, Severity } from './model/diagnostic';
import { standardOfFileName } from './model/documentKind';
import { FileHandle, MAX_ANALYZED_CHARS, type Analysis } from './fileHandle';
import { type ReadFile, WorkspaceFiles, fileNameOf } from './workspaceFiles';
import { meshDiagnostics } from './features/meshDiagnostics';
import { Governance } from './governance/engine';
import type { RuleDocs } from './governance/catalogue';
import { BaseComparisons, type BaseText, type ComparedFile } from './features/breakingDiagnostics';
import { isData } from './workspace/facts/factBuilder';
import { findDefinition } from './features/definition';
import { findReferences } from './features/references';
import { prepareRename, rename, type Refusal } from './features/rename';
import type { FileEdit, Span } from './util/span';
import { documentSymbols, workspaceSymbols, type OutlineItem, type SymbolMatch } from './features/symbols';
import { consumerLocations, lineageLenses, type LineageLens } from './features/codeLens';
import { hover } from './features/hover';
import { codeActions } from './features/codeActions';
import type { QuickFix } from './features/quickFix';
import { semanticTokens, type SemanticToken } from './features/semanticTokens';
import { completion, type CompletionEntry } from './features/completion';
import { SchemaNavigators } from './schema/schemaAtPath';
import { LinesCache } from './model/cursorContext';
import { lineageGraph, type LineageGraphModel } from './lineage/lineageGraph';
import { UnsavedImpacts } from './features/unsavedImpact';
import { piiColumnCount, piiColumns } from './glossary/glossary';
import { columnLineage, type ColumnLineageModel } from './lineage/columnLineage';
import { type PrecompiledValidators, SchemaValidator } from './schema/schemaValidator';
import { type CanonicalUri, factsOfText } from './workspace/extractFacts';
import { Mesh } from './lineage/mesh';
import type { FileFacts } from './workspace/meshFacts';
import type { MeshLocation } from './workspace/targetAt';
import { nameLocation, targetAt } from './workspace/targetAt';

export type { MeshDiagnostic, DiagnosticData } from './model/diagnostic';
export { fileNote, Severity } from './model/diagnostic';
export type { Analysis } from './fileHandle';
export { MAX_ANALYZED_CHARS } from './fileHandle';
export type { FileFacts } from './workspace/meshFacts';
export { shareStrings } from './workspace/meshFacts';
export type { Span } from './util/span';
export type { MeshLocation } from './workspace/targetAt';
export type { Refusal } from './features/rename';
export type { FileEdit } from './util/span';
export type { OutlineItem, SymbolMatch } from './features/symbols';
export type { LineageLens } from './features/codeLens';
export type { QuickFix } from './features/quickFix';
export type { FixBuilder, FixContext } from './features/codeActions';
export type { SemanticToken, TokenModifier, TokenType } from './features/semanticTokens';
export { TOKEN_MODIFIERS, TOKEN_TYPES } from './features/semanticTokens';
export type { CompletionEntry } from './features/completion';
export type { LineageGraphModel, LineageGraphNode, UnsavedImpact } from './lineage/lineageGraph';
export type { ColumnLineageModel, ColumnTable, ColumnInfo } from './lineage/columnLineage';
export { governanceReport, reportMarkdown } from './governance/report';
export { relativeTo } from './governance/policy';
export type { GovernanceReport, ReportInput } from './governance/report';
export type { ReadFile } from './workspaceFiles';
export type { RuleDocs } from './governance/catalogue';
export type { BaseText } from './features/breakingDiagnostics';
export { comparedWithBase } from './governance/breakingChanges';
export { fileNameOf } from './workspaceFiles';
export { Mesh } from './lineage/mesh';
export type { PrecompiledValidators, ValidatorFactory } from './schema/schemaValidator';
export { validatorFileName } from './schema/schemaCatalog';

/** One version of a file as the core holds it (see `FileHandle`). */
export interface DocumentHandle {
  readonly uri: string;
  readonly text: string;
  /** The editor's version of an open document; undefined for a file read from disk. */
  readonly version: number | undefined;
  readonly isMesh: boolean;
  /** The standard and version of each document of the file, e.g. `ODCS v3.1.0`. */
  readonly kinds: string[];
  /** Whether the file is past `maxFileSize`: it is validated, but has no features that need ranges. */
  readonly isLarge: boolean;
  /** Whether its own findings and facts are known already (computed, or adopted from the worker). */
  readonly isAnalyzed: boolean;
  /** Takes the analysis of this very text made elsewhere (the worker), so it is not made again here. */
  adopt(analysis: Analysis): void;
}

export interface LanguageServiceOptions {
  /** Reads a file that is not open, when a feature needs its text; the worker reads nothing. */
  readFile?: ReadFile;
  /** How the caller spells URIs, so a path resolved from a file names the file the caller indexes. */
  canonicalUri?: CanonicalUri;
  /** Files longer than this (in characters) are validated but get no features that need a syntax tree. */
  maxFileSize?: number;
  /** Called when bringing the open documents into the index changed it: other files' findings may follow. */
  onIndexChanged?: () => void;
  /**
   * Whether open documents are analyzed elsewhere (the server's worker). Then a large document that is
   * still being analyzed keeps its previous facts in the index instead of being read on this thread.
   */
  analyzedElsewhere?: () => boolean;
  /**
   * Where each governance rule's page is (`ownership/required-owner` → a URI the user can open): the
   * server and the CLI know where their docs are shipped. Without it, or for a rule it has no page
   * for, a finding carries no link rather than a dead one.
   */
  ruleDocs?: RuleDocs;
  /** The index and lineage graph to keep; given by tests that look inside them. */
  mesh?: Mesh;
  /** The schemas the build compiled, where the caller finds them; without it, each is compiled at its first use. */
  precompiledValidators?: PrecompiledValidators;
}

// A syntax tree costs about 1 ms per KB on the main thread, where every other request waits for it.
// 1 MB is five times the largest official example (190 KB) and bounds that wait to well under a second.
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/**
 * The one door into the pure core, in the manner of VS Code's JSON language service and
 * rust-analyzer's `AnalysisHost`: the caller tells it what changed (open documents by version,
 * files read from disk, folders removed) and asks questions by URI and offset. The core owns the
 * documents, the workspace index and the lineage graph; it does no I/O but through `readFile`.
 */
export interface LanguageService {
  // What the caller tells the core.
  /** A version of an open document (the first one opens it); it wins over the file on disk. */
  setDocument(uri: string, text: string, version: number): DocumentHandle;
  /** The document was closed: its file on disk (as last given) counts again. */
  closeDocument(uri: string): void;
  /** A file read from disk: its facts enter the index, and are returned when it is part of the mesh. */
  setFileText(uri: string, text: string): FileFacts | undefined;
  /**
   * A file's facts known without reading it (the index cache, the worker's analysis), or undefined
   * when it is gone or not ours. Returns them when the file is part of the mesh, as `setFileText` does.
   */
  setFileFacts(uri: string, facts: FileFacts | undefined): FileFacts | undefined;
  /** A file that was not indexed, and why: references to what it may define are not called broken. */
  skipFile(uri: string, reason: string): void;
  /** Forgets every file on disk under a folder (a workspace folder was removed, or is scanned again). */
  removeFolder(folderUri: string): void;
  /** Files longer than this (in characters) are validated but get no features that need a syntax tree. */
  setMaxFileSize(chars: number): void;
  /** Cross-file findings wait until the index is complete, so an unread file never looks like a broken reference. */
  setIndexComplete(complete: boolean): void;
  /**
   * A file's text at the base its breaking changes are judged against (a git ref the caller read), or
   * undefined: no base (a new file, no repository, the feature off). `diagnose` then adds them.
   */
  setBaseText(uri: string, base: BaseText | undefined): void;

  // What the core tells.
  readonly isIndexComplete: boolean;
  /** Files of the index that follow one of the standards. */
  readonly meshFileCount: number;
  /** Files that were not indexed, with the reason. */
  skippedFiles(): ReadonlyMap<string, string>;
  /** The URIs of the index's files that follow one of the standards (open documents' or disk's). */
  meshFiles(): string[];
  /** The handle of an open document's current version, or of a file read from disk. */
  document(uri: string): DocumentHandle | undefined;
  /** The standard a file's name claims (`*.odcs.yaml` → the ODCS title), whatever its content. */
  claimedByName(uri: string): string | undefined;
  /** What the index holds of a file now (the open document's facts, else the disk's). */
  indexedFacts(uri: string): FileFacts | undefined;
  /** The open documents that were edited and not yet seen by the index (cross-file findings wait for them). */
  editedDocuments(): DocumentHandle[];
  /** Every finding of a file: its own (YAML, schema) and, once the index is complete, those across files and its breaking changes. */
  diagnose(uri: string): MeshDiagnostic[];
  /** What a text tells on its own: the analysis worker's one job. Keeps nothing. */
  analyze(text: string, fileName: string, uri: string): Analysis;
  findDefinition(uri: string, offset: number): MeshLocation[];
  findReferences(uri: string, offset: number, includeDeclaration: boolean): MeshLocation[];
  prepareRename(uri: string, offset: number): { span: Span; placeholder: string } | Refusal | undefined;
  rename(uri: string, offset: number, newName: string): FileEdit[] | Refusal | undefined;
  documentSymbols(uri: string): OutlineItem[];
  workspaceSymbols(query: string): SymbolMatch[];
  codeLenses(uri: string): LineageLens[];
  consumerLocations(node: string): MeshLocation[];
  hover(uri: string, offset: number): { span: Span; markdown: string } | undefined;
  /**
   * The quick fixes of the diagnostics the client sent back (built from their `data`), and the
   * refactorings at `span`; `only` filters by code action kind.
   */
  codeActions(uri: string, span: Span, diagnostics: readonly MeshDiagnostic[], only?: readonly string[]): QuickFix[];
  /** The references of a file (in `span`, if given) as highlighting tokens, in text order. */
  semanticTokens(uri: string, span?: Span): SemanticToken[];
  /** Completion at the cursor: keys, values and references of the file's own standard and version; new documents in an empty file. */
  completion(uri: string, offset: number): CompletionEntry[];
  /** The graph node (`product:<id>` or `contract:<id>`) under the cursor. */
  nodeAt(uri: string, offset: number): string | undefined;
  /**
   * The lineage graph around a node, or of the whole mesh; diagnostic counts are those `diagnose` last
   * found. It tells which nodes hold PII columns, and what the unsaved edits of open contracts and
   * products do downstream (each open document compared with the file `readFile` gives).
   */
  lineage(focus?: string, hops?: number): LineageGraphModel | undefined;
  /** Where the column lineage view starts at the cursor: the column or table there (its contract), else the contract the file defines. */
  columnFocusAt(uri: string, offset: number): { contract: string; column?: string } | undefined;
  /** The column-level lineage of a contract, `hops` steps up and down; `column` is the one the reader started from. */
  columnLineage(contract: string, hops?: number, column?: string): ColumnLineageModel | undefined;
  /** Where the entity with a key (`contract:<id>`, a column key) is named, if it is defined. */
  locate(key: string, uri?: string): MeshLocation | undefined;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const validator = new SchemaValidator(options.precompiledValidators);
  const mesh = options.mesh ?? new Mesh();
  const context = { validator, canonicalUri: options.canonicalUri, maxTreeChars: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE };
  const readFile = options.readFile ?? (() => undefined);
  const files = new WorkspaceFiles(mesh.index, context, readFile, options.analyzedElsewhere ?? (() => false));
  // Other files for features that need their ranges; a large one is left out rather than parsed here.
  const others = {
    get: (uri: string) => {
      const handle = files.get(uri);
      return handle && !handle.isLarge ? handle : undefined;
    },
  };
  const governance = new Governance(mesh, options.ruleDocs);
  const comparisons = new BaseComparisons(mesh, others, options.ruleDocs);
  const unsaved = new UnsavedImpacts(mesh, others);
  const counts = new Map<string, { errors: number; warnings: number }>();
  const navigators = new SchemaNavigators();
  const lines = new LinesCache();
  let indexComplete = false;
  // A file on disk: what the index holds of it. One that follows none of the standards is not part of the mesh.
  const setDiskFacts = (uri: string, facts: FileFacts | undefined) => {
    files.forget(uri);
    const ours = facts && facts.standards.length > 0 ? facts : undefined;
    mesh.index.setDiskFacts(uri, ours);
    return ours;
  };

  const sync = (only?: string) => {
    if (files.sync(only)) options.onIndexChanged?.();
  };
  /** The file a feature request is about, with the index current; nothing for YAML that is not ours or too large. */
  const subject = (uri: string) => {
    sync();
    const handle = files.get(uri);
    // The handle itself: features place what they find by a quick read, and build the tree only if that cannot.
    return handle && !handle.isLarge && handle.isMesh ? { document: handle, facts: handle.facts } : undefined;
  };

  return {
    setDocument: (uri, text, version) => files.setDocument(uri, text, version, fileNameOf(uri)),
    closeDocument: (uri) => {
      files.closeDocument(uri);
      counts.delete(uri);
    },
    setFileText: (uri, text) => setDiskFacts(uri, factsOfText(text, uri, fileNameOf(uri), options.canonicalUri)),
    setFileFacts: setDiskFacts,
    skipFile: (uri, reason) => {
      files.forget(uri);
      mesh.index.setSkipped(uri, reason);
    },
    removeFolder: (folderUri) => mesh.index.removeFolder(folderUri),
    setMaxFileSize: (chars) => {
      context.maxTreeChars = chars;
    },
    setIndexComplete: (complete) => {
      indexComplete = complete;
    },
    setBaseText: (uri, base) => comparisons.set(uri, base),

    get isIndexComplete() {
      return indexComplete;
    },
    get meshFileCount() {
      return mesh.index.meshFileCount;
    },
    skippedFiles: () => mesh.index.skipped,
    meshFiles: () => {
      const uris: string[] = [];
      for (const facts of mesh.index.files()) if (facts.standards.length > 0) uris.push(facts.uri);
      return uris;
    },
    document: (uri) => files.get(uri),
    claimedByName: (uri) => standardOfFileName(fileNameOf(uri))?.title,
    indexedFacts: (uri) => mesh.index.file(uri),
    editedDocuments: () => files.editedHandles(),
    diagnose: (uri) => {
      sync(uri);
      const handle = files.get(uri);
      if (!handle?.isMesh) return [];
      const own = handle.ownDiagnostics;
      // A file with conflict markers is read garbled: what it seems to reference is not worth reporting.
      const readable = !own.some((d) => d.code === 'yaml/merge-conflict');
      const governedFile = { uri, facts: handle.facts, source: handle, documents: () => handle.documents().flatMap((d) => (isData(d.data) ? [{ ...d, data: d.data }] : [])) };
      // An unclassified PII column is reported once: by the policy's rule where one is in force, else by the glossary.
      const across = indexComplete && readable ? meshDiagnostics(mesh, handle, handle.facts, governance.judgesClassification(governedFile)) : [];
      // Governance needs the whole mesh too (policies, lineage); a large file is checked by its facts' paths all the same.
      // Breaking changes name their consumers: they wait for the index, as cross-file findings do.
      const compared = indexComplete && readable && parses(handle) && comparisons.has(uri) ? comparedFile(handle) : undefined;
      const governed = indexComplete && readable ? governance.diagnose({ ...governedFile, changeReport: () => compared && comparisons.report(compared) }) : [];
      const breaking = compared ? comparisons.diagnostics(compared) : [];
      // A file past MAX_ANALYZED_CHARS has its own limit/too-large; it is not "validated" as limit/large-file would say.
      const large = handle.isLarge && handle.text.length <= MAX_ANALYZED_CHARS;
      const all = [...own, ...across, ...governed, ...breaking, ...(large ? [largeFile(handle.text.length, context.maxTreeChars)] : [])].sort((a, b) => a.start - b.start);
      counts.set(uri, { errors: all.filter((d) => d.severity === Severity.Error).length, warnings: all.filter((d) => d.severity === Severity.Warning).length });
      return all;
    },
    analyze: (text, fileName, uri) => new FileHandle(uri, fileName, text, undefined, context).analysis(),
    findDefinition: (uri, offset) => {
      const at = subject(uri);
      return at ? findDefinition(mesh, others, at.document, at.facts, offset) : [];
    },
    findReferences: (uri, offset, includeDeclaration) => {
      const at = subject(uri);
      return at ? findReferences(mesh, others, at.document, at.facts, offset, includeDeclaration) : [];
    },
    prepareRename: (uri, offset) => {
      const at = subject(uri);
      return at && prepareRename(mesh, at.document, at.facts, offset);
    },
    rename: (uri, offset, newName) => {
      const at = subject(uri);
      return at && rename(mesh, others, at.document, at.facts, offset, newName);
    },
    documentSymbols: (uri) => {
      const at = subject(uri);
      return at ? documentSymbols(at.document, at.facts) : [];
    },
    workspaceSymbols: (query) => {
      sync();
      return workspaceSymbols(mesh, query);
    },
    codeLenses: (uri) => {
      const at = subject(uri);
      return at ? lineageLenses(mesh, at.document, at.facts) : [];
    },
    consumerLocations: (node) => {
      sync();
      return consumerLocations(mesh, others, node);
    },
    hover: (uri, offset) => {
      const at = subject(uri);
      return at && hover({ mesh, document: at.document, facts: at.facts, fileName: at.document.fileName, schemas: { navigators, lines } }, offset);
    },
    codeActions: (uri, span, diagnostics, only) => {
      const at = subject(uri);
      return at ? codeActions({ uri, document: at.document, facts: at.facts, mesh, documents: others }, span, diagnostics, only) : [];
    },
    semanticTokens: (uri, span) => {
      const at = subject(uri);
      if (!at) return [];
      return semanticTokens(mesh, at.document, at.facts, indexComplete, span);
    },
    completion: (uri, offset) => {
      sync();
      const handle = files.get(uri);
      // Read from the text, not the parse: a file that is not ours yet (empty, or half-typed) still gets completion.
      return handle ? completion({ uri, fileName: handle.fileName, text: handle.text }, offset, navigators, lines, mesh.index) : [];
    },
    nodeAt: (uri, offset) => {
      const at = subject(uri);
      const target = at && targetAt(mesh.index, at.document, at.facts, offset);
      const key = target?.entity?.entity.key ?? target?.link?.targets[0];
      return key && mesh.graph.nodes.has(key) ? key : undefined;
    },
    lineage: (focus, hops) => {
      sync();
      // Per state of the index: a 5,000-contract mesh redrawn while typing counts its PII columns once.
      const piiCounts = mesh.index.derive('lineage/piiColumns', () => new Map<string, number>());
      const pii = ({ uri, entity }: { uri: string; entity: { docIndex: number } }) => {
        const key = `${entity.docIndex}\n${uri}`;
        let count = piiCounts.get(key);
        if (count === undefined) {
          const facts = mesh.index.file(uri);
          piiCounts.set(key, (count = facts ? piiColumnCount(mesh.index, facts, entity.docIndex) : 0));
        }
        return count;
      };
      const model = lineageGraph(mesh, { counts: (uri) => counts.get(uri) ?? { errors: 0, warnings: 0 }, pii }, focus, hops);
      if (!model) return undefined;
      const open = files.openHandles().filter((h) => h.isMesh && !h.isLarge && parses(h));
      const shown = new Set(model.nodes.map((n) => n.id));
      const impacts = unsaved
        .impacts(open.map((h) => ({ ...comparedFile(h), text: h.text, facts: h.facts })), readFile)
        .filter((impact) => shown.has(impact.node))
        .map((impact) => ({ ...impact, affected: impact.affected.filter((key) => shown.has(key)) }));
      return impacts.length > 0 ? { ...model, unsaved: impacts } : model;
    },
    columnFocusAt: (uri, offset) => {
      const at = subject(uri);
      if (!at) return undefined;
      const target = targetAt(mesh.index, at.document, at.facts, offset)?.entity?.entity;
      if (target && (target.kind === 'property' || target.kind === 'schemaObject') && target.container !== undefined) return { contract: target.container, column: target.key };
      const contract = target?.kind === 'contract' ? target : at.facts.entities.find((e) => e.kind === 'contract');
      return contract && { contract: contract.key };
    },
    columnLineage: (contract, hops, column) => {
      sync();
      return columnLineage(mesh.index, contract, { piiColumns: (facts, docIndex) => piiColumns(mesh.index, facts, docIndex) }, hops, column);
    },
    locate: (key, uri) => {
      sync();
      const ref = mesh.index.lookup(key).find((r) => uri === undefined || r.uri === uri);
      return ref && nameLocation(others, ref);
    },
  };
}

/** A version of a file as the base comparisons (git's, the saved file's) take it. */
function comparedFile(handle: FileHandle): ComparedFile {
  return { uri: handle.uri, fileName: handle.fileName, source: handle, documents: () => handle.documents() };
}

/** A half-typed file (a YAML error) reads as if much were removed: it is compared with a base once it parses again. */
function parses(handle: FileHandle): boolean {
  return !handle.ownDiagnostics.some((d) => d.severity === Severity.Error && d.code.startsWith('yaml/'));
}

function largeFile(length: number, limit: number): MeshDiagnostic {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return fileNote(
    Severity.Information,
    'limit/large-file',
    `This file is ${mb(length)}, larger than dataMesh.maxFileSize (${mb(limit)}): it is validated, but the outline, hover, code lens and navigation are off for it so that they never slow the editor down.`,
  );
}
