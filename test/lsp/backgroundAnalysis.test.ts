// The analysis worker (dist/analysisWorker.js) gives what the main thread would compute, and a worker
// that cannot start or dies makes its callers compute on the main thread instead of waiting forever.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { AHEAD_DEPTH, BackgroundAnalysis, STOPPED } from '../../server/src/analysis/backgroundAnalysis';
import { type Analysis, createLanguageService } from '../../server/src/core/languageService';
import { canonicalUri } from '../../server/src/disk/uris';
import { repoRoot } from '../support/lspClient';

const T = { timeout: 20_000 };
const WORKER = join(repoRoot, 'dist', 'analysisWorker.js');
const service = createLanguageService({ canonicalUri });

/** What the main thread computes, as it arrives through JSON. */
function onMainThread(text: string, file: string, uri: string) {
  return JSON.parse(JSON.stringify(service.analyze(text, file, uri))) as unknown;
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'datamesh-worker-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the analysis worker', () => {
  const logged: string[] = [];
  const background = new BackgroundAnalysis(WORKER, (message) => logged.push(message));
  after(() => background.dispose());

  for (const file of ['sales/sales-orders-v1.odcs.yaml', 'customer/customer-360.odps.yaml', 'broken/misspelt-key.odcs.yaml', 'broken/duplicate-key.odcs.yaml', 'broken/bad-indentation.odcs.yaml', 'glossary.yaml']) {
    test(`gives what the main thread computes: ${file}`, T, async () => {
      const path = join(repoRoot, 'examples', file);
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).href;
      assert.deepEqual(await background.analyze(text, path, uri), onMainThread(text, path, uri));
    });
  }

  test('answers many documents at once, each with its own result', T, async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `apiVersion: v3.1.0\nkind: DataContract\nid: c${i}\nversion: 1.0.0\nstatus: ${i % 2 ? 'active' : 'actve'}\n`);
    const results = (await Promise.all(texts.map((text, i) => background.analyze(text, `/m/c${i}.odcs.yaml`, `file:///m/c${i}.odcs.yaml`)))) as (Analysis | undefined)[];
    results.forEach((result, i) => {
      assert.deepEqual(result?.facts.entities.map((e) => e.name), [`c${i}`]);
      assert.deepEqual(result?.diagnostics.map((d) => d.code), i % 2 ? [] : ['schema/unknown-status']);
    });
    assert.deepEqual(logged, []);
  });
});

/** A stand-in worker: `onJob` is the body of its message handler, with `job` and `answer(isMesh)` in scope. */
function fakeWorker(onJob: string): string {
  const script = join(scratch(), 'worker.js');
  const answer = 'const answer = (isMesh) => parentPort.postMessage({ id: job.id, json: JSON.stringify({ isMesh, diagnostics: [], facts: null }) });';
  writeFileSync(script, `const { parentPort } = require('node:worker_threads');\nlet jobs = 0;\nparentPort.on('message', (job) => { jobs++; ${answer} ${onJob} });\n`);
  return script;
}

/** Analyzes a one-line file named `name`; what the worker said of it, or undefined. */
async function isMesh(background: BackgroundAnalysis, name: string, text = `${name}: 1\n`): Promise<boolean | number | typeof STOPPED | undefined> {
  const result = await background.analyze(text, `/m/${name}.yaml`, `file:///m/${name}.yaml`);
  return result === STOPPED ? result : result?.isMesh;
}

