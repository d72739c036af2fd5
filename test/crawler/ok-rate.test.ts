import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend } from '@most/queue/testing';
import type { OkSimulator } from '@most/sources/simulator';
import { startCrawlRun, startWorker, type WorkerHandle } from '@most/worker';
import { addAccounts, CRAWLER_TOKEN, createTestDatabase, crawlPosts, failedJobs, okCrawlOptions, okGroundTruth, startOkSim, storedComments, truthCommentKeys, waitForIdle, type TestDatabase } from './harness';

const NOW = new Date('2026-11-20T00:00:00Z');
const BUDGET = 8;
const HANDLES = ['daily_or1', 'weekly_or2', 'irregular_or3', 'daily_or4', 'weekly_or5', 'daily_or6'];

describe('the OK request budget under faults, shared by two workers', () => {
  let db: TestDatabase;
  let simulator: OkSimulator;
  let queue: QueueBackend;
  const workers: WorkerHandle[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    simulator = await startOkSim(BUDGET, { now: NOW, anchor: NOW, postsPerAccount: 4, commentsPerPost: 8 });
    queue = await createTestQueueBackend('redis', db.url);
    await addAccounts(db.sql, 'ok', HANDLES);
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await queue?.close();
    await simulator?.close();
    await db?.drop();
  });

  it('never exceeds the budget in any 1 s window, gets no flood error for pace, and completes despite injected faults', async () => {
    for (let i = 0; i < 2; i++) workers.push(await startWorker({ sql: db.sql, queue, crawl: okCrawlOptions(simulator, BUDGET, queue, { concurrency: 4, timeoutMs: 1_500 }) }));
    simulator.faults.setRandom({ probability: 0.12, kinds: ['error2', 'http502', 'slow'], slowMs: 300 });
    await startCrawlRun(queue, 'profiles', NOW.getTime(), ['ok']);
    await waitForIdle(queue, 60_000);
    await crawlPosts(queue, NOW.getTime(), 80_000, ['ok']);
    simulator.faults.clear();

    const stats = simulator.stats();
    const crawler = stats.byToken[CRAWLER_TOKEN]!;
    expect(stats.errors['2'] ?? 0).toBeGreaterThan(0);
    // Error 8 is how the simulator refuses a request over the budget: the pace never provokes it.
    expect(crawler.rateLimited).toBe(0);
    expect(crawler.maxRequestsPerSecond).toBeLessThanOrEqual(BUDGET);
    expect(crawler.requests).toBeGreaterThan(3 * BUDGET);

    expect(await failedJobs(queue)).toEqual([]);
    const truth = await okGroundTruth(simulator, HANDLES);
    expect((await storedComments(db.sql)).map((c) => `${c.handle}/${c.post}/${c.id}`)).toEqual(truthCommentKeys(truth));
  });
});
