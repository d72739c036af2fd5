import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend } from '@most/queue/testing';
import type { VkSimulator } from '@most/sources/simulator';
import { startWorker, type WorkerHandle } from '@most/worker';
import {
  addVkAccounts,
  CRAWLER_TOKEN,
  crawlOptions,
  crawlPosts,
  createTestDatabase,
  failedJobs,
  groundTruth,
  startSimulator,
  storedComments,
  truthCommentKeys,
  type TestDatabase,
} from './harness';

const NOW = new Date('2026-11-20T00:00:00Z');
const BUDGET = 10;
const HANDLES = ['daily_r1', 'weekly_r2', 'irregular_r3', 'daily_r4', 'weekly_r5', 'daily_r6', 'irregular_r7', 'weekly_r8'];

describe('the request budget under faults, shared by two workers', () => {
  let db: TestDatabase;
  let simulator: VkSimulator;
  let queue: QueueBackend;
  const workers: WorkerHandle[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    simulator = await startSimulator(BUDGET, { now: NOW, anchor: NOW, postsPerAccount: 3, commentsPerPost: 8 });
    queue = await createTestQueueBackend('redis', db.url);
    await addVkAccounts(db.sql, HANDLES);
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await queue?.close();
    await simulator?.close();
    await db?.drop();
  });

  it('never exceeds the budget in any 1 s window, gets no error 6, and completes despite injected faults', async () => {
    // Two workers with adapters of their own: the budget is shared only through the queue backend (limiter and request pace).
    for (let i = 0; i < 2; i++) workers.push(await startWorker({ sql: db.sql, queue, crawl: crawlOptions(simulator, BUDGET, queue, { concurrency: 4, timeoutMs: 1_500 }) }));
    simulator.faults.setRandom({ probability: 0.12, kinds: ['error10', 'http502', 'slow'], slowMs: 300 });
    simulator.faults.script(['error9'], 'wall.getComments');
    await crawlPosts(queue, NOW.getTime(), 80_000);
    simulator.faults.clear();

    const stats = simulator.stats();
    const crawler = stats.byToken[CRAWLER_TOKEN]!;
    expect(stats.errors['10'] ?? 0).toBeGreaterThan(0);
    expect(stats.errors['9']).toBe(1);
    expect(crawler.error6).toBe(0);
    expect(crawler.maxRequestsPerSecond).toBeLessThanOrEqual(BUDGET);
    expect(crawler.requests).toBeGreaterThan(3 * BUDGET);

    expect(await failedJobs(queue)).toEqual([]);
    const truth = await groundTruth(simulator, HANDLES);
    expect((await storedComments(db.sql)).map((c) => `${c.handle}/${c.post}/${c.id}`)).toEqual(truthCommentKeys(truth));
  });
});
