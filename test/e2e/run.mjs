// `npm run test:e2e`: the packaged extension in a real VS Code workbench (code-server + Chromium).
// Prerequisites: `bash scripts/e2eSetup.sh`. Screenshots: test-results/e2e/. See docs/e2e.md.
// The cases share one workbench and run in order; each leaves the state the next one expects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO } from '../../scripts/codeServer.mjs';
import { startSession, timed, timings } from './harness.mjs';
import { markdownTargets, readZip } from './vsixReadme.mjs';
import {
  RETRY_AFTER_MS, TIMEOUT, activeEditor, activeTab, chooseMenuItem, untilItTakes, codeLens, cursorAt, describeWorkbench, goToLine, hover, hoverWidget, openFile, peek, peekFiles, problemRows, runCommand, screenshot, selectedLine,
  settled, showProblems, statusItem, tab, token, waitForFile, waitForLine, waitUntil, filterProblems,
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
      // CI keeps the log, not the screenshots: say in text what the workbench showed.
      const shownText = await describeWorkbench(page).catch((e) => `(the workbench could not be described: ${e.message})`);
      console.error(`# ${name} failed; the workbench showed:\n${shownText}\n# the server logs ended:\n${session.serverLogTail()}`);
      throw error;
    }
    await screenshot(shown ?? page, name);
  });
}

