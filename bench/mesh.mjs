#!/usr/bin/env node
// Workspace-index benchmark: a mesh of N products (2N+1 files) in a temp folder, opened as a
// workspace folder by `node dist/server.js --stdio`. Measures the cold index, diagnostics of a file
// opened while indexing, memory, and p50/p95/max of definition, references, rename and
// diagnostics-after-edit around a contract with many consumers (the hub, see generate.mjs --hub).
//
//   node bench/mesh.mjs [--n 10000] [--seed 42] [--hub 50] [--iterations 30] [--warmup 3]
//                       [--timeout 300] [--request-timeout 30] [--out bench/results]
//                       [--server dist/server.js] [--keep] [--strict] [--policy]
//
// Exit codes: 0 done (or over budget without --strict); 1 over budget or no result with --strict;
// 2 the run itself failed (server missing, crashed, or never reported the index ready).
import { spawnServer } from './serverLaunch.mjs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { countConsumers, generateMesh } from './generate.mjs';
import { EVERY_RULE_POLICY } from './policy.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    hub: { type: 'string', default: '50' },
    iterations: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '300' },
    'request-timeout': { type: 'string', default: '30' },
    out: { type: 'string', default: join(REPO, 'bench/results') },
    server: { type: 'string', default: join(REPO, 'dist/server.js') },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    // Every governance rule on (bench/policy.mjs), for the editor's latency with the whole policy.
    policy: { type: 'boolean', default: false },
  },
});
const n = Number(opt.n);
const seed = Number(opt.seed);
const ITER = Math.max(1, Number(opt.iterations));
const WARMUP = Math.max(0, Number(opt.warmup));
const timeoutMs = Number(opt.timeout) * 1000;
const requestTimeoutMs = Number(opt['request-timeout']) * 1000;
const serverBin = resolve(opt.server);

const BUDGETS = {
  coldIndexMs: 10_000,
  referencesP95Ms: 150,
  renameP95Ms: 150,
  diagnosticsAfterEditP95Ms: 100,
  memoryMb: 1024,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const uriOf = (path) => pathToFileURL(path).href;
const fail = (message) => { console.error(`mesh bench: ${message}`); process.exit(2); };

if (!existsSync(serverBin)) fail(`${relative(REPO, serverBin)} is missing: run npm run build`);

// ---- cleanup: never leave a server or a 120 MB temp dir behind ----
let child = null;
let exited = null;
let base = null;
function cleanup() {
  if (child && !exited) { try { child.kill('SIGKILL'); } catch { /* gone */ } }
  if (base && !opt.keep) { try { rmSync(base, { recursive: true, force: true }); } catch { /* best effort */ } base = null; }
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130); });

// ---- the mesh ----
base = mkdtempSync(join(tmpdir(), 'dm-meshbench-'));
const meshDir = join(base, 'mesh');
let t = performance.now();
const mesh = generateMesh({ n, seed, hub: Number(opt.hub), dir: meshDir });
if (opt.policy) writeFileSync(join(meshDir, 'governance.policy.yaml'), EVERY_RULE_POLICY);
const generateMs = performance.now() - t;
const hub = mesh.hub;
// Count from the written files, so the expected figures cover products that chose the hub by chance.
const hubUse = countConsumers(mesh.files, hub.id);
// References with includeDeclaration: every input port, product 0's output port, and the `id:` itself.
const expectedRefs = hubUse.ports + 1 + 1;
const expectedRefFiles = hubUse.consumers + 1 + 1;
console.log(`mesh: ${mesh.files.length} files, ${(mesh.bytes / 1e6).toFixed(2)} MB (n=${n}, seed=${seed}) in ${meshDir}, `
  + `generated in ${(generateMs / 1000).toFixed(1)} s`);
console.log(`hub: ${hub.id} is consumed by ${hubUse.consumers} products (${hubUse.ports} input ports; `
  + `${hub.k} chosen by --hub ${opt.hub}); expecting ${expectedRefs} references in ${expectedRefFiles} files`);
if (hubUse.consumers === 0) fail('the hub contract has no consumers; use a larger --n or --hub');

