#!/usr/bin/env node
// Completion and hover latency over LSP, ours beside Red Hat's yaml-language-server: the AdventureWorks
// ODCS example (192 KB) opened in a generated mesh (20,000 files by default), and the same positions
// asked of both servers — values after `key: ` and keys at the start of their line for completion,
// the middle of keys for hover. Each position is asked --rounds times; p50/p95 per server and the ratio.
//
//   node bench/authoring.mjs [--n 10000] [--positions 60] [--rounds 3] [--runs 1] [--out bench/results]
//
// --n is the number of contracts; the mesh has a product per contract and a glossary (2n + 1 files).
import { spawnServer } from './serverLaunch.mjs';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { generateMesh, SCHEMAS } from './generate.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ADVENTUREWORKS = join(REPO, 'test/fixtures/standards/odcs/examples/all/postgresql-adventureworks-contract.odcs.yaml');
const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    positions: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '3' },
    runs: { type: 'string', default: '1' },
    out: { type: 'string', default: join(REPO, 'bench/results') },
  },
});

const text = readFileSync(ADVENTUREWORKS, 'utf8');

/** Line/character of an offset (the file is ASCII). */
function positionAt(offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Positions spread evenly over the file: after `key: ` (values) and at a key's start (keys); hovers mid-key. */
function positions(count) {
  const keys = [...text.matchAll(/^( *(?:- )?)(\w+): /gm)].map((m) => ({ key: m.index + m[1].length, length: m[2].length }));
  const step = Math.max(1, Math.floor(keys.length / count));
  const picked = keys.filter((_, i) => i % step === 0).slice(0, count);
  return {
    completion: picked.flatMap((k, i) => [i % 2 === 0 ? k.key + k.length + 2 : k.key].map(positionAt)),
    hover: picked.map((k) => positionAt(k.key + (k.length >> 1))),
  };
}

async function start([bin, ...args], settings) {
  const child = spawnServer(bin, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const section = (name) => (name ? name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), settings) ?? null : settings);
  conn.onRequest('workspace/configuration', ({ items }) => items.map((i) => section(i.section)));
  let ready = false;
  conn.onNotification('dataMesh/indexStatus', (s) => { if (s.state === 'ready') ready = true; });
  conn.onRequest(() => null);
  conn.onNotification(() => {});
  conn.listen();
  return { child, conn, isReady: () => ready };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function measure(name, args, settings, rootDir, uri, at) {
  const { child, conn, isReady } = await start(args, settings);
  const rootUri = pathToFileURL(rootDir).href;
  await conn.sendRequest('initialize', {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'mesh' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } }, hover: { contentFormat: ['markdown'] } },
    },
  });
  conn.sendNotification('initialized', {});
  conn.sendNotification('workspace/didChangeConfiguration', { settings });
  const t0 = performance.now();
  // Ours indexes the mesh first (its references come from it); Red Hat reads no other file.
  if (name === 'ours') while (!isReady() && performance.now() - t0 < 300_000) await sleep(20);
  const indexMs = performance.now() - t0;
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  // Warm-up: the first requests load and compile the schema.
  for (const p of [...at.completion.slice(0, 3)]) await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: p });
  await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: at.hover[0] });
  const times = { completion: [], hover: [] };
  let items = 0;
  let hovers = 0;
  for (let round = 0; round < Number(opt.rounds); round++) {
    for (const position of at.completion) {
      const t = performance.now();
      const list = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
      times.completion.push(performance.now() - t);
      items += (Array.isArray(list) ? list : list?.items ?? []).length;
    }
    for (const position of at.hover) {
      const t = performance.now();
      const hover = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      times.hover.push(performance.now() - t);
      if (hover) hovers++;
    }
  }
  await conn.sendRequest('shutdown').catch(() => {});
  conn.sendNotification('exit');
  await sleep(100);
  child.kill();
  conn.dispose();
  const rounds = Number(opt.rounds);
  return { indexMs, times, itemsPerRequest: items / times.completion.length, hoverAnswered: hovers / rounds };
}

