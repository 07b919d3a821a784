import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { GraphPanel } from './graph/graphPanel';
import { MeshTree } from './graph/meshTree';
import { MeshLanguageClient } from './languageClient';
import { registerSampleMesh } from './sampleMesh';
import { MeshStatusBar } from './statusBar';
import { signalTest } from './testSignal';

let meshClient: MeshLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Data Mesh', { log: true });
  context.subscriptions.push(log);
  meshClient = new MeshLanguageClient(context, log);
  registerCommands(context, meshClient, log);
  registerSampleMesh(context);
  GraphPanel.register(context, meshClient, log);
  context.subscriptions.push(new MeshTree(meshClient));
  context.subscriptions.push(new MeshStatusBar(meshClient));
  await meshClient.start();
  // End-to-end tests wait for this line (DATAMESH_E2E_LOG) instead of sleeping.
  signalTest(meshClient.isRunning ? 'server-ready' : `server-failed: ${meshClient.whyDown}`);
}

export async function deactivate(): Promise<void> {
  await meshClient?.stop();
}
