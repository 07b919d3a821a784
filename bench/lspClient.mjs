// Tiny LSP driver for the benchmark: spawn a server over stdio, initialize,
// optionally push settings, warm up on deliberately broken documents, open
// every file as fast as possible and time until each has final diagnostics.
import { spawnServer } from './serverLaunch.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const uriOf = (path) => pathToFileURL(path).href;

/** Peak resident set (VmHWM) of a live process, in MB; null off Linux. */
function peakMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system, ms) of each thread of a live process, by thread id; null off Linux. The
 * main thread's id is the process id; the others are the analysis worker, V8's helpers (concurrent
 * compilation and garbage collection) and libuv's pool.
 */
function cpuByThread(pid) {
  try {
    const ms = {};
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime (fields 14 and 15 of stat(5)), in clock ticks of 10 ms.
      ms[tid] = (Number(fields[11]) + Number(fields[12])) * 10;
    }
    return ms;
  } catch {
    return null;
  }
}

/** Poll `cond` every few ms until true or `ms` elapse; returns whether it held. */
async function until(cond, ms) {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) return false;
    await sleep(5);
  }
  return true;
}

/**
 * @param {object} o
 * @param {string} o.bin         the server script, started as `bench/serverLaunch.mjs` says
 * @param {string[]} o.args        its arguments (`--stdio`)
 * @param {string} o.rootDir       workspace folder
 * @param {string[]} o.files       files to open and time
 * @param {string[]} o.warmup      broken files (outside rootDir) that must get >=1 diagnostic first
 * @param {object} [o.settings]    settings tree: pushed via didChangeConfiguration and served to workspace/configuration
 * @param {number} [o.timeoutMs]   give up waiting for diagnostics after this long
 * @param {number} [o.quietMs]     after every file has diagnostics, wait this long with no new publish
 * @param {number} [o.stallMs]     give up early if publishing stops for this long with files still lacking diagnostics
 * @param {{ method: string, test: (params: any) => boolean }} [o.ready]  a notification after which the
 *        server publishes its final findings (ours: the index is ready, and cross-file findings follow):
 *        only publications after it count, so an early round without them is not taken for the result
 */
