// The workspace scan gives way to the client: documents opened while it runs are left to the editor,
// and a burst of them is handled before the scan goes on, instead of one per slice of scanning.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { canonicalUri } from '../../server/src/disk/uris';
import { FileFilter } from '../../server/src/disk/fileWalk';
import { scanFolder } from '../../server/src/disk/workspaceScanner';

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
