import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { MeshLanguageClient } from './languageClient';

let meshClient: MeshLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Data Mesh', { log: true });
  context.subscriptions.push(log);
  meshClient = new MeshLanguageClient(context, log);
  registerCommands(context, meshClient, log);
  await meshClient.start();
}

export async function deactivate(): Promise<void> {
  await meshClient?.stop();
}
