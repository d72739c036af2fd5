import { type TestDatabase, useTestDatabase } from '@most/db/testing';
import type { QueueBackend } from '@most/queue';
import { useTestQueue } from '@most/queue/testing';
import { afterAll, beforeAll } from 'vitest';
import { startWorker, type WorkerDeps, type WorkerHandle } from './worker';

/**
 * Registers a fresh database, a Redis queue and a running worker over both for the calling test file:
 * started before its tests, closed (worker, queue, database) after them.
 */
export function useRunningWorker(options: Omit<WorkerDeps, 'sql' | 'queue'> = {}): { db: TestDatabase; queue: QueueBackend } {
  const db = useTestDatabase();
  const queue = useTestQueue(db);
  let worker: WorkerHandle | undefined;
  beforeAll(async () => {
    worker = await startWorker({ sql: db.sql, queue, ...options });
  });
  afterAll(async () => {
    await worker?.close();
  });
  return { db, queue };
}
