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

/** Opens `relPath` (e.g. `broken/x.yaml`) by clicking through the Explorer, as a user would. */
export async function openFile(page, relPath) {
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

/** Runs a command from the command palette by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
}

export const problemsPanel = (page) => page.locator('.markers-panel');
export const problemRows = (page, text) => page.locator('.markers-panel .monaco-list-row', { hasText: text });
export const statusItem = (page, text) => page.locator('.statusbar-item', { hasText: text });
export const activeEditor = (page) => page.locator('.editor-instance .monaco-editor').first();

export async function showProblems(page) {
  if (await problemsPanel(page).isVisible()) return;
  await runCommand(page, 'Focus Problems');
  await problemsPanel(page).waitFor({ timeout: TIMEOUT });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}
