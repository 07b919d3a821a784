import type { MeshDiagnostic } from './model/diagnostic';
import { analyzeDocument, isMeshDocument, type MeshDocument } from './model/meshDocument';
import { validateDocument } from './features/validate';
import { meshDiagnostics } from './features/meshDiagnostics';
import { findDefinition } from './features/definition';
import { findReferences } from './features/references';
import { prepareRename, rename, type FileEdit, type Refusal } from './features/rename';
import { documentSymbols, workspaceSymbols, type OutlineItem, type SymbolMatch } from './features/symbols';
import { consumerLocations, lineageLenses, type LineageLens } from './features/codeLens';
import { lineageHover } from './features/lineageHover';
import { lineageGraph, type DiagnosticCounts, type LineageGraphModel } from './lineage/lineageGraph';
import { SchemaValidator } from './schema/schemaValidator';
import { factsOfDocument, factsOfText } from './workspace/extractFacts';
import { Mesh, type DocumentSource } from './workspace/mesh';
import type { FileFacts } from './workspace/meshFacts';
import type { Span } from './workspace/locateFacts';
import type { MeshLocation } from './workspace/targetAt';
import { nameLocation, targetAt } from './workspace/targetAt';

export type { MeshDiagnostic } from './model/diagnostic';
export { Severity } from './model/diagnostic';
export type { MeshDocument } from './model/meshDocument';
export type { FileFacts } from './workspace/meshFacts';
export type { Span } from './workspace/locateFacts';
export type { MeshLocation } from './workspace/targetAt';
export type { FileEdit, Refusal } from './features/rename';
export type { OutlineItem, SymbolMatch } from './features/symbols';
export type { LineageLens } from './features/codeLens';
export type { LineageGraphModel, LineageGraphNode, DiagnosticCounts } from './lineage/lineageGraph';
export type { DocumentSource } from './workspace/mesh';
export { Mesh } from './workspace/mesh';

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
  /** The document's own findings: YAML, schema. */
  validate(document: MeshDocument): MeshDiagnostic[];
  /** The findings that need the rest of the mesh. */
  validateInMesh(document: MeshDocument, uri: string): MeshDiagnostic[];
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

/** `documents` gives parsed documents of other files (open or read from disk) when a feature needs their ranges. */
export function createLanguageService(documents: DocumentSource = { get: () => undefined }): LanguageService {
  const validator = new SchemaValidator();
  const mesh = new Mesh();
  const facts = new WeakMap<MeshDocument, FileFacts>();
  const factsOf = (document: MeshDocument, uri: string): FileFacts => {
    let found = facts.get(document);
    if (!found || found.uri !== uri) {
      found = factsOfDocument(document, uri);
      facts.set(document, found);
    }
    return found;
  };
  return {
    mesh,
    parse: analyzeDocument,
    isMeshDocument,
    factsOf,
    factsOfText,
    validate: (document) => validateDocument(document, validator),
    validateInMesh: (document, uri) => (isMeshDocument(document) ? meshDiagnostics(mesh, document, factsOf(document, uri)) : []),
    findDefinition: (document, uri, offset) => findDefinition(mesh, documents, document, factsOf(document, uri), offset),
    findReferences: (document, uri, offset, includeDeclaration) => findReferences(mesh, documents, document, factsOf(document, uri), offset, includeDeclaration),
    prepareRename: (document, uri, offset) => prepareRename(mesh, document, factsOf(document, uri), offset),
    rename: (document, uri, offset, newName) => rename(mesh, documents, document, factsOf(document, uri), offset, newName),
    documentSymbols: (document, uri) => documentSymbols(document, factsOf(document, uri)),
    workspaceSymbols: (query) => workspaceSymbols(mesh, query),
    codeLenses: (document, uri) => lineageLenses(mesh, document, factsOf(document, uri)),
    consumerLocations: (node) => consumerLocations(mesh, documents, node),
    hover: (document, uri, offset) => lineageHover(mesh, document, factsOf(document, uri), offset),
    nodeAt: (document, uri, offset) => {
      const target = targetAt(mesh, document, factsOf(document, uri), offset);
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
