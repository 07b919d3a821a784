import {
  type CodeLens,
  type Connection,
  type DocumentSymbol,
  ErrorCodes,
  type Hover,
  type Location,
  MarkupKind,
  type Range,
  ResponseError,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, MeshDocument, OutlineItem } from './core/languageService';
import type { DocumentCache } from './documentCache';
import { type LineageGraph, LineageRequest } from './protocol';
import { type Logger, runSafe } from './runSafe';
import { spanToRange, SYMBOL_KINDS, toLocation, toLocations } from './toLsp';
import type { WorkspaceDocuments } from './workspaceDocuments';

export interface FeatureContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  cache: DocumentCache;
  workspace: WorkspaceDocuments;
  log: Logger;
  /** Puts the latest versions of the open documents in the index before a request is answered. */
  sync: () => void;
  /** Errors and warnings per file, as last computed, for the lineage graph. */
  counts: ReadonlyMap<string, { errors: number; warnings: number }>;
}

// A focused lineage graph is small enough to locate every node exactly; the whole mesh gets URIs only.
const LOCATE_LIMIT = 200;

/** Navigation, rename, symbols, code lens, hover and the lineage request: each a thin call into the core. */
export function registerFeatures(context: FeatureContext): void {
  const { connection, documents, service, cache, workspace, log, sync } = context;

  /** The open document of a request, parsed and with the index current; undefined for files we don't know. */
  const open = (clientUri: string): { textDocument: TextDocument; document: MeshDocument; uri: string } | undefined => {
    const textDocument = documents.get(clientUri);
    // Other YAML (workflows, manifests) is never parsed into a tree for these requests.
    if (!textDocument || !cache.isMesh(textDocument)) return undefined;
    sync();
    return { textDocument, document: cache.get(textDocument), uri: workspace.indexUri(clientUri) };
  };

  connection.onDefinition((params, token) =>
    runSafe(log, 'definition', [] as Location[], token, () => {
      const at = open(params.textDocument.uri);
      if (!at) return [];
      return toLocations(workspace, service.findDefinition(at.document, at.uri, at.textDocument.offsetAt(params.position)));
    }),
  );

  connection.onReferences((params, token) =>
    runSafe(log, 'references', [] as Location[], token, () => {
      const at = open(params.textDocument.uri);
      if (!at) return [];
      const offset = at.textDocument.offsetAt(params.position);
      return toLocations(workspace, service.findReferences(at.document, at.uri, offset, params.context.includeDeclaration));
    }),
  );

  connection.onPrepareRename((params, token) =>
    runSafe(log, 'prepare rename', null as { range: Range; placeholder: string } | ResponseError | null, token, () => {
      const at = open(params.textDocument.uri);
      if (!at) return null;
      const result = service.prepareRename(at.document, at.uri, at.textDocument.offsetAt(params.position));
      if (!result) return null;
      if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
      return { range: spanToRange(at.textDocument, result.span), placeholder: result.placeholder };
    }),
  );

  connection.onRenameRequest((params, token) =>
    runSafe(log, 'rename', null as WorkspaceEdit | ResponseError | null, token, () => {
      const at = open(params.textDocument.uri);
      if (!at) return null;
      const result = service.rename(at.document, at.uri, at.textDocument.offsetAt(params.position), params.newName);
      if (!result) return null;
      if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
      const changes: Record<string, TextEdit[]> = {};
      for (const edit of result) {
        const document = workspace.get(edit.uri);
        if (!document) return new ResponseError(ErrorCodes.InvalidRequest, `${edit.uri} can no longer be read, so the rename was not made.`);
        (changes[edit.uri] ??= []).push({ range: spanToRange(workspace.positions(edit.uri, document), edit.span), newText: edit.newText });
      }
      return { changes };
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(log, 'document symbols', [] as DocumentSymbol[], token, () => {
      const at = open(params.textDocument.uri);
      if (!at) return [];
      const toSymbol = (item: OutlineItem): DocumentSymbol => ({
        name: item.name || '(unnamed)',
        ...(item.detail ? { detail: item.detail } : {}),
        kind: SYMBOL_KINDS[item.kind]!,
        range: spanToRange(at.textDocument, item.span),
        selectionRange: spanToRange(at.textDocument, item.selectionSpan),
        children: item.children.map(toSymbol),
      });
      return service.documentSymbols(at.document, at.uri).map(toSymbol);
    }),
  );

  // Workspace symbols carry only the file; the exact range is resolved when one is picked.
  connection.onWorkspaceSymbol((params, token) =>
    runSafe(log, 'workspace symbols', [] as WorkspaceSymbol[], token, () => {
      sync();
      return service.workspaceSymbols(params.query).map(({ ref, container }) => ({
        name: ref.entity.name,
        kind: SYMBOL_KINDS[ref.entity.kind]!,
        ...(container ? { containerName: container } : {}),
        location: { uri: ref.uri },
        data: { key: ref.entity.key, uri: ref.uri },
      }));
    }),
  );

  connection.onWorkspaceSymbolResolve((symbol) => {
    const data = symbol.data as { key?: string; uri?: string } | undefined;
    if (!data?.key || !data.uri) return symbol;
    try {
      const found = service.locate(data.key, data.uri);
      const location = found && toLocation(workspace, found);
      return location ? { ...symbol, location } : symbol;
    } catch (error) {
      log.error(`workspace symbol resolve failed: ${(error as Error).stack ?? String(error)}`);
      return symbol;
    }
  });

  connection.onCodeLens((params, token) =>
    runSafe(log, 'code lens', [] as CodeLens[], token, () => {
      const at = open(params.textDocument.uri);
      if (!at) return [];
      return service.codeLenses(at.document, at.uri).map((lens) => ({
        range: spanToRange(at.textDocument, lens.span),
        data: { node: lens.node, title: lens.title, uri: params.textDocument.uri },
      }));
    }),
  );

  // Resolving finds the consumers' locations, for the visible lenses only.
  connection.onCodeLensResolve((lens) => {
    const data = lens.data as { node: string; title: string; uri: string };
    try {
      sync();
      const locations = toLocations(workspace, service.consumerLocations(data.node));
      const command = locations.length > 0 ? 'dataMesh.showReferences' : '';
      return { ...lens, command: { title: data.title, command, arguments: [data.uri, lens.range.start, locations] } };
    } catch (error) {
      log.error(`code lens resolve failed: ${(error as Error).stack ?? String(error)}`);
      return { ...lens, command: { title: data.title, command: '' } };
    }
  });

  connection.onHover((params, token) =>
    runSafe(log, 'hover', null as Hover | null, token, () => {
      const at = open(params.textDocument.uri);
      if (!at) return null;
      const hover = service.hover(at.document, at.uri, at.textDocument.offsetAt(params.position));
      return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: spanToRange(at.textDocument, hover.span) } : null;
    }),
  );

  connection.onRequest(LineageRequest, (params, token) =>
    runSafe(log, 'lineage', null as LineageGraph | null, token, () => {
      sync();
      let focus = params.nodeId;
      if (focus === undefined && params.textDocument && params.position) {
        const at = open(params.textDocument.uri);
        if (!at) return null;
        focus = service.nodeAt(at.document, at.uri, at.textDocument.offsetAt(params.position));
        if (focus === undefined) return null;
      }
      const graph = service.lineage((uri) => context.counts.get(uri) ?? { errors: 0, warnings: 0 }, focus, params.hops);
      if (!graph) return null;
      const exact = graph.nodes.length <= LOCATE_LIMIT && focus !== undefined;
      return {
        ...graph,
        nodes: graph.nodes.map(({ location, ...node }) => {
          if (!location) return node;
          const found = exact ? service.locate(node.id, location.uri) : undefined;
          const lsp = found && toLocation(workspace, found);
          return { ...node, location: lsp ?? { uri: location.uri } };
        }),
      };
    }),
  );
}
