// The index cache (disk/indexCache.ts) is written to `<cache>.<pid>.tmp`, then renamed. A server
// killed while writing leaves its temporary file behind; the next save deletes it, unless the
// server that wrote it is still running (another window on the same workspace).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadIndexCache, saveIndexCache } from '../../server/src/disk/indexCache';

/** The pid of a process that has ended (pids are not reused that soon). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

function storageFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'datamesh-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('saving the index cache deletes the temporary file of a dead server and keeps that of a running one', async () => {
  const dir = storageFolder();
  const cache = join(dir, 'mesh-index.json');
  const dead = deadPid();
  const alive = process.ppid; // the test runner, running for as long as this test
  writeFileSync(`${cache}.${dead}.tmp`, 'half a cache');
  writeFileSync(`${cache}.${alive}.tmp`, 'being written');
  writeFileSync(join(dir, 'other.json.1.tmp'), 'not ours');

  const files = new Map([['file:///w/a.odcs.yaml', { mtimeMs: 1, size: 2, facts: null }]]);
  await saveIndexCache(cache, files);

  assert.deepEqual(readdirSync(dir).sort(), ['mesh-index.json', `mesh-index.json.${alive}.tmp`, 'other.json.1.tmp'].sort());
  assert.deepEqual(await loadIndexCache(cache), files);
});
