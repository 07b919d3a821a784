// A small LSP client for protocol tests: starts the bundled server (dist/server.js) over stdio and
// speaks JSON-RPC to it. The child process is always killed in an `after` hook of the caller's suite.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type ClientCapabilities,
  createMessageConnection,
  type DocumentDiagnosticReport,
  ErrorCodes,
  type InitializeResult,
  type LogMessageParams,
  type Message,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type ResourceOperationKind,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';

/** The repository root: the nearest folder above this (bundled) file with a package.json. */
export const repoRoot = findUp(__dirname, 'package.json');

export interface StartOptions {
  /** Advertise pull diagnostics (`textDocument.diagnostic`); otherwise the server pushes them. */
  pull?: boolean;
  /** Announce `workspace.diagnostics.refreshSupport`. */
  refreshSupport?: boolean;
  /** Answer requests from the server with MethodNotFound, as a client without the feature does; by default they get `null`. */
  rejectServerRequests?: boolean;
  /**
   * Workspace folders (URIs) sent in `initialize` instead of `workspaceFolders: null`; the client then
   * also announces `workspace.workspaceFolders`, so it may send workspace/didChangeWorkspaceFolders.
   */
  workspaceFolders?: string[];
  /** Announce `window.workDoneProgress` (server-initiated progress). */
  workDoneProgress?: boolean;
  /** Announce dynamic registration of `workspace/didChangeWatchedFiles`. */
  watchedFiles?: boolean;
  /** Announce `textDocument.rename.prepareSupport`. */
  prepareRename?: boolean;
  /** Announce `workspace.codeLens.refreshSupport`. */
  codeLensRefresh?: boolean;
  /**
   * Announce `workspace.configuration` and answer workspace/configuration from these settings, e.g.
   * `{ dataMesh: { exclude: ['broken/**'] } }` (a section may be dotted: `dataMesh.exclude`).
   */
  settings?: Record<string, unknown>;
  /**
   * workspace/configuration is answered only once this resolves: the server reads its settings
   * before it scans the workspace, so until then the index stays incomplete, for as long as a test needs.
   */
  configurationAnswered?: Promise<unknown>;
  /** Announce `workspace.workspaceEdit` with `documentChanges` and these resource operations (e.g. `['create']`). */
  resourceOperations?: string[];
  /** Sent as `initializationOptions` in `initialize` (VS Code's client sends `{ storagePath }`). */
  initializationOptions?: unknown;
}

/** A notification (other than logMessage and publishDiagnostics) or request the server sent to the client. */
export interface ServerMessage {
  method: string;
  params: unknown;
}

