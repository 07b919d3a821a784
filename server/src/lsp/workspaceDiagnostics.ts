import { createHash } from 'node:crypto';
import {
  type CancellationToken,
  type Diagnostic,
  ResponseError,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type WorkDoneProgressReporter,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { type CheckSummary, CheckWorkspaceRequest, type DiagnosticsScope } from '../../../protocol/protocol';
import { canonicalUri } from '../disk/uris';
import { nextTurn, slicer } from '../disk/workspaceScanner';
import type { DiagnosticsContext } from './diagnosticsContext';
import { runSafe } from './runSafe';
import { toLspDiagnostic } from './toLsp';

// A pass over the mesh yields to other requests this often, so hover and completion stay quick
// while 20,000 files are checked.
const SLICE_MS = 20;
// A pass starts once the mesh has been quiet this long, so typing an id does not start one per keystroke.
const QUIET_MS = 500;

interface Report {
  uri: string;
  items: Diagnostic[];
  resultId: string;
}

/**
 * Workspace diagnostics (LSP 3.17 `workspace/diagnostic`): the Problems panel lists every data-mesh
 * file, not only the open ones. VS Code's client asks again two seconds after each answer, so the
 * request is held open until the mesh changes (a long poll) and then answered with the files whose
 * findings changed since the client's `previousResultIds`, in partial results as a pass goes. A
 * result id is a hash of the findings, so an unchanged file is never sent again, even to a client
 * that outlived a server restart. Open documents are left to document pulls (the client prefers them).
 */
export class WorkspaceDiagnostics {
  /** Something changed since the last pass (the index, the settings, the open documents). */
  private dirty = true;
  private changes = 0;
  private waiting: (() => void)[] = [];
  /** What the client holds of ours: its result id for each file. */
  private readonly sent = new Map<string, string>();
  /** "Check Workspace" asked for the whole mesh, whatever the scope (until the scope changes). */
  private everything = false;
  /** The reports a check just computed, for the next pass to send without computing them again. */
  private checked: { changes: number; reports: Map<string, Report> } | undefined;

  constructor(
    private readonly context: DiagnosticsContext,
    private readonly scope: () => DiagnosticsScope,
  ) {
    const { connection, log } = context;
    connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
      const previous = new Map(params.previousResultIds.map((p) => [canonicalUri(p.uri), p.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const deliver = (batch: WorkspaceDocumentDiagnosticReport[]) => (resultProgress ? resultProgress.report({ items: batch }) : items.push(...batch));
      const answer = await runSafe(log, 'workspace diagnostics', undefined, token, async () => {
        while (!this.dirty && this.clientHasAll(previous)) if (!(await this.nextChange(token))) return;
        for (let seen = -1; seen !== this.changes && !token.isCancellationRequested; ) {
          seen = this.changes;
          if (this.checked?.changes !== seen) await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
        }
        this.dirty = false;
        await this.pass(previous, token, deliver);
      });
      // A cancelled pull is answered as the LSP asks; the client pulls again two seconds later.
      if (answer instanceof ResponseError) return new ResponseError(answer.code, answer.message, { retriggerRequest: false });
      return { items };
    });
    connection.onRequest(CheckWorkspaceRequest, (params, token) =>
      runSafe(log, 'check workspace', { files: 0, errors: 0, warnings: 0, skipped: 0, durationMs: 0 }, token, () => this.check(token, connection.languages.attachWorkDoneProgress(params))),
    );
  }

  /** The mesh, the settings or the open documents changed: the held request makes a new pass. */
  changed(): void {
    this.dirty = true;
    this.changes++;
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** The scope setting changed: back to what it says, and a pass that clears what it no longer covers. */
  scopeChanged(): void {
    this.everything = false;
    this.changed();
  }

  /** `dataMesh/checkWorkspace`: every file of the mesh, counted for the command and sent to the Problems panel. */
  private async check(token: CancellationToken, workDone: WorkDoneProgressReporter): Promise<CheckSummary> {
    const started = Date.now();
    const { service } = this.context;
    workDone.begin('Checking the data mesh', 0, undefined, true);
    try {
      const reports = new Map<string, Report>();
      const changes = this.changes;
      const uris = this.closedMeshFiles(true);
      await this.inSlices(uris, token, (uri) => reports.set(uri, this.report(uri)), () => workDone.report(Math.floor((100 * reports.size) / Math.max(1, uris.length)), `${reports.size.toLocaleString('en')} of ${uris.length.toLocaleString('en')} files`));
      const summary = { files: service.meshFiles().length, errors: 0, warnings: 0, skipped: service.skippedFiles().size, durationMs: 0 };
      const count = (severities: (number | undefined)[]) => {
        for (const severity of severities) {
          if (severity === DiagnosticSeverity.Error) summary.errors++;
          else if (severity === DiagnosticSeverity.Warning) summary.warnings++;
        }
      };
      for (const report of reports.values()) count(report.items.map((d) => d.severity));
      // The open documents count too; their findings reach the Problems panel by document pulls.
      for (const uri of service.meshFiles()) if (this.context.open.isOpen(uri)) count(service.diagnose(uri).map((d) => d.severity));
      this.everything = true;
      this.checked = { changes: changes + 1, reports };
      this.changed();
      return { ...summary, durationMs: Date.now() - started };
    } finally {
      workDone.done();
    }
  }

  /** One pass over the files the scope covers: reports for those the client holds no current result of. */
  private async pass(previous: Map<string, string>, token: CancellationToken, deliver: (batch: WorkspaceDocumentDiagnosticReport[]) => void): Promise<void> {
    const { service, open } = this.context;
    // Until the index is complete cross-file findings are not known; its completion is a change.
    if (!service.isIndexComplete) return;
    const checked = this.checked?.changes === this.changes ? this.checked.reports : undefined;
    this.checked = undefined;
    const uris = this.closedMeshFiles(this.everything || this.scope() === 'workspace');
    const covered = new Set(uris);
    let batch: WorkspaceDocumentDiagnosticReport[] = [];
    await this.inSlices(uris, token, (uri) => {
      const report = checked?.get(uri) ?? this.report(uri);
      if (previous.get(uri) !== report.resultId) batch.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: report.resultId, items: report.items });
      this.sent.set(uri, report.resultId);
    }, () => {
      if (batch.length > 0) deliver(batch);
      batch = [];
    });
    if (token.isCancellationRequested) {
      this.dirty = true;
      return;
    }
    // Files gone from the mesh or from the scope: cleared once, and then forgotten.
    for (const uri of new Set([...previous.keys(), ...this.sent.keys()])) {
      if (covered.has(uri)) continue;
      this.sent.delete(uri);
      if (!open.isOpen(uri)) batch.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    if (batch.length > 0) deliver(batch);
  }

  /** A closed file's findings now, with the hash of them as its result id. */
  private report(uri: string): Report {
    const { service, open } = this.context;
    const reason = service.skippedFiles().get(uri);
    const lines = reason === undefined ? open.positions(uri) : undefined;
    const items = reason !== undefined ? [notChecked(reason)] : lines ? service.diagnose(uri).map((d) => toLspDiagnostic(lines, d, (other) => open.positions(other))) : [];
    return { uri, items, resultId: createHash('sha1').update(JSON.stringify(items)).digest('base64url').slice(0, 16) };
  }

  /** The closed files of the mesh (and those the index skipped) when the scope covers them. */
  private closedMeshFiles(whole: boolean): string[] {
    const { service, open } = this.context;
    if (!whole || !this.context.isEnabled()) return [];
    return [...service.meshFiles(), ...service.skippedFiles().keys()].filter((uri) => !open.isOpen(uri));
  }

  private async inSlices(uris: string[], token: CancellationToken, each: (uri: string) => void, afterSlice: () => void): Promise<void> {
    const breathe = slicer(() => {
      afterSlice();
      return nextTurn();
    }, SLICE_MS);
    for (const uri of uris) {
      if (token.isCancellationRequested) return;
      each(uri);
      const pause = breathe();
      if (pause) await pause;
    }
    afterSlice();
  }


  /**
   * Whether the client holds the result ids last sent: then there is nothing to tell it. Other ids it
   * holds are of files the last pass cleared or left to document pulls (open files).
   */
  private clientHasAll(previous: Map<string, string>): boolean {
    for (const [uri, id] of this.sent) if (previous.get(uri) !== id) return false;
    return true;
  }

  /** Resolves true at the next change, false when the request is cancelled first. */
  private nextChange(token: CancellationToken): Promise<boolean> {
    return new Promise((resolve) => {
      const subscription = token.onCancellationRequested(() => resolve(false));
      this.waiting.push(() => {
        subscription.dispose();
        resolve(true);
      });
    });
  }
}

/** A file the index skipped (too large, unreadable) is listed, so that silence does not read as "no problems". */
function notChecked(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'file/not-read',
    source: 'Data Mesh',
    message: `This file is not checked in the editor because ${reason}. Run \`datamesh check\` on it to see its problems.`,
  };
}
