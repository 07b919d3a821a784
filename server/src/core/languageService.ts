import type { MeshDiagnostic } from './model/diagnostic';
import { analyzeDocument, isMeshDocument, type MeshDocument } from './model/meshDocument';
import { type QuickResult, quickValidate, validateDocument } from './features/validate';
import { meshDiagnostics } from './features/meshDiagnostics';
import { findDefinition } from './features/definition';
import { findReferences } from './features/references';
import { prepareRename, rename, type FileEdit, type Refusal } from './features/rename';
import { documentSymbols, workspaceSymbols, type OutlineItem, type SymbolMatch } from './features/symbols';
import { consumerLocations, lineageLenses, type LineageLens } from './features/codeLens';
import { lineageHover } from './features/lineageHover';
import { lineageGraph, type DiagnosticCounts, type LineageGraphModel } from './lineage/lineageGraph';
import { SchemaValidator } from './schema/schemaValidator';
import { type CanonicalUri, factsOfDocument, factsOfParts, factsOfText } from './workspace/extractFacts';
import { Mesh, type DocumentSource } from './workspace/mesh';
import type { FileFacts } from './workspace/meshFacts';
import type { LazyDocument, Span } from './workspace/locateFacts';
import type { MeshLocation } from './workspace/targetAt';
import { nameLocation, targetAt } from './workspace/targetAt';

export type { MeshDiagnostic } from './model/diagnostic';
export { Severity } from './model/diagnostic';
export type { MeshDocument } from './model/meshDocument';
export type { FileFacts } from './workspace/meshFacts';
export type { LazyDocument, Span } from './workspace/locateFacts';
export type { MeshLocation } from './workspace/targetAt';
export type { FileEdit, Refusal } from './features/rename';
export type { OutlineItem, SymbolMatch } from './features/symbols';
export type { LineageLens } from './features/codeLens';
export type { QuickResult } from './features/validate';
export type { LineageGraphModel, LineageGraphNode, DiagnosticCounts } from './lineage/lineageGraph';
export type { DocumentSource } from './workspace/mesh';
export { Mesh } from './workspace/mesh';

/** What a file's own text tells: whether it is part of a mesh, its own findings, and its facts. Plain data. */
export interface Analysis {
  isMesh: boolean;
  /** YAML and schema findings; the cross-file ones need the mesh (`validateInMesh`). */
  diagnostics: MeshDiagnostic[];
  facts: FileFacts;
}

/**
 * The façade of the pure core: every feature is a function of a parsed document and the workspace
 * index. It holds the compiled schemas and the mesh; the caller holds documents, reads files and
 * tells the index what changed.
 */
export interface LanguageService {
  /** The workspace index and lineage graph, which the caller keeps current. */
  readonly mesh: Mesh;
  /** Parses a file and recognises its data-mesh documents. Call once per document version. */
  parse(text: string, fileName: string): MeshDocument;
  isMeshDocument(document: MeshDocument): boolean;
  /** What a parsed document contributes to the index (computed once per parse). */
  factsOf(document: MeshDocument, uri: string): FileFacts;
  /** What a file on disk contributes to the index, from a fast parse without positions. */
  factsOfText(text: string, uri: string, fileName: string): FileFacts;
  /** The same from a quick validation's read, without reading the text again. */
  factsOfQuickRead(quick: QuickResult, uri: string): FileFacts;
  /** The document's own findings: YAML, schema. */
  validate(document: MeshDocument): MeshDiagnostic[];
  /**
   * A file's own findings (and whether it is ours) from a quick read without a syntax tree; undefined
   * when `validate(parse(…))` must tell. Defined means: the same findings the full path gives.
   */
  quickValidate(text: string, fileName: string): QuickResult | undefined;
  /** All a file's text tells on its own, from a quick read when that can tell, else from its tree. */
  analyze(text: string, fileName: string, uri: string): Analysis;
  /**
   * The findings that need the rest of the mesh. The document may be given lazily with the file's
   * facts, so that a clean file is only parsed into a tree when there is something to locate.
   */
  validateInMesh(document: MeshDocument | LazyDocument, uri: string, facts?: FileFacts): MeshDiagnostic[];
  findDefinition(document: MeshDocument, uri: string, offset: number): MeshLocation[];
  findReferences(document: MeshDocument, uri: string, offset: number, includeDeclaration: boolean): MeshLocation[];
  prepareRename(document: MeshDocument, uri: string, offset: number): { span: Span; placeholder: string } | Refusal | undefined;
  rename(document: MeshDocument, uri: string, offset: number, newName: string): FileEdit[] | Refusal | undefined;
  documentSymbols(document: MeshDocument, uri: string): OutlineItem[];
  workspaceSymbols(query: string): SymbolMatch[];
  codeLenses(document: MeshDocument, uri: string): LineageLens[];
  consumerLocations(node: string): MeshLocation[];
  hover(document: MeshDocument, uri: string, offset: number): { span: Span; markdown: string } | undefined;
  /** The graph node (`product:<id>` or `contract:<id>`) under the cursor. */
  nodeAt(document: MeshDocument, uri: string, offset: number): string | undefined;
  lineage(counts: DiagnosticCounts, focus?: string, hops?: number): LineageGraphModel | undefined;
  /** Where the entity with a key (`contract:<id>`, a column key) is named, if it is defined. */
  locate(key: string, uri?: string): MeshLocation | undefined;
}

