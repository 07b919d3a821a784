// The command line as users run it: node dist/cli.js in a given folder.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './lspClient';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function datamesh(cwd: string, ...args: string[]): CliRun {
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export interface JsonReport {
  files: { path: string; kinds: string[]; diagnostics: { severity: string; code: string; message: string; line: number; column: number }[] }[];
  summary: { scanned: number; meshFiles: number; errors: number; warnings: number };
}

/** `datamesh check --format json` with its parsed report. */
export function checkJson(cwd: string, ...paths: string[]): CliRun & { report: JsonReport } {
  const run = datamesh(cwd, 'check', '--format', 'json', ...paths);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`datamesh check printed no JSON report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, report };
}
