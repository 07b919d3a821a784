// A small LSP client for protocol tests: starts the bundled server (dist/server.js) over stdio and
// speaks JSON-RPC to it. The child process is always killed in an `after` hook of the caller's suite.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import {
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
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
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
  request<R>(method: string, params?: unknown): Promise<R>;
  notify(method: string, params?: unknown): Promise<void>;
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
  connection.onRequest((method, params) => {
    serverRequests.push({ method, params });
    return options.rejectServerRequests ? new ResponseError(ErrorCodes.MethodNotFound, `The test client does not handle ${method}`) : null;
  });
  connection.listen();

  void exited.then((code) => {
    connection.dispose();
    for (const waiter of waiters) settle(waiter).reject(new Error(`The server exited with code ${code}.\n${output}`));
  });
  // Kill it whatever happened, and also if the test process itself goes away first.
  const kill = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
  process.once('exit', kill);
  after(async () => {
    kill();
    await exited;
    process.removeListener('exit', kill);
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

  async function request<R>(method: string, params?: unknown): Promise<R> {
    try {
      return await connection.sendRequest<R>(method, params);
    } catch (error) {
      if (error instanceof Error) error.message += `\n${output}`;
      throw error;
    }
  }

  function settle(waiter: Waiter): Waiter {
    waiters.delete(waiter);
    return waiter;
  }

  const capabilities: ClientCapabilities = {
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
    },
    ...(options.refreshSupport ? { workspace: { diagnostics: { refreshSupport: true } } } : {}),
  };

  return {
    child,
    serverRequests,
    async initialize(rootUri = null) {
      const result = await request<InitializeResult>('initialize', { processId: process.pid, rootUri, capabilities, workspaceFolders: null });
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
