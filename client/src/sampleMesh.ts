import * as vscode from 'vscode';
import { exists } from './fileExists';

/**
 * `dataMesh.openSampleMesh`: opens a copy of the sample mesh shipped in the extension (examples/).
 * A copy in global storage, so edits never touch the installed extension; an existing copy is kept.
 */
export function registerSampleMesh(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('dataMesh.openSampleMesh', async () => {
      const source = vscode.Uri.joinPath(context.extensionUri, 'examples');
      const target = vscode.Uri.joinPath(context.globalStorageUri, 'sample-mesh');
      if (!(await exists(target))) {
        await vscode.workspace.fs.createDirectory(context.globalStorageUri);
        await vscode.workspace.fs.copy(source, target);
      }
      await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: vscode.workspace.workspaceFolders !== undefined });
    }),
  );
}
