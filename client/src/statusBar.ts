import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { MeshLanguageClient } from './languageClient';

type ServerState = 'starting' | 'ready' | 'stopped';
const ICONS: Record<ServerState, string> = { starting: '$(sync~spin)', ready: '$(check)', stopped: '$(error)' };

/** "Data Mesh: starting/ready/stopped" in the status bar; a click shows the log. */
export class MeshStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dataMesh.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;
  private state: ServerState = 'starting';
  private meshFiles: number | undefined;

  constructor(private readonly client: MeshLanguageClient) {
    this.item.name = 'Data Mesh';
    this.item.command = 'dataMesh.showOutput';
    this.subscription = client.onDidChangeState((state) => this.update(toServerState(state)));
    this.update(client.isRunning ? 'ready' : 'starting');
    this.item.show();
  }

  /** The number of data-mesh files the server knows, once the server reports it. */
  setMeshSize(files: number | undefined): void {
    this.meshFiles = files;
    this.update(this.state);
  }

  private update(state: ServerState): void {
    this.state = state;
    const size = state === 'ready' && this.meshFiles !== undefined ? ` · ${this.meshFiles} files` : '';
    this.item.text = `${ICONS[state]} Data Mesh: ${state}${size}`;
    this.item.tooltip = state === 'stopped' ? `${this.client.whyDown} Click to show the log.` : `Data Mesh language server: ${state}. Click to show the log.`;
    // A stopped server is worth noticing; the other states keep the default colours.
    this.item.backgroundColor = state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function toServerState(state: State): ServerState {
  if (state === State.Running) return 'ready';
  return state === State.Starting ? 'starting' : 'stopped';
}