// ---- issue 13 (the first ten minutes), 1 of 2: this one must run first, before anything is opened ----
check('00-walkthrough-is-visible-at-start', async () => {
  // The extension opens its walkthrough the first time it runs (a fresh profile here, as after an install).
  await page.locator('.gettingStartedContainer', { hasText: 'Get Started with Data Mesh' }).first().waitFor({ timeout: TIMEOUT });
  await page.locator('.getting-started-step', { hasText: 'Open the sample mesh' }).first().waitFor({ timeout: TIMEOUT });
});
// ---- end of issue 13, 1 of 2 ----

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
  // Clicking the problem reveals its line (the editor renders only the visible lines): the cursor on
  // it in the status bar. The list grows while the closed files' problems arrive, and a row can move
  // under the pointer between finding it and clicking it (2026-12-03: another file's problem opened).
  const line = page.locator('.statusbar-item', { hasText: `Ln ${lineOf('broken/misspelt-key.odcs.yaml', /^\s+descripton:/)},` });
  await untilItTakes(
    () => row.first().click(),
    (timeout) => line.waitFor({ timeout }),
    (attempt) => `# the problems list moved under the click (attempt ${attempt}); clicking the 'descripton' problem again`,
  );
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
  for (const title of ['Open the sample mesh', 'Find a mistake and fix it', 'See the problems of the whole mesh', 'Follow the lineage', 'Check the mesh from the terminal']) {
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

/** Types over the open contract's `status` value, and waits until the editor shows the new one. */
async function setStatus(page, from, to) {
  await token(page, `status: ${from}`, from).dblclick();
  await page.keyboard.type(to);
  await page.keyboard.press('Escape'); // close a suggestion widget, if typing opened one
  await activeEditor(page).locator('.view-line', { hasText: `status: ${to}` }).waitFor({ timeout: TIMEOUT });
}

check('14-editing-a-contract-updates-its-consumers-diagnostics', async () => {
  await page.mouse.move(5, 5); // let the hover (13) go
  // The product is open (13), so the server publishes its diagnostics. Deprecate the contract it consumes.
  await openFile(page, CONTRACT);
  await linesSettled(page);
  await goToLine(page, lineOf(CONTRACT, /^status: active$/));
  await setStatus(page, 'active', 'deprecated');
  // The panel lists the whole mesh (the other consumers' warnings too) and renders only the rows in view.
  await filterProblems(page, '**/sales-revenue.odps.yaml');
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
  await setStatus(page, 'deprecated', 'active');
  await row.first().waitFor({ state: 'detached', timeout: TIMEOUT });
  const original = readFileSync(join(REPO, 'examples', CONTRACT), 'utf8');
  await waitForFile(page, join(session.ws, CONTRACT), (text) => text === original, 'the original contract');
  await filterProblems(page, '');
});

// ── Glossary (issue 10): a hover on a column shows the glossary term it means ─────────────────────
const PROFILES = 'customer/customer-profiles-v1.odcs.yaml';

check('15-hover-on-a-column-shows-its-glossary-term', async () => {
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await openFile(page, PROFILES);
  await linesSettled(page);
  await goToLine(page, lineOf(PROFILES, /^\s+name: email_address$/));
  await hover(page, token(page, 'name: email_address', 'email_address'));
  const widget = hoverWidget(page, 'Glossary term');
  await widget.first().waitFor({ timeout: TIMEOUT });
  const text = await widget.first().innerText();
  assert.match(text, /^Email Address\s+Glossary term · domain customer · approved/, 'the term, its domain and status');
  assert.match(text, /The email address a customer gave for order confirmations/, 'its definition');
  assert.match(text, /Synonyms: Email, E-mail/);
  assert.match(text, /Classification: confidential · PII/);
  assert.match(text, /Defined in \.\.\/glossary\.yaml · used by \d+ columns? in the mesh/);
  await settled(widget.first());
});

// ---- Governance (issue 12): a policy violation shows inline with its rule id and docs link ----

check('16-governance-finding-shows-inline-with-its-rule-id', async () => {
  // examples/governance-policy.yaml governs the sample mesh; the deprecated v0 contract names no replacement.
  const file = 'sales/sales-orders-v0.odcs.yaml';
  await openFile(page, file);
  await linesSettled(page);
  await showProblems(page);
  const row = problemRows(page, 'This contract is deprecated but names no replacement');
  await row.first().waitFor({ timeout: TIMEOUT });
  // The code is a link to the rule's page (LSP codeDescription); the Problems view shows it with the source.
  assert.match(await row.first().innerText(), /lifecycle\/deprecated-replacement/);
  assert.match(await row.first().innerText(), /Data Mesh governance/);
  await goToLine(page, lineOf(file, /^status: deprecated$/));
  await activeEditor(page).locator('.squiggly-warning').first().waitFor({ timeout: TIMEOUT });
  await hover(page, token(page, 'status: deprecated', 'deprecated'));
  const widget = hoverWidget(page, 'names no replacement');
  await widget.first().waitFor({ timeout: TIMEOUT });
  assert.match(await widget.first().innerText(), /governance\/lifecycle\/deprecated-replacement/);
});

// ── Quick fixes (issue 10) ────────────────────────────────────────────────────────────────────
// The light bulb on a misspelt key fixes it. On a copy of the broken example (04 fixed the original by
// typing), with its own id so that the mesh has no duplicate; the copy is deleted afterwards.
check('17-light-bulb-fixes-a-misspelt-key', async () => {
  const name = 'misspelt-key-quick-fix.odcs.yaml';
  const copy = join(session.ws, 'broken', name);
  const original = readFileSync(join(REPO, 'examples', 'broken', 'misspelt-key.odcs.yaml'), 'utf8');
  const written = original.replace('id: sales-returns-misspelt-key-v1', 'id: sales-returns-quick-fix-v1');
  writeFileSync(copy, written);
  try {
    await openFile(page, `broken/${name}`);
    await goToLine(page, lineOf(`broken/${name}`, /^\s+descripton:/));
    await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: TIMEOUT });
    await token(page, 'descripton: Order the returned line', 'descripton').click();
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: "Rename 'descripton' to 'description'" });
    await fix.first().waitFor({ timeout: TIMEOUT });
    await screenshot(page, '17-light-bulb-fixes-a-misspelt-key-menu');
    // The preferred fix is focused; Enter applies it (the menu's pointer block swallows a click here).
    assert.match(await fix.first().getAttribute('class'), /\bfocused\b/, 'the fix is the focused (preferred) item');
    await page.keyboard.press('Enter');
    await activeEditor(page).locator('.view-line', { hasText: 'description: Order the returned line' }).waitFor({ timeout: TIMEOUT });
    await activeEditor(page).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: TIMEOUT });
    await screenshot(page, '17-light-bulb-fixes-a-misspelt-key-fixed');
    // Only the key changed: the saved file is the copy with the one word replaced.
    await page.keyboard.press('Control+s');
    await waitForFile(page, copy, (text) => text === written.replace('descripton:', 'description:'), 'the copy with only its key fixed');
  } finally {
    await page.keyboard.press('Control+w').catch(() => {});
    rmSync(copy, { force: true });
  }
});

