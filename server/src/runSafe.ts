import type { CancellationToken } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
}

/**
 * Runs a request handler so that one failure is logged with its stack and answered with a neutral
 * value, never fatal to the server; a cancelled request is answered neutrally without running.
 */
export async function runSafe<T>(logger: Logger, name: string, neutral: T, token: CancellationToken | undefined, work: () => T | Promise<T>): Promise<T> {
  if (token?.isCancellationRequested) return neutral;
  try {
    return await work();
  } catch (error) {
    const e = error as Error;
    logger.error(`${name} failed: ${e?.stack ?? String(error)}`);
    return neutral;
  }
}
