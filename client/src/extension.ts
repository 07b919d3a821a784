import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { GraphPanel } from './graph/graphPanel';
import { MeshTree } from './graph/meshTree';
import { MeshLanguageClient } from './languageClient';
import { registerNewMeshFile } from './newMeshFile';
import { registerSampleMesh } from './sampleMesh';
import { MeshStatusBar } from './statusBar';
import { signalTest } from './testSignal';
import { registerWalkthroughCommands, showWalkthroughOnce } from './walkthroughCommands';
import { registerWorkspaceCommands } from './workspaceCommands';

let meshClient: MeshLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Data Mesh', { log: true });
  context.subscriptions.push(log);
  meshClient = new MeshLanguageClient(context, log);
  registerCommands(context, meshClient, log);
  registerSampleMesh(context);
  registerNewMeshFile(context);
  registerWorkspaceCommands(context, meshClient);
  registerWalkthroughCommands(context);
  GraphPanel.register(context, meshClient, log);
  context.subscriptions.push(new MeshTree(meshClient));
  context.subscriptions.push(new MeshStatusBar(meshClient));
  showWalkthroughOnce(context).catch((error: Error) => log.warn(`Opening the walkthrough failed: ${error.message}`));
  await meshClient.start();
  // End-to-end tests wait for this line (DATAMESH_E2E_LOG) instead of sleeping.
  signalTest(meshClient.isRunning ? 'server-ready' : `server-failed: ${meshClient.whyDown}`);
}

export async function deactivate(): Promise<void> {
  await meshClient?.stop();
}