// ---- Completion (issue 10): Ctrl+Space offers the standard's keys with their documentation, and
// choosing one inserts its snippet with the required sub-keys, indented as the file is. ----

check('18-completion-offers-the-standards-keys-with-documentation', async () => {
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
  // It may be on already (the workbench remembers), or still coming: toggle only if it has not come.
  await details.first().waitFor({ timeout: 3000 }).catch(() => page.keyboard.press('Control+Space'));
  await details.first().waitFor({ timeout: TIMEOUT });
  await settled(details.first());
});

check('19-choosing-a-key-inserts-its-snippet', async () => {
  await page.keyboard.press('Enter');
  const lines = activeEditor(page).locator('.view-line');
  await lines.filter({ hasText: /^customProperties:$/ }).first().waitFor({ timeout: TIMEOUT });
  // The editor's text collapses leading spaces; the saved file shows the indentation.
  await waitForFile(page, join(session.ws, CONTRACT), (text) => text.endsWith('\ncustomProperties:\n  - property: \n    value: '), 'the inserted snippet');
  await screenshot(page, '19-choosing-a-key-inserts-its-snippet-inserted');
  // Undo back to the original file (it is auto-saved), never further: case 14 edited it before.
  await page.keyboard.press('Escape');
  const original = readFileSync(join(REPO, 'examples', CONTRACT), 'utf8');
  for (let i = 0; i < 6 && readFileSync(join(session.ws, CONTRACT), 'utf8') !== original; i++) {
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(1500);
  }
  await waitForFile(page, join(session.ws, CONTRACT), (text) => text === original, 'the original contract');
  await page.keyboard.press('Control+Home'); // leave the contract at its top, as the checks after expect
});

// ---- issue 13 (the first ten minutes), 2 of 2 ----
const NEVER_OPENED = 'wrong-status.odps.yaml';

check('20-problems-panel-lists-a-broken-file-never-opened', async () => {
  assert.equal(await tab(page, NEVER_OPENED).count(), 0, 'the file was never opened');
  await filterProblems(page, `**/${NEVER_OPENED}`);
  await problemRows(page, 'Expected one of').first().waitFor({ timeout: TIMEOUT });
  await problemRows(page, NEVER_OPENED).first().waitFor({ timeout: TIMEOUT });
});

check('21-check-workspace-reports-the-whole-mesh', async () => {
  await runCommand(page, 'Data Mesh: Check Workspace');
  const message = page.locator('.notification-toast', { hasText: /Data Mesh: \d+ data-mesh files checked, \d+ errors? and \d+ warnings?/ });
  await message.first().waitFor({ timeout: TIMEOUT });
  await problemRows(page, NEVER_OPENED).first().waitFor({ timeout: TIMEOUT });
});

check('22-new-data-contract-creates-a-valid-file', async () => {
  await runCommand(page, 'Data Mesh: New Data Contract');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill('Customer Returns');
  await page.keyboard.press('Enter');
  // Where: the first choice is the active file's folder.
  await page.locator('.quick-input-widget', { hasText: 'where?' }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await activeTab(page, 'customer-returns.odcs.yaml').waitFor({ timeout: TIMEOUT });
  // The cursor selects the first value to fill.
  await statusItem(page, /\(\d+ selected\)/).first().waitFor({ timeout: TIMEOUT });
  const found = readdirSync(session.ws, { recursive: true }).find((f) => f.endsWith('customer-returns.odcs.yaml'));
  assert.ok(found, 'the file is on disk');
  const created = join(session.ws, found);
  const check = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'check', created], { encoding: 'utf8' });
  assert.equal(check.status, 0, `datamesh check passes on the new file:\n${check.stdout}${check.stderr}`);
  assert.match(check.stdout, /no problems/);
});

/** This session's language servers (their env has its signal file): argv and environment, from /proc. */
function serverProcesses(signalFile) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let argv;
    let env;
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      env = Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (argv.some((a) => a.endsWith('dist/server.js')) && env.DATAMESH_E2E_LOG === signalFile) found.push({ pid, argv, env });
  }
  return found;
}

