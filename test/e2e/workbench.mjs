// Small helpers over the VS Code workbench DOM. Every wait is on a DOM or file condition with a
// timeout; nothing sleeps a fixed time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOTS } from './harness.mjs';

export const TIMEOUT = 60_000;

const exact = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Waits until `file` holds a line starting with `prefix`; fails at once on a `server-failed` line. */
export async function waitForLine(page, file, prefix, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
    if (lines.some((l) => l.startsWith(prefix))) return;
    const failed = lines.find((l) => l.startsWith('server-failed'));
    if (failed) throw new Error(`The extension reported: ${failed}`);
    await page.waitForTimeout(100); // polling interval of a file, not a settle delay
  }
  throw new Error(`No '${prefix}' line in ${file} after ${timeout / 1000} s.`);
}

/** Waits until the text of `file` satisfies `predicate` (e.g. an auto-saved edit reached the disk). */
export async function waitForFile(page, file, predicate, what, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (existsSync(file) && predicate(readFileSync(file, 'utf8'))) return;
    await page.waitForTimeout(100); // polling interval of a file, not a settle delay
  }
  throw new Error(`${file} did not become ${what} within ${timeout / 1000} s.`);
}

/** Waits until `read()` gives a value that satisfies `predicate`; the error says what was last read. */
export async function waitUntil(page, read, predicate, what, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (predicate(last)) return last;
    await page.waitForTimeout(100); // polling interval, not a settle delay
  }
  throw new Error(`Not ${what} within ${timeout / 1000} s; last seen: ${JSON.stringify(last)}`);
}

/** Opens `relPath` (e.g. `broken/x.yaml`) by clicking through the Explorer, as a user would. */
export async function openFile(page, relPath) {
  // A tooltip left by the pointer over the explorer (a file's path and problems) can cover the row to click.
  await page.mouse.move(800, 5);
  const parts = relPath.split('/');
  for (const [i, part] of parts.entries()) {
    const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact(part) }) });
    await row.first().waitFor({ timeout: TIMEOUT });
    const isFolder = i < parts.length - 1;
    if (!isFolder || (await row.first().getAttribute('aria-expanded')) === 'false') await row.first().click();
  }
  const name = parts.at(-1);
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: TIMEOUT });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: TIMEOUT });
}

/** How long one F1, a click in a menu or a walkthrough link may take to show its effect before the step is helped again. */
export const RETRY_AFTER_MS = 5_000;

/** The focused element, as `tag.class.names`, for a log line. */
export const focusedElement = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().replace(/\s+/g, '.')}` : ''}` : 'nothing';
  });

/**
 * Does `act` until `effect` (given how long to wait) succeeds, up to TIMEOUT: for a step the workbench
 * now and then drops under load. Each retry logs `retrying(attempt)`, so a repeat can be traced.
 */
export async function untilItTakes(act, effect, retrying) {
  const deadline = Date.now() + TIMEOUT;
  for (let attempt = 1; ; attempt++) {
    await act();
    try {
      return await effect(RETRY_AFTER_MS);
    } catch (error) {
      if (Date.now() + RETRY_AFTER_MS > deadline) throw error;
      console.error(await retrying(attempt));
    }
  }
}

/**
 * Opens the command palette with F1 and returns its input. Under load, F1 now and then leaves the
 * palette hidden (CI, 2026-12-02: 60 s of a hidden input after an edit); the palette is a toggle-free
 * "show", so pressing F1 again is safe. Each retry says where the focus was.
 */
async function openPalette(page) {
  const input = page.locator('.quick-input-widget input');
  return untilItTakes(
    () => page.keyboard.press('F1'),
    async (timeout) => (await input.waitFor({ timeout }), input),
    async (attempt) => `# F1 left the command palette hidden (attempt ${attempt}, focus on ${await focusedElement(page)}); pressing it again`,
  );
}

/**
 * Chooses an item of the open context menu by its label. Now and then a click lands while the menu is
 * still settling and the menu stays open with the item under the pointer (local run, 2026-12-02): the
 * item is clicked again while the menu is shown, so a choice that was taken is never made twice.
 */
export async function chooseMenuItem(page, label) {
  const menu = page.locator('.context-view .monaco-menu');
  const item = page.locator('.context-view .action-item', { hasText: label }).first();
  await item.waitFor({ timeout: TIMEOUT });
  await untilItTakes(
    () => item.click(),
    (timeout) => menu.waitFor({ state: 'hidden', timeout }),
    (attempt) => `# the context menu stayed open after a click on '${label}' (attempt ${attempt}); clicking it again`,
  );
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page, title) {
  const input = await openPalette(page);
  await input.fill(`>${title}`);
  // The palette lists every command the text matches, alphabetically ("Show Column Lineage" before
  // "Show Lineage"): choose the one of that title if there is one, as a user would, else the first.
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: title }).first().waitFor({ timeout: TIMEOUT });
  const exactRow = rows.filter({ has: page.locator('.label-name', { hasText: exact(title) }) }).first();
  await ((await exactRow.count()) > 0 ? exactRow : rows.filter({ hasText: title }).first()).click();
}

