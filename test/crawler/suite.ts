import { afterAll, beforeAll } from 'vitest';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend } from '@most/queue/testing';
import type { Network } from '@most/shared';
import { startWorker, type WorkerHandle } from '@most/worker';
import { addAccounts, createTestDatabase, tearDown, type TestDatabase } from './harness';

type WorkerDeps = Parameters<typeof startWorker>[0];

/** What a crawler suite shares: filled in before its first test, ended after its last. */
export interface CrawlerSuite<S> {
  db: TestDatabase;
  simulator: S;
  queue: QueueBackend;
  worker: WorkerHandle;
  /** The registered pages' ids by handle. */
  ids: Map<string, number>;
}

/**
 * Registers a suite's set-up and tear-down: a test database, a simulator, a Redis queue, the given pages
 * of one network in the registry, and a worker started with the options the suite derives from them.
 */
export function useCrawlerSuite<S extends { close(): Promise<void> }>(setup: {
  simulator: () => Promise<S>;
  network?: Network;
  handles: string[];
  worker: (simulator: S, queue: QueueBackend) => Omit<WorkerDeps, 'sql' | 'queue'>;
}): CrawlerSuite<S> {
  const suite = {} as CrawlerSuite<S>;
  beforeAll(async () => {
    suite.db = await createTestDatabase();
    suite.simulator = await setup.simulator();
    suite.queue = await createTestQueueBackend('redis', suite.db.url);
    suite.ids = await addAccounts(suite.db.sql, setup.network ?? 'vk', setup.handles);
    suite.worker = await startWorker({ sql: suite.db.sql, queue: suite.queue, ...setup.worker(suite.simulator, suite.queue) });
  });
  afterAll(() => tearDown(suite.worker, suite.queue, suite.simulator, suite.db));
  return suite;
}