test('the language server runs with the V8 flags and environment of protocol/serverLaunch.json', () => {
  const launch = JSON.parse(readFileSync(join(REPO, 'protocol/serverLaunch.json'), 'utf8'));
  const servers = serverProcesses(session.signalFile);
  assert.ok(servers.length > 0, 'a server process of this session');
  // Every one (the workbench may have started a second extension host): each is started alike.
  for (const { argv, env } of servers) {
    for (const flag of launch.execArgv) assert.ok(argv.indexOf(flag) >= 0 && argv.indexOf(flag) < argv.findIndex((a) => a.endsWith('dist/server.js')), `${flag} before the script in ${argv.join(' ')}`);
    for (const [name, value] of Object.entries(launch.env)) assert.equal(env[name], value, name);
  }
  // Other clients start the packaged server from the same file (docs/protocol.md).
  const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const shipped = readZip(join(REPO, `${name}-${version}.vsix`)).get('extension/dist/serverLaunch.json');
  assert.ok(shipped, 'the .vsix has dist/serverLaunch.json');
  assert.deepEqual(JSON.parse(shipped.toString('utf8')), launch);
});

test('the README in the .vsix: every image and link is an https URL or an anchor, the only kinds the Extensions view resolves', () => {
  const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const files = readZip(join(REPO, `${name}-${version}.vsix`));
  const readme = files.get('extension/readme.md') ?? files.get('extension/README.md');
  assert.ok(readme, `the package has a README (${[...files.keys()].join(', ')})`);
  // The Extensions view renders it in a webview whose CSP is `img-src https: data:` and which opens
  // only http(s) and mailto links: a relative path does not resolve there, even to a packaged file.
  for (const target of markdownTargets(readme.toString('utf8'))) {
    assert.match(target, /^(https:\/\/|mailto:|#)/, `${target} resolves in the Extensions view`);
  }
});
// ---- end of issue 13, 2 of 2 ----

// ---- The graph panel (docs/graph.md) ----
/** The document of the webview (its iframe, two deep) in which `marker(frame)` finds something. */
async function webviewFrame(page, marker, what) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    const outer = page.locator('iframe.webview.ready');
    for (let i = 0; i < (await outer.count()); i++) {
      const frame = outer.nth(i).contentFrame().frameLocator('#active-frame');
      if ((await marker(frame).count()) > 0) return frame;
    }
    await page.waitForTimeout(200); // polling for the webview's iframe, not a settle delay
  }
  throw new Error(`No webview showed ${what}.`);
}

/** The graph webview's document: the one that holds the graph's toolbar. */
const graphFrame = (page) => webviewFrame(page, (frame) => frame.locator('.toolbar .title'), 'the graph');

check('23-show-lineage-opens-the-graph-beside-the-contract', async () => {
  await openFile(page, CONTRACT);
  // The id's line first: the code lens over it is what tells that the file's lineage is known.
  await goToLine(page, lineOf(CONTRACT, /^id: sales-orders-v1$/));
  await linesSettled(page);
  await token(page, 'id: sales-orders-v1', 'sales-orders-v1').click(); // the cursor on the contract's id
  await runCommand(page, 'Data Mesh: Show Lineage');
  const graph = await graphFrame(page);
  await graph.locator('.toolbar .title', { hasText: 'Lineage of sales-orders-v1' }).waitFor({ timeout: TIMEOUT });
  await graph.locator('.node.focus[data-id="contract:sales-orders-v1"]').waitFor({ timeout: TIMEOUT });
  for (const id of ['product:sales-orders', 'product:sales-revenue', 'product:customer-360', 'product:logistics-shipments']) {
    await graph.locator(`.node[data-id="${id}"]`).waitFor({ timeout: TIMEOUT });
  }
  await waitForLine(page, session.signalFile, 'graph-drawn');
});

check('24-a-click-on-a-node-opens-its-file-at-the-definition', async () => {
  const graph = await graphFrame(page);
  await graph.locator('.node[data-id="product:sales-orders"] .node-name').click();
  await activeTab(page, 'sales-orders.odps.yaml').waitFor({ timeout: TIMEOUT });
  await waitForLine(page, session.signalFile, 'graph-opened');
  // The product's id is selected. The focus may stay in the panel, as a click in VS Code's own trees
  // leaves it (CI, 2026-12-02: the status bar's "Ln", shown only for a focused editor, never came).
  await waitUntil(page, () => selectedLine(page), (text) => /^id:\s+sales-orders$/.test(text), 'the product id selected');
});

