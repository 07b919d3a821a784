import { type CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
}

/** The answer to a request the client cancelled, as the LSP asks (not an empty success). */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/**
 * Runs a request handler so that one failure is logged with its stack and answered with a neutral
 * value, never fatal to the server. A request cancelled before or while it runs is answered with
 * `RequestCancelled`; so is one whose work failed after it was cancelled.
 */
export async function runSafe<T>(logger: Logger, name: string, neutral: T, token: CancellationToken | undefined, work: () => T | Promise<T>): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await work();
    return token?.isCancellationRequested ? cancelled() : result;
  } catch (error) {
    if (token?.isCancellationRequested) return cancelled();
    const e = error as Error;
    logger.error(`${name} failed: ${e?.stack ?? String(error)}`);
    return neutral;
  }
}

/** The same for work nobody waits on (notifications, timers): a failure is logged, never thrown. */
export async function runInBackground(logger: Logger, name: string, work: () => unknown): Promise<void> {
  try {
    await work();
  } catch (error) {
    const e = error as Error;
    logger.error(`${name} failed: ${e?.stack ?? String(error)}`);
  }
}
