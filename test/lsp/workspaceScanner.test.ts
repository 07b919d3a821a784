// The workspace scan gives way to the client: documents opened while it runs are left to the editor,
// and a burst of them is handled before the scan goes on, instead of one per slice of scanning.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Analysis, createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { canonicalUri } from '../../server/src/disk/uris';
import { FileFilter } from '../../server/src/disk/fileWalk';
import { type AheadAnalysis, indexFile, scanFolder } from '../../server/src/disk/workspaceScanner';

const T = { timeout: 60_000 };
const FILES = 3000;

function meshFolder(): { dir: string; uris: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'datamesh-scan-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'contracts'));
  const uris: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const path = join(dir, 'contracts', `c${i}.odcs.yaml`);
    writeFileSync(path, `apiVersion: v3.1.0\nkind: DataContract\nid: c${i}\nversion: 1.0.0\nstatus: active\nschema:\n  - name: t${i}\n    properties:\n      - name: id\n`);
    uris.push(pathToFileURL(path).href);
  }
  return { dir, uris };
}

/** A service that counts the files read from disk. */
function countingService(): { service: LanguageService; read: Set<string> } {
  const service = createLanguageService({ canonicalUri });
  const read = new Set<string>();
  const setFileText = service.setFileText.bind(service);
  service.setFileText = (uri, text) => (read.add(uri), setFileText(uri, text));
  return { service, read };
}

test('documents opened in a burst while the scan runs are handled first, and not read from disk', T, async () => {
  const { dir, uris } = meshFolder();
  const { service, read } = countingService();
  const open = new Set<string>();
  let lastOpenedAt = -Infinity;
  let handledWhileScanning = 0;
  let scanning = true;
  // Like the LSP connection: one message per turn of the event loop, starting once the scan has begun.
  const burst = uris.slice(FILES / 2);
  const client = new Promise<void>((resolve) => {
    const next = () => {
      const uri = burst.shift();
      if (!uri) return resolve();
      open.add(uri);
      lastOpenedAt = performance.now();
      if (scanning) handledWhileScanning++;
      setImmediate(next);
    };
    setTimeout(next, 5);
  });
  await scanFolder(service, pathToFileURL(dir).href, new FileFilter(dir, []), () => {}, {
    isCancelled: () => false,
    isOpen: (uri) => open.has(uri),
    clientActiveSince: (time) => lastOpenedAt >= time,
  });
  scanning = false;
  await client;
  // Every document of the burst was handled while the scan was still running...
  assert.equal(handledWhileScanning, FILES / 2);
  // ...and the scan left (nearly) all of them to the editor: it only read those it reached before they opened.
  const openedButRead = uris.slice(FILES / 2).filter((uri) => read.has(uri)).length;
  assert.ok(openedButRead < FILES / 20, `${openedButRead} of ${FILES / 2} opened files were read from disk as well`);
  // Every file not opened is in the index, and those read before they opened.
  assert.equal(service.meshFileCount, FILES / 2 + openedButRead);
});

test('without client activity the scan does not wait', T, async () => {
  const { dir, uris } = meshFolder();
  const { service, read } = countingService();
  let asked = 0;
  await scanFolder(service, pathToFileURL(dir).href, new FileFilter(dir, []), () => {}, {
    isCancelled: () => false,
    isOpen: () => false,
    clientActiveSince: () => (asked++, false),
  });
  assert.equal(read.size, uris.length);
  assert.equal(service.meshFileCount, FILES);
  assert.ok(asked > 0, 'the scan yields between slices');
});

/**
 * The worker's part, on this thread: each text analyzed by another service, answered once released.
 * The scan's own files are analyzed in full too while `room` lasts (`kept`).
 */
