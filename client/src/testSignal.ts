import { appendFileSync } from 'node:fs';

/**
 * Appends a line to the file named by DATAMESH_E2E_LOG, so end-to-end tests can wait for the
 * extension instead of sleeping. Does nothing (and costs nothing) when the variable is unset.
 */
export function signalTest(line: string): void {
  const file = process.env.DATAMESH_E2E_LOG;
  if (!file) return;
  try {
    appendFileSync(file, `${line}\n`);
  } catch {
    // A test harness problem must never break the extension.
  }
}
