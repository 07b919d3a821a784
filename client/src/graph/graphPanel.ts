import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type ExtensionMessage, type GraphViewState, isNodeId, parseViewState, parseWebviewMessage, type WebviewMessage } from '../../../protocol/graphMessages';
import type { ColumnTable, LineageGraph } from '../../../protocol/protocol';
import type { MeshLanguageClient } from '../languageClient';
import { signalTest } from '../testSignal';
import { graphHtml } from './graphHtml';

/** What a node's context menu in the graph can ask for. */
type MenuAction = 'open' | 'contract' | 'references' | 'focus' | 'columns';
/** A range as the server sends it. */
type ServerRange = NonNullable<ColumnTable['location']['range']>;

const VIEW_TYPE = 'dataMesh.graph';
/** Index changes come in bursts (a save, a branch switch): redraw once they settle. */
const UPDATE_DELAY_MS = 500;
/** Following the cursor waits until it rests, so moving through a file asks the server once. */
const FOLLOW_DELAY_MS = 300;
const EXPORT_FILTERS: Record<string, Record<string, string[]>> = { svg: { SVG: ['svg'] }, png: { PNG: ['png'] }, mermaid: { Mermaid: ['mmd', 'md'] } };

/**
 * The graph panel: one at a time, beside the editor. The webview draws; this side asks the server for
 * the graph, opens files, saves exports. What the webview posts is validated (parseWebviewMessage)
 * before anything acts on it. State survives hiding (getState/setState) and restarts (the serializer).
 */
export class GraphPanel implements vscode.Disposable {
  private static current: GraphPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private stale = false;
  /** A command chose the view: the next graph tells the webview to switch to it. */
  private navigate = true;
  /** The column the reader asked from (Show Column Lineage), marked in the column view. */
  private column: string | undefined;
  /** Where the columns and tables of the last column view are: the webview opens them by id only. */
  private columnLocations = new Map<string, { uri: string; range?: ServerRange }>();