const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};

const base = mkdtempSync(join(tmpdir(), 'dm-authoring-'));
const dir = join(base, 'mesh');
const mesh = generateMesh({ n: Number(opt.n), seed: 42, style: 'plain', dir });
mkdirSync(join(dir, 'contracts/adventureworks'), { recursive: true });
const file = join(dir, 'contracts/adventureworks/adventureworks.odcs.yaml');
copyFileSync(ADVENTUREWORKS, file);
const uri = pathToFileURL(file).href;
const at = positions(Number(opt.positions));
console.log(`mesh: ${mesh.files.length + 1} files; AdventureWorks ${(text.length / 1024).toFixed(0)} KB; ${at.completion.length} completion and ${at.hover.length} hover positions × ${opt.rounds} rounds`);

const servers = {
  ours: [[join(REPO, 'dist/server.js'), '--stdio'], { dataMesh: { validate: { enable: true } } }],
  redhat: [[join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], {
    yaml: {
      validate: true, hover: true, completion: true, format: { enable: false }, schemaStore: { enable: false },
      schemas: { [pathToFileURL(SCHEMAS.odcs).href]: ['*.odcs.yaml'], [pathToFileURL(SCHEMAS.odps).href]: ['*.odps.yaml'] },
    },
  }],
};
const runs = [];
for (let run = 0; run < Number(opt.runs); run++) {
  const row = {};
  for (const [name, [args, settings]] of Object.entries(servers)) {
    console.log(`run ${run + 1}: ${name} …`);
    const r = await measure(name, args, settings, dir, uri, at);
    row[name] = {
      indexMs: Math.round(r.indexMs),
      completion: { p50: +pct(r.times.completion, 0.5).toFixed(2), p95: +pct(r.times.completion, 0.95).toFixed(2) },
      hover: { p50: +pct(r.times.hover, 0.5).toFixed(2), p95: +pct(r.times.hover, 0.95).toFixed(2) },
      itemsPerRequest: +r.itemsPerRequest.toFixed(1),
      hoverAnswered: `${r.hoverAnswered}/${at.hover.length}`,
    };
  }
  runs.push(row);
}
rmSync(base, { recursive: true, force: true });

console.log('\n          completion p50 / p95 ms   hover p50 / p95 ms   items/request  hovers answered');
runs.forEach((row, k) => {
  for (const [name, r] of Object.entries(row)) {
    console.log(`${`${name} #${k + 1}`.padEnd(12)}${`${r.completion.p50} / ${r.completion.p95}`.padStart(16)}${`${r.hover.p50} / ${r.hover.p95}`.padStart(21)}${String(r.itemsPerRequest).padStart(15)}${r.hoverAnswered.padStart(17)}`);
  }
  const ratio = (kind, p) => (row.redhat[kind][p] / row.ours[kind][p]).toFixed(1);
  console.log(`  redhat ÷ ours: completion p50 ${ratio('completion', 'p50')}×, p95 ${ratio('completion', 'p95')}×; hover p50 ${ratio('hover', 'p50')}×, p95 ${ratio('hover', 'p95')}×`);
  console.log(`  budgets: completion p95 ≤ 15 ms ${row.ours.completion.p95 <= 15 ? 'ok' : 'OVER'}, hover p95 ≤ 10 ms ${row.ours.hover.p95 <= 10 ? 'ok' : 'OVER'}, ≥ 5× Red Hat (p95) ${row.redhat.completion.p95 / row.ours.completion.p95 >= 5 && row.redhat.hover.p95 / row.ours.hover.p95 >= 5 ? 'ok' : 'NO'}`);
});
mkdirSync(resolve(opt.out), { recursive: true });
const outFile = join(resolve(opt.out), 'authoring.json');
writeFileSync(outFile, `${JSON.stringify({ date: new Date().toISOString(), files: mesh.files.length + 1, positions: { completion: at.completion.length, hover: at.hover.length }, rounds: Number(opt.rounds), runs }, null, 2)}\n`);
console.log(`wrote ${outFile}`);