export async function measureServer({
  bin, args, cwd, rootDir, files, warmup = [], settings = {}, timeoutMs = 600_000, quietMs = 1500, stallMs = 60_000, ready,
}) {
  const tSpawn = performance.now();
  const child = spawnServer(bin, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  let exited = null;
  const exitP = new Promise((r) => child.on('exit', (code, signal) => { exited = { code, signal }; r(); }));

  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  // Latest diagnostics per uri, and when they arrived.
  const diags = new Map();
  const lastAt = new Map();
  let lastPublish = 0;
  // Without `ready`, every publication counts; with it, those before the notification are dropped.
  let readyAt = ready ? Infinity : 0;
  conn.onNotification('textDocument/publishDiagnostics', ({ uri, diagnostics }) => {
    const now = performance.now();
    diags.set(uri, diagnostics);
    if (now < readyAt) lastAt.delete(uri);
    else lastAt.set(uri, now);
    lastPublish = now;
  });
  if (ready) {
    conn.onNotification(ready.method, (params) => {
      if (readyAt === Infinity && ready.test(params)) readyAt = performance.now();
    });
  }
  const section = (name) => (name ? name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), settings) ?? null : settings);
  conn.onRequest('workspace/configuration', ({ items }) => items.map((i) => section(i.section)));
  // registerCapability, workDoneProgress/create, …: acknowledge and move on.
  conn.onRequest(() => null);
  conn.onNotification(() => {});
  conn.listen();

  const rootUri = uriOf(rootDir);
  const result = { files: files.length };
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      rootPath: rootDir,
      workspaceFolders: [{ uri: rootUri, name: 'mesh' }],
      // No textDocument.diagnostic: servers must push publishDiagnostics.
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    });
    conn.sendNotification('initialized', {});
    conn.sendNotification('workspace/didChangeConfiguration', { settings });
    result.initMs = performance.now() - tSpawn;

    // Warm-up doubles as a sanity check: a server that reports nothing for a
    // broken file is not validating, and its timings would be meaningless.
    const tWarm = performance.now();
    const warmUris = warmup.map(uriOf);
    warmup.forEach((path, k) => conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: warmUris[k], languageId: 'yaml', version: 1, text: readFileSync(path, 'utf8') },
    }));
    const warmOk = await until(() => warmUris.every((u) => diags.get(u)?.length > 0), 60_000);
    result.warmupMs = performance.now() - tWarm;
    result.sanity = warmUris.map((u) => ({
      file: u.split('/').pop(),
      diagnostics: diags.get(u)?.length ?? null,
      sample: (diags.get(u) ?? []).slice(0, 3).map((d) => d.message),
    }));
    result.sanityOk = warmOk;
    warmUris.forEach((uri) => conn.sendNotification('textDocument/didClose', { textDocument: { uri } }));
    await sleep(200);

    // Read every file before the clock starts: we time the server, not the disk.
    const docs = files.map((path) => ({ uri: uriOf(path), text: readFileSync(path, 'utf8') }));
    const want = new Set(docs.map((d) => d.uri));
    diags.clear();
    lastAt.clear();
    const cpuBefore = cpuByThread(child.pid);
    const clientBefore = process.cpuUsage();
    const t0 = performance.now();
    for (const { uri, text } of docs) {
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    }
    result.sendMs = performance.now() - t0;
    const covered = () => { let c = 0; for (const u of want) if (lastAt.has(u)) c++; return c; };
    // Stalled: some files got diagnostics but then nothing at all for stallMs (a file that never gets any).
    const stalled = () => lastPublish > t0 && performance.now() - lastPublish > stallMs;
    const allSeen = await until(() => covered() === want.size || exited || stalled(), timeoutMs);
    result.firstMs = performance.now() - t0;
    // Negative when the index was ready before the documents were opened.
    if (ready) result.readyMs = readyAt - t0;
    if (!allSeen || exited || covered() < want.size) {
      result.timedOut = !exited && !stalled();
      result.stalled = !exited && stalled();
      result.crashed = exited;
      result.covered = covered();
      result.missing = [...want].filter((u) => !lastAt.has(u)).slice(0, 5).map((u) => u.slice(rootUri.length + 1));
    } else {
      // Some servers publish an early set and then the real one; wait until publishing goes quiet
      // and time to the last publish for any of our files (the quiet wait itself is not counted).
      await until(() => performance.now() - lastPublish >= quietMs, timeoutMs);
      let last = 0;
      for (const u of want) last = Math.max(last, lastAt.get(u));
      result.ms = last - t0;
      // Where the CPU went from the first didOpen to now (the quiet wait adds next to nothing).
      const cpuAfter = cpuByThread(child.pid);
      if (cpuBefore && cpuAfter) {
        const spent = (tid) => cpuAfter[tid] - (cpuBefore[tid] ?? 0);
        const others = Object.keys(cpuAfter).filter((tid) => tid !== String(child.pid));
        const client = process.cpuUsage(clientBefore);
        result.cpuMs = { main: spent(String(child.pid)), otherThreads: others.reduce((sum, tid) => sum + spent(tid), 0), client: Math.round((client.user + client.system) / 1000) };
      }
      result.spawnToDoneMs = last - tSpawn;
    }
    let count = 0;
    const samples = [];
    for (const u of want) {
      const list = diags.get(u) ?? [];
      count += list.length;
      for (const d of list) if (samples.length < 5) samples.push(`${u.slice(rootUri.length + 1)}:${d.range.start.line + 1}: ${d.message}`);
    }
    result.diagnostics = count;
    result.filesWithDiagnostics = [...want].filter((u) => diags.get(u)?.length).length;
    result.sample = samples;
    result.peakMb = peakMb(child.pid);
  } catch (err) {
    result.error = String(err?.message ?? err);
  } finally {
    if (!exited) {
      await Promise.race([conn.sendRequest('shutdown').catch(() => {}), sleep(5000)]);
      try { conn.sendNotification('exit'); } catch { /* already gone */ }
      await Promise.race([exitP, sleep(5000)]);
      if (!exited) child.kill('SIGKILL');
    }
    conn.dispose();
    if (result.error || result.crashed || result.timedOut || result.stalled) result.stderrTail = stderr.slice(-1500);
  }
  return result;
}