describe('without a working analysis worker', () => {
  test('a worker script that cannot be loaded: every caller gets undefined, and it is not started forever', T, async () => {
    const logged: string[] = [];
    const background = new BackgroundAnalysis(join(scratch(), 'missing.js'), (message) => logged.push(message));
    for (let i = 0; i < 5; i++) assert.equal(await isMesh(background, 'x'), undefined);
    assert.ok(logged.length >= 1 && logged.length <= 3, logged.join('\n'));
    await background.dispose();
  });

  test('a worker that dies on a job: the waiting callers get undefined, and the next job starts a new worker', T, async () => {
    const background = new BackgroundAnalysis(fakeWorker('if (jobs > 1) process.exit(1); answer(false);'), () => {});
    assert.equal(await isMesh(background, 'a'), false);
    assert.deepEqual(await Promise.all([isMesh(background, 'b'), isMesh(background, 'c')]), [undefined, undefined]);
    assert.equal(await isMesh(background, 'd'), false);
    await background.dispose();
  });

  test('a job that throws on the worker is answered undefined and logged; the worker goes on', T, async () => {
    const logged: string[] = [];
    const background = new BackgroundAnalysis(fakeWorker("if (job.text === 'bad') parentPort.postMessage({ id: job.id, error: 'no' }); else answer(true);"), (message) => logged.push(message));
    assert.equal(await isMesh(background, 'a', 'bad'), undefined);
    assert.equal(await isMesh(background, 'a'), true);
    assert.match(logged.join('\n'), /failed: no/);
    await background.dispose();
  });

  test('a job past the time limit is stopped; the jobs queued behind it go to a new worker', T, async () => {
    const logged: string[] = [];
    const background = new BackgroundAnalysis(fakeWorker("if (job.text === 'hang') for (;;); answer(true);"), (message) => logged.push(message), 300);
    assert.deepEqual(await Promise.all([isMesh(background, 'a', 'hang'), isMesh(background, 'b')]), [STOPPED, true]);
    assert.match(logged.join('\n'), /file:\/\/\/m\/a\.yaml took longer than 0 s; it was stopped/);
    // Stopping a job does not use up the worker's starts.
    for (let i = 0; i < 4; i++) assert.equal(await isMesh(background, 'a', 'hang'), STOPPED);
    assert.equal(await isMesh(background, 'b'), true);
    await background.dispose();
  });

  test('a file analyzed ahead is not analyzed again when it opens with the same text', T, async () => {
    // The stand-in worker answers with the number of jobs it has had, in `isMesh`.
    const background = new BackgroundAnalysis(fakeWorker('answer(jobs);'), () => {});
    void background.analyzeAhead('a: 1\n', '/m/a.yaml', 'file:///m/a.yaml');
    void background.analyzeAhead('b: 1\n', '/m/b.yaml', 'file:///m/b.yaml');
    // b opens while its job may still be queued or under way, a once it is done: no new job for either.
    assert.equal(await isMesh(background, 'b'), 2);
    assert.equal(await isMesh(background, 'a'), 1);
    // What was analyzed ahead serves one opening; another text of the file is a job of its own.
    void background.analyzeAhead('c: 1\n', '/m/c.yaml', 'file:///m/c.yaml');
    assert.equal(await isMesh(background, 'c', 'c: 2\n'), 4);
    assert.equal(await isMesh(background, 'a'), 5);
    // One the main thread made (the scan's own share) serves the same way.
    assert.ok(background.hasRoomAhead(5));
    background.keepAhead('d: 1\n', 'file:///m/d.yaml', { isMesh: 'made here' as unknown as boolean, diagnostics: [], facts: { uri: 'file:///m/d.yaml', standards: [], entities: [], links: [] } });
    assert.equal(await isMesh(background, 'd'), 'made here');
    assert.equal(await isMesh(background, 'd'), 6);
    await background.dispose();
  });

  test('a document anybody waits for goes before the files analyzed ahead', T, async () => {
    const background = new BackgroundAnalysis(fakeWorker('answer(jobs);'), () => {});
    for (let i = 0; i < 2 * AHEAD_DEPTH; i++) void background.analyzeAhead(`f${i}: 1\n`, `/m/f${i}.yaml`, `file:///m/f${i}.yaml`);
    // Behind at most those already posted, not behind all of them.
    const position = await isMesh(background, 'open');
    assert.ok(typeof position === 'number' && position <= AHEAD_DEPTH + 1, `the document was job ${position}`);
    await background.dispose();
  });

  test('disposing answers the waiting callers', T, async () => {
    const background = new BackgroundAnalysis(fakeWorker(''), () => {});
    const waiting = isMesh(background, 'a');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await background.dispose();
    assert.equal(await waiting, undefined);
  });
});
