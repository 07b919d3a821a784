#!/usr/bin/env node
// Workspace-diagnostics benchmark: a mesh of N products and N contracts (2N+1 files, see
// generate.mjs) opened as a workspace folder by `node dist/server.js --stdio`, with a client that
// pulls workspace diagnostics as VS Code's does (partial results). Measures the time from the index
// being ready until every file's report is delivered, the server's memory, the latency of a hover
// asked in the middle of the pass, and the answer to the next pull when nothing changed.
//
//   node bench/workspaceDiagnostics.mjs [--n 10000] [--seed 42]
import { spawnServer } from './serverLaunch.mjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { generateMesh } from './generate.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({ options: { n: { type: 'string', default: '10000' }, seed: { type: 'string', default: '42' } } });
const base = mkdtempSync(join(tmpdir(), 'dm-wsdiag-'));
let child;
process.on('exit', () => {
  child?.kill('SIGKILL');
  rmSync(base, { recursive: true, force: true });
});

const mesh = generateMesh({ n: Number(opt.n), seed: Number(opt.seed), hub: 50, dir: join(base, 'mesh') });
console.log(`mesh: ${mesh.files.length} files, ${(mesh.bytes / 1e6).toFixed(1)} MB`);
child = spawnServer(join(REPO, 'dist/server.js'), ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const memory = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const mb = (key) => Math.round(Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)[1]) / 1024);
  return `RSS ${mb('VmRSS')} MB, peak ${mb('VmHWM')} MB`;
};
let ready;
const indexed = new Promise((r) => (ready = r));
conn.onNotification('dataMesh/indexStatus', (s) => s.state === 'ready' && ready());
conn.onRequest('workspace/configuration', ({ items }) => items.map(() => ({ diagnostics: { scope: 'workspace' } })));
conn.onRequest(() => null);
let delivered = new Map();
let firstAt;
conn.onProgress({ __brand: 'progress' }, 'wsdiag', (chunk) => {
  firstAt ??= performance.now();
  for (const item of chunk.items) delivered.set(item.uri, item);
});
conn.listen();

await conn.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(join(base, 'mesh')).href,
  workspaceFolders: null,
  capabilities: { textDocument: { diagnostic: {}, hover: {} }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
});
await conn.sendNotification('initialized', {});
const t0 = performance.now();
await indexed;
const tReady = performance.now();
console.log(`index ready in ${((tReady - t0) / 1000).toFixed(1)} s; ${memory()}`);

const pull = (previousResultIds, token) => {
  const params = { identifier: 'dataMesh', previousResultIds, partialResultToken: 'wsdiag' };
  return token ? conn.sendRequest('workspace/diagnostic', params, token) : conn.sendRequest('workspace/diagnostic', params);
};
const pass = pull([]);
// A hover asked while the pass runs: the slices keep the server answering.
await new Promise((r) => setTimeout(r, 1000));
const product = mesh.files.find((f) => f.kind === 'odps');
const hoverStart = performance.now();
await conn.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(product.path).href }, position: { line: 1, character: 2 } });
const hoverMs = performance.now() - hoverStart;
const final = await pass;
for (const item of final.items) delivered.set(item.uri, item);
const tDone = performance.now();
const withFindings = [...delivered.values()].filter((i) => i.items.length > 0).length;
console.log(`workspace diagnostics: ${delivered.size} files delivered (${withFindings} with findings) in ${((tDone - tReady) / 1000).toFixed(1)} s after the index was ready (first chunk after ${Math.round(firstAt - tReady)} ms); hover during the pass: ${Math.round(hoverMs)} ms; ${memory()}`);

// Nothing changed: the next pull is held, and answers nothing until cancelled.
const previous = [...delivered.values()].map((i) => ({ uri: i.uri, value: i.resultId }));
delivered = new Map();
const source = new CancellationTokenSource();
const held = pull(previous, source.token).then(() => 'answered', () => 'cancelled');
await new Promise((r) => setTimeout(r, 3000));
source.cancel();
console.log(`next pull with nothing changed: ${await held} after 3 s with ${delivered.size} reports`);
process.exit(0);
