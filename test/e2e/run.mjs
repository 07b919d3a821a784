// `npm run test:e2e`: the packaged extension in a real VS Code workbench (code-server + Chromium).
// Prerequisites: `bash scripts/e2eSetup.sh`. Screenshots: test-results/e2e/. See docs/e2e.md.
// The cases share one workbench and run in order; each leaves the state the next one expects.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO } from '../../scripts/codeServer.mjs';
import { startSession, timed, timings } from './harness.mjs';
import {
  TIMEOUT, activeEditor, activeTab, codeLens, cursorAt, goToLine, hover, hoverWidget, openFile, peek, peekFiles, problemRows, runCommand, screenshot,
  showProblems, statusItem, tab, token, waitForFile, waitForLine,
} from './workbench.mjs';

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

// Cross-file features: the workspace index and the links between products and contracts.
// Every YAML file of examples/ follows one of the standards (`datamesh check examples` says
// "27 data-mesh files"); notes/config.yaml is not one.
const MESH_FILES = 27;
const PRODUCT = 'sales/sales-revenue.odps.yaml';
const CONTRACT = 'sales/sales-orders-v1.odcs.yaml';
// Products that consume sales-orders-v1 through an input port; sales-orders.odps.yaml publishes it.
const CONSUMERS = ['sales-revenue.odps.yaml', 'customer-360.odps.yaml', 'logistics-shipments.odps.yaml'];
/** Code lenses push lines down as they arrive: wait for them before clicking a token. */
const linesSettled = (page) => codeLens(page, 'upstream').first().waitFor({ timeout: TIMEOUT });
/** The 1-based number of the first line of a workspace file that matches `pattern`. */
function lineOf(relPath, pattern) {
  const index = readFileSync(join(session.ws, relPath), 'utf8').split('\n').findIndex((line) => pattern.test(line));
  assert.notEqual(index, -1, `${relPath} has a line matching ${pattern}`);
  return index + 1;
}

check('09-status-bar-shows-the-mesh-size', async () => {
  await page.bringToFront(); // 08 left the sample mesh's window in front
  // "ready" alone shows before the first index report; "ready · N files" only once the index is built,
  // so this is also the sync point for the cross-file cases below.
  const item = statusItem(page, /Data Mesh: ready · \d+ files/);
  await item.waitFor({ timeout: TIMEOUT });
  assert.match(await item.innerText(), new RegExp(`Data Mesh: ready · ${MESH_FILES} files`));
});

check('10-go-to-definition-from-an-input-port', async () => {
  await openFile(page, PRODUCT);
  await linesSettled(page);
  await goToLine(page, lineOf(PRODUCT, /^\s+contractId: sales-orders-v1$/)); // the first input port
  await token(page, 'contractId: sales-orders-v1', 'sales-orders-v1').click();
  await page.keyboard.press('F12'); // Go to Definition
  await activeTab(page, 'sales-orders-v1.odcs.yaml').waitFor({ timeout: TIMEOUT });
  // The cursor lands on the contract's top-level `id: sales-orders-v1`.
  await cursorAt(page, lineOf(CONTRACT, /^id: sales-orders-v1$/)).waitFor({ timeout: TIMEOUT });
  await activeEditor(page).locator('.view-line', { hasText: 'id: sales-orders-v1' }).first().waitFor({ timeout: TIMEOUT });
});

check('11-find-references-of-a-contract', async () => {
  // The cursor is on the contract's id (10). Peek References lists the products that link to it.
  // The lens above the id moves it down a line when it appears: wait for it before clicking.
  await linesSettled(page);
  await token(page, 'id: sales-orders-v1', 'sales-orders-v1').click();
  await page.keyboard.press('Shift+F12');
  await peek(page).waitFor({ timeout: TIMEOUT });
  for (const file of [...CONSUMERS, 'sales-orders.odps.yaml']) await peekFiles(page, file).first().waitFor({ timeout: TIMEOUT });
  // The screenshot shows the peek; the next case closes it.
});

check('12-code-lens-on-a-contract-shows-its-consumers', async () => {
  await page.keyboard.press('Escape');
  await peek(page).waitFor({ state: 'hidden', timeout: TIMEOUT });
  const lens = codeLens(page, 'consumers');
  await lens.first().waitFor({ timeout: TIMEOUT });
  assert.match(await lens.first().innerText(), new RegExp(`^${CONSUMERS.length} consumers · \\d+ upstream$`));
  await lens.first().locator('a').click(); // dataMesh.showReferences: a peek with the consuming input ports
  await peek(page).waitFor({ timeout: TIMEOUT });
  for (const file of CONSUMERS) await peekFiles(page, file).first().waitFor({ timeout: TIMEOUT });
  assert.equal(await peekFiles(page, 'sales-orders.odps.yaml').count(), 0, 'the publishing product is not a consumer');
  // The screenshot shows the peek; the next case closes it.
});