check('25-the-graph-survives-being-hidden-and-shown', async () => {
  // Refocus inside the panel, hide it behind a file in its own group, show it again: the webview is
  // rebuilt (no retainContextWhenHidden) and restores its view from getState.
  let graph = await graphFrame(page);
  await graph.locator('.node[data-id="product:sales-revenue"] .node-name').dblclick();
  await graph.locator('.toolbar .title', { hasText: 'Lineage of sales-revenue' }).waitFor({ timeout: TIMEOUT });
  await tab(page, 'Data Mesh Lineage').click();
  await openFile(page, 'notes/config.yaml'); // opens in the active group: the panel's
  await graph.locator('.toolbar').waitFor({ state: 'detached', timeout: TIMEOUT }).catch(() => {});
  await tab(page, 'Data Mesh Lineage').click();
  graph = await graphFrame(page);
  await graph.locator('.toolbar .title', { hasText: 'Lineage of sales-revenue' }).waitFor({ timeout: TIMEOUT });
  await graph.locator('.node.focus[data-id="product:sales-revenue"]').waitFor({ timeout: TIMEOUT });
});

// ---- Rule docs links (issue 12): the code of a governance finding opens its page, shipped in the .vsix ----
check('26-clicking-a-governance-code-in-problems-opens-the-rule-page', async () => {
  await openFile(page, 'sales/sales-orders-v0.odcs.yaml');
  await filterProblems(page, 'names no replacement');
  const row = problemRows(page, 'This contract is deprecated but names no replacement');
  await row.first().waitFor({ timeout: TIMEOUT });
  // The code is a link (LSP codeDescription) to the page beside the installed extension's dist/ (a file
  // URI, which code-server shows as vscode-remote).
  const link = row.first().locator('a', { hasText: 'lifecycle/deprecated-replacement' }).first();
  await link.waitFor({ timeout: TIMEOUT });
  const href = await link.getAttribute('href');
  assert.match(href ?? '', /^(file|vscode-remote):\/\/.*\/datamesh-authoring\.datamesh-authoring-[^/]+\/docs\/rules\/lifecycle\/deprecated-replacement\.md$/, `the link is the page in the installed extension: ${href}`);
  await link.click();
  await activeTab(page, 'deprecated-replacement.md').waitFor({ timeout: TIMEOUT });
  // It opens in the active editor group, which is the graph's (beside) after the graph checks.
  await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: '# `lifecycle/deprecated-replacement`' }).first().waitFor({ timeout: TIMEOUT });
  await screenshot(page, '26-clicking-a-governance-code-in-problems-opens-the-rule-page-opened');
  await filterProblems(page, '');
});

