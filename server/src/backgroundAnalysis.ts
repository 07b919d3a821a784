import { Worker } from 'node:worker_threads';
import type { Analysis } from './core/languageService';

export interface AnalysisJob {
  id: number;
  text: string;
  fileName: string;
  uri: string;
}

export type AnalysisReply = { id: number; json: string } | { id: number; error: string };

/** An analysis as it crosses threads: everything but the syntax tree. */
export type BackgroundResult = Omit<Analysis, 'document'>;

// A worker that keeps dying (out of memory on some file, a broken install) is not started again.
const MAX_STARTS = 3;

/**
 * Runs the language service's `analyze` (quick read, schema validation, facts) on a worker thread.
 * The main thread then only handles messages, the index and the answers: an editor opening hundreds
 * of files gets them validated on a second core, and a huge file does not block hover elsewhere.
 * A result is undefined when the worker is not available (not started, crashed, job failed); the
 * caller then analyzes on the main thread, as it would without a worker.
 */
export class BackgroundAnalysis {
  private worker: Worker | undefined;
  private starts = 0;
  private nextId = 0;
  private readonly waiting = new Map<number, (result: BackgroundResult | undefined) => void>();

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Starts the worker ahead of the first document, so its start-up overlaps the server's. */
  start(): void {
    this.running();
  }

  analyze(text: string, fileName: string, uri: string): Promise<BackgroundResult | undefined> {
    const worker = this.running();
    if (!worker) return Promise.resolve(undefined);
    const id = ++this.nextId;
    // While it has work the worker keeps the process alive; idle, it must not.
    if (this.waiting.size === 0) worker.ref();
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, text, fileName, uri } satisfies AnalysisJob);
    });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.starts = MAX_STARTS;
    this.settleAll();
    await worker?.terminate();
  }

  private running(): Worker | undefined {
    if (this.worker || this.starts >= MAX_STARTS) return this.worker;
    this.starts++;
    try {
      const worker = new Worker(this.script);
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
    const resolve = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('error' in reply) {
      this.log(`Analyzing a document on the worker failed: ${reply.error}`);
      resolve?.(undefined);
    } else resolve?.(JSON.parse(reply.json) as BackgroundResult);
  }

  private settleAll(): void {
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}