const text = (path) => readFileSync(path, 'utf8');
/** LSP position (ASCII text, so UTF-16 offsets = string offsets) of `offset` in `s`. */
function posAt(s, offset) {
  const before = s.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
/** Position `into` characters inside the first match of `re`'s group 1 (the value, not the key). */
function valuePos(s, re, into = 2) {
  const m = re.exec(s);
  if (!m) throw new Error(`${re} not found`);
  return posAt(s, m.index + m[0].indexOf(m[1]) + into);
}

const hubUri = uriOf(hub.path);
const hubText0 = text(hub.path);
const hubIdPos = valuePos(hubText0, /^id: (\S+)$/m);
// Three consumers spread over the list; the first one is also used for definition and hover.
const consumers = [...new Set([0, hub.consumers.length >> 1, hub.consumers.length - 1])].map((k) => hub.consumers[k]);
const consumerDocs = consumers.map((c) => ({ ...c, uri: uriOf(c.path), text: text(c.path) }));
const defDoc = consumerDocs[0];
const inputsOf = (s) => s.slice(0, s.indexOf('\noutputPorts:'));
const defPos = valuePos(inputsOf(defDoc.text), new RegExp(`^\\s*contractId: (${hub.id})$`, 'm'));
// The contract opened while the index is cold: the last one written (furthest from product 0).
const firstPath = mesh.files.filter((f) => f.kind === 'odcs').at(-1).path;
const firstUri = uriOf(firstPath);

// ---- the server ----
const tSpawn = performance.now();
child = spawnServer(serverBin, ['--stdio'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
const exitP = new Promise((r) => child.on('exit', (code, signal) => { exited = { code, signal }; r(exited); }));
const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
conn.onError(() => { /* the exit handler reports a dead server */ });

const statuses = [];
let lastStatus = null;
let tInitialized = null;
let readyAt = null;
conn.onNotification('dataMesh/indexStatus', (params) => {
  const at = performance.now();
  lastStatus = params;
  statuses.push({ at: tInitialized == null ? null : at - tInitialized, ...params });
  if (params?.state === 'ready' && readyAt == null) readyAt = at;
});
const serverRequests = {};
const count = (m) => { serverRequests[m] = (serverRequests[m] ?? 0) + 1; };
conn.onRequest('workspace/configuration', ({ items }) => {
  count('workspace/configuration');
  return items.map((i) => (i.section === 'dataMesh' || i.section?.startsWith('dataMesh.') ? {} : null));
});
for (const m of ['window/workDoneProgress/create', 'client/registerCapability', 'client/unregisterCapability', 'workspace/diagnostic/refresh',
  'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh']) {
  conn.onRequest(m, () => { count(m); return null; });
}
conn.onRequest((method) => { count(method); return null; });
conn.onNotification(() => {});
conn.listen();

/** Memory of the live server from /proc (Linux only): current RSS and peak (VmHWM), in MB. */
function memory() {
  try {
    const s = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(s)?.[1]) / 1024;
    return { rssMb: +kb('VmRSS').toFixed(1), peakMb: +kb('VmHWM').toFixed(1) };
  } catch {
    return { rssMb: null, peakMb: null };
  }
}

/** Send a request; never throws. { ms, result } or { ms, error, code, timedOut }. */
async function request(method, params, limitMs = requestTimeoutMs) {
  const cts = new CancellationTokenSource();
  const t0 = performance.now();
  let timer;
  try {
    const result = await Promise.race([
      conn.sendRequest(method, params, cts.token),
      new Promise((_, reject) => { timer = setTimeout(() => { cts.cancel(); reject(Object.assign(new Error(`no answer in ${limitMs / 1000} s`), { timedOut: true })); }, limitMs); }),
      exitP.then((e) => { throw new Error(`server exited (${JSON.stringify(e)})`); }),
    ]);
    return { ms: performance.now() - t0, result, end: performance.now() };
  } catch (err) {
    return { ms: performance.now() - t0, end: performance.now(), error: err?.message ?? String(err), code: err?.code, timedOut: !!err?.timedOut };
  } finally {
    clearTimeout(timer);
  }
}

// -32802 ServerCancelled (with retriggerRequest) and -32801 ContentModified: a client asks again.
const RETRY_CODES = new Set([-32802, -32801]);
/** Pull diagnostics for one document, asking again like VS Code does when the server cancels. */
async function pullDiagnostics(uri, limitMs = requestTimeoutMs) {
  const t0 = performance.now();
  let retries = 0;
  for (;;) {
    const r = await request('textDocument/diagnostic', { textDocument: { uri } }, Math.max(1, limitMs - (performance.now() - t0)));
    if (r.error && RETRY_CODES.has(r.code) && performance.now() - t0 < limitMs) { retries++; await sleep(10); continue; }
    return { ...r, ms: performance.now() - t0, retries };
  }
}

const open = (uri, body, version = 1) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: body } });
const until = async (cond, ms) => { const end = performance.now() + ms; while (!cond()) { if (performance.now() > end) return false; await sleep(5); } return true; };

