import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { IndexStatus } from '../../protocol/protocol';
import type { MeshLanguageClient } from './languageClient';

type ServerState = 'starting' | 'indexing' | 'ready' | 'stopped';
const ICONS: Record<ServerState, string> = { starting: '$(sync~spin)', indexing: '$(sync~spin)', ready: '$(check)', stopped: '$(error)' };

/** "Data Mesh: starting / indexing 40% / ready · 27 files / stopped" in the status bar; a click shows the log. */
export class MeshStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dataMesh.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];
  private index: IndexStatus | undefined;

  constructor(private readonly client: MeshLanguageClient) {
    this.item.name = 'Data Mesh';
    this.item.command = 'dataMesh.showOutput';
    this.subscriptions = [
      client.onDidChangeState((state) => {
        if (state !== State.Running) this.index = undefined;
        this.update(toServerState(state, this.index));
      }),
      client.onDidChangeIndexStatus((status) => {
        this.index = status;
        this.update(toServerState(State.Running, status));
      }),
    ];
    this.update(client.isRunning ? 'ready' : 'starting');
    this.item.show();
  }

  private update(state: ServerState): void {
    const index = this.index;
    const skipped = state === 'ready' ? (index?.skipped ?? []) : [];
    const size = state === 'ready' && index ? ` · ${index.meshFiles} files${skipped.length > 0 ? ` · ${skipped.length} skipped` : ''}` : '';
    const progress = state === 'indexing' && index?.total ? ` ${Math.floor((100 * index.scanned) / index.total)}%` : '';
    this.item.text = `${ICONS[state]} Data Mesh: ${state}${progress}${size}`;
    const detail = state === 'ready' && index ? ` ${index.meshFiles} data-mesh files indexed${index.durationMs !== undefined ? ` in ${(index.durationMs / 1000).toFixed(1)} s` : ''}.` : '';
    this.item.tooltip = state === 'stopped' ? `${this.client.whyDown} Click to show the log.` : `Data Mesh language server: ${state}.${detail}${skippedDetail(skipped)} Click to show the log.`;
    // A stopped server is worth noticing; the other states keep the default colours.
    this.item.backgroundColor = state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

// The tooltip names a few skipped files; the log has them all.
const LISTED_SKIPS = 5;

function skippedDetail(skipped: readonly { uri: string; reason: string }[]): string {
  if (skipped.length === 0) return '';
  const listed = skipped.slice(0, LISTED_SKIPS).map(({ uri, reason }) => `\n• ${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))}: ${reason}`);
  const more = skipped.length > LISTED_SKIPS ? `\n• and ${skipped.length - LISTED_SKIPS} more` : '';
  return `\nNot indexed (what they define is unknown, not missing):${listed.join('')}${more}\n`;
}

function toServerState(state: State, index: IndexStatus | undefined): ServerState {
  if (state === State.Running) return index?.state === 'indexing' ? 'indexing' : 'ready';
  return state === State.Starting ? 'starting' : 'stopped';
}
