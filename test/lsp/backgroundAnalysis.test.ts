// The analysis worker (dist/analysisWorker.js) gives what the main thread would compute, and a worker
// that cannot start or dies makes its callers compute on the main thread instead of waiting forever.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { BackgroundAnalysis, type BackgroundResult, STOPPED } from '../../server/src/backgroundAnalysis';
import { createLanguageService } from '../../server/src/core/languageService';
import { canonicalUri } from '../../server/src/uris';
import { repoRoot } from '../support/lspClient';

const T = { timeout: 20_000 };
const WORKER = join(repoRoot, 'dist', 'analysisWorker.js');
const service = createLanguageService(undefined, canonicalUri);

/** What the main thread computes, as it arrives through JSON. */
function onMainThread(text: string, file: string, uri: string) {
  const { isMesh, diagnostics, facts } = service.analyze(text, file, uri);
  return JSON.parse(JSON.stringify({ isMesh, diagnostics, facts })) as unknown;
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
    const results = (await Promise.all(texts.map((text, i) => background.analyze(text, `/m/c${i}.odcs.yaml`, `file:///m/c${i}.odcs.yaml`)))) as (BackgroundResult | undefined)[];
    results.forEach((result, i) => {
      assert.deepEqual(result?.facts.entities.map((e) => e.name), [`c${i}`]);
      assert.deepEqual(result?.diagnostics.map((d) => d.code), i % 2 ? [] : ['schema/unknown-status']);
    });
    assert.deepEqual(logged, []);
  });
});

describe('without a working analysis worker', () => {
  test('a worker script that cannot be loaded: every caller gets undefined, and it is not started forever', T, async () => {
    const logged: string[] = [];
    const background = new BackgroundAnalysis(join(scratch(), 'missing.js'), (message) => logged.push(message));
    for (let i = 0; i < 5; i++) assert.equal(await background.analyze('kind: DataContract\n', '/m/x.odcs.yaml', 'file:///m/x.odcs.yaml'), undefined);
    assert.ok(logged.length >= 1 && logged.length <= 3, logged.join('\n'));
    await background.dispose();
  });

  test('a worker that dies on a job: the waiting callers get undefined, and the next job starts a new worker', T, async () => {
    const dir = scratch();
    const script = join(dir, 'dies.js');
    // Answers the first job, then dies on the second.
    writeFileSync(script, "const { parentPort } = require('node:worker_threads');\nlet n = 0;\nparentPort.on('message', (job) => { if (++n > 1) process.exit(1); parentPort.postMessage({ id: job.id, json: JSON.stringify({ isMesh: false, diagnostics: [], facts: null }) }); });\n");
    const background = new BackgroundAnalysis(script, () => {});
    const first = (await background.analyze('a: 1\n', '/m/a.yaml', 'file:///m/a.yaml')) as BackgroundResult | undefined;
    assert.equal(first?.isMesh, false);
    const [second, third] = await Promise.all([background.analyze('b: 1\n', '/m/b.yaml', 'file:///m/b.yaml'), background.analyze('c: 1\n', '/m/c.yaml', 'file:///m/c.yaml')]);
    assert.deepEqual([second, third], [undefined, undefined]);
    // A new worker answers again.
    assert.equal(((await background.analyze('d: 1\n', '/m/d.yaml', 'file:///m/d.yaml')) as BackgroundResult | undefined)?.isMesh, false);
    await background.dispose();
  });

  test('a job that throws on the worker is answered undefined and logged; the worker goes on', T, async () => {
    const dir = scratch();
    const script = join(dir, 'throws.js');
    writeFileSync(script, "const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (job) => parentPort.postMessage(job.text === 'bad' ? { id: job.id, error: 'no' } : { id: job.id, json: JSON.stringify({ isMesh: true, diagnostics: [], facts: null }) }));\n");
    const logged: string[] = [];
    const background = new BackgroundAnalysis(script, (message) => logged.push(message));
    assert.equal(await background.analyze('bad', '/m/a.yaml', 'file:///m/a.yaml'), undefined);
    assert.equal(((await background.analyze('good', '/m/a.yaml', 'file:///m/a.yaml')) as BackgroundResult | undefined)?.isMesh, true);
    assert.match(logged.join('\n'), /failed: no/);
    await background.dispose();
  });

  test('a job past the time limit is stopped; the jobs queued behind it go to a new worker', T, async () => {
    const dir = scratch();
    const script = join(dir, 'hangs.js');
    writeFileSync(script, "const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (job) => { if (job.text === 'hang') for (;;); parentPort.postMessage({ id: job.id, json: JSON.stringify({ isMesh: true, diagnostics: [], facts: null }) }); });\n");
    const logged: string[] = [];
    const background = new BackgroundAnalysis(script, (message) => logged.push(message), 300);
    const [stuck, behind] = await Promise.all([background.analyze('hang', '/m/a.yaml', 'file:///m/a.yaml'), background.analyze('fine', '/m/b.yaml', 'file:///m/b.yaml')]);
    assert.equal(stuck, STOPPED);
    assert.equal((behind as BackgroundResult | undefined)?.isMesh, true);
    assert.match(logged.join('\n'), /file:\/\/\/m\/a\.yaml took longer than 0 s; it was stopped/);
    // Stopping a job does not use up the worker's starts.
    for (let i = 0; i < 4; i++) assert.equal(await background.analyze('hang', '/m/a.yaml', 'file:///m/a.yaml'), STOPPED);
    assert.equal(((await background.analyze('fine', '/m/b.yaml', 'file:///m/b.yaml')) as BackgroundResult | undefined)?.isMesh, true);
    await background.dispose();
  });

  test('disposing answers the waiting callers', T, async () => {
    const dir = scratch();
    const script = join(dir, 'silent.js');
    writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => {});\n");
    const background = new BackgroundAnalysis(script, () => {});
    const waiting = background.analyze('a: 1\n', '/m/a.yaml', 'file:///m/a.yaml');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await background.dispose();
    assert.equal(await waiting, undefined);
  });
});