// ---- stats ----
const round = (x, d = 1) => (typeof x === 'number' ? +x.toFixed(d) : x);
function stats(samples) {
  if (!samples.length) return {};
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: round(rank(50)), p95: round(rank(95)), max: round(s.at(-1)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

/**
 * Run `once(k)` WARMUP + ITER times; only the last ITER are timed into the stats. `once` returns
 * { ms, result, error, timedOut }; `describe(result)` summarises an answer ({ summary, ok, ...details }).
 * An answer is "no result" when it is null/undefined or an error.
 */
async function series(name, once, describe) {
  const samples = [];
  const row = { iterations: 0, answered: 0, nullResults: 0, errors: 0 };
  let last = null;
  for (let k = 0; k < WARMUP + ITER; k++) {
    if (exited) { row.error = 'server exited'; break; }
    const r = await once(k);
    const timed = k >= WARMUP; // the counts, like the times, cover the timed iterations only
    if (timed) { samples.push(r.ms); row.iterations++; }
    if (r.error) { if (timed) row.errors++; row.error = r.code != null ? `${r.code}: ${r.error}` : r.error; if (r.timedOut) { row.timedOut = true; break; } continue; }
    if (r.result == null) { if (timed) row.nullResults++; continue; }
    if (timed) row.answered++;
    last = r.result;
  }
  Object.assign(row, stats(samples));
  if (last != null) Object.assign(row, describe(last));
  else row.summary = row.error ? `no result (${row.error})` : 'no result (null)';
  process.stdout.write(`  ${name.padEnd(22)} ${row.answered ? `p50 ${row.p50} ms  ` : ''}${row.summary}\n`);
  return row;
}

/** Locations from definition/references: Location | Location[] | LocationLink[]. */
function locations(result) {
  const list = Array.isArray(result) ? result : result ? [result] : [];
  return list.map((l) => ({ uri: l.targetUri ?? l.uri, range: l.targetSelectionRange ?? l.range }));
}
/** { files, edits } of a WorkspaceEdit (changes or documentChanges). */
function editSize(edit) {
  const perUri = new Map();
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) perUri.set(uri, (perUri.get(uri) ?? 0) + edits.length);
  for (const dc of edit?.documentChanges ?? []) {
    if (dc.textDocument) perUri.set(dc.textDocument.uri, (perUri.get(dc.textDocument.uri) ?? 0) + dc.edits.length);
  }
  let edits = 0;
  for (const v of perUri.values()) edits += v;
  return { files: perUri.size, edits, productFiles: [...perUri.keys()].filter((u) => u.endsWith('.odps.yaml')).length };
}
const short = (uri) => (uri?.startsWith(uriOf(meshDir)) ? uri.slice(uriOf(meshDir).length + 1) : uri);

// ---- run ----
const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: process.platform },
  mesh: {
    n, seed, files: mesh.files.length, mb: +(mesh.bytes / 1e6).toFixed(2), generateMs: Math.round(generateMs),
    hub: { id: hub.id, file: short(hubUri), chosen: hub.k, consumers: hubUse.consumers, inputPorts: hubUse.ports, expectedReferences: expectedRefs, expectedReferenceFiles: expectedRefFiles },
  },
  options: { iterations: ITER, warmup: WARMUP, timeoutS: timeoutMs / 1000, requestTimeoutS: requestTimeoutMs / 1000, server: relative(REPO, serverBin) },
  budgets: BUDGETS,
};
let runError = null;