  static register(context: vscode.ExtensionContext, client: MeshLanguageClient, log: vscode.LogOutputChannel): void {
    const show = (view: GraphViewState, column?: string) => {
      if (GraphPanel.current) {
        GraphPanel.current.view = { ...view, ...(GraphPanel.current.view.follow ? { follow: true } : {}) };
        GraphPanel.current.column = column;
        GraphPanel.current.navigate = true;
        GraphPanel.current.panel.reveal(undefined, true);
        void GraphPanel.current.sendGraph();
        return;
      }
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, title(view), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, options(context));
      GraphPanel.current = new GraphPanel(panel, context, client, log, view);
      GraphPanel.current.column = column;
    };
    const fromMenu = (action: MenuAction) => (menuContext: unknown) => {
      const nodeId = (menuContext as { nodeId?: unknown } | undefined)?.nodeId;
      if (GraphPanel.current && isNodeId(nodeId)) return GraphPanel.current.fromMenu(action, nodeId);
    };
    context.subscriptions.push(
      vscode.commands.registerCommand('dataMesh.showMeshGraph', () => show({ mode: 'mesh', hops: 2 })),
      vscode.commands.registerCommand('dataMesh.showLineage', async () => {
        const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
        if (!editor) return vscode.window.showInformationMessage('Open a data product or contract and put the cursor on it to show its lineage.');
        if (!client.isRunning) return vscode.window.showErrorMessage(client.whyDown);
        const position = editor.selection.active;
        const uri = editor.document.uri.toString();
        const found = await client.lineage({ textDocument: { uri }, position, hops: 0 });
        // Not on a node (a description, a key): the product or contract the file defines, if it defines one.
        const focus = found?.focus ?? definedIn(await client.lineage({}), uri);
        log.info(`Show Lineage at ${uri}:${position.line + 1}:${position.character + 1}: ${focus ?? 'no product or contract there'}.`);
        if (!focus) return vscode.window.showInformationMessage('There is no data product or contract at the cursor or in this file.');
        show({ mode: 'lineage', focus, hops: 2 });
      }),
      vscode.commands.registerCommand('dataMesh.showColumnLineage', async () => {
        const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
        if (!editor) return vscode.window.showInformationMessage('Open a data contract and put the cursor on a column to show its lineage.');
        if (!client.isRunning) return vscode.window.showErrorMessage(client.whyDown);
        const position = editor.selection.active;
        const found = await client.columnLineage({ textDocument: { uri: editor.document.uri.toString() }, position, hops: 0 });
        log.info(`Show Column Lineage at ${editor.document.uri.toString()}:${position.line + 1}:${position.character + 1}: ${found ? `${found.focus}${found.column ? ` (${found.column})` : ''}` : 'no contract there'}.`);
        if (!found) return vscode.window.showInformationMessage('There is no data contract at the cursor or in this file.');
        show({ mode: 'lineage', focus: found.focus, hops: 2, columns: found.focus, columnHops: 2 }, found.column);
      }),
      // The node's context menu in the graph (package.json `webview/context`): VS Code passes the node's
      // `data-vscode-context`, which the page wrote, so its id is checked like any message of the page.
      vscode.commands.registerCommand('dataMesh.graph.open', fromMenu('open')),
      vscode.commands.registerCommand('dataMesh.graph.contract', fromMenu('contract')),
      vscode.commands.registerCommand('dataMesh.graph.references', fromMenu('references')),
      vscode.commands.registerCommand('dataMesh.graph.focus', fromMenu('focus')),
      vscode.commands.registerCommand('dataMesh.graph.columns', fromMenu('columns')),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
          panel.webview.options = options(context).webviewOptions;
          GraphPanel.current?.dispose();
          GraphPanel.current = new GraphPanel(panel, context, client, log, parseViewState(state) ?? { mode: 'mesh', hops: 2 });
          GraphPanel.current.navigate = false; // the webview restores its own view
        },
      }),
      { dispose: () => GraphPanel.current?.dispose() },
    );
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly client: MeshLanguageClient,
    private readonly log: vscode.LogOutputChannel,
    private view: GraphViewState,
  ) {
    const webview = panel.webview;
    const root = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    webview.html = graphHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'graph.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'graph.css')).toString(),
      workerUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'elkWorker.js')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (!message) return this.log.warn('Graph view: ignored a message that is not in the protocol.');
        this.handle(message).catch((error: unknown) => this.log.error(`Graph view: ${(error as Error).message}`));
      }),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.scheduleUpdate();
      }),
      client.onDidChangeIndexStatus((status) => status.state === 'ready' && this.scheduleUpdate()),
      vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && isMeshText(event.document) && this.scheduleUpdate()),
      // Saving or closing a document ends the impact of its unsaved edit.
      vscode.workspace.onDidSaveTextDocument((document) => isMeshText(document) && this.scheduleUpdate()),
      vscode.workspace.onDidCloseTextDocument((document) => isMeshText(document) && this.scheduleUpdate()),
      vscode.window.onDidChangeTextEditorSelection((event) => this.view.follow === true && isMeshText(event.textEditor.document) && this.scheduleFollow(event.textEditor)),
    );
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.sendGraph();
      case 'open':
        return void (await this.open(message.nodeId));
      case 'columns':
        // The page chose (another contract, other hops, back to the graph): it keeps its own selection.
        this.view = message.nodeId !== undefined ? { ...this.view, columns: message.nodeId, columnHops: message.hops } : { mode: this.view.mode, hops: this.view.hops, ...(this.view.focus !== undefined ? { focus: this.view.focus } : {}), ...(this.view.follow ? { follow: true } : {}) };
        this.column = undefined;
        return this.sendColumns();
      case 'follow':
        this.view = { ...this.view, follow: message.on };
        if (message.on && vscode.window.activeTextEditor) this.scheduleFollow(vscode.window.activeTextEditor);
        return;
      case 'openColumn': {
        const location = this.columnLocations.get(message.id);
        return location ? this.show(location.uri, location.range) : void vscode.window.showInformationMessage('That column is no longer in the workspace.');
      }
      case 'export':
        return this.save(message.format, message.content);
      case 'drawn':
        this.log.info(`Graph view: ${message.nodes} nodes, ${message.edges} edges drawn in ${message.totalMs} ms (layout ${message.layoutMs} ms).`);
        signalTest(`graph-drawn ${message.nodes}`);
        return;
    }
  }

  /** Sends the whole mesh; the webview picks the focus's neighbourhood itself, so refocusing needs no round trip. */
  private async sendGraph(): Promise<void> {
    this.stale = false;
    this.panel.title = title(this.view);
    const graph = this.client.isRunning ? await this.client.lineage({}) : undefined;
    const message: ExtensionMessage = graph
      ? { type: 'graph', mode: this.view.mode, graph, ...(this.view.focus !== undefined ? { focus: this.view.focus } : {}), hops: this.view.hops, navigate: this.navigate }
      : { type: 'empty', message: this.client.isRunning ? 'The mesh has no products or contracts yet.' : this.client.whyDown };
    const navigate = this.navigate;
    if (await this.panel.webview.postMessage(message)) this.navigate = false;
    if (graph && this.view.columns !== undefined) await this.sendColumns(navigate);
  }

  /** The column lineage of the contract the view shows the columns of (nothing when it shows the graph). */
  private async sendColumns(navigate = false): Promise<void> {
    const contract = this.view.columns;
    this.panel.title = title(this.view);
    if (contract === undefined) return;
    const hops = this.view.columnHops ?? 2;
    const lineage = (await this.client.columnLineage({ nodeId: contract, hops, ...(this.column !== undefined ? { column: this.column } : {}) })) ?? null;
    this.columnLocations = new Map();
    for (const table of lineage?.tables ?? []) {
      this.columnLocations.set(table.id, table.location);
      for (const column of table.columns) if (column.location) this.columnLocations.set(column.id, column.location);
    }
    await this.panel.webview.postMessage({ type: 'columns', contract, lineage, hops, ...(navigate ? { navigate } : {}) } satisfies ExtensionMessage);
  }

  private scheduleUpdate(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sendGraph(), UPDATE_DELAY_MS);
  }

  private scheduleFollow(editor: vscode.TextEditor): void {
    if (!this.panel.visible) return;
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => void this.follow(editor).catch((error: unknown) => this.log.error(`Graph view: ${(error as Error).message}`)), FOLLOW_DELAY_MS);
  }

  /**
   * Shows the lineage of the product or contract under the cursor (the columns of its contract, in the
   * column view); nothing changes while the cursor is on nothing of the mesh, or on what is shown.
   */
  private async follow(editor: vscode.TextEditor): Promise<void> {
    const at = { textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active, hops: 0 };
    if (this.view.columns !== undefined) {
      const found = await this.client.columnLineage(at);
      if (!found || (found.focus === this.view.columns && found.column === this.column)) return;
      this.view = { ...this.view, mode: 'lineage', focus: found.focus, columns: found.focus };
      this.column = found.column;
    } else {
      const focus = (await this.client.lineage(at))?.focus;
      if (!focus || (this.view.mode === 'lineage' && focus === this.view.focus)) return;
      this.view = { ...this.view, mode: 'lineage', focus };
    }
    this.navigate = true;
    await this.sendGraph();
  }

  /** What a node's context menu asked for. */
  private async fromMenu(action: MenuAction, nodeId: string): Promise<void> {
    switch (action) {
      case 'open':
        await this.open(nodeId);
        return;
      case 'contract':
        return this.openPublished(nodeId);
      case 'references':
        // At the start of the node's id, where Peek References finds its references (the server's).
        if (await this.open(nodeId, true)) await vscode.commands.executeCommand('editor.action.referenceSearch.trigger');
        return;
      case 'focus':
        this.view = { mode: 'lineage', focus: nodeId, hops: this.view.hops, ...(this.view.follow ? { follow: true } : {}) };
        break;
      case 'columns':
        if (!nodeId.startsWith('contract:')) return;
        this.view = { ...this.view, mode: 'lineage', focus: nodeId, columns: nodeId, columnHops: this.view.columnHops ?? 2 };
        this.column = undefined;
        break;
    }
    this.navigate = true;
    await this.sendGraph();
  }

  /** Opens the contract a product publishes (one of them, by a quick pick, when it publishes several). */
  private async openPublished(productId: string): Promise<void> {
    const graph = await this.client.lineage({ nodeId: productId, hops: 1 });
    const published = (graph?.edges ?? []).filter((e) => e.kind === 'publishes' && e.from === productId).map((e) => graph!.nodes.find((n) => n.id === e.to)!).filter((n) => n !== undefined);
    if (published.length === 0) return void vscode.window.showInformationMessage(`${productId.slice('product:'.length)} publishes no contract.`);
    const chosen = published.length === 1 ? published[0] : (await vscode.window.showQuickPick(published.map((n) => ({ label: n.name, description: [n.version, n.status].filter(Boolean).join(' · '), node: n })), { title: 'Open which published contract?' }))?.node;
    if (chosen) await this.open(chosen.id);
  }

  /**
   * Opens the node's file at its definition (the server locates it: a graph of that node alone has the
   * exact range), with the id selected or, `atStart`, the cursor before it. False when it is not defined.
   */
  private async open(nodeId: string, atStart = false): Promise<boolean> {
    const graph = await this.client.lineage({ nodeId, hops: 0 });
    const location = graph?.nodes.find((n) => n.id === nodeId)?.location;
    if (!location) {
      void vscode.window.showInformationMessage(`${nodeId} is referenced but not defined in this workspace.`);
      return false;
    }
    await this.show(location.uri, location.range && atStart ? { start: location.range.start, end: location.range.start } : location.range);
    return true;
  }

  /** Shows a file of the server's (its URI and range) in the editor beside the panel. */
  private async show(serverUri: string, range: ServerRange | undefined): Promise<void> {
    const converter = this.client.converter;
    if (!converter) return;
    const uri = converter.asUri(serverUri);
    const selection = range ? converter.asRange(range) : undefined;
    const column = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== undefined)?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(uri, { viewColumn: column, preview: true, ...(selection ? { selection } : {}) });
    signalTest(`graph-opened ${uri.path}`);
  }

  private async save(format: 'svg' | 'png' | 'mermaid', content: string): Promise<void> {
    const extension = format === 'mermaid' ? 'mmd' : format;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ filters: EXPORT_FILTERS[format], ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `lineage.${extension}`) } : {}) });
    if (!target) return;
    const bytes = format === 'png' ? Buffer.from(content.slice(content.indexOf(',') + 1), 'base64') : Buffer.from(content, 'utf8');
    await vscode.workspace.fs.writeFile(target, bytes);
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    clearTimeout(this.timer);
    clearTimeout(this.followTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & { webviewOptions: vscode.WebviewOptions } & vscode.WebviewOptions {
  // Scripts on, command URIs off (the default), resources only from the bundle's folder; no retainContextWhenHidden.
  const webviewOptions: vscode.WebviewOptions = { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')] };
  return { ...webviewOptions, webviewOptions };
}

const isMeshText = (document: vscode.TextDocument) => /\.(ya?ml|json)$/i.test(document.uri.path);

/** The first product (else contract) whose definition is in the file. */
function definedIn(graph: LineageGraph | null | undefined, uri: string): string | undefined {
  const here = graph?.nodes.filter((n) => n.location?.uri === uri) ?? [];
  return (here.find((n) => n.kind === 'product') ?? here[0])?.id;
}

function title(view: GraphViewState): string {
  return view.columns !== undefined ? 'Data Mesh Column Lineage' : view.mode === 'lineage' ? 'Data Mesh Lineage' : 'Data Mesh Graph';
}
