// The server fuzz's driver: random edits of open documents through the real server, with requests
// in between and random cancellations, recording what the server answered and when. The assertions
// are in test/lsp/serverFuzz.test.ts.
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { applyEdit, type Random, randomEdit } from './fuzzEdits';
import { type LspServer, positionAt } from './lspClient';

export interface FuzzDocument {
  uri: string;
  /** The text as opened. */
  original: string;
  /** The text the server should have now. */
  text: string;
  version: number;
  /** Index into `server.published(uri)` where the current open's publishes start. */
  publishedFrom: number;
}

export interface AnsweredRequest {
  step: number;
  method: string;
  uri: string;
  /** From sending to the answer. */
  ms: number;
  /** 'cancelled' is an answer of RequestCancelled (-32800). */
  outcome: 'result' | 'cancelled' | 'error' | 'no answer';
  /** When the client cancelled it: right after sending, or a few milliseconds later. */
  cancel: 'none' | 'at once' | 'later';
  /** A result of null or an empty list. */
  empty: boolean;
  error?: string;
}

export interface FuzzRun {
  documents: FuzzDocument[];
  requests: AnsweredRequest[];
  /** One line per step: what was done to which document; the replay log. */
  steps: string[];
  /** Set when the server process ended during the run. */
  died?: string;
}

const NO_ANSWER_MS = 10_000;
const IN_FLIGHT = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openAll(server: LspServer, texts: { uri: string; text: string }[]): Promise<FuzzDocument[]> {
  const documents: FuzzDocument[] = [];
  for (const { uri, text } of texts) {
    documents.push({ uri, original: text, text, version: 1, publishedFrom: server.published(uri).length });
    await server.open(uri, text, 1);
  }
  return documents;
}

/**
 * Waits until the server has analyzed the documents just opened (pulls each once, or waits for the
 * pushes to stop), then edits each once and asks for its symbols at once, so that the main thread
 * has compiled the schemas it needs before anything is timed (the first such request waits for that).
 */
export async function settle(server: LspServer, pull: boolean, documents: FuzzDocument[]): Promise<void> {
  const analyzed = async () => {
    if (pull) for (const doc of documents) await server.pullDiagnostics(doc.uri);
    else await quiet(server, 500, 30_000);
  };
  await analyzed();
  for (const doc of documents) {
    await server.change(doc.uri, doc.text, ++doc.version);
    await server.request('textDocument/documentSymbol', { textDocument: { uri: doc.uri } });
  }
  await analyzed();
}

/**
 * `steps` times either edits a random open document (incrementally, now and then as a whole text, or
 * closes and reopens it) or sends it a request, with short random pauses and now and then one longer
 * than the diagnostics' debounce. Returns once every request is answered.
 */
export async function fuzzServer(server: LspServer, random: Random, documents: FuzzDocument[], steps: number, pull: boolean): Promise<FuzzRun> {
  const run: FuzzRun = { documents, requests: [], steps: [] };
  void server.exited.then((code) => (run.died ??= `exit code ${code} after step ${run.steps.length}`));
  const methods = ['textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/documentSymbol', 'textDocument/codeLens', ...(pull ? ['textDocument/diagnostic'] : [])];
  const inFlight: Promise<void>[] = [];
  for (let step = 0; step < steps && run.died === undefined; step++) {
    const doc = random.pick(run.documents);
    if (random.chance(0.03)) {
      // Slow typing: edits about as far apart as the diagnostics' debounce, so validations overlap.
      for (let n = 2 + random.int(3); n > 0; n--) {
        run.steps.push(`${step} ${await edit(server, random, doc)}`);
        await sleep(180 + random.int(100));
      }
    } else if (random.chance(0.6)) run.steps.push(`${step} ${await edit(server, random, doc)}`);
    else {
      const method = random.pick(methods);
      const cancel = random.chance(0.25) ? random.pick(['at once', 'later'] as const) : 'none';
      const params = requestParams(random, method, doc);
      run.steps.push(`${step} ${method} ${doc.uri} ${JSON.stringify(params)}${cancel === 'none' ? '' : ` cancelled ${cancel}`}`);
      inFlight.push(ask(server, run, step, method, doc.uri, params, cancel, random.int(20)));
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    }
    const pause = random.chance(0.05) ? 250 + random.int(200) : random.chance(0.5) ? 0 : random.int(20);
    if (pause > 0) await sleep(pause);
  }
  await Promise.all(inFlight);
  return run;
}

