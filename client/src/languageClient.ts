import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type Location, type Position, type ProtocolRequestType, type ServerOptions, State, TransportKind, WorkDoneProgress, type WorkDoneProgressParams } from 'vscode-languageclient/node';
import { type CheckSummary, CheckWorkspaceRequest, type GovernanceReportResult, GovernanceReportRequest, type ColumnLineage, type ColumnLineageParams, ColumnLineageRequest, type IndexStatus, IndexStatusNotification, type InitializationOptions, type LineageGraph, type LineageParams, LineageRequest, WorkspaceTrustedNotification } from '../../protocol/protocol';
import serverLaunch from '../../protocol/serverLaunch.json';

/** A long request's progress, as the server reports it: percent done and a message. */
type OnProgress = (percentage: number, message: string) => void;

/** Starts and stops the language server (dist/server.js over IPC) and remembers why it is down. */
export class MeshLanguageClient {
  private client: LanguageClient | undefined;
  private failure: string | undefined;
  private readonly stateChanged = new vscode.EventEmitter<State>();
  /** The server's state (starting, running, stopped), across restarts; drives the status bar. */
  readonly onDidChangeState = this.stateChanged.event;
  private readonly indexStatusChanged = new vscode.EventEmitter<IndexStatus>();
  /** The workspace index's progress and size, as the server reports it. */
  readonly onDidChangeIndexStatus = this.indexStatusChanged.event;
  /** The last index status the server sent, for "Show Index Status". */
  indexStatus: IndexStatus | undefined;
  private works = 0;
  private trustListener: vscode.Disposable | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get isRunning(): boolean {
    return this.client?.isRunning() ?? false;
  }

  /** Why the server is not running, for commands that need it. */
  get whyDown(): string {
    return this.failure ?? 'The Data Mesh language server is not running.';
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    // The V8 flags and environment the server's memory figures are measured with (docs/protocol.md).
    const { execArgv, env } = serverLaunch;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv, env } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6009'], env } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
        { scheme: 'file', language: 'json', pattern: '**/{*.dpd.json,data-product-descriptor.json}' },
      ],
      synchronize: { configurationSection: 'dataMesh' },
      // The server keeps its workspace index here between sessions, so a second start reads only changed files.
      // In restricted mode it runs no git (breaking changes against a base): a repository's config can run programs.
      initializationOptions: { storagePath: this.context.storageUri?.fsPath, workspaceTrusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
      outputChannel: this.log,
    };
    // The client id `dataMesh` makes the `dataMesh.trace.server` setting work.
    this.client = new LanguageClient('dataMesh', 'Data Mesh Authoring', serverOptions, clientOptions);
    this.client.onDidChangeState((event) => this.stateChanged.fire(event.newState));
    this.client.onNotification(IndexStatusNotification, (status) => {
      this.indexStatus = status;
      this.indexStatusChanged.fire(status);
    });
    if (!this.trustListener) {
      this.trustListener = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        const running = this.client?.isRunning() ? this.client : undefined;
        running?.sendNotification(WorkspaceTrustedNotification).catch((error: Error) => this.log.warn(`Telling the server of workspace trust failed: ${error.message}`));
      });
      this.context.subscriptions.push(this.trustListener);
    }
    try {
      await this.client.start();
      this.failure = undefined;
      this.log.info('Data Mesh language server started.');
    } catch (error) {
      this.failure = `The Data Mesh language server could not start: ${(error as Error).message}. See the "Data Mesh" output for details.`;
      this.log.error(this.failure);
      // The client reported Stopped before the reason was known; tell listeners again, with the reason set.
      this.stateChanged.fire(State.Stopped);
    }
  }

  /** Shows the peek view of references (a code lens click), converting the server's locations. */
  async showReferences(uri: string, position: Position, locations: Location[]): Promise<void> {
    const client = this.client;
    if (!client) return;
    const converter = client.protocol2CodeConverter;
    await vscode.commands.executeCommand('editor.action.showReferences', converter.asUri(uri), converter.asPosition(position), await converter.asReferences(locations));
  }

  /** `dataMesh/checkWorkspace`, with the server's progress (percent done, a message) passed on. */
  checkWorkspace(onProgress: OnProgress, token: vscode.CancellationToken): Promise<CheckSummary | undefined> {
    return this.withProgress(CheckWorkspaceRequest, onProgress, token);
  }

  /** `dataMesh/governanceReport`, with the server's progress passed on; null when cancelled. */
  governanceReport(onProgress: OnProgress, token: vscode.CancellationToken): Promise<GovernanceReportResult | null | undefined> {
    return this.withProgress(GovernanceReportRequest, onProgress, token);
  }

  private async withProgress<R>(type: ProtocolRequestType<WorkDoneProgressParams, R, void, void, void>, onProgress: OnProgress, token: vscode.CancellationToken): Promise<R | undefined> {
    const client = this.client;
    if (!client?.isRunning()) return undefined;
    const workDoneToken = `dataMesh.work.${++this.works}`;
    const progress = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'report') onProgress(value.percentage ?? 0, value.message ?? '');
    });
    try {
      return await client.sendRequest(type, { workDoneToken }, token);
    } finally {
      progress.dispose();
    }
  }

  /** The lineage graph (docs/protocol.md), or undefined when the server is not running. */
  async lineage(params: LineageParams): Promise<LineageGraph | null | undefined> {
    const client = this.client;
    if (!client?.isRunning()) return undefined;
    return client.sendRequest(LineageRequest, params);
  }

  /** The column-level lineage of a contract (docs/protocol.md), or undefined when the server is not running. */
  async columnLineage(params: ColumnLineageParams): Promise<ColumnLineage | null | undefined> {
    const client = this.client;
    if (!client?.isRunning()) return undefined;
    return client.sendRequest(ColumnLineageRequest, params);
  }

  /** The server's URIs and ranges as VS Code's, or undefined when the server is not running. */
  get converter(): LanguageClient['protocol2CodeConverter'] | undefined {
    return this.client?.protocol2CodeConverter;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
