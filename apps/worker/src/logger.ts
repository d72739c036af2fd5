import pino, { type DestinationStream, type Logger } from 'pino';

export type WorkerLog = (message: string, fields?: Record<string, unknown>) => void;

/** The worker's JSON log (pino) and the `log(message, fields)` function the processors call. */
export function createWorkerLogger(level = 'info', destination?: DestinationStream): { logger: Logger; log: WorkerLog } {
  const logger = pino({ level, base: { service: 'tsifrovoy-most-worker' } }, destination);
  return { logger, log: (message, fields) => logger.info(fields ?? {}, message) };
}
