#!/usr/bin/env node
// Second start: the server keeps its workspace index in the storage folder the client gives it
// (`initializationOptions.storagePath`). This starts the server three times on one generated mesh
// and reports the time from `initialized` to the index being ready: without a cache, when the
// previous session's cache is there, and again after a tenth of the files were changed.
//
//   node bench/restart.mjs [--n 10000] [--seed 42] [--keep]
import { spawnServer } from './serverLaunch.mjs';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { generateMesh } from './generate.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({ options: { n: { type: 'string', default: '10000' }, seed: { type: 'string', default: '42' }, keep: { type: 'boolean', default: false } } });
const temp = mkdtempSync(join(tmpdir(), 'dm-restart-'));
const meshDir = join(temp, 'mesh');
const storage = join(temp, 'storage');
const mesh = generateMesh({ n: Number(opt.n), seed: Number(opt.seed), dir: meshDir });
console.log(`mesh: ${mesh.files.length} files in ${meshDir}`);

/** Starts the server, waits for the index to be ready, shuts it down; returns what it reported. */
async function start(label) {
  const child = spawnServer(join(REPO, 'dist/server.js'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let log = '';
  connection.onNotification('window/logMessage', ({ message }) => (log += `${message}\n`));
  const ready = new Promise((resolve) => connection.onNotification('dataMesh/indexStatus', (status) => status.state === 'ready' && resolve(status)));
  connection.onRequest(() => null);
  connection.listen();
  const rootUri = pathToFileURL(meshDir).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'mesh' }], capabilities: {}, initializationOptions: { storagePath: storage } });
  const t0 = performance.now();
  await connection.sendNotification('initialized', {});
  const status = await ready;
  const ms = performance.now() - t0;
  // The cache is written a second after ready; give it time before stopping.
  await new Promise((r) => setTimeout(r, 2500));
  const peakMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((r) => child.once('exit', r));
  connection.dispose();
  const line = log.split('\n').find((l) => l.startsWith('Indexed')) ?? '';
  console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s  peak ${peakMb.toFixed(0)} MB  ${status.meshFiles} mesh files  ${line}`);
  return ms;
}

try {
  const cold = await start('cold (no cache)');
  let cacheMb = 0;
  try {
    cacheMb = statSync(join(storage, 'mesh-index.json')).size / 1e6;
  } catch {
    /* reported below */
  }
  console.log(`cache: ${cacheMb.toFixed(0)} MB`);
  const warm = await start('second start (cache, no changes)');
  // Touch a tenth of the files: the next start reads those again.
  const changed = mesh.files.filter((_, i) => i % 10 === 0);
  for (const f of changed) {
    const path = f.path;
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n`);
  }
  const partly = await start(`third start (${changed.length} files changed)`);
  console.log(`second ÷ cold = ${(warm / cold).toFixed(2)}×, third ÷ cold = ${(partly / cold).toFixed(2)}×`);
} finally {
  if (!opt.keep) rmSync(temp, { recursive: true, force: true });
}
