import {
  type CodeAction,
  type CodeLens,
  type CompletionList,
  type Connection,
  type DocumentSymbol,
  ErrorCodes,
  type Hover,
  type Location,
  LSPErrorCodes,
  MarkupKind,
  type Range,
  ResponseError,
  type SemanticTokens,
  SemanticTokensBuilder,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type LanguageService, type OutlineItem, type QuickFix, type SemanticToken, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/languageService';
import { type ColumnLineage, ColumnLineageRequest, type LineageGraph, LineageRequest } from '../../../protocol/protocol';
import type { OpenDocuments } from './openDocuments';
import { type Logger, runSafe } from './runSafe';
import { fromLspDiagnostic, spanToRange, SYMBOL_KINDS, toCompletionItem, toLocation, toLocations } from './toLsp';

export interface FeatureContext {
  connection: Connection;
  service: LanguageService;
  open: OpenDocuments;
  log: Logger;
  /** What the client's workspace edits support (from its capabilities, known once it initialized). */
  workspaceEdits: { documentChanges: boolean; createFiles: boolean };
  /** Resolves once the index is complete, or after the time given, whichever comes first. */
  indexReady: (withinMs: number) => Promise<void>;
  /** How far the index is, for a message while it is still being built. */
  indexProgress: () => string;
}

// A focused lineage graph is small enough to locate every node exactly; the whole mesh gets URIs only.
const LOCATE_LIMIT = 200;
// References and rename need the whole index; this long they wait for it before saying it is not ready.
const INDEX_WAIT_MS = 5_000;

/** The kinds of code action the core returns (`QuickFix.kind`). */
export const CODE_ACTION_KINDS = ['quickfix', 'refactor.rewrite'] as const;

/** The answer to a request whose position no longer means what it did: the document changed while it waited. */
const contentModified = () => new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while the request waited for the index.');

/** Navigation, rename, symbols, code lens, hover, completion and the lineage request: each a thin call into the core. */
export function registerFeatures(context: FeatureContext): void {
  const { connection, service, open, log } = context;
  const positions = (uri: string) => open.positions(uri);

  /** The open document of a request with its URI in the index; undefined for documents that are not open. */
  const at = (clientUri: string): { textDocument: TextDocument; uri: string } | undefined => {
    const textDocument = open.documents.get(clientUri);
    return textDocument && { textDocument, uri: open.indexUri(clientUri) };
  };
  /** Waits (within a bound) for the index, which answers about the whole mesh need; false if it is still incomplete. */
  const whole = async (): Promise<boolean> => {
    if (!service.isIndexComplete) await context.indexReady(INDEX_WAIT_MS);
    return service.isIndexComplete;
  };
  const stillIndexing = () => `The data mesh is still being indexed (${context.indexProgress()}), so this would be incomplete. Try again when the status bar says ready.`;

  connection.onDefinition((params, token) =>
    runSafe(log, 'definition', [] as Location[], token, () => {
      const doc = at(params.textDocument.uri);
      return doc ? toLocations(positions, service.findDefinition(doc.uri, doc.textDocument.offsetAt(params.position))) : [];
    }),
  );

  connection.onReferences((params, token) =>
    runSafe(log, 'references', [] as Location[] | ResponseError, token, async () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return [];
      const offset = doc.textDocument.offsetAt(params.position);
      const version = doc.textDocument.version;
      if (!(await whole())) void connection.window.showWarningMessage(stillIndexing());
      if (open.versionOf(params.textDocument.uri) !== version) return contentModified();
      return toLocations(positions, service.findReferences(doc.uri, offset, params.context.includeDeclaration));
    }),
  );

  connection.onPrepareRename((params, token) =>
    runSafe(log, 'prepare rename', null as { range: Range; placeholder: string } | ResponseError | null, token, () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return null;
      const result = service.prepareRename(doc.uri, doc.textDocument.offsetAt(params.position));
      if (!result) return null;
      if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
      return { range: spanToRange(doc.textDocument, result.span), placeholder: result.placeholder };
    }),
  );

  connection.onRenameRequest((params, token) =>
    runSafe(log, 'rename', null as WorkspaceEdit | ResponseError | null, token, async () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return null;
      const offset = doc.textDocument.offsetAt(params.position);
      const version = doc.textDocument.version;
      // A rename that misses the files not read yet would leave broken references behind.
      if (!(await whole())) return new ResponseError(ErrorCodes.InvalidRequest, stillIndexing());
      if (open.versionOf(params.textDocument.uri) !== version) return contentModified();
      const result = service.rename(doc.uri, offset, params.newName);
      if (!result) return null;
      if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
      const changes: Record<string, TextEdit[]> = {};
      for (const edit of result) {
        const lines = positions(edit.uri);
        if (!lines) return new ResponseError(ErrorCodes.InvalidRequest, `${edit.uri} can no longer be read, so the rename was not made.`);
        (changes[edit.uri] ??= []).push({ range: spanToRange(lines, edit.span), newText: edit.newText });
      }
      return { changes };
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(log, 'document symbols', [] as DocumentSymbol[], token, () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return [];
      const toSymbol = (item: OutlineItem): DocumentSymbol => ({
        name: item.name || '(unnamed)',
        ...(item.detail ? { detail: item.detail } : {}),
        kind: SYMBOL_KINDS[item.kind]!,
        range: spanToRange(doc.textDocument, item.span),
        selectionRange: spanToRange(doc.textDocument, item.selectionSpan),
        children: item.children.map(toSymbol),
      });
      return service.documentSymbols(doc.uri).map(toSymbol);
    }),
  );

  // Workspace symbols carry only the file; the exact range is resolved when one is picked.
  connection.onWorkspaceSymbol((params, token) =>
    runSafe(log, 'workspace symbols', [] as WorkspaceSymbol[], token, () => {
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
      const location = found && toLocation(positions, found);
      return location ? { ...symbol, location } : symbol;
    } catch (error) {
      log.error(`workspace symbol resolve failed: ${(error as Error).stack ?? String(error)}`);
      return symbol;
    }
  });

  connection.onCodeLens((params, token) =>
    runSafe(log, 'code lens', [] as CodeLens[], token, () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return [];
      return service.codeLenses(doc.uri).map((lens) => ({
        range: spanToRange(doc.textDocument, lens.span),
        data: { node: lens.node, title: lens.title, uri: params.textDocument.uri },
      }));
    }),
  );

  // Resolving finds the consumers' locations, for the visible lenses only.
  connection.onCodeLensResolve((lens) => {
    const data = lens.data as { node: string; title: string; uri: string };
    try {
      const locations = toLocations(positions, service.consumerLocations(data.node));
      const command = locations.length > 0 ? 'dataMesh.showReferences' : '';
      return { ...lens, command: { title: data.title, command, arguments: [data.uri, lens.range.start, locations] } };
    } catch (error) {
      log.error(`code lens resolve failed: ${(error as Error).stack ?? String(error)}`);
      return { ...lens, command: { title: data.title, command: '' } };
    }
  });

  connection.onHover((params, token) =>
    runSafe(log, 'hover', null as Hover | null, token, () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return null;
      const offset = doc.textDocument.offsetAt(params.position);
      const hover = service.hover(doc.uri, offset);
      return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: spanToRange(doc.textDocument, hover.span) } : null;
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe(log, 'code action', [] as CodeAction[], token, () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return [];
      const lines = doc.textDocument;
      const span: [number, number] = [lines.offsetAt(params.range.start), lines.offsetAt(params.range.end)];
      const sent = params.context.diagnostics.map((d) => ({ lsp: d, core: fromLspDiagnostic(lines, d) }));
      const fixes = service.codeActions(doc.uri, span, sent.map((d) => d.core), params.context.only);
      const version = open.versionOf(params.textDocument.uri) ?? null;
      const actions: CodeAction[] = [];
      for (const fix of fixes) {
        // A client that cannot create files gets no refactoring that needs one.
        if (fix.createFile && !context.workspaceEdits.createFiles) continue;
        const edit = workspaceEdit(fix, params.textDocument.uri, doc.uri, version);
        if (!edit) continue;
        const diagnostic = sent.find((d) => d.core === fix.diagnostic)?.lsp;
        actions.push({ title: fix.title, kind: fix.kind, ...(fix.isPreferred ? { isPreferred: true } : {}), ...(diagnostic ? { diagnostics: [diagnostic] } : {}), edit });
      }
      return actions;
    }),
  );

  /** A fix as the client applies it: versioned document edits (and a file to create) where it can, plain changes otherwise. */
  const workspaceEdit = (fix: QuickFix, clientUri: string, indexUri: string, version: number | null): WorkspaceEdit | undefined => {
    const byUri = new Map<string, TextEdit[]>();
    for (const edit of fix.edits) {
      const uri = edit.uri === indexUri ? clientUri : edit.uri;
      const lines = uri === clientUri ? open.documents.get(clientUri) : positions(edit.uri);
      if (!lines) return undefined;
      byUri.set(uri, [...(byUri.get(uri) ?? []), { range: spanToRange(lines, edit.span), newText: edit.newText }]);
    }
    if (!context.workspaceEdits.documentChanges) return { changes: Object.fromEntries(byUri) };
    const origin = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const created = fix.createFile
      ? [
          { kind: 'create' as const, uri: fix.createFile.uri, options: { overwrite: false, ignoreIfExists: false } },
          { textDocument: { uri: fix.createFile.uri, version: null }, edits: [{ range: origin, newText: fix.createFile.text }] } satisfies TextDocumentEdit,
        ]
      : [];
    const edited = [...byUri].map(([uri, edits]): TextDocumentEdit => ({ textDocument: { uri, version: uri === clientUri ? version : null }, edits }));
    return { documentChanges: [...created, ...edited] };
  };

  /** Tokens as the LSP encodes them: positions relative to the previous token, modifiers as bits of the legend. */
  const encode = (lines: TextDocument, tokens: SemanticToken[]): SemanticTokens => {
    const builder = new SemanticTokensBuilder();
    for (const token of tokens) {
      const start = lines.positionAt(token.span[0]);
      const modifiers = token.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);
      builder.push(start.line, start.character, token.span[1] - token.span[0], TOKEN_TYPES.indexOf(token.type), modifiers);
    }
    return builder.build();
  };

  connection.languages.semanticTokens.on((params, token) =>
    runSafe(log, 'semantic tokens', { data: [] } as SemanticTokens, token, () => {
      const doc = at(params.textDocument.uri);
      return doc ? encode(doc.textDocument, service.semanticTokens(doc.uri)) : { data: [] };
    }),
  );

  connection.languages.semanticTokens.onRange((params, token) =>
    runSafe(log, 'semantic tokens (range)', { data: [] } as SemanticTokens, token, () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return { data: [] };
      const lines = doc.textDocument;
      return encode(lines, service.semanticTokens(doc.uri, [lines.offsetAt(params.range.start), lines.offsetAt(params.range.end)]));
    }),
  );

  connection.onCompletion((params, token) =>
    runSafe(log, 'completion', null as CompletionList | null, token, () => {
      const doc = at(params.textDocument.uri);
      if (!doc) return null;
      const entries = service.completion(doc.uri, doc.textDocument.offsetAt(params.position));
      return { isIncomplete: false, items: entries.map((entry) => toCompletionItem(doc.textDocument, entry)) };
    }),
  );

  connection.onRequest(LineageRequest, (params, token) =>
    runSafe(log, 'lineage', null as LineageGraph | null, token, () => {
      let focus = params.nodeId;
      if (focus === undefined && params.textDocument && params.position) {
        const doc = at(params.textDocument.uri);
        if (!doc) return null;
        focus = service.nodeAt(doc.uri, doc.textDocument.offsetAt(params.position));
        if (focus === undefined) return null;
      }
      const graph = service.lineage(focus, params.hops);
      if (!graph) return null;
      const exact = graph.nodes.length <= LOCATE_LIMIT && focus !== undefined;
      return {
        ...graph,
        nodes: graph.nodes.map(({ location, ...node }) => {
          if (!location) return node;
          const found = exact ? service.locate(node.id, location.uri) : undefined;
          const lsp = found && toLocation(positions, found);
          return { ...node, location: lsp ?? { uri: location.uri } };
        }),
      };
    }),
  );

  connection.onRequest(ColumnLineageRequest, (params, token) =>
    runSafe(log, 'columnLineage', null as ColumnLineage | null, token, () => {
      let start: { contract: string; column?: string } | undefined = params.nodeId !== undefined ? { contract: params.nodeId, ...(params.column !== undefined ? { column: params.column } : {}) } : undefined;
      if (!start && params.textDocument && params.position) {
        const doc = at(params.textDocument.uri);
        start = doc && service.columnFocusAt(doc.uri, doc.textDocument.offsetAt(params.position));
      }
      const model = start && service.columnLineage(start.contract, params.hops, start.column);
      if (!model) return null;
      // At most 400 columns (MAX_COLUMNS), in a few files: each is named exactly, so a click lands on it.
      const where = (key: string, uri: string) => {
        const found = service.locate(key, uri);
        return found && toLocation(positions, found);
      };
      return {
        ...model,
        tables: model.tables.map(({ uri, columns, ...table }) => ({
          ...table,
          location: where(table.id, uri) ?? { uri },
          columns: columns.map((column) => {
            const location = where(column.id, uri);
            return location ? { ...column, location } : column;
          }),
        })),
      };
    }),
  );
}
