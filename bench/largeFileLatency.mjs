// How long a request on a small file waits while a large file is open and being asked about:
// open a 5 MB contract and a small one, ask hover, outline and code lens on the large one, and at
// once a hover on the small one; time each answer. Run twice: with the default dataMesh.maxFileSizeMB
// (the large file's features are off, so nothing builds its syntax tree on the main thread) and with
// the limit raised past the file (what the server did before the limit).
//
//   node bench/largeFileLatency.mjs [--runs 5] [--mb 5] [--out bench/results]
import { spawnServer } from './serverLaunch.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '5' }, mb: { type: 'string', default: '5' }, out: { type: 'string', default: join(REPO, 'bench', 'results') } } });
const RUNS = Number(opt.runs);
const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: big\nversion: 1.0.0\nstatus: active\n';

function contractOf(bytes) {
  const lines = [HEAD, 'schema:\n  - name: orders\n    logicalType: object\n    properties:\n'];
  let size = lines.join('').length;
  for (let i = 0; size < bytes; i++) {
    const column = `      - name: column_${i}\n        logicalType: string\n        description: Column number ${i} of the orders table.\n`;
    lines.push(column);
    size += column.length;
  }
  return lines.join('');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(maxFileSizeMB) {
  const child = spawnServer(join(REPO, 'dist', 'server.js'), ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  conn.onNotification('textDocument/publishDiagnostics', ({ uri }) => published.get(uri)?.());
  conn.onRequest('workspace/configuration', (params) => params.items.map(() => ({ maxFileSizeMB })));
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const big = 'file:///bench/big.odcs.yaml';
  const small = 'file:///bench/small.odcs.yaml';
  const opened = (uri, text) => new Promise((resolve) => {
    published.set(uri, resolve);
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  });
  // Settings arrive after `initialized`; give the server a moment to ask for them before opening.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await Promise.all([opened(big, contractOf(Number(opt.mb) * 1_000_000)), opened(small, `${HEAD}description:\n  purpose: A small contract.\n`)]);
  const timed = async (method, params) => {
    const start = performance.now();
    await conn.sendRequest(method, params);
    return performance.now() - start;
  };
  const rows = { bigHover: [], bigSymbols: [], bigLens: [], smallHover: [] };
  for (let run = 0; run < RUNS; run++) {
    // A new version each run, so nothing is answered from the last run's tree.
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: big, version: run + 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }] });
    const [bigHover, bigSymbols, bigLens, smallHover] = await Promise.all([
      timed('textDocument/hover', { textDocument: { uri: big }, position: { line: 2, character: 5 } }),
      timed('textDocument/documentSymbol', { textDocument: { uri: big } }),
      timed('textDocument/codeLens', { textDocument: { uri: big } }),
      timed('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 5 } }),
    ]);
    Object.entries({ bigHover, bigSymbols, bigLens, smallHover }).forEach(([k, v]) => rows[k].push(v));
  }
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  child.kill();
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, { median: Math.round(median(v)), max: Math.round(Math.max(...v)) }]));
}

const results = { date: new Date().toISOString(), mb: Number(opt.mb), runs: RUNS, withLimit: await measure(1), withoutLimit: await measure(1000) };
console.log(`A ${opt.mb} MB contract open; hover, outline and code lens on it, and at once a hover on a small file (ms, median / max of ${RUNS}):`);
for (const [label, key] of [['default limit (1 MB)', 'withLimit'], ['limit raised past the file', 'withoutLimit']]) {
  const r = results[key];
  console.log(`  ${label.padEnd(28)} small-file hover ${r.smallHover.median} / ${r.smallHover.max}   big: hover ${r.bigHover.median}, outline ${r.bigSymbols.median}, code lens ${r.bigLens.median}`);
}
mkdirSync(opt.out, { recursive: true });
writeFileSync(join(opt.out, 'largeFileLatency.json'), `${JSON.stringify(results, null, 2)}\n`);
