import type { FileReport, PositionedDiagnostic } from './report';

/**
 * A baseline: how many findings of each code each file had, counted by where in the YAML they are
 * (the anchor: `schema[orders].properties[email]`, not a line), so it survives unrelated edits.
 * With it, CI fails only on findings beyond those counts; fixing one shrinks the baseline.
 */
export interface Baseline {
  version: 1;
  files: Record<string, Record<string, Record<string, number>>>;
}

const anchorOf = (d: PositionedDiagnostic): string => d.data?.anchor ?? d.data?.path?.join('/') ?? '';

export function baselineOf(reports: readonly FileReport[]): Baseline {
  const files: Baseline['files'] = {};
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const codes = (files[report.path] ??= {});
      const anchors = (codes[d.code] ??= {});
      const anchor = anchorOf(d);
      anchors[anchor] = (anchors[anchor] ?? 0) + 1;
    }
  }
  return { version: 1, files: sorted(files) };
}

/** Reads a baseline file's text; undefined when it is not one. */
export function parseBaseline(text: string): Baseline | undefined {
  try {
    const value = JSON.parse(text) as Baseline;
    return value && value.version === 1 && typeof value.files === 'object' && value.files !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The reports without the findings the baseline counts, how many were left out, and the baseline shrunk to what is still there. */
export function applyBaseline(reports: readonly FileReport[], baseline: Baseline): { reports: FileReport[]; known: number; shrunk: Baseline | undefined } {
  const current = baselineOf(reports);
  let known = 0;
  const kept = reports.map((report) => {
    const left = new Map<string, number>();
    const diagnostics = report.diagnostics.filter((d) => {
      const key = `${d.code}\u0000${anchorOf(d)}`;
      const allowed = left.get(key) ?? baseline.files[report.path]?.[d.code]?.[anchorOf(d)] ?? 0;
      left.set(key, allowed - 1);
      if (allowed > 0) known++;
      return allowed <= 0;
    });
    return { ...report, diagnostics };
  });
  // Each count falls to what remains (never rises): a fixed finding cannot come back unnoticed.
  const files: Baseline['files'] = {};
  let changed = false;
  for (const [path, codes] of Object.entries(baseline.files)) {
    for (const [code, anchors] of Object.entries(codes)) {
      for (const [anchor, count] of Object.entries(anchors)) {
        const now = Math.min(count, current.files[path]?.[code]?.[anchor] ?? 0);
        if (now !== count) changed = true;
        if (now > 0) ((files[path] ??= {})[code] ??= {})[anchor] = now;
      }
    }
  }
  return { reports: kept, known, shrunk: changed ? { version: 1, files: sorted(files) } : undefined };
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const formatBaseline = (baseline: Baseline): string => `${JSON.stringify(baseline, null, 2)}\n`;
