import * as vscode from 'vscode';
import type { Location, Position } from 'vscode-languageclient/node';
import type { MeshLanguageClient } from './languageClient';

/** Commands under the "Data Mesh" category; they work, with a clear message, even when the server is down. */
export function registerCommands(context: vscode.ExtensionContext, client: MeshLanguageClient, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('dataMesh.restartServer', async () => {
      await client.restart();
      if (!client.isRunning) void vscode.window.showErrorMessage(client.whyDown, 'Show Log').then((choice) => choice && log.show());
    }),
    vscode.commands.registerCommand('dataMesh.showOutput', () => log.show()),
    // Run by the lineage code lenses ("3 consumers · 2 upstream"); not in the command palette.
    vscode.commands.registerCommand('dataMesh.showReferences', (uri: string, position: Position, locations: Location[]) => client.showReferences(uri, position, locations)),
  );
}
