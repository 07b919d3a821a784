// `npm run test:e2e`: the packaged extension in a real VS Code workbench (code-server + Chromium).
// Prerequisites: `bash scripts/e2eSetup.sh`. Screenshots: test-results/e2e/. See docs/e2e.md.
// The cases share one workbench and run in order; each leaves the state the next one expects.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSession, timed, timings } from './harness.mjs';
import { TIMEOUT, activeEditor, openFile, problemRows, runCommand, screenshot, showProblems, statusItem, waitForLine } from './workbench.mjs';

const started = performance.now();
let session;
let page;

before(async () => {
  session = await startSession();
  page = session.page;
});

after(async () => {
  await session?.close();
  for (const [label, seconds] of timings) console.log(`# ${label.padEnd(34)} ${seconds.toFixed(1)} s`);
  console.log(`# e2e total ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

/** A test that saves `NN-name.png` when it passes and `NN-name-failed.png` when it fails. */
function check(name, fn) {
  test(name.replace(/^\d+-/, '').replaceAll('-', ' '), { timeout: 3 * TIMEOUT }, async () => {
    let shown;
    try {
      shown = await timed(name, fn); // a check that opens another window returns its page
    } catch (error) {
      await screenshot(page, `${name}-failed`).catch(() => {});
      throw error;
    }
    await screenshot(shown ?? page, name);
  });
}

check('01-extension-activates-on-a-contract', async () => {
  await openFile(page, 'sales/sales-orders-v1.odcs.yaml');
  // The extension appends `server-ready` to DATAMESH_E2E_LOG once its language client has started.
  await waitForLine(page, session.signalFile, 'server-ready');
});

check('02-status-bar-shows-ready', async () => {
  await statusItem(page, 'Data Mesh: ready').waitFor({ timeout: TIMEOUT });
});

check('03-broken-file-shows-its-error', async () => {
  await openFile(page, 'broken/misspelt-key.odcs.yaml');
  await showProblems(page);
  const row = problemRows(page, "Property 'descripton' is not allowed here");
  await row.first().waitFor({ timeout: TIMEOUT });
  const text = await row.first().innerText();
  assert.match(text, /ODCS v3\.1\.0/, 'the source names the standard and version');
  assert.match(text, /schema\/unknown-property/, 'the code names the rule');
  // Clicking the problem reveals its line (the editor renders only the visible lines).
  await row.first().click();
  await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: TIMEOUT });
});

check('04-fixing-the-key-clears-the-error', async () => {
  // The line is revealed (03); fix the key by typing over it, like a user.
  const token = activeEditor(page).locator('.view-line span span', { hasText: /^descripton$/ });
  await token.first().dblclick();
  await page.keyboard.type('description');
  await page.keyboard.press('Escape'); // close a suggestion widget, if typing opened one
  await activeEditor(page).locator('.view-line', { hasText: 'description: Order the returned line' }).waitFor({ timeout: TIMEOUT });
  await problemRows(page, 'descripton').first().waitFor({ state: 'detached', timeout: TIMEOUT });
  await activeEditor(page).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: TIMEOUT });
});

check('05-yaml-outside-the-mesh-gets-no-diagnostics', async () => {
  await openFile(page, 'notes/config.yaml');
  // An absence needs a sync point: a mesh file opened afterwards gets its diagnostics, so the
  // server has seen config.yaml by then (messages on one connection are handled in order).
  await openFile(page, 'broken/duplicate-key.odcs.yaml');
  await problemRows(page, 'duplicate-key.odcs.yaml').first().waitFor({ timeout: TIMEOUT });
  assert.equal(await problemRows(page, 'config.yaml').count(), 0, 'no problems listed for notes/config.yaml');
  await openFile(page, 'notes/config.yaml');
  assert.equal(await activeEditor(page).locator('[class*="squiggly-"]').count(), 0, 'no squiggles in notes/config.yaml');
});

check('06-status-bar-click-shows-the-log', async () => {
  await statusItem(page, 'Data Mesh: ready').click();
  await page.locator('.part.panel .view-line', { hasText: 'Data Mesh language server started.' }).first().waitFor({ timeout: TIMEOUT });
});

check('07-walkthrough-renders', async () => {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Data Mesh' }).first().click();
  for (const title of ['Open the sample mesh', 'Open a data contract', 'See the problems', 'Check the whole mesh']) {
    await page.locator('.getting-started-step', { hasText: title }).first().waitFor({ timeout: TIMEOUT });
  }
  // The first step's markdown (media/walkthrough/sampleMesh.md) renders in a webview.
  const media = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await media.locator('h1', { hasText: 'The sample mesh' }).waitFor({ timeout: TIMEOUT });
});

check('08-open-sample-mesh-command', async () => {
  // The walkthrough's first step: a copy of the shipped examples/ opens in a new window (a tab here).
  const opened = page.context().waitForEvent('page', { timeout: TIMEOUT });
  await runCommand(page, 'Data Mesh: Open Sample Mesh');
  const sample = await opened;
  assert.match(decodeURIComponent(sample.url()), /folder=.*\/globalStorage\/datamesh-authoring\.datamesh-authoring\/sample-mesh/);
  await sample.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken' }).first().waitFor({ timeout: TIMEOUT });
  await statusItem(sample, 'Data Mesh: ready').waitFor({ timeout: TIMEOUT });
  return sample;
});

// Cross-file features come with the mesh-model issue; these cases are written down, not faked.
const MESH_MODEL = 'needs the mesh-model issue (workspace index and cross-file links)';
test('go to definition from an input port to the contract it consumes', { skip: MESH_MODEL });
test('find references of a contract lists its publishing and consuming products', { skip: MESH_MODEL });
test('code lens on a contract shows its consumers', { skip: MESH_MODEL });
test('hover on a contract reference shows its lineage', { skip: MESH_MODEL });
test('status bar shows the mesh size', { skip: 'needs the server to report the mesh size' });
