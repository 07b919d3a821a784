import type { DiagnosticsContext } from './diagnosticsContext';
import { slicer } from '../disk/workspaceScanner';
import { runInBackground } from './runSafe';
import { toLspDiagnostic } from './toLsp';

// Typing pauses shorter than this do not trigger validation.
const VALIDATION_DELAY_MS = 200;

/**
 * Push diagnostics, for clients without pull support (other editors, the benchmark): a document is
 * validated when it opens, after a pause in typing, and when the mesh changed. Every result is
 * labelled with the version it was computed for, and dropped if that version is no longer current.
 */
export class PushDiagnostics {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Documents we published for: files that turn out not to be ours get an empty list once. */
  private readonly published = new Set<string>();
  /** Documents a change of the mesh left to validate again, and whether that is under way. */
  private readonly due = new Set<string>();
  private draining = false;

  constructor(private readonly context: DiagnosticsContext) {
    const { open, connection } = context;
    // The first content of a document (its opening) is validated at once, later edits after a pause.
    const seen = new Set<string>();
    open.documents.onDidChangeContent((event) => {
      const first = !seen.has(event.document.uri);
      seen.add(event.document.uri);
      this.schedule(event.document.uri, first ? 0 : VALIDATION_DELAY_MS);
    });
    open.documents.onDidClose((event) => {
      const uri = event.document.uri;
      seen.delete(uri);
      this.due.delete(uri);
      clearTimeout(this.pending.get(uri));
      this.pending.delete(uri);
      if (this.published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    });
  }

  /**
   * The mesh changed: every open document is validated again, a slice at a time, so that requests
   * are answered in between (2,001 open files took a second in one go).
   */
  refresh(): void {
    for (const document of this.context.open.documents.all()) {
      clearTimeout(this.pending.get(document.uri));
      this.pending.delete(document.uri);
      this.due.add(document.uri);
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      const breathe = slicer();
      // A document due again while this runs is visited again: a Set's iteration includes what is added.
      for (const clientUri of this.due) {
        this.due.delete(clientUri);
        // One still being analyzed (a big file on the worker) waits on its own, not holding up the rest.
        const handle = this.context.service.document(this.context.open.indexUri(clientUri));
        if (handle && !handle.isAnalyzed && this.context.isEnabled()) {
          this.schedule(clientUri, 0);
          continue;
        }
        await runInBackground(this.context.log, 'validation', () => this.publish(clientUri));
        const pause = breathe();
        if (pause) await pause;
      }
    } finally {
      this.draining = false;
    }
  }

  private schedule(clientUri: string, delay: number): void {
    this.due.delete(clientUri);
    clearTimeout(this.pending.get(clientUri));
    this.pending.set(
      clientUri,
      setTimeout(() => {
        this.pending.delete(clientUri);
        void runInBackground(this.context.log, 'validation', () => this.publish(clientUri));
      }, delay),
    );
  }

  private async publish(clientUri: string): Promise<void> {
    const { open, service, connection, isEnabled } = this.context;
    // The version is taken now, as a number: the client's document object is updated in place.
    const version = open.versionOf(clientUri);
    if (version === undefined) return;
    if (!(await open.analyzed(clientUri, version))) return; // A newer version, or the closing, has its own turn.
    const uri = open.indexUri(clientUri);
    const handle = service.document(uri);
    const lines = open.documents.get(clientUri);
    if (!handle || handle.version !== version || !lines) return;
    const isMesh = isEnabled() && handle.isMesh;
    // Files that are not part of a mesh get nothing, unless we published for them before.
    if (!isMesh && !this.published.has(clientUri)) return;
    const diagnostics = isMesh ? service.diagnose(uri).map((d) => toLspDiagnostic(lines, d, (other) => open.positions(other))) : [];
    // While the index is incomplete, an empty list for a document we never published for would tell
    // the client nothing: the complete findings follow once the index is ready (an editor restoring
    // 2,000 valid files is spared 2,000 messages).
    if (diagnostics.length === 0 && !this.published.has(clientUri) && !service.isIndexComplete) return;
    if (isMesh) this.published.add(clientUri);
    else this.published.delete(clientUri);
    // Not awaited: the write completes on a later turn, and a refresh's next document need not wait for it.
    connection.sendDiagnostics({ uri: clientUri, version, diagnostics }).catch((error: Error) => this.context.log.error(`Publishing diagnostics failed: ${error.message}`));
  }
}
