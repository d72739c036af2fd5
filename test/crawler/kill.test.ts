import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend, TEST_REDIS_URL } from '@most/queue/testing';
import type { VkSimulator } from '@most/sources/simulator';
import { startCrawlRun } from '@most/worker';
import {
  addVkAccounts,
  CRAWLER_TOKEN,
  createTestDatabase,
  failedJobs,
  groundTruth,
  pseudonymise,
  startSimulator,
  storedComments,
  TEST_PSEUDONYM_KEY,
  truthCommentKeys,
  waitForIdle,
  type TestDatabase,
} from './harness';
import { killed, loadWorkerProcess } from './worker-spawn';

const NOW = new Date('2026-11-20T00:00:00Z');
const BUDGET = 15;
const HANDLES = ['daily_k1', 'weekly_k2', 'irregular_k3', 'daily_k4', 'weekly_k5', 'daily_k6'];

describe('kill -9 of a worker in the middle of a crawl', () => {
  let db: TestDatabase;
  let simulator: VkSimulator;
  let queue: QueueBackend;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    simulator = await startSimulator(BUDGET, { now: NOW, anchor: NOW, postsPerAccount: 4, commentsPerPost: 30 });
    queue = await createTestQueueBackend('redis', db.url);
    await addVkAccounts(db.sql, HANDLES);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await queue?.close();
    await simulator?.close();
    await db?.drop();
  });

  it('a successor finishes the crawl with no duplicate and no missing comment', async () => {
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_NAMESPACE: queue.namespace,
      VK_API_URL: simulator.url,
      VK_TOKEN: CRAWLER_TOKEN,
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      CRAWL_BUDGET: String(BUDGET),
      CRAWL_NOW: String(NOW.getTime()),
    };
    // Both processes load at once; the successor only starts after the kill.
    const [first, second] = await Promise.all([loadWorkerProcess(env), loadWorkerProcess(env)]);
    children.push(first.child, second.child);
    await first.start();
    await startCrawlRun(queue, 'posts', NOW.getTime());

    // Kill it once a part of the comments is in, with jobs surely in flight.
    const deadline = Date.now() + 30_000;
    let storedAtKill = 0;
    while (Date.now() < deadline) {
      const [row] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM comments`;
      storedAtKill = row!.n;
      if (storedAtKill >= 60) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const exit = killed(first.child);
    first.child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    expect(await queue.queue('vk').getActiveCount()).toBeGreaterThan(0);

    await second.start();
    await waitForIdle(queue, 60_000);
    second.child.kill('SIGTERM');

    expect(await failedJobs(queue)).toEqual([]);
    const truth = await groundTruth(simulator, HANDLES);
    const expected = truthCommentKeys(truth);
    expect(storedAtKill).toBeGreaterThan(0);
    expect(storedAtKill).toBeLessThan(expected.length);
    const stored = await storedComments(db.sql);
    expect(stored.map((c) => `${c.handle}/${c.post}/${c.id}`)).toEqual(expected);
    const authors = new Map([...truth].flatMap(([h, t]) => [...t.comments].flatMap(([p, list]) => list.map((c) => [`${h}/${p}/${c.externalId}`, c.authorId] as const))));
    expect(stored.filter((c) => !c.deleted).every((c) => c.author === pseudonymise('vk', authors.get(`${c.handle}/${c.post}/${c.id}`)!))).toBe(true);
    const [posts] = await db.sql`SELECT count(*)::int AS n, count(DISTINCT (account_id, external_id))::int AS d FROM posts`;
    expect(posts!.n).toBe(posts!.d);
    expect(posts!.n).toBe([...truth.values()].reduce((sum, t) => sum + t.posts.length, 0));
  });
});
