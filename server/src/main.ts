// Entry point of dist/server.js: `--node-ipc` when VS Code starts it, `--stdio` for any other client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
