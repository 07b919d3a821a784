import { Worker } from 'node:worker_threads';
import { shareStrings, type Analysis } from '../core/languageService';

export interface AnalysisJob {
  id: number;
  text: string;
  fileName: string;
  uri: string;
}

export type AnalysisReply = { id: number; json: string } | { id: number; error: string };

/** The answer for a document whose analysis ran past the time limit and was stopped. */
export const STOPPED = 'stopped';

// A worker that keeps dying (out of memory on some file, a broken install) is not started again.
const MAX_STARTS = 3;
// A document whose analysis takes longer is given up (a pathological pattern, a huge file): the worker
// is replaced and the documents queued behind it are analyzed by the new one.
const TIME_LIMIT_MS = 20_000;
// The worker's garbage is short-lived (a file's parse, its JSON reply): a young generation of this size
// collects it as well as V8's default (up to 48 MB) does, with less memory held between collections.
// Measured (bench/README.md): 8 MB is as fast as 16 with 8 MB less at the peak; at 4 MB more of it
// lives long enough to be promoted, and the peak is higher.
const WORKER_YOUNG_GENERATION_MB = 8;

// Files read by the scan are analyzed ahead while the worker has nothing else to do, this many at a
// time: enough to keep it busy between the main thread's slices of scanning, and a document opened
// meanwhile waits behind at most these (a few milliseconds each).
export const AHEAD_DEPTH = 96;
// What is analyzed ahead is kept for at most this many characters of text (about 2,900 files of the
// generated mesh), and only until the editor has had time to open the files it restores.
const MAX_AHEAD_CHARS = 8 * 1024 * 1024;
const AHEAD_KEPT_MS = 10_000;

interface Waiting {
  job: AnalysisJob;
  resolve: (result: Analysis | typeof STOPPED | undefined) => void;
  /** Whether nobody waits for it yet: a file analyzed ahead, in case it opens. */
  ahead?: boolean;
}

/** A file analyzed ahead: its text, its job, and its analysis once made. */
interface Ahead {
  text: string;
  /** Its job on the worker; none for an analysis made on the main thread. */
  waiting?: Waiting;
  analysis?: Analysis;
  /** Who waits for the job's answer (the scan, a document opened meanwhile). */
  listeners: ((result: Analysis | typeof STOPPED | undefined) => void)[];
}

/**
 * Runs the language service's `analyze` (quick read, schema validation, facts) on a worker thread.
 * The main thread then only handles messages, the index and the answers: an editor opening hundreds
 * of files gets them validated on a second core, and a huge file does not block hover elsewhere.
 * Files the scan reads can be analyzed ahead (`analyzeAhead`), on the worker's idle time: an editor
 * that restores hundreds of documents as the server starts then gets most of them without waiting.
 * A result is undefined when the worker is not available (not started, crashed, job failed); the
 * caller then analyzes on the main thread, as it would without a worker. It is `STOPPED` for a
 * document that took longer than the time limit: the main thread must not try it.
 */
