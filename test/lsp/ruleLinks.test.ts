// A governance finding's code links to its rule page (LSP codeDescription): the page shipped beside
// dist/server.js, as a file URI that exists, so clicking the code in the Problems panel opens it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IndexStatus } from '../../protocol/protocol';
import { copyToTemp, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 30_000 };
const { dir, uri: root } = copyToTemp(join(repoRoot, 'examples'));
const server = startServer();

before(async () => {
  await server.initialize(root);
  await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready', 20_000);
}, T);

test('the code of a governance finding links to its rule page on disk', T, async () => {
  const file = join(dir, 'customer', 'customer-360-v1.odcs.yaml');
  const uri = pathToFileURL(file).href;
  await server.open(uri, readFileSync(file, 'utf8'));
  const { diagnostics } = await server.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('governance/')));
  const governed = diagnostics.filter((d) => String(d.code).startsWith('governance/'));
  assert.ok(governed.some((d) => d.code === 'governance/sla/required-properties'), JSON.stringify(governed));
  for (const d of governed) {
    const href = d.codeDescription?.href;
    assert.ok(href?.startsWith('file://'), `${String(d.code)}: ${href}`);
    assert.equal(href, pathToFileURL(join(repoRoot, 'docs', 'rules', `${String(d.code).slice('governance/'.length)}.md`)).href);
    assert.ok(existsSync(fileURLToPath(href)), href);
  }
  // Other findings have no page of their own, so no link.
  assert.ok(diagnostics.filter((d) => !String(d.code).startsWith('governance/')).every((d) => d.codeDescription === undefined));
});
