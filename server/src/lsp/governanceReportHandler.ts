import type { Connection } from 'vscode-languageserver';
import { type GovernanceReportResult, GovernanceReportRequest } from '../../../protocol/protocol';
import { fileNameOf, governanceReport, type LanguageService, type ReportInput, relativeTo, reportMarkdown } from '../core/languageService';
import { nextTurn, slicer } from '../disk/workspaceScanner';
import { runSafe, type Logger } from './runSafe';

// The report checks every file; it yields to other requests this often, so the editor stays quick.
const SLICE_MS = 20;
// A report of a mesh still being indexed would leave files out: wait for the index this long first.
const INDEX_WAIT_MS = 60_000;

export interface ReportContext {
  connection: Connection;
  service: LanguageService;
  log: Logger;
  /** The workspace folders, for the files' labels. */
  folders: () => readonly string[];
  indexReady: (withinMs: number) => Promise<void>;
}

/** `dataMesh/governanceReport`: `datamesh report` for the workspace, with progress and cancellation. */
export function registerGovernanceReport({ connection, service, log, folders, indexReady }: ReportContext): void {
  connection.onRequest(GovernanceReportRequest, (params, token) =>
    runSafe(log, 'governance report', null as GovernanceReportResult | null, token, async () => {
      const started = Date.now();
      const workDone = connection.languages.attachWorkDoneProgress(params);
      workDone.begin('Writing the governance report', 0, undefined, true);
      try {
        await indexReady(INDEX_WAIT_MS);
        const uris = service.meshFiles();
        const inputs: ReportInput[] = [];
        const breathe = slicer(() => {
          workDone.report(Math.floor((100 * inputs.length) / Math.max(1, uris.length)), `${inputs.length.toLocaleString('en')} of ${uris.length.toLocaleString('en')} files`);
          return nextTurn();
        }, SLICE_MS);
        for (const uri of uris) {
          if (token.isCancellationRequested) return null;
          inputs.push({ uri, facts: service.indexedFacts(uri), diagnostics: service.diagnose(uri) });
          const pause = breathe();
          if (pause) await pause;
        }
        const report = governanceReport(inputs, labeller(folders()));
        return { markdown: reportMarkdown(report, { skipped: service.skippedFiles().size }), files: report.files, errors: report.counts.errors, warnings: report.counts.warnings, durationMs: Date.now() - started };
      } finally {
        workDone.done();
      }
    }),
  );
}

/** A file's path in its workspace folder; in a workspace of several folders, after the folder's name. */
function labeller(folders: readonly string[]): (uri: string) => string {
  const prefixes = folders.map((f) => (f.endsWith('/') ? f : `${f}/`));
  return (uri) => {
    const prefix = prefixes.find((p) => uri.startsWith(p));
    if (!prefix) return fileNameOf(uri);
    const path = relativeTo(prefix, uri);
    return prefixes.length > 1 ? `${fileNameOf(prefix.slice(0, -1))}/${path}` : path;
  };
}