test('the rule pages in the .vsix: one per rule, and every link in them resolves inside the package', () => {
  const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const files = readZip(join(REPO, `${name}-${version}.vsix`));
  const pages = [...files.keys()].filter((f) => /^extension\/docs\/rules\/.+\.md$/.test(f));
  const expected = readdirSync(join(REPO, 'docs', 'rules'), { recursive: true }).filter((f) => f.endsWith('.md'));
  assert.equal(pages.length, expected.length, `every page is shipped: ${pages.join(', ')}`);
  for (const page of pages) {
    const dir = page.split('/').slice(0, -1);
    for (const target of markdownTargets(files.get(page).toString('utf8'))) {
      if (/^https:\/\//.test(target) || target.startsWith('#')) continue;
      const parts = [...dir];
      for (const step of decodeURIComponent(target.split('#')[0]).split('/')) step === '..' ? parts.pop() : step !== '.' && parts.push(step);
      const resolved = parts.join('/');
      assert.ok(files.has(resolved) || [...files.keys()].some((f) => f.startsWith(`${resolved}/`)), `${page}: ${target} is in the package`);
    }
  }
});
// ---- end of rule docs links ----

test('the schemas compiled at build time are in the .vsix, one module per bundled schema', () => {
  const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const files = readZip(join(REPO, `${name}-${version}.vsix`));
  const shipped = [...files.keys()].filter((f) => /^extension\/dist\/validators\/[^/]+\.js$/.test(f)).map((f) => f.split('/').pop()).sort();
  assert.deepEqual(shipped, readdirSync(join(REPO, 'dist', 'validators')).sort());
  assert.ok(shipped.includes('odcs-v3.1.0.js') && shipped.includes('odps-v1.0.0.js'), shipped.join(', '));
});
// ---- issue 13 (the first ten minutes), 3 of 3: a walkthrough link does what its step says ----
check('27-walkthrough-lineage-link-opens-the-reference-beside-the-steps', async () => {
  await page.keyboard.press('Escape');
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Data Mesh' }).first().click();
  const walkthrough = page.locator('.gettingStartedContainer', { hasText: 'Get Started with Data Mesh' }).first();
  await walkthrough.locator('.getting-started-step', { hasText: 'Follow the lineage' }).first().click();
  // Now and then the click lands while the step is still unfolding and runs nothing (a fresh-clone CI
  // run, 2026-12-03: no tab, nothing in the log): it is clicked again, as a user would.
  const button = walkthrough.getByRole('button', { name: 'Show a Lineage Hover' }).first();
  await untilItTakes(
    () => button.click(),
    (timeout) => activeTab(page, 'logistics-shipments.odps.yaml').waitFor({ timeout }),
    (attempt) => `# the walkthrough link ran nothing (attempt ${attempt}); clicking it again`,
  );
  // The cursor on the contractId's value (its lineage hover), not on the key (its documentation).
  const line = lineOf('logistics/logistics-shipments.odps.yaml', /^\s+contractId: sales-orders-v1$/);
  const position = page.locator('.statusbar-item', { hasText: `Ln ${line}, Col 17` });
  try {
    await position.waitFor({ timeout: RETRY_AFTER_MS });
  } catch {
    // The walkthrough now and then takes the focus back to its step after the command ran (a fresh-clone
    // CI run, 2026-12-02), and the status bar shows no cursor: back to the file by its tab, as a user
    // would, which keeps the cursor where the link put it.
    console.error('# the walkthrough kept the focus after its link opened the file; focusing the file by its tab');
    await activeTab(page, 'logistics-shipments.odps.yaml').click();
    await position.waitFor({ timeout: TIMEOUT });
  }
  // The file opened in another group than the walkthrough's, so the steps stay in view.
  await walkthrough.waitFor({ state: 'visible', timeout: TIMEOUT });
});
// ---- end of issue 13, 3 of 3 ----

// ---- issue 12: a breaking change is caught as you type, naming the products it breaks ----
check('28-a-breaking-change-names-the-consumers-it-breaks', async () => {
  await page.keyboard.press('Escape');
  await openFile(page, CONTRACT);
  await linesSettled(page);
  // order_total_gross's `logicalType: number` (the workspace is a git repository; HEAD has the sample).
  const lines = readFileSync(join(session.ws, CONTRACT), 'utf8').split('\n');
  const column = lines.findIndex((l) => /^\s+name: order_total_gross$/.test(l));
  const typeLine = lines.findIndex((l, i) => i > column && /^\s+logicalType: number$/.test(l)) + 1;
  await goToLine(page, typeLine);
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.type('string');
  await activeEditor(page).locator('.view-line', { hasText: /^\s*logicalType:\s+string$/ }).first().waitFor({ timeout: TIMEOUT });
  await filterProblems(page, 'breaking/column-type-changed');
  const row = problemRows(page, /Breaking schema change against HEAD: .*order_total_gross/);
  await row.first().waitFor({ timeout: TIMEOUT });
  const text = await row.first().innerText();
  for (const consumer of ['sales-revenue', 'customer-360', 'logistics-shipments']) assert.match(text, new RegExp(consumer), `it names the consumer ${consumer}`);
  await screenshot(page, '28-a-breaking-change-names-the-consumers-it-breaks-warning');
  // Wait for auto-save to write the change first: an undo while that save is in flight leaves the
  // editor clean with the change on disk (the workbench's race, not the extension's).
  const committedText = readFileSync(join(REPO, 'examples', CONTRACT), 'utf8');
  await waitForFile(page, join(session.ws, CONTRACT), (t) => t !== committedText, 'the change saved');
  // Undo in the editor (the Problems filter has the focus) back to the committed text: the finding goes with it.
  await runCommand(page, 'View: Focus Active Editor Group');
  const committed = activeEditor(page).locator(".view-line", { hasText: /^\s*logicalType:\s+number$/ });
  // Typing over a selection is one undo step.
  await page.keyboard.press('Control+Z');
  await committed.first().waitFor({ timeout: TIMEOUT });
  await row.first().waitFor({ state: 'detached', timeout: TIMEOUT });
  // Auto-save writes the committed text back.
  await waitForFile(page, join(session.ws, CONTRACT), (t) => t === committedText, 'the committed contract');
  await filterProblems(page, '');
});
// ---- end of issue 12 ----

// ---- The graph's unsaved-edit overlay (issue 11 part 4) ----
check('29-the-graph-marks-what-an-unsaved-edit-affects', async () => {
  await page.keyboard.press('Escape');
  // Auto-save off, so the edit stays unsaved (code-server's default is afterDelay); back on at the end.
  await runCommand(page, 'File: Toggle Auto Save');
  await openFile(page, CONTRACT);
  // The file is open from check 28, scrolled down: to the top, where the code lens is.
  await goToLine(page, lineOf(CONTRACT, /^status: active$/));
  await linesSettled(page);
  await setStatus(page, 'active', 'deprecated');
  await goToLine(page, lineOf(CONTRACT, /^id: sales-orders-v1$/));
  await token(page, 'id: sales-orders-v1', 'sales-orders-v1').click();
  await runCommand(page, 'Data Mesh: Show Lineage');
  const graph = await graphFrame(page);
  await graph.locator('.toolbar .title', { hasText: 'Lineage of sales-orders-v1' }).waitFor({ timeout: TIMEOUT });
  await graph.locator('.node.edited[data-id="contract:sales-orders-v1"]').waitFor({ timeout: TIMEOUT });
  for (const id of ['product:sales-revenue', 'product:customer-360', 'product:logistics-shipments']) await graph.locator(`.node.affected[data-id="${id}"]`).waitFor({ timeout: TIMEOUT });
  const note = graph.locator('button.impact-note', { hasText: 'Unsaved edit of sales-orders-v1: 3 nodes affected' });
  await note.click();
  await graph.locator('.node.lit[data-id="product:sales-revenue"]').waitFor({ timeout: TIMEOUT });
  await screenshot(page, '29-the-graph-marks-what-an-unsaved-edit-affects-graph');
  // Back to the saved text: nothing is unsaved, and the marks go.
  await tab(page, 'sales-orders-v1.odcs.yaml').click();
  await setStatus(page, 'deprecated', 'active');
  await graph.locator('.node.edited, .node.affected').first().waitFor({ state: 'detached', timeout: TIMEOUT });
  await runCommand(page, 'File: Toggle Auto Save');
});

// ---- The graph's column view (issue 11 part 2) ----
check('30-show-column-lineage-from-a-column-and-open-its-source', async () => {
  const file = 'customer/customer-360-v1.odcs.yaml';
  await openFile(page, file);
  await goToLine(page, lineOf(file, /^ {8}name: email_sha256$/));
  await token(page, 'name: email_sha256', 'email_sha256').click(); // the cursor on a column's name
  await runCommand(page, 'Data Mesh: Show Column Lineage');
  const graph = await graphFrame(page);
  await graph.locator('.toolbar .title', { hasText: 'Columns of customer-360-v1' }).waitFor({ timeout: TIMEOUT });
  // The column at the cursor is selected, and its path lit: the table it is computed from.
  await graph.locator('.column-row.selected', { hasText: 'email_sha256' }).waitFor({ timeout: TIMEOUT });
  const source = graph.locator('.column-table-header.lit', { hasText: 'customers' });
  await source.waitFor({ timeout: TIMEOUT });
  await screenshot(page, '30-show-column-lineage-from-a-column-and-open-its-source-columns');
  // A click on the source table opens the contract that describes it, where the table is named.
  await source.locator('.column-table-name').click();
  await activeTab(page, 'customer-profiles-v1.odcs.yaml').waitFor({ timeout: TIMEOUT });
  await waitUntil(page, () => selectedLine(page), (text) => /^\s{4}name:\s+customers$/.test(text), 'the table name selected');
  await graph.locator('button', { hasText: 'Graph' }).click();
  await graph.locator('.toolbar .title', { hasText: 'Lineage of customer-360-v1' }).waitFor({ timeout: TIMEOUT });
});

check('31-the-panel-follows-the-cursor-when-asked', async () => {
  const graph = await graphFrame(page);
  await graph.locator('button[aria-label^="Follow the cursor"]').click();
  await graph.locator('button[aria-pressed="true"][aria-label^="Follow the cursor"]').waitFor({ timeout: TIMEOUT });
  // The cursor on an input port's contractId of a product: the graph centres on that contract. The
  // click went to the panel's group; the file opens in the editor's, so the panel stays in view.
  await runCommand(page, 'View: Focus First Editor Group');
  await openFile(page, PRODUCT);
  await goToLine(page, lineOf(PRODUCT, /contractId: sales-product-catalog-v1$/));
  await token(page, 'contractId: sales-product-catalog-v1', 'sales-product-catalog-v1').click();
  await graph.locator('.toolbar .title', { hasText: 'Lineage of sales-product-catalog-v1' }).waitFor({ timeout: TIMEOUT });
  await graph.locator('.node.focus[data-id="contract:sales-product-catalog-v1"]').waitFor({ timeout: TIMEOUT });
  await screenshot(page, '31-the-panel-follows-the-cursor-when-asked-graph');
  await graph.locator('button[aria-label^="Follow the cursor"]').click();
});

check('32-a-node-s-context-menu-finds-its-references', async () => {
  // The graph is centred on sales-product-catalog-v1 (31). Its menu is VS Code's, from package.json.
  const graph = await graphFrame(page);
  await graph.locator('.node[data-id="contract:sales-product-catalog-v1"] .node-name').click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: 'Find References' });
  await item.first().waitFor({ timeout: TIMEOUT });
  await page.locator('.context-view .action-item', { hasText: 'Show Column Lineage' }).first().waitFor({ timeout: TIMEOUT });
  await screenshot(page, '32-a-node-s-context-menu-finds-its-references-menu');
  await chooseMenuItem(page, 'Find References');
  await activeTab(page, 'sales-product-catalog-v1.odcs.yaml').waitFor({ timeout: TIMEOUT });
  // The references peek over the contract's id: the product that publishes it and the one that consumes it.
  await peekFiles(page, 'sales-revenue.odps.yaml').first().waitFor({ timeout: TIMEOUT });
  await peekFiles(page, 'sales-product-catalog.odps.yaml').first().waitFor({ timeout: TIMEOUT });
  await screenshot(page, '32-a-node-s-context-menu-finds-its-references-peek');
  await page.keyboard.press('Escape');
  // A product's menu opens the contract it publishes.
  await graph.locator('.node[data-id="product:sales-revenue"] .node-name').click({ button: 'right' });
  await chooseMenuItem(page, 'Open Published Contract');
  await activeTab(page, 'sales-revenue-daily-v1.odcs.yaml').waitFor({ timeout: TIMEOUT });
});

// ---- The governance report (issue 12 part 6) ----
check('33-the-governance-report-opens-as-markdown-with-its-preview', async () => {
  await runCommand(page, 'View: Focus First Editor Group');
  await runCommand(page, 'Data Mesh: Show Governance Report');
  // The Markdown source, untitled (to save or copy), and its preview beside it.
  await activeEditor(page).locator('.view-line', { hasText: '# Governance report' }).first().waitFor({ timeout: TIMEOUT });
  const preview = await webviewFrame(page, (frame) => frame.locator('h1', { hasText: 'Governance report' }), 'the report in a Markdown preview');
  await preview.locator('h2', { hasText: 'Domain sales' }).waitFor({ timeout: TIMEOUT });
  await preview.locator('td', { hasText: 'sales-orders-v0' }).first().waitFor({ timeout: TIMEOUT });
  await screenshot(page, '33-the-governance-report-opens-as-markdown-with-its-preview-preview');
});