try {
  const init = await request('initialize', {
    processId: process.pid,
    rootUri: uriOf(meshDir),
    rootPath: meshDir,
    workspaceFolders: [{ uri: uriOf(meshDir), name: 'mesh' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
        codeLens: { refreshSupport: true },
        workspaceEdit: { documentChanges: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        diagnostic: {},
        definition: { linkSupport: true },
        references: {},
        rename: { prepareSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeLens: {},
      },
    },
  }, 60_000);
  if (init.error) throw new Error(`initialize failed: ${init.error}`);
  report.server = { initMs: round(performance.now() - tSpawn), capabilities: Object.keys(init.result?.capabilities ?? {}) };

  // Cold index, and a file opened and asked for diagnostics while it runs.
  tInitialized = performance.now();
  conn.sendNotification('initialized', {});
  open(firstUri, text(firstPath));
  console.log(`initialized; opened ${short(firstUri)} and asked for its diagnostics`);
  const first = await pullDiagnostics(firstUri, timeoutMs);
  const stateAtAnswer = readyAt != null ? 'ready' : lastStatus ? 'indexing' : 'no indexStatus yet';
  const progressAtAnswer = lastStatus && readyAt == null ? { scanned: lastStatus.scanned, total: lastStatus.total } : null;
  report.firstDiagnostics = {
    file: short(firstUri),
    ms: round(first.ms),
    items: first.result?.items?.length ?? null,
    retries: first.retries,
    error: first.error,
    indexState: stateAtAnswer,
    indexProgress: progressAtAnswer,
    // Filled in once the index is ready: was the index still running when the answer came?
    indexRunning: null,
    readyAfterAnswerMs: null,
  };
  console.log(`  first diagnostics after ${first.ms.toFixed(0)} ms (index: ${stateAtAnswer}`
    + `${lastStatus && readyAt == null ? `, ${lastStatus.scanned}/${lastStatus.total} scanned` : ''})${first.error ? `; error: ${first.error}` : ''}`);

  const remaining = Math.max(0, timeoutMs - (performance.now() - tInitialized));
  const ready = await until(() => readyAt != null || exited, remaining);
  if (exited) throw new Error(`server exited while indexing (${JSON.stringify(exited)})`);
  const readyStatus = statuses.find((s) => s.state === 'ready');
  report.index = {
    ready: readyAt != null,
    ms: readyAt != null ? round(readyAt - tInitialized) : null,
    serverDurationMs: readyStatus?.durationMs ?? null,
    meshFiles: readyStatus?.meshFiles ?? lastStatus?.meshFiles ?? null,
    scanned: (readyStatus ?? lastStatus)?.scanned ?? null,
    total: (readyStatus ?? lastStatus)?.total ?? null,
    statusNotifications: statuses.length,
    firstStatusMs: statuses[0]?.at != null ? round(statuses[0].at) : null,
  };
  report.memory = { afterIndex: memory() };
  report.firstDiagnostics.indexRunning = readyAt == null ? null : readyAt > first.end;
  if (readyAt != null && readyAt > first.end) report.firstDiagnostics.readyAfterAnswerMs = round(readyAt - first.end);
  if (!ready) {
    runError = `TIMEOUT: the server sent no dataMesh/indexStatus { state: 'ready' } within ${timeoutMs / 1000} s of initialized `
      + `(${lastStatus ? `last status: ${lastStatus.state}, ${lastStatus.scanned}/${lastStatus.total} scanned, ${lastStatus.meshFiles} mesh files` : 'no indexStatus at all'}). `
      + 'The latencies were measured anyway, on an unfinished index.';
    console.log(runError);
  } else {
    console.log(`index ready after ${(report.index.ms / 1000).toFixed(2)} s: ${report.index.meshFiles} mesh files `
      + `(${report.index.scanned}/${report.index.total} scanned; server says ${report.index.serverDurationMs ?? '-'} ms); `
      + `RSS ${report.memory.afterIndex.rssMb} MB, peak ${report.memory.afterIndex.peakMb} MB`);
  }

  // Documents used by the latency series: the hub contract and three of its consumers.
  let hubText = hubText0;
  let hubVersion = 1;
  open(hubUri, hubText);
  for (const d of consumerDocs) open(d.uri, d.text);
  await sleep(200);

  console.log(`latency: ${WARMUP} warm-up + ${ITER} timed iterations each`);
  const lat = {};
  lat.definition = await series('definition', () => request('textDocument/definition', { textDocument: { uri: defDoc.uri }, position: defPos }), (res) => {
    const locs = locations(res);
    const ok = locs.some((l) => l.uri === hubUri && l.range?.start.line === hubIdPos.line);
    return { targets: locs.length, target: locs[0] ? `${short(locs[0].uri)}:${locs[0].range?.start.line + 1}` : null, ok,
      summary: `${locs.length} target(s): ${locs[0] ? `${short(locs[0].uri)}:${locs[0].range?.start.line + 1}` : '-'}${ok ? '' : ' (NOT the hub id)'}` };
  });
  lat.definition.from = `${short(defDoc.uri)}:${defPos.line + 1}:${defPos.character + 1}`;

  const refParams = { textDocument: { uri: hubUri }, position: hubIdPos, context: { includeDeclaration: true } };
  lat.references = await series('references', () => request('textDocument/references', refParams), (res) => {
    const locs = locations(res);
    const files = new Set(locs.map((l) => l.uri));
    return { references: locs.length, files: files.size, productFiles: [...files].filter((u) => u.endsWith('.odps.yaml')).length,
      expected: expectedRefs, ok: locs.length >= expectedRefs,
      summary: `${locs.length} references in ${files.size} files (expected ${expectedRefs} in ${expectedRefFiles})${locs.length < expectedRefs ? ' MISSING SOME' : ''}` };
  });

  const posParams = { textDocument: { uri: hubUri }, position: hubIdPos };
  lat.prepareRename = await series('prepareRename', () => request('textDocument/prepareRename', posParams), (res) => {
    const range = res.range ?? (res.start ? res : null);
    return { placeholder: res.placeholder ?? null, defaultBehavior: res.defaultBehavior ?? null,
      summary: res.placeholder ? `placeholder "${res.placeholder}"` : range ? `range ${range.start.line + 1}:${range.start.character + 1}-${range.end.character + 1}` : JSON.stringify(res) };
  });
  lat.rename = await series('rename', (k) => request('textDocument/rename', { ...posParams, newName: `${hub.id}-renamed-${k}` }), (res) => {
    const size = editSize(res);
    return { ...size, expectedFiles: expectedRefFiles, ok: size.files >= expectedRefFiles,
      summary: `edit touches ${size.files} files (${size.productFiles} products), ${size.edits} edits; not applied${size.files < expectedRefFiles ? ` (expected ${expectedRefFiles} files) MISSING SOME` : ''}` };
  });

  // Diagnostics after an edit of the hub: didChange, then at once pull the hub and one consumer.
  const purpose = /^ {2}purpose: (.*)$/m.exec(hubText0);
  if (!purpose) throw new Error('hub contract has no description.purpose line');
  const diagRow = await series('diagnostics after edit', async (k) => {
    const m = /^ {2}purpose: (.*)$/m.exec(hubText);
    const startOff = m.index + m[0].indexOf(m[1], '  purpose:'.length);
    const range = { start: posAt(hubText, startOff), end: posAt(hubText, startOff + m[1].length) };
    const newValue = `Edited purpose number ${k} of the hub contract, refreshed daily.`;
    hubText = hubText.slice(0, startOff) + newValue + hubText.slice(startOff + m[1].length);
    hubVersion++;
    const consumer = consumerDocs[k % consumerDocs.length];
    const t0 = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: hubUri, version: hubVersion }, contentChanges: [{ range, text: newValue }] });
    const [a, b] = await Promise.all([pullDiagnostics(hubUri), pullDiagnostics(consumer.uri)]);
    const ms = Math.max(a.end, b.end) - t0;
    const error = a.error ?? b.error;
    return { ms, error, timedOut: a.timedOut || b.timedOut, code: a.code ?? b.code,
      result: a.result == null || b.result == null ? null : { hub: a.result, consumer: b.result, hubMs: a.end - t0, consumerMs: b.end - t0, retries: a.retries + b.retries } };
  }, (res) => ({
    hubItems: res.hub.items?.length ?? null, consumerItems: res.consumer.items?.length ?? null,
    summary: `hub ${res.hub.kind} ${res.hub.items?.length ?? '-'} items, consumer ${res.consumer.kind} ${res.consumer.items?.length ?? '-'} items`,
  }));
  lat.diagnosticsAfterEdit = diagRow;

  // Not budgeted; shown so a reader sees whether they work on the same mesh.
  lat.hover = await series('hover (contractId)', () => request('textDocument/hover', { textDocument: { uri: defDoc.uri }, position: defPos }),
    (res) => ({ summary: `${JSON.stringify(res.contents).length} chars of contents` }));
  lat.codeLens = await series('codeLens (hub)', () => request('textDocument/codeLens', { textDocument: { uri: hubUri } }),
    (res) => ({ lenses: res.length, summary: `${res.length} lenses${res[0]?.command?.title ? `, e.g. "${res[0].command.title}"` : ''}` }));
  report.latency = lat;
  report.memory.end = memory();
  report.serverRequests = serverRequests;
} catch (err) {
  runError = String(err?.message ?? err);
  console.error(`mesh bench: ${runError}`);
} finally {
  if (exited && !runError) runError = `the server exited during the run (${JSON.stringify(exited)}); figures after that are missing`;
  if (child && !exited) {
    await Promise.race([conn.sendRequest('shutdown').catch(() => {}), sleep(5000)]);
    try { conn.sendNotification('exit'); } catch { /* already gone */ }
    await Promise.race([exitP, sleep(5000)]);
    if (!exited) child.kill('SIGKILL');
  }
  conn.dispose();
}
if (runError) {
  report.error = runError;
  report.stderrTail = stderr.slice(-1500);
}

