// Push mode: a publish carries the version its diagnostics were computed for, and the result for a
// version that is no longer current is dropped, so the editor never shows one version's findings
// against another version's text.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { contractOfSize } from '../support/generated';
import { startServer } from '../support/lspClient';
import { quiet } from '../support/serverFuzz';

const T = { timeout: 20_000 };
// The server validates an edited document after a pause in typing this long (pushDiagnostics.ts).
const DEBOUNCE_MS = 200;
// Big enough that analysing a version takes a few hundred milliseconds, so a newer version arrives while it runs.
const CONTRACT_BYTES = 500_000;

const MISTAKE_A = 'descripton: first mistake\n';
const MISTAKE_B = 'tagz: [second mistake]\n';
const mentions = (p: PublishDiagnosticsParams, key: string) => p.diagnostics.some((d) => d.message.includes(`'${key}'`));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('stale push diagnostics', () => {
  const server = startServer();
  before(() => server.initialize(null), T);

  test('a version edited again while its analysis runs is never published with the newer text’s findings; the last publish is the newest version', T, async () => {
    const uri = 'file:///stale-push/big.odcs.yaml';
    const base = contractOfSize(CONTRACT_BYTES);
    const opened = performance.now();
    await server.open(uri, base, 1);
    await server.waitForDiagnostics(uri, (p) => p.version === 1);
    const analysisMs = performance.now() - opened;

    await server.change(uri, base + MISTAKE_A, 2);
    // A sleep, not an event: the analysis of version 2 must have started (the debounce passed) and
    // still be running when version 3 arrives; nothing the server sends marks that moment.
    await sleep(DEBOUNCE_MS + 30);
    await server.change(uri, base + MISTAKE_B, 3);
    await server.waitForDiagnostics(uri, (p) => p.version === 3 && mentions(p, 'tagz'));
    // Whatever comes after the version 3 push would come within the time of one analysis.
    await quiet(server, Math.max(500, analysisMs), 10_000);

    const pushes = server.published(uri);
    const show = pushes.map((p) => `v${p.version}: ${p.diagnostics.map((d) => d.code).join(', ') || 'none'}`).join('\n');
    for (const push of pushes) {
      assert.equal(typeof push.version, 'number', `a push without a version:\n${show}`);
      if (push.version === 2) assert.ok(!mentions(push, 'tagz') && mentions(push, 'descripton'), `version 2 was published with other findings than its own:\n${show}`);
      if (push.version === 1) assert.deepEqual(push.diagnostics, [], show);
    }
    const last = pushes.at(-1)!;
    assert.equal(last.version, 3, `the last push is not of the current version:\n${show}`);
    assert.ok(mentions(last, 'tagz') && !mentions(last, 'descripton'), show);
    assert.ok(analysisMs > 100, `the contract was analysed in ${Math.round(analysisMs)} ms: too fast for the race to happen`);
  });
});