export interface LspServer {
  readonly child: ChildProcessWithoutNullStreams;
  /** Requests the server sent to the client, in order. */
  readonly serverRequests: { method: string; params: unknown }[];
  initialize(rootUri?: string | null): Promise<InitializeResult>;
  open(uri: string, text: string, version?: number): Promise<void>;
  /** Replaces the whole text (a range-less content change). */
  change(uri: string, text: string, version: number): Promise<void>;
  close(uri: string): Promise<void>;
  /**
   * The first publishDiagnostics for `uri` that matches `predicate` and was not returned by an
   * earlier call for the same uri; already received notifications count, so there is no race.
   */
  waitForDiagnostics(uri: string, predicate?: (params: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Every publishDiagnostics received so far for `uri` (or for any uri), oldest first. */
  published(uri?: string): PublishDiagnosticsParams[];
  pullDiagnostics(uri: string): Promise<DocumentDiagnosticReport>;
  /** With a token, cancelling it sends `$/cancelRequest`; the promise still waits for the server's answer. */
  request<R>(method: string, params?: unknown, token?: CancellationToken): Promise<R>;
  notify(method: string, params?: unknown): Promise<void>;
  /**
   * The first notification of `method` (any but logMessage and publishDiagnostics) that matches
   * `predicate` and was not returned by an earlier call for the same method; already received ones
   * count, so there is no race.
   */
  waitForNotification<P = unknown>(method: string, predicate?: (params: P) => boolean, timeoutMs?: number): Promise<P>;
  /** Every such notification received so far of `method` (or of any method), oldest first. */
  notifications(method?: string): ServerMessage[];
  /** Marks every notification of `method` received so far as returned, so the next wait needs a new one. */
  skipNotifications(method: string): void;
  /** Like waitForNotification, for requests the server sent to the client (which were answered already). */
  waitForServerRequest<P = unknown>(method: string, predicate?: (params: P) => boolean, timeoutMs?: number): Promise<P>;
  /** Marks every server request of `method` received so far as returned, so the next wait needs a new one. */
  skipServerRequests(method: string): void;
  /** Changes the settings the client answers workspace/configuration with, and sends workspace/didChangeConfiguration. */
  configure(settings: Record<string, unknown>): Promise<void>;
  /** `shutdown` then `exit`; resolves with the exit code of the process. */
  shutdown(): Promise<number | null>;
  /** Resolves with the exit code once the process has ended (null if killed by a signal). */
  readonly exited: Promise<number | null>;
  /** The server's stderr and window/logMessage output, for failure messages. */
  log(): string;
}

interface Waiter {
  uri: string;
  predicate: (params: PublishDiagnosticsParams) => boolean;
  resolve(params: PublishDiagnosticsParams): void;
  reject(error: Error): void;
}

export function startServer(options: StartOptions = {}): LspServer {
  const serverJs = join(repoRoot, 'dist', 'server.js');
  if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing; run npm run build first.`);
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: 'pipe' });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new QuietWriter(child.stdin));
  const publishes: PublishDiagnosticsParams[] = [];
  const consumed = new Map<string, number>();
  const waiters = new Set<Waiter>();
  const serverRequests: { method: string; params: unknown }[] = [];

  connection.onNotification('window/logMessage', (params: LogMessageParams) => (output += `[log ${params.type}] ${params.message}\n`));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    publishes.push(params);
    for (const waiter of waiters) {
      const match = take(waiter.uri, waiter.predicate);
      if (match) settle(waiter).resolve(match);
    }
  });
  let settings = options.settings;
  const notificationInbox = new Inbox('notification', () => output);
  const requestInbox = new Inbox('server request', () => output);
  connection.onRequest((method, params) => {
    serverRequests.push({ method, params });
    requestInbox.push({ method, params });
    if (method === 'workspace/configuration' && settings) {
      const answer = () => (params as { items: { section?: string }[] }).items.map((item) => settingAt(settings!, item.section));
      return options.configurationAnswered ? options.configurationAnswered.then(answer) : answer();
    }
    return options.rejectServerRequests ? new ResponseError(ErrorCodes.MethodNotFound, `The test client does not handle ${method}`) : null;
  });
  connection.onNotification((method, params) => notificationInbox.push({ method, params }));
  // vscode-jsonrpc keeps $/progress for its own handlers; progress nobody asked for arrives here.
  connection.onUnhandledProgress((params) => notificationInbox.push({ method: '$/progress', params }));
  connection.listen();

  void exited.then((code) => {
    connection.dispose();
    for (const waiter of waiters) settle(waiter).reject(new Error(`The server exited with code ${code}.\n${output}`));
    notificationInbox.close(`The server exited with code ${code}.`);
    requestInbox.close(`The server exited with code ${code}.`);
  });
  // Kill it whatever happened, and also if the test process itself goes away first.
  const kill = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
  process.once('exit', kill);
  after(async () => {
    kill();
    // Bounded: a test file must never outlive its tests because a pipe of the killed server stays open.
    await Promise.race([exited, new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    for (const stream of [child.stdin, child.stdout, child.stderr]) stream.destroy();
    process.removeListener('exit', kill);
    // A server that outlived SIGKILL must not hold the test file open until the runner's timeout
    // (a finished file lingered for 120 s once in CI, all its tests passed): let it go, and say so.
    if (child.exitCode === null && child.signalCode === null) {
      child.unref();
      process.stderr.write(`lspClient: the server (pid ${child.pid}) had not exited 5 s after SIGKILL; no longer waiting for it.\n`);
    }
  });

  /** The first unconsumed publish for `uri` matching `predicate`, which it marks consumed. */
  function take(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean): PublishDiagnosticsParams | undefined {
    for (let i = consumed.get(uri) ?? 0; i < publishes.length; i++) {
      const params = publishes[i]!;
      if (params.uri === uri && predicate(params)) {
        consumed.set(uri, i + 1);
        return params;
      }
    }
    return undefined;
  }

  async function request<R>(method: string, params?: unknown, token?: CancellationToken): Promise<R> {
    try {
      // An undefined last argument would count as a second parameter.
      return await (token ? connection.sendRequest<R>(method, params, token) : connection.sendRequest<R>(method, params));
    } catch (error) {
      if (error instanceof Error) error.message += `\n${output}`;
      throw error;
    }
  }

  function settle(waiter: Waiter): Waiter {
    waiters.delete(waiter);
    return waiter;
  }

  const workspaceCapabilities: NonNullable<ClientCapabilities['workspace']> = {
    ...(options.refreshSupport ? { diagnostics: { refreshSupport: true } } : {}),
    ...(options.workspaceFolders ? { workspaceFolders: true } : {}),
    ...(options.watchedFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
    ...(options.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {}),
    ...(options.settings ? { configuration: true } : {}),
    ...(options.resourceOperations ? { workspaceEdit: { documentChanges: true, resourceOperations: options.resourceOperations as ResourceOperationKind[] } } : {}),
  };
  const capabilities: ClientCapabilities = {
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      ...(options.prepareRename ? { rename: { prepareSupport: true } } : {}),
    },
    ...(Object.keys(workspaceCapabilities).length > 0 ? { workspace: workspaceCapabilities } : {}),
    ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
  };
  const workspaceFolders = options.workspaceFolders?.map((uri) => ({ uri, name: basename(uri) })) ?? null;

  return {
    child,
    serverRequests,
    async initialize(rootUri = null) {
      const result = await request<InitializeResult>('initialize', { processId: process.pid, rootUri, capabilities, workspaceFolders, initializationOptions: options.initializationOptions });
      await connection.sendNotification('initialized', {});
      return result;
    },
    open: (uri, text, version = 1) => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } }),
    change: (uri, text, version) => connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }),
    close: (uri) => connection.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    waitForDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      const found = take(uri, predicate);
      if (found) return Promise.resolve(found);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`The server has exited.\n${output}`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const seen = publishes.filter((p) => p.uri === uri).map((p) => `version ${p.version}: ${p.diagnostics.length} diagnostics`);
          settle(waiter).reject(new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms (received: ${seen.join('; ') || 'none'}).\n${output}`));
        }, timeoutMs);
        const waiter: Waiter = {
          uri,
          predicate,
          resolve: (params) => (clearTimeout(timer), resolve(params)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        };
        waiters.add(waiter);
      });
    },
    published: (uri) => publishes.filter((p) => uri === undefined || p.uri === uri),
    pullDiagnostics: (uri) => request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }),
    request,
    notify: (method, params) => connection.sendNotification(method, params),
    waitForNotification: <P>(method: string, predicate: (params: P) => boolean = () => true, timeoutMs = 10_000) =>
      notificationInbox.wait(method, predicate as (params: unknown) => boolean, timeoutMs, child) as Promise<P>,
    notifications: (method) => notificationInbox.all(method),
    skipNotifications: (method) => notificationInbox.skip(method),
    skipServerRequests: (method) => requestInbox.skip(method),
    waitForServerRequest: <P>(method: string, predicate: (params: P) => boolean = () => true, timeoutMs = 10_000) =>
      requestInbox.wait(method, predicate as (params: unknown) => boolean, timeoutMs, child) as Promise<P>,
    async configure(next) {
      settings = next;
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    },
    exited,
    async shutdown() {
      await request('shutdown');
      await connection.sendNotification('exit');
      return exited;
    },
    log: () => output,
  };
}