check('13-hover-on-a-contract-reference-shows-its-lineage', async () => {
  await page.keyboard.press('Escape');
  await peek(page).waitFor({ state: 'hidden', timeout: TIMEOUT });
  await openFile(page, PRODUCT);
  await linesSettled(page);
  await goToLine(page, lineOf(PRODUCT, /^\s+contractId: sales-orders-v1$/));
  await hover(page, token(page, 'contractId: sales-orders-v1', 'sales-orders-v1'));
  const widget = hoverWidget(page, 'Upstream');
  await widget.first().waitFor({ timeout: TIMEOUT });
  const text = await widget.first().innerText();
  // Nodes are named by their ids: `contract sales-orders-v1 · v1.3.0 · active · owner sales-data`.
  assert.match(text, /^contract sales-orders-v1 · v1\.3\.0 · active/, 'the hovered contract');
  assert.match(text, /Upstream\s+product sales-orders · /, 'upstream: the product that publishes it');
  for (const consumer of CONSUMERS) {
    const id = consumer.replace('.odps.yaml', '');
    assert.match(text, new RegExp(`Downstream[\\s\\S]*product ${id} · `), `downstream: ${id}, a product that consumes it`);
  }
});

check('14-editing-a-contract-updates-its-consumers-diagnostics', async () => {
  await page.mouse.move(5, 5); // let the hover (13) go
  // The product is open (13), so the server publishes its diagnostics. Deprecate the contract it consumes.
  await openFile(page, CONTRACT);
  await linesSettled(page);
  await goToLine(page, lineOf(CONTRACT, /^status: active$/));
  await token(page, 'status: active', 'active').dblclick();
  await page.keyboard.type('deprecated');
  await page.keyboard.press('Escape'); // close a suggestion widget, if typing opened one
  await activeEditor(page).locator('.view-line', { hasText: 'status: deprecated' }).waitFor({ timeout: TIMEOUT });
  await showProblems(page);
  const row = problemRows(page, 'mesh/deprecated-contract');
  await row.first().waitFor({ timeout: TIMEOUT });
  assert.match(await row.first().innerText(), /Contract 'sales-orders-v1' is deprecated\. Move to its successor/);
  // The warning belongs to the product: clicking it opens the product at its squiggle.
  await row.first().click();
  await activeTab(page, 'sales-revenue.odps.yaml').waitFor({ timeout: TIMEOUT });
  await activeEditor(page).locator('.squiggly-warning').first().waitFor({ timeout: TIMEOUT });
  await screenshot(page, '14-editing-a-contract-updates-its-consumers-diagnostics-warning');
  // Put the contract back. The workbench auto-saves (code-server's default, `files.autoSave: afterDelay`),
  // so the edit reached the disk; typing the old value back restores the file there too.
  await tab(page, 'sales-orders-v1.odcs.yaml').click();
  await token(page, 'status: deprecated', 'deprecated').dblclick();
  await page.keyboard.type('active');
  await page.keyboard.press('Escape');
  await activeEditor(page).locator('.view-line', { hasText: 'status: active' }).waitFor({ timeout: TIMEOUT });
  await row.first().waitFor({ state: 'detached', timeout: TIMEOUT });
  const original = readFileSync(join(REPO, 'examples', CONTRACT), 'utf8');
  await waitForFile(page, join(session.ws, CONTRACT), (text) => text === original, 'the original contract');
});

// ---- Completion (issue 10): Ctrl+Space offers the standard's keys with their documentation, and
// choosing one inserts its snippet with the required sub-keys, indented as the file is. ----

check('15-completion-offers-the-standards-keys-with-documentation', async () => {
  await openFile(page, CONTRACT);
  await linesSettled(page);
  // The empty line after the last key (the file ends with a newline).
  const last = readFileSync(join(session.ws, CONTRACT), 'utf8').split('\n').length;
  await goToLine(page, last);
  await page.keyboard.type('customProp');
  await page.keyboard.press('Control+Space');
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'customProperties' });
  await row.first().waitFor({ timeout: TIMEOUT });
  // The details pane shows the schema's description of the focused item (Ctrl+Space toggles it).
  const details = page.locator('.suggest-details', { hasText: /custom propert/i });
  if (!(await details.first().isVisible())) await page.keyboard.press('Control+Space');
  await details.first().waitFor({ timeout: TIMEOUT });
});

check('16-choosing-a-key-inserts-its-snippet', async () => {
  await page.keyboard.press('Enter');
  const lines = activeEditor(page).locator('.view-line');
  await lines.filter({ hasText: /^customProperties:$/ }).first().waitFor({ timeout: TIMEOUT });
  // The editor's text collapses leading spaces; the saved file shows the indentation.
  await waitForFile(page, join(session.ws, CONTRACT), (text) => text.endsWith('\ncustomProperties:\n  - property: \n    value: '), 'the inserted snippet');
  await screenshot(page, '16-choosing-a-key-inserts-its-snippet-inserted');
  // Undo back to the original file (it is auto-saved), never further: case 14 edited it before.
  await page.keyboard.press('Escape');
  const original = readFileSync(join(REPO, 'examples', CONTRACT), 'utf8');
  for (let i = 0; i < 6 && readFileSync(join(session.ws, CONTRACT), 'utf8') !== original; i++) {
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(1500);
  }
  await waitForFile(page, join(session.ws, CONTRACT), (text) => text === original, 'the original contract');
});