function aheadOnThisThread(room = 0): { ahead: AheadAnalysis; handed: string[]; kept: Map<string, Analysis>; release: () => void } {
  const analyzer = createLanguageService({ canonicalUri });
  const handed: string[] = [];
  const kept = new Map<string, Analysis>();
  let release = () => {};
  const hold = new Promise<void>((resolve) => (release = resolve));
  const ahead: AheadAnalysis = {
    analyzeAhead: async (text, fileName, uri) => {
      handed.push(uri);
      await hold;
      return JSON.parse(JSON.stringify(analyzer.analyze(text, fileName, uri))) as Analysis;
    },
    hasRoomAhead: () => kept.size < room,
    keepAhead: (_text, uri, analysis) => kept.set(uri, analysis),
  };
  return { ahead, handed, kept, release };
}

const indexOf = (service: LanguageService) => JSON.stringify(service.meshFiles().sort().map((uri) => service.indexedFacts(uri)));

test('shared with the worker: it takes files from the end, and the index is the one a scan alone makes', T, async () => {
  const { dir } = meshFolder();
  const alone = createLanguageService({ canonicalUri });
  const options = { isCancelled: () => false, isOpen: () => false, clientActiveSince: () => false };
  await scanFolder(alone, pathToFileURL(dir).href, new FileFilter(dir, []), () => {}, options);
  const { service, read } = countingService();
  const { ahead, handed, kept, release } = aheadOnThisThread(100);
  setTimeout(release, 20);
  // An editor that has opened documents: the scan's own files are analyzed in full while there is room.
  await scanFolder(service, pathToFileURL(dir).href, new FileFilter(dir, []), () => {}, { ...options, ahead, clientHasOpened: () => true });
  assert.ok(handed.length > 0 && read.size > 0, `${handed.length} files handed, ${read.size} read here`);
  // Each file was read once, there, here in full (while there was room), or here for its facts.
  assert.equal(kept.size, 100);
  assert.equal(handed.length + kept.size + read.size, FILES);
  assert.ok(handed.every((uri) => !read.has(uri) && !kept.has(uri)));
  assert.equal(indexOf(service), indexOf(alone));
  // What this thread analyzed in full is what the index holds.
  for (const [uri, analysis] of kept) assert.equal(service.indexedFacts(uri), analysis.facts);
});

test('shared with the worker, before the editor opened anything: this thread reads only facts', T, async () => {
  const { dir } = meshFolder();
  const { service, read } = countingService();
  const { ahead, handed, kept, release } = aheadOnThisThread(100);
  release();
  await scanFolder(service, pathToFileURL(dir).href, new FileFilter(dir, []), () => {}, { isCancelled: () => false, isOpen: () => false, clientActiveSince: () => false, ahead, clientHasOpened: () => false });
  assert.equal(kept.size, 0);
  assert.equal(handed.length + read.size, FILES);
});

test('shared with the worker: a file changed on disk meanwhile is read again, and an opened one is left to the editor', T, async () => {
  const { dir, uris } = meshFolder();
  const { service } = countingService();
  const { ahead, handed, release } = aheadOnThisThread();
  const open = new Set<string>();
  let eventsAt = -Infinity;
  const scan = scanFolder(service, pathToFileURL(dir).href, new FileFilter(dir, []), () => {}, {
    isCancelled: () => false,
    isOpen: (uri) => open.has(uri),
    clientActiveSince: () => false,
    ahead,
    fileEventsSince: (time) => eventsAt >= time,
  });
  while (handed.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
  const [changed, opened] = handed;
  assert.ok(changed && opened, 'files were handed to the worker');
  // While the worker has them: one changes on disk (the file event indexes it at once), one opens.
  writeFileSync(new URL(changed), `apiVersion: v3.1.0\nkind: DataContract\nid: renamed\nversion: 1.0.0\nstatus: active\n`);
  eventsAt = performance.now();
  indexFile(service, changed);
  open.add(opened);
  release();
  await scan;
  assert.deepEqual(service.indexedFacts(changed)?.entities.map((e) => e.name), ['renamed']);
  assert.equal(service.indexedFacts(opened), undefined);
  assert.equal(service.meshFileCount, uris.length - 1);
});