/** Moves the cursor to `line` (1-based) through Quick Open's `:line` mode, which also reveals it. */
export async function goToLine(page, line) {
  const input = await openPalette(page);
  await input.fill(`:${line}`);
  await page.locator('.quick-input-widget', { hasText: `line ${line}` }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await cursorAt(page, line).waitFor({ timeout: TIMEOUT });
}

/** A token of the active editor, by the text of its line and its own text, e.g. `token(page, 'contractId: x', 'x')`. */
export const token = (page, lineText, text) =>
  activeEditor(page).locator('.view-line', { hasText: lineText }).locator('span span', { hasText: exact(text) }).first();

/** Hovers `target` the way a user does: from elsewhere, in steps, so the editor's hover controller fires. */
export async function hover(page, target) {
  await page.mouse.move(5, 5);
  const box = await target.boundingBox();
  if (!box) throw new Error('The token to hover is not rendered.');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
}

/**
 * The text of the first line of the active editor that holds a selection, or '' when none does: where a
 * command put the selection, whether or not the editor has the focus (the status bar's "Ln" needs it).
 */
export const selectedLine = (page) =>
  activeEditor(page).evaluate((editor) => {
    const top = editor.querySelector('.view-overlays .selected-text')?.parentElement?.style.top;
    if (top === undefined) return '';
    return [...editor.querySelectorAll('.view-lines .view-line')].find((line) => line.style.top === top)?.textContent ?? '';
  });

/** The status bar's cursor position, e.g. `Ln 3, Col 5`. */
export const cursorAt = (page, line) => page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+`) });
export const activeTab = (page, name) => page.locator('.tabs-container .tab.active', { hasText: name });
export const tab = (page, name) => page.locator('.tabs-container .tab', { hasText: name });
/** The references peek (Peek References, or a code lens that shows references). */
export const peek = (page) => page.locator('.reference-zone-widget');
/** The file rows of the references peek's tree. */
export const peekFiles = (page, name) => peek(page).locator('.ref-tree .reference-file', { hasText: name });
/** The editor's hover widget. */
export const hoverWidget = (page, text) => page.locator('.monaco-hover', { hasText: text });
/**
 * A code lens shown in the active editor; one with a command is a link (`a`) inside it, one without a
 * span. Lenses scrolled out of view stay in the DOM, hidden.
 */
export const codeLens = (page, text) => activeEditor(page).locator('.codelens-decoration', { hasText: text }).filter({ visible: true });

export const problemsPanel = (page) => page.locator('.markers-panel');
export const problemRows = (page, text) => page.locator('.markers-panel .monaco-list-row', { hasText: text });
export const statusItem = (page, text) => page.locator('.statusbar-item', { hasText: text });
export const activeEditor = (page) => page.locator('.editor-instance .monaco-editor').first();

export async function showProblems(page) {
  if (await problemsPanel(page).isVisible()) return;
  await runCommand(page, 'Focus Problems');
  await problemsPanel(page).waitFor({ timeout: TIMEOUT });
}

/** Waits until the widget around an element (a hover fading in) has finished its animations, so a screenshot shows it settled. */
export async function settled(locator) {
  await locator.evaluate((el) => Promise.all((el.closest('.monaco-hover, .suggest-widget, .suggest-details') ?? el).getAnimations({ subtree: true }).map((a) => a.finished)));
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Types into the Problems panel's filter box (empty clears it): the panel lists the whole mesh and
 * renders only the rows in view, so a check finds its row by filtering, as a user would.
 */
export async function filterProblems(page, text) {
  await showProblems(page);
  const input = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
  await input.waitFor({ timeout: TIMEOUT });
  // Set as an input event on the box itself, not typed: `fill` focuses the box and then inserts the
  // text where the focus is, and an editor taking the focus back meanwhile got the text typed into
  // the contract instead (a CI run, check 28).
  await input.evaluate((box, value) => {
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/**
 * What the workbench shows, as text for a failed check's log (CI keeps the log, not the screenshots):
 * where the focus is, the tabs, the status bar, an open quick input, the active editor's lines in
 * view and the Problems rows in view.
 */
export async function describeWorkbench(page) {
  const focus = await focusedElement(page);
  const shown = await page.evaluate(() => {
    const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const all = (selector, limit = 20) => [...document.querySelectorAll(selector)].slice(0, limit).map(text).filter(Boolean);
    const quickInput = document.querySelector('.quick-input-widget');
    const editor = document.querySelector('.editor-instance .monaco-editor');
    return [
      `tabs: ${all('.tabs-container .tab').join(' | ')} (active: ${all('.tabs-container .tab.active').join(' | ')})`,
      `status bar: ${all('.statusbar-item', 40).join(' | ')}`,
      `quick input: ${quickInput && getComputedStyle(quickInput).display !== 'none' ? `${quickInput.querySelector('input')?.value ?? ''} → ${all('.quick-input-list .monaco-list-row', 5).join(' | ')}` : 'hidden'}`,
      'editor lines in view:',
      ...[...(editor?.querySelectorAll('.view-line') ?? [])].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((line) => `  ${line.textContent}`),
      'problems rows in view:',
      ...all('.markers-panel .monaco-list-row', 12).map((row) => `  ${row}`),
    ];
  });
  return [`focus: ${focus}`, ...shown].join('\n');
}
