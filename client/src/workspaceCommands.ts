import * as vscode from 'vscode';
import type { IndexStatus } from '../../protocol/protocol';
import type { MeshLanguageClient } from './languageClient';

/** "Data Mesh: Check Workspace" and "Data Mesh: Show Index Status": the whole mesh, through the server. */
export function registerWorkspaceCommands(context: vscode.ExtensionContext, client: MeshLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('dataMesh.checkWorkspace', () => checkWorkspace(client)),
    vscode.commands.registerCommand('dataMesh.showIndexStatus', () => showIndexStatus(client)),
    vscode.commands.registerCommand('dataMesh.showGovernanceReport', () => showGovernanceReport(client)),
  );
}

/** The check `datamesh check` runs, by the server: the Problems panel fills with every file's findings. */
async function checkWorkspace(client: MeshLanguageClient): Promise<void> {
  const summary = await withServerProgress(client, 'Data Mesh: checking the workspace', (onProgress, token) => client.checkWorkspace(onProgress, token));
  if (!summary) return;
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const found = summary.errors + summary.warnings === 0 ? 'no problems' : `${plural(summary.errors, 'error')} and ${plural(summary.warnings, 'warning')}`;
  const skipped = summary.skipped > 0 ? ` ${plural(summary.skipped, 'file')} not checked (see Show Index Status).` : '';
  void vscode.window.showInformationMessage(`Data Mesh: ${plural(summary.files, 'data-mesh file')} checked, ${found}.${skipped}`);
}

/**
 * `datamesh report` for the workspace, by the server: the Markdown opens as an untitled document
 * (to save or copy) with its preview beside it.
 */
async function showGovernanceReport(client: MeshLanguageClient): Promise<void> {
  const report = await withServerProgress(client, 'Data Mesh: writing the governance report', (onProgress, token) => client.governanceReport(onProgress, token));
  if (!report) return;
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.markdown });
  await vscode.window.showTextDocument(document, { preview: true });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
}

/** A long request of the server's, with its progress in a cancellable notification; undefined when the server is down. */
async function withServerProgress<R>(client: MeshLanguageClient, title: string, run: (onProgress: (percentage: number, message: string) => void, token: vscode.CancellationToken) => Promise<R | undefined>): Promise<R | undefined> {
  if (!client.isRunning) {
    void vscode.window.showErrorMessage(client.whyDown);
    return undefined;
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    let done = 0;
    return run((percentage, message) => {
      progress.report({ increment: percentage - done, message });
      done = percentage;
    }, token);
  });
}

/** What the index holds: how many files, how long it took, and what it skipped and why. */
async function showIndexStatus(client: MeshLanguageClient): Promise<void> {
  const status = client.indexStatus;
  if (!client.isRunning || !status) {
    void vscode.window.showInformationMessage(client.isRunning ? 'Data Mesh: the server has not reported its index yet.' : client.whyDown);
    return;
  }
  const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = [{ label: summaryOf(status), kind: vscode.QuickPickItemKind.Separator }, ...overview(status)];
  const skipped = status.skipped ?? [];
  if (skipped.length > 0) items.push({ label: `Skipped (${skipped.length})`, kind: vscode.QuickPickItemKind.Separator });
  for (const file of skipped) {
    const uri = vscode.Uri.parse(file.uri);
    items.push({ label: `$(warning) ${vscode.workspace.asRelativePath(uri)}`, detail: `Not indexed because ${file.reason}.`, uri });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Data Mesh: Index Status', placeHolder: skipped.length > 0 ? 'Pick a skipped file to open it' : 'Nothing was skipped', matchOnDetail: true });
  if (picked?.uri) await vscode.window.showTextDocument(picked.uri);
}

function summaryOf(status: IndexStatus): string {
  return status.state === 'ready' ? 'Index ready' : `Indexing: ${status.scanned} of ${status.total} files read`;
}

function overview(status: IndexStatus): vscode.QuickPickItem[] {
  const duration = status.durationMs === undefined ? '' : ` in ${(status.durationMs / 1000).toFixed(1)} s`;
  return [
    { label: `$(database) ${plural(status.meshFiles, 'data-mesh file')} indexed`, detail: `Data contracts, data products, glossaries and policies, of ${plural(status.total, 'YAML/JSON file')} found${duration}.` },
    { label: `$(circle-slash) ${plural(status.skipped?.length ?? 0, 'file')} skipped`, detail: 'Too large or unreadable: what they define is unknown, not missing. Settings: dataMesh.exclude, dataMesh.maxFileSizeMB.' },
  ];
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