/**
 * `documents` gives parsed documents of other files (open or read from disk) when a feature needs
 * their ranges; `canonicalUri` spells a URI resolved from a relative path the way the caller spells
 * the URIs it indexes (Node's `pathToFileURL` in the server and the CLI).
 */
export function createLanguageService(documents: DocumentSource = { get: () => undefined }, canonicalUri?: CanonicalUri): LanguageService {
  const validator = new SchemaValidator();
  const mesh = new Mesh();
  const facts = new WeakMap<MeshDocument, FileFacts>();
  /** The facts features work with: the index's for a file it holds (the same version after a sync), else fresh ones. */
  const factsFor = (document: MeshDocument, uri: string): FileFacts => mesh.index.file(uri) ?? factsOf(document, uri);
  const factsOf = (document: MeshDocument, uri: string): FileFacts => {
    let found = facts.get(document);
    if (!found || found.uri !== uri) {
      found = factsOfDocument(document, uri, canonicalUri);
      facts.set(document, found);
    }
    return found;
  };
  return {
    mesh,
    parse: analyzeDocument,
    isMeshDocument,
    factsOf,
    factsOfText: (text, uri, fileName) => factsOfText(text, uri, fileName, canonicalUri),
    factsOfQuickRead: (quick, uri) => factsOfParts(quick.parts, uri, canonicalUri),
    validate: (document) => validateDocument(document, validator),
    quickValidate: (text, fileName) => quickValidate(text, fileName, validator),
    analyze: (text, fileName, uri) => {
      const quick = quickValidate(text, fileName, validator);
      if (quick) return { isMesh: quick.isMesh, diagnostics: quick.diagnostics, facts: factsOfParts(quick.parts, uri, canonicalUri) };
      const document = analyzeDocument(text, fileName);
      const isMesh = isMeshDocument(document);
      return { isMesh, diagnostics: isMesh ? validateDocument(document, validator) : [], facts: factsOf(document, uri) };
    },
    validateInMesh: (document, uri, known) => {
      const facts = known ?? factsOf('yaml' in document ? document : document.document(), uri);
      return facts.standards.length > 0 ? meshDiagnostics(mesh, document, facts) : [];
    },
    findDefinition: (document, uri, offset) => findDefinition(mesh, documents, document, factsFor(document, uri), offset),
    findReferences: (document, uri, offset, includeDeclaration) => findReferences(mesh, documents, document, factsFor(document, uri), offset, includeDeclaration),
    prepareRename: (document, uri, offset) => prepareRename(mesh, document, factsFor(document, uri), offset),
    rename: (document, uri, offset, newName) => rename(mesh, documents, document, factsFor(document, uri), offset, newName),
    documentSymbols: (document, uri) => documentSymbols(document, factsFor(document, uri)),
    workspaceSymbols: (query) => workspaceSymbols(mesh, query),
    codeLenses: (document, uri) => lineageLenses(mesh, document, factsFor(document, uri)),
    consumerLocations: (node) => consumerLocations(mesh, documents, node),
    hover: (document, uri, offset) => lineageHover(mesh, document, factsFor(document, uri), offset),
    nodeAt: (document, uri, offset) => {
      const target = targetAt(mesh, document, factsFor(document, uri), offset);
      const key = target?.entity?.entity.key ?? target?.link?.targets[0];
      return key && mesh.graph.nodes.has(key) ? key : undefined;
    },
    lineage: (counts, focus, hops) => lineageGraph(mesh, counts, focus, hops),
    locate: (key, uri) => {
      const refs = mesh.index.lookup(key);
      const ref = refs.find((r) => uri === undefined || r.uri === uri);
      return ref && nameLocation(documents, ref);
    },
  };
}
