import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BaseText, comparedWithBase, type LanguageService } from '../core/languageService';
import { type GitBaseTexts, GitDidNotAnswer } from '../disk/gitBaseTexts';
import { canonicalUri } from '../disk/uris';
import type { OpenDocuments } from './openDocuments';
import type { Logger } from './runSafe';
import { runInBackground } from './runSafe';

// A contract or product says so at the top level; other YAML is not worth a git run.
const COMPARED_KIND = /^kind:[ \t]*['"]?Data(?:Contract|Product)\b/m;
// Git that did not answer (a loaded machine) is asked again, a little later each time, a few times.
const RETRY_MS = 3000;
const MAX_RETRIES = 3;
// The closed files compared at most: each is a `git show` and a comparison on every pass of the Problems panel.
const MAX_CLOSED = 200;
// File events come in bursts (a checkout, a formatter over the mesh): one `git diff` after them.
const CLOSED_DEBOUNCE_MS = 1000;

/**
 * The git bases of the contracts and products (`dataMesh.breakingChanges.base`), handed to the core
 * with `setBaseText`. An open document's base is read when it opens or is saved; the closed files
 * that differ from the base (one `git diff`) get theirs once the index is ready and after file
 * events, so the Problems panel's whole mesh shows what `datamesh check --base` shows. All are read
 * again when the setting or the workspace trust changes, and when HEAD moves (GitBaseTexts watches
 * the git folder): never on a keystroke. No git runs in an untrusted workspace or with the setting empty.
 */
export class BreakingBases {
  ref = 'HEAD';
  trusted = true;
  /** The base text each file has in the core (open, or closed and changed), by canonical URI, to tell the client only of changes. */
  private readonly given = new Map<string, string>();
  private readonly pending = new Map<string, number>();
  /** How many times git has not answered for a document since its last base (by canonical URI). */
  private readonly retries = new Map<string, number>();
  private turn = 0;
  /** The closed files given a base by the last pass over the changed files (by canonical URI). */
  private readonly closedGiven = new Set<string>();
  private closedTurn = 0;
  private closedTimer: NodeJS.Timeout | undefined;
  private toldMore = false;

  constructor(
    private readonly service: LanguageService,
    private readonly open: OpenDocuments,
    private readonly git: GitBaseTexts,
    private readonly log: Logger,
    /** A document's base changed: its diagnostics are to be asked for again. */
    private readonly onChanged: () => void,
    /** The workspace folders (file paths) whose changed files are compared while closed. */
    private readonly folders: () => readonly string[] = () => [],
  ) {}

  private get enabled(): boolean {
    return this.trusted && this.ref.trim() !== '';
  }

  /** Reads the base of one open document again (opened, saved). */
  update(clientUri: string): void {
    void runInBackground(this.log, 'reading the git base', () => this.read(clientUri));
  }

  /** Reads every open document's base again (the setting, the trust or HEAD changed). */
  updateAll(): void {
    this.git.refresh();
    for (const document of this.open.documents.all()) this.update(document.uri);
    this.updateClosed();
  }

  /** Reads the bases of the closed files that differ from the base again, after a quiet moment. */
  updateClosed(): void {
    clearTimeout(this.closedTimer);
    this.closedTimer = setTimeout(() => void runInBackground(this.log, 'reading the git bases of changed files', () => this.readClosed()), CLOSED_DEBOUNCE_MS);
    this.closedTimer.unref();
  }

  closed(clientUri: string): void {
    const uri = this.open.indexUri(clientUri);
    this.given.delete(uri);
    this.retries.delete(uri);
    this.service.setBaseText(uri, undefined);
    // Closed, it may still differ from the base: the pass over the changed files gives it its base again.
    this.updateClosed();
  }

  dispose(): void {
    clearTimeout(this.closedTimer);
  }

  private async readClosed(): Promise<void> {
    const turn = ++this.closedTurn;
    const wanted = new Map<string, BaseText>();
    let more = 0;
    if (this.enabled) {
      const compared = (path: string) => {
        const uri = canonicalUri(pathToFileURL(path).href);
        return !this.open.isOpen(uri) && comparedWithBase(this.service.indexedFacts(uri));
      };
      for (const folder of this.folders()) {
        let differing: Awaited<ReturnType<GitBaseTexts['changedSince']>>;
        try {
          differing = await this.git.changedSince(folder, this.ref.trim(), compared, MAX_CLOSED - wanted.size);
        } catch (error) {
          if (!(error instanceof GitDidNotAnswer)) throw error;
          this.log.error(`Breaking changes: ${error.message}; the closed files keep their bases until the next file change.`);
          return;
        }
        for (const [path, base] of differing?.texts ?? []) wanted.set(canonicalUri(pathToFileURL(path).href), base);
        more += differing?.more ?? 0;
      }
    }
    if (turn !== this.closedTurn) return; // a later pass wins
    if (more > 0 && !this.toldMore) {
      this.toldMore = true;
      this.log.error(`Breaking changes: ${MAX_CLOSED + more} closed contracts and products differ from ${this.ref}; the Problems panel compares ${MAX_CLOSED} of them (datamesh check --base compares all).`);
    }
    let changed = false;
    for (const uri of this.closedGiven) {
      if (wanted.has(uri) || this.open.isOpen(uri)) continue;
      this.closedGiven.delete(uri);
      this.given.delete(uri);
      this.service.setBaseText(uri, undefined);
      changed = true;
    }
    for (const [uri, base] of wanted) {
      if (this.open.isOpen(uri)) continue; // opened meanwhile: its own read gives it its base
      const signature = `${base.ref}\0${base.text}`;
      this.closedGiven.add(uri);
      if (this.given.get(uri) === signature) continue;
      this.given.set(uri, signature);
      this.service.setBaseText(uri, base);
      changed = true;
    }
    if (changed) this.onChanged();
  }

  private async read(clientUri: string): Promise<void> {
    const document = this.open.documents.get(clientUri);
    if (!document) return;
    const uri = this.open.indexUri(clientUri);
    const turn = ++this.turn;
    this.pending.set(uri, turn);
    const ref = this.ref.trim();
    const compared = this.enabled && uri.startsWith('file:') && COMPARED_KIND.test(document.getText());
    let base: BaseText | undefined;
    try {
      base = compared ? await this.git.textAt(fileURLToPath(uri), ref) : undefined;
    } catch (error) {
      // Git did not answer (a loaded machine): the document keeps the base it has, and git is asked again.
      if (!(error instanceof GitDidNotAnswer)) throw error;
      if (this.pending.get(uri) === turn) this.pending.delete(uri);
      const attempt = (this.retries.get(uri) ?? 0) + 1;
      this.retries.set(uri, attempt);
      if (attempt <= MAX_RETRIES) setTimeout(() => this.open.isOpen(uri) && this.update(clientUri), RETRY_MS * attempt).unref();
      const next = attempt <= MAX_RETRIES ? `asking again in ${(RETRY_MS * attempt) / 1000} s` : 'not asking again until it is saved or opened again';
      this.log.error(`Breaking changes: ${error.message}; ${clientUri} keeps its base, ${next}.`);
      return;
    }
    this.retries.delete(uri);
    // A later read of the same document, or its closing, wins.
    if (this.pending.get(uri) !== turn || !this.open.isOpen(uri)) return;
    this.pending.delete(uri);
    const signature = base ? `${base.ref}\0${base.text}` : undefined;
    const before = this.given.get(uri);
    if (signature === before) return;
    if (signature === undefined) this.given.delete(uri);
    else this.given.set(uri, signature);
    this.service.setBaseText(uri, base);
    // A document first given a base it still reads as breaks nothing: its findings stay as they are.
    if (before !== undefined || base?.text !== document.getText()) this.onChanged();
  }
}
