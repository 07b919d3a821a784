import * as vscode from 'vscode';

const WALKTHROUGH = 'datamesh-authoring.datamesh-authoring#dataMesh.gettingStarted';
const SHOWN = 'dataMesh.walkthroughShown';

/** Commands the "Get Started with Data Mesh" walkthrough's links run (not in the command palette). */
export function registerWalkthroughCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('dataMesh.openExample', (path: string, at?: string) => openExample(path, at)),
    // Its own command, not openExample's, so that its step and the broken-file step complete apart.
    vscode.commands.registerCommand('dataMesh.showExampleHover', (path: string, at: string) => openExample(path, at, true)),
    vscode.commands.registerCommand('dataMesh.checkInTerminal', () => checkInTerminal(context)),
  );
}

/**
 * The first time the extension runs (in any workspace), it opens its walkthrough:
 * VS Code does so for an extension installed from the Marketplace, but not for a .vsix or a folder.
 */
export async function showWalkthroughOnce(context: vscode.ExtensionContext): Promise<void> {
  if (context.globalState.get(SHOWN)) return;
  await context.globalState.update(SHOWN, true);
  // Beside a file already open (`npm start` opens a contract), so both are seen; else in the empty editor area.
  const toSide = vscode.window.tabGroups.all.some((group) => group.tabs.length > 0);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, toSide);
}

/**
 * Opens a file of the sample mesh (by its path inside it) in the open workspace, with the cursor on
 * the first occurrence of `at`; `hover` then shows the hover there (the lineage of a reference).
 */
async function openExample(path: string, at?: string, hover?: boolean): Promise<void> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, path);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      continue;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const offset = at === undefined ? -1 : document.getText().indexOf(at);
    const position = offset >= 0 ? document.positionAt(offset) : undefined;
    // Ask for the hover and the code lenses first: shown before they are ready, the hover is empty,
    // or hidden again when the lenses arrive and move the lines.
    if (hover && position) {
      await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
      await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position);
    }
    // The cursor is placed as the editor opens: set afterwards, it can race the restore of a tab's
    // view state, whose scroll hides the hover (VS Code hides a hover on any scroll).
    const selection = position && new vscode.Range(position, position);
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: besideTheWalkthrough(), selection });
    if (hover && position) await vscode.commands.executeCommand('editor.action.showHover');
    return;
  }
  const choice = await vscode.window.showInformationMessage(`${path} is a file of the sample mesh, which is not open.`, 'Open Sample Mesh');
  if (choice) await vscode.commands.executeCommand('dataMesh.openSampleMesh');
}

/**
 * Where a walkthrough link opens its file: in another editor group than the walkthrough's (a
 * non-text editor), so the steps stay in view beside the file; from a text editor, where it is.
 */
function besideTheWalkthrough(): vscode.ViewColumn | undefined {
  const active = vscode.window.tabGroups.activeTabGroup;
  if (active.activeTab === undefined || active.activeTab.input instanceof vscode.TabInputText) return undefined;
  return vscode.window.tabGroups.all.find((group) => group !== active)?.viewColumn ?? vscode.ViewColumn.Beside;
}

/** `datamesh check` on the first workspace folder, in a terminal, with the extension's own command line. */
function checkInTerminal(context: vscode.ExtensionContext): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  // The extension host's own Node (Electron run as Node on the desktop), so no Node install is needed.
  const terminal = vscode.window.createTerminal({ name: 'datamesh check', cwd: folder?.uri, env: { ELECTRON_RUN_AS_NODE: '1' } });
  terminal.show();
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  terminal.sendText(`${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} check`);
}