// ---- verdicts and report ----
const lat = report.latency ?? {};
const mem = report.memory ?? {};
const peak = Math.max(mem.afterIndex?.peakMb ?? 0, mem.end?.peakMb ?? 0) || null;
const check = (value, budget, noResult) => (noResult ? 'no result' : value == null ? 'n/a' : value <= budget ? 'ok' : 'OVER BUDGET');
const latencyCheck = (row, budget) => check(row?.p95, budget, !row || row.answered === 0);
const verdicts = {
  coldIndex: { value: report.index?.ms ?? null, budget: `<= ${BUDGETS.coldIndexMs} ms`, verdict: report.index?.ready ? check(report.index.ms, BUDGETS.coldIndexMs) : 'TIMEOUT' },
  references: { value: lat.references?.p95 ?? null, budget: `p95 <= ${BUDGETS.referencesP95Ms} ms`, verdict: latencyCheck(lat.references, BUDGETS.referencesP95Ms) },
  prepareRename: { value: lat.prepareRename?.p95 ?? null, budget: `p95 <= ${BUDGETS.renameP95Ms} ms`, verdict: latencyCheck(lat.prepareRename, BUDGETS.renameP95Ms) },
  rename: { value: lat.rename?.p95 ?? null, budget: `p95 <= ${BUDGETS.renameP95Ms} ms`, verdict: latencyCheck(lat.rename, BUDGETS.renameP95Ms) },
  diagnosticsAfterEdit: { value: lat.diagnosticsAfterEdit?.p95 ?? null, budget: `p95 <= ${BUDGETS.diagnosticsAfterEditP95Ms} ms`, verdict: latencyCheck(lat.diagnosticsAfterEdit, BUDGETS.diagnosticsAfterEditP95Ms) },
  memoryAfterIndex: { value: mem.afterIndex?.rssMb ?? null, budget: `< ${BUDGETS.memoryMb} MB`, verdict: check(mem.afterIndex?.rssMb, BUDGETS.memoryMb - 1e-9) },
  memoryPeak: { value: peak, budget: `< ${BUDGETS.memoryMb} MB`, verdict: check(peak, BUDGETS.memoryMb - 1e-9) },
};
report.verdicts = verdicts;

