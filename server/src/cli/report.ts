import { Severity, type MeshDiagnostic } from '../core/languageService';

export interface PositionedDiagnostic extends MeshDiagnostic {
  /** 1-based, as editors and CI annotations show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Quick fixes of the finding, with 1-based positions (SARIF carries them). */
  fixes?: { title: string; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] }[];
}

export interface FileReport {
  path: string;
  /** The standards found in the file, e.g. `ODCS v3.1.0`. */
  kinds: string[];
  diagnostics: PositionedDiagnostic[];
}

const SEVERITY_NAMES: Record<Severity, string> = { [Severity.Error]: 'error', [Severity.Warning]: 'warning', [Severity.Information]: 'info', [Severity.Hint]: 'hint' };

function count(reports: FileReport[], severity: Severity): number {
  return reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === severity).length, 0);
}

/** Human output in the familiar `path` + `line:col  severity  message  code` layout. */
export function formatHuman(reports: FileReport[], scanned: number): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    lines.push(report.path);
    for (const d of report.diagnostics) {
      lines.push(`  ${`${d.line}:${d.column}`.padEnd(8)} ${SEVERITY_NAMES[d.severity].padEnd(7)}  ${d.message}  ${d.code} (${d.source})`);
    }
    lines.push('');
  }
  const errors = count(reports, Severity.Error);
  const warnings = count(reports, Severity.Warning);
  const total = reports.reduce((n, r) => n + r.diagnostics.length, 0);
  const summary =
    total === 0
      ? `✔ ${reports.length} data-mesh file${reports.length === 1 ? '' : 's'} checked, no problems (${scanned} YAML/JSON file${scanned === 1 ? '' : 's'} scanned).`
      : `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) in ${reports.filter((r) => r.diagnostics.length > 0).length} of ${reports.length} data-mesh files (${scanned} scanned).`;
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}

/** Machine-readable output: one entry per data-mesh file, diagnostics with 1-based positions. */
export function formatJson(reports: FileReport[], scanned: number): string {
  const files = reports.map((r) => ({
    path: r.path,
    kinds: r.kinds,
    diagnostics: r.diagnostics.map((d) => ({ severity: SEVERITY_NAMES[d.severity], code: d.code, source: d.source, message: d.message, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, ...(d.href ? { href: d.href } : {}) })),
  }));
  const summary = { scanned, meshFiles: reports.length, errors: count(reports, Severity.Error), warnings: count(reports, Severity.Warning) };
  return `${JSON.stringify({ files, summary }, null, 2)}\n`;
}