export class BackgroundAnalysis {
  private worker: Worker | undefined;
  private starts = 0;
  private nextId = 0;
  /** Jobs in the order they were posted: the worker answers them in that order. */
  private readonly waiting = new Map<number, Waiting>();
  private watchdog: NodeJS.Timeout | undefined;
  /** Files analyzed ahead, by URI, oldest first; and those of them not posted yet, in order. */
  private readonly ahead = new Map<string, Ahead>();
  private readonly aheadQueue = new Set<Ahead>();
  private aheadChars = 0;
  private aheadTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
    private readonly timeLimitMs = TIME_LIMIT_MS,
  ) {}

  /** Whether documents are analyzed on the worker (it is running, or may still be started). */
  get isAvailable(): boolean {
    return this.worker !== undefined || this.starts < MAX_STARTS;
  }

  /** Starts the worker ahead of the first document, so its start-up overlaps the server's. */
  start(): void {
    this.running();
  }

  analyze(text: string, fileName: string, uri: string): Promise<Analysis | typeof STOPPED | undefined> {
    const worker = this.running();
    if (!worker) return Promise.resolve(undefined);
    const made = this.takeAhead(uri, text);
    if (made?.entry.analysis) return Promise.resolve(made.entry.analysis);
    if (made) {
      // Queued or under way: the document waits for that job, as for a job of its own.
      const { entry, queued } = made;
      entry.waiting!.ahead = false;
      if (queued) this.post(worker, entry.waiting!);
      return new Promise((resolve) => entry.listeners.push(resolve));
    }
    const job: AnalysisJob = { id: ++this.nextId, text, fileName, uri };
    return new Promise((resolve) => this.post(worker, { job, resolve }));
  }

  /**
   * A file the scan read: analyzed when the worker has no document anybody waits for, and kept a
   * while, so that the document opened with the same text is not analyzed again. Resolves with the
   * analysis, or undefined when there is none (no worker, the file too large, dropped to keep what is
   * kept within `MAX_AHEAD_CHARS`).
   */
  analyzeAhead(text: string, fileName: string, uri: string): Promise<Analysis | undefined> {
    if (!this.running() || text.length > MAX_AHEAD_CHARS / 16) return Promise.resolve(undefined);
    this.dropAhead(uri);
    const waiting: Waiting = { job: { id: ++this.nextId, text, fileName, uri }, ahead: true, resolve: () => {} };
    const entry: Ahead = { text, waiting, listeners: [] };
    waiting.resolve = (result) => {
      if (this.ahead.get(uri) === entry) {
        if (result && result !== STOPPED) entry.analysis = result;
        else this.dropAhead(uri);
      }
      for (const listener of entry.listeners.splice(0)) listener(result);
    };
    const made = new Promise<Analysis | undefined>((resolve) => entry.listeners.push((result) => resolve(result === STOPPED ? undefined : result)));
    this.keep(uri, entry);
    this.aheadQueue.add(entry);
    this.postAhead();
    return made;
  }

  /** Whether an analysis of a text this long made on the main thread would be kept (`keepAhead`). */
  hasRoomAhead(chars: number): boolean {
    return this.isAvailable && this.aheadChars + chars <= MAX_AHEAD_CHARS;
  }

  /** Keeps an analysis the main thread made (the scan's own share) for the document opened with this text. */
  keepAhead(text: string, uri: string, analysis: Analysis): void {
    this.dropAhead(uri);
    this.keep(uri, { text, analysis, listeners: [] });
  }

  private keep(uri: string, entry: Ahead): void {
    this.ahead.set(uri, entry);
    this.aheadChars += entry.text.length;
    while (this.aheadChars > MAX_AHEAD_CHARS) this.dropAhead(this.ahead.keys().next().value!);
    // Files nobody opened by then are not kept: their analyses would only hold memory.
    clearTimeout(this.aheadTimer);
    this.aheadTimer = setTimeout(() => this.forgetAhead(), AHEAD_KEPT_MS);
    this.aheadTimer.unref();
  }

  /** Takes the file's entry made ahead if it is of this very text: it is not kept after. */
  private takeAhead(uri: string, text: string): { entry: Ahead; queued: boolean } | undefined {
    const entry = this.ahead.get(uri);
    if (entry?.text !== text) return undefined;
    this.ahead.delete(uri);
    this.aheadChars -= entry.text.length;
    return { entry, queued: this.aheadQueue.delete(entry) };
  }

  /** Forgets a file analyzed ahead; a job not posted yet is not, and its listeners get undefined. */
  private dropAhead(uri: string): void {
    const entry = this.ahead.get(uri);
    if (!entry) return;
    if (this.takeAhead(uri, entry.text)?.queued) for (const listener of entry.listeners.splice(0)) listener(undefined);
  }

  private forgetAhead(): void {
    for (const uri of [...this.ahead.keys()]) this.dropAhead(uri);
  }

  /** Posts files to analyze ahead while the worker has no document anybody waits for. */
  private postAhead(): void {
    const worker = this.worker;
    if (!worker || this.aheadQueue.size === 0) return;
    for (const waiting of this.waiting.values()) if (!waiting.ahead) return;
    for (const entry of this.aheadQueue) {
      if (this.waiting.size >= AHEAD_DEPTH) return;
      this.aheadQueue.delete(entry);
      this.post(worker, entry.waiting!);
    }
  }

  private post(worker: Worker, waiting: Waiting): void {
    this.waiting.set(waiting.job.id, waiting);
    // While it has work the worker keeps the process alive; idle, it must not.
    if (this.waiting.size === 1) {
      worker.ref();
      this.arm();
    }
    worker.postMessage(waiting.job);
  }

  /** Watches the job the worker is on; every answer restarts the clock for the next one. */
  private arm(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.waiting.size === 0) return;
    this.watchdog = setTimeout(() => this.stopCurrent(), this.timeLimitMs);
    this.watchdog.unref();
  }

  private stopCurrent(): void {
    const [first] = this.waiting.values();
    if (!first || !this.worker) return;
    this.log(`Analyzing ${first.job.uri} took longer than ${Math.round(this.timeLimitMs / 1000)} s; it was stopped.`);
    this.waiting.delete(first.job.id);
    first.resolve(STOPPED);
    const queued = [...this.waiting.values()];
    this.waiting.clear();
    const stuck = this.worker;
    this.worker = undefined;
    void stuck.terminate();
    // Not the worker's fault: a new one does not count against the starts.
    this.starts--;
    const worker = this.running();
    for (const waiting of queued) {
      if (worker) this.post(worker, waiting);
      else waiting.resolve(undefined);
    }
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.starts = MAX_STARTS;
    clearTimeout(this.aheadTimer);
    this.forgetAhead();
    this.settleAll();
    await worker?.terminate();
  }

  private running(): Worker | undefined {
    if (this.worker || this.starts >= MAX_STARTS) return this.worker;
    this.starts++;
    try {
      const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      worker.on('message', (reply: AnalysisReply) => this.settle(reply));
      worker.on('error', (error: Error) => this.log(`The analysis worker failed: ${error.message}`));
      worker.on('exit', () => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.settleAll(); // Their callers analyze on the main thread instead.
      });
      worker.unref();
      this.worker = worker;
    } catch (error) {
      this.log(`The analysis worker could not start, so documents are analyzed on the main thread: ${(error as Error).message}`);
      this.starts = MAX_STARTS;
    }
    return this.worker;
  }

  private settle(reply: AnalysisReply): void {
    const resolve = this.waiting.get(reply.id)?.resolve;
    this.waiting.delete(reply.id);
    this.postAhead();
    if (this.waiting.size === 0) this.worker?.unref();
    this.arm();
    if ('error' in reply) {
      this.log(`Analyzing a document on the worker failed: ${reply.error}`);
      resolve?.(undefined);
    } else {
      const analysis = JSON.parse(reply.json) as Analysis;
      // A worker of another build may answer without facts: nothing here may throw on a reply.
      if (typeof analysis?.facts === 'object' && analysis.facts !== null) shareStrings(analysis.facts);
      resolve?.(analysis);
    }
  }

  private settleAll(): void {
    for (const { resolve } of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
    this.arm();
  }
}