const f = (x, d = 0) => (typeof x === 'number' ? x.toFixed(d) : '-');
const verdictOf = (key) => verdicts[key]?.verdict ?? '';
console.log(`\nworkspace index: n=${n} (${mesh.files.length} files, ${(mesh.bytes / 1e6).toFixed(1)} MB), hub ${hub.id} with ${hubUse.consumers} consumers`);
console.log('figure                               value          budget           verdict');
const line = (label, value, budget, verdict, note = '') => console.log(`${label.padEnd(37)}${value.padStart(9)}      ${budget.padEnd(17)}${verdict}${note ? `  ${note}` : ''}`);
line('cold index (initialized → ready)', report.index?.ms != null ? `${f(report.index.ms / 1000, 2)} s` : '-', '<= 10 s', verdictOf('coldIndex'),
  report.index?.meshFiles != null ? `${report.index.meshFiles} mesh files indexed` : '');
const fd = report.firstDiagnostics;
line('first diagnostics while indexing', fd ? `${f(fd.ms)} ms` : '-', '-', fd?.error ? `error: ${fd.error}` : '',
  fd ? `${fd.indexRunning == null ? 'index never reported ready' : fd.indexRunning ? 'index still running' : 'index already ready'}`
    + `${fd.indexProgress ? ` (${fd.indexProgress.scanned}/${fd.indexProgress.total} scanned)` : fd.indexState === 'no indexStatus yet' ? ' (no indexStatus yet)' : ''}`
    + `${fd.readyAfterAnswerMs != null ? `, ready ${f(fd.readyAfterAnswerMs)} ms later` : ''}; ${fd.items ?? '-'} items` : '');