/**
 * Once every test of the file has finished (the root's `after` hooks run then), a file that is still
 * alive 20 s later is held by something none of its tests waits for: CI saw a file whose tests had all
 * passed linger until the runner's 120 s timeout, twice, held by no handle `_getActiveHandles` shows.
 * Say what is still active, and end the process with the exit code the runner set (a failed test still
 * fails the file). Unref'd: a file that ends by itself is never touched.
 */
after(() => {
  setTimeout(() => {
    const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles().map((h) => h.constructor.name);
    process.stderr.write(`lspClient: every test of this file finished 20 s ago, and the process is still held (handles: ${handles.join(', ') || 'none'}; resources: ${process.getActiveResourcesInfo().join(', ')}); ending it.\n`);
    process.exit();
  }, 20_000).unref();
});

/**
 * vscode-jsonrpc rethrows a failed request write as an unhandled rejection, which fails the whole
 * test file; a dead server is reported when its process closes instead, with its stderr.
 */
class QuietWriter extends StreamMessageWriter {
  override async write(message: Message): Promise<void> {
    try {
      await super.write(message);
    } catch {
      // The process is gone: its 'close' disposes the connection and rejects whatever waits.
    }
  }
}

/** The value of a dotted settings section (`dataMesh` or `dataMesh.exclude`), null when there is none. */
function settingAt(settings: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return settings;
  let value: unknown = settings;
  for (const key of section.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value ?? null;
}

/** Messages of one kind from the server, waited for by method with the same no-race semantics as diagnostics. */
class Inbox {
  private readonly messages: ServerMessage[] = [];
  private readonly consumed = new Map<string, number>();
  private readonly waiters = new Set<{ method: string; predicate: (params: unknown) => boolean; resolve(params: unknown): void; reject(error: Error): void }>();
  private closed: string | undefined;

  constructor(
    private readonly what: string,
    private readonly output: () => string,
  ) {}

  push(message: ServerMessage): void {
    this.messages.push(message);
    for (const waiter of this.waiters) {
      const match = this.take(waiter.method, waiter.predicate);
      if (match) {
        this.waiters.delete(waiter);
        waiter.resolve(match.params);
      }
    }
  }

  all(method?: string): ServerMessage[] {
    return this.messages.filter((m) => method === undefined || m.method === method);
  }

  skip(method: string): void {
    this.consumed.set(method, this.messages.length);
  }

  close(reason: string): void {
    this.closed = reason;
    for (const waiter of this.waiters) waiter.reject(new Error(`${reason}\n${this.output()}`));
    this.waiters.clear();
  }

  wait(method: string, predicate: (params: unknown) => boolean, timeoutMs: number, child: ChildProcessWithoutNullStreams): Promise<unknown> {
    const found = this.take(method, predicate);
    if (found) return Promise.resolve(found.params);
    if (this.closed || child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`The server has exited.\n${this.output()}`));
    return new Promise((resolve, reject) => {
      const waiter = {
        method,
        predicate,
        resolve: (params: unknown) => (clearTimeout(timer), resolve(params)),
        reject: (error: Error) => (clearTimeout(timer), reject(error)),
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.all(method).map((m) => String(JSON.stringify(m.params)).slice(0, 200));
        reject(new Error(`No matching ${this.what} ${method} within ${timeoutMs} ms (received: ${seen.join('; ') || 'none'}).\n${this.output()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The first unconsumed message of `method` matching `predicate`, which it marks consumed. */
  private take(method: string, predicate: (params: unknown) => boolean): ServerMessage | undefined {
    for (let i = this.consumed.get(method) ?? 0; i < this.messages.length; i++) {
      const message = this.messages[i]!;
      if (message.method === method && predicate(message.params)) {
        this.consumed.set(method, i + 1);
        return message;
      }
    }
    return undefined;
  }
}

function findUp(from: string, name: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return dir;
    if (dirname(dir) === dir) throw new Error(`No ${name} above ${from}`);
  }
}

/** The LSP range (lines and UTF-16 characters; CRLF, LF or CR breaks) of `needle` in `text`, searching from `from`. */
export function rangeOf(text: string, needle: string, from = 0): Range {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`'${needle}' is not in the text`);
  return { start: positionAt(text, offset), end: positionAt(text, offset + needle.length) };
}

export function positionAt(text: string, offset: number): Position {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines.at(-1)!.length };
}

/** The UTF-16 offset of an LSP position in `text` (LF or CRLF line breaks). */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

/** Applies LSP text edits (non-overlapping, as a WorkspaceEdit gives them for one file) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.end > sorted[i - 1]!.start) throw new Error(`Overlapping edits: ${JSON.stringify(edits)}`);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}

/**
 * A copy of a fixture folder in a new temporary folder (removed after the suite), for tests that
 * change files on disk; `name` is the copy's folder name. Returns its path and its file URI.
 */
export function copyToTemp(folder: string, name = basename(folder)): { dir: string; uri: string } {
  const parent = mkdtempSync(join(tmpdir(), 'datamesh-lsp-'));
  const dir = join(parent, name);
  cpSync(folder, dir, { recursive: true });
  after(() => rmSync(parent, { recursive: true, force: true }));
  return { dir, uri: pathToFileURL(dir).href };
}