/** Applies one random edit to `doc` and sends it; returns the replay line. */
async function edit(server: LspServer, random: Random, doc: FuzzDocument): Promise<string> {
  const choice = random.next();
  if (choice < 0.02) {
    // Close and open again, with a later version, as an editor does when a tab is closed and reopened.
    await server.close(doc.uri);
    doc.publishedFrom = server.published(doc.uri).length;
    await server.open(doc.uri, doc.text, ++doc.version);
    return `reopen ${doc.uri} v${doc.version}`;
  }
  if (choice < 0.05) {
    doc.text = doc.original;
    await server.change(doc.uri, doc.text, ++doc.version);
    return `restore ${doc.uri} v${doc.version}`;
  }
  const e = randomEdit(random, doc.text, doc.original);
  const range = { start: positionAt(doc.text, e.start), end: positionAt(doc.text, e.end) };
  doc.text = applyEdit(doc.text, e);
  await server.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: ++doc.version }, contentChanges: [{ range, text: e.text }] });
  return `${e.label} ${doc.uri} v${doc.version} ${JSON.stringify(range)} ${JSON.stringify(e.text.length > 80 ? `${e.text.slice(0, 80)}…(${e.text.length})` : e.text)}`;
}

function requestParams(random: Random, method: string, doc: FuzzDocument): object {
  const textDocument = { uri: doc.uri };
  if (method === 'textDocument/documentSymbol' || method === 'textDocument/codeLens' || method === 'textDocument/diagnostic') return { textDocument };
  // Mostly inside the text; now and then past its end, which a client may send while it types.
  const position = random.chance(0.05) ? { line: doc.text.split('\n').length + random.int(3), character: random.int(200) } : positionAt(doc.text, random.int(doc.text.length + 1));
  return method === 'textDocument/references' ? { textDocument, position, context: { includeDeclaration: random.chance(0.5) } } : { textDocument, position };
}

/** Sends one request, cancels it if told to, and records the answer. */
async function ask(server: LspServer, run: FuzzRun, step: number, method: string, uri: string, params: object, cancel: AnsweredRequest['cancel'], laterMs: number): Promise<void> {
  const source = new CancellationTokenSource();
  const started = performance.now();
  const answer = server.request<unknown>(method, params, source.token).then(
    (result) => ({ outcome: 'result' as const, empty: result === null || (Array.isArray(result) && result.length === 0) }),
    (error: unknown) =>
      error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled
        ? { outcome: 'cancelled' as const, empty: false }
        : { outcome: 'error' as const, empty: false, error: String(error instanceof Error ? error.message.split('\n')[0] : error) },
  );
  if (cancel === 'at once') source.cancel();
  if (cancel === 'later') setTimeout(() => source.cancel(), laterMs);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ outcome: 'no answer'; empty: false }>((resolve) => (timer = setTimeout(() => resolve({ outcome: 'no answer', empty: false }), NO_ANSWER_MS)));
  const result = await Promise.race([answer, late]);
  clearTimeout(timer);
  run.requests.push({ step, method, uri, ms: performance.now() - started, cancel, ...result });
}

/** Waits until no diagnostics have been published for `quietMs` (at most `maxMs`). */
export async function quiet(server: LspServer, quietMs: number, maxMs: number): Promise<void> {
  const until = performance.now() + maxMs;
  let seen = server.published().length;
  let since = performance.now();
  while (performance.now() < until && performance.now() - since < quietMs) {
    await sleep(50);
    const now = server.published().length;
    if (now !== seen) [seen, since] = [now, performance.now()];
  }
}