line(report.index?.ready === false ? 'memory RSS (index never ready)' : 'memory RSS after index', `${f(mem.afterIndex?.rssMb)} MB`, '< 1024 MB', verdictOf('memoryAfterIndex'));
line('memory peak (VmHWM)', `${f(peak)} MB`, '< 1024 MB', verdictOf('memoryPeak'));

console.log(`\nlatency (ms, ${ITER} timed of ${WARMUP + ITER})    p50     p95     max   budget      verdict     result`);
const latRow = (label, row, budget, key) => {
  if (!row) return console.log(`${label.padEnd(32)}   (not run)`);
  const verdict = key ? verdictOf(key) : row.answered === 0 ? 'no result' : '';
  // The time to an error or a null answer says nothing about the feature: show it as '-' (it stays in the JSON).
  const v = (x) => (row.answered ? f(x, 1) : '-');
  console.log(`${label.padEnd(32)}${v(row.p50).padStart(7)}${v(row.p95).padStart(8)}${v(row.max).padStart(8)}   ${budget.padEnd(12)}${verdict.padEnd(12)}${row.summary ?? ''}`);
};
latRow('definition', lat.definition, '-');
latRow('references', lat.references, '<= 150', 'references');
latRow('prepareRename', lat.prepareRename, '<= 150', 'prepareRename');
latRow('rename', lat.rename, '<= 150', 'rename');
latRow('diagnostics after edit', lat.diagnosticsAfterEdit, '<= 100', 'diagnosticsAfterEdit');
latRow('hover', lat.hover, '-');
latRow('codeLens', lat.codeLens, '-');
if (runError) console.log(`\n${runError}`);

mkdirSync(resolve(opt.out), { recursive: true });
const outFile = join(resolve(opt.out), opt.policy ? 'mesh-policy-latest.json' : 'mesh-latest.json');
writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
console.log(`\nwrote ${outFile}${opt.keep ? `; mesh kept in ${meshDir}` : ''}`);

const over = Object.values(verdicts).some((v) => v.verdict === 'OVER BUDGET' || v.verdict === 'no result');
cleanup();
process.exit(runError ? 2 : opt.strict && over ? 1 : 0);
