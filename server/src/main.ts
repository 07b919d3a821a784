// Entry point of dist/server.js: `--node-ipc` when VS Code starts it, `--stdio` for any other client.
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

// V8 optimizes a function once about 66 KB of its bytecode has run. The server's work comes in
// bursts over many small files (an editor restoring 2,000 of them as the scan reads the folder), so at
// that budget the compilation of the two threads' parsers and validators took a quarter of the CPU
// of the burst. At this one the functions that stay hot are still optimized, a little later.
setFlagsFromString('--interrupt-budget=300000');

startServer(createConnection(ProposedFeatures.all));
