/** The log calls a long-lived process makes about its own life (pino's signature). */
export interface ProcessLogger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A started process (the platform, or a worker on its own): its log and one way to stop it gracefully. */
export interface RunningProcess {
  logger: ProcessLogger;
  close(): Promise<void>;
}

/** One memoised close: calling it again (a second signal, a failed start) waits for the same shutdown. */
export function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

/**
 * Closes the process on Ctrl-C or SIGTERM and exits 0 (1 when closing fails, logged); a second
 * signal forces exit. Every entry point (API, worker, all-in-one) stops this way.
 */
export function closeOnSignals(running: RunningProcess): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      running.logger.info({ signal }, 'shutting down');
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          running.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
