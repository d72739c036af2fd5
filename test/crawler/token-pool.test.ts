import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestQueueBackend } from '@most/queue/testing';
import type { QueueBackend } from '@most/queue';
import { createVkSource } from '@most/sources';
import { startVkSimulator, type VkSimulator } from '@most/sources/simulator';
import { createRequestPacer, fingerprint, startCrawlRun, startWorker, type CrawlOptions, type WorkerHandle } from '@most/worker';
import { tearDown, addVkAccounts, crawlPosts, createTestDatabase, failedJobs, pseudonymise, waitForIdle, type TestDatabase } from './harness';

const NOW = new Date('2026-11-20T12:00:00Z');
const TOKENS = ['pool-token-a', 'pool-token-b', 'pool-token-c'];
const BUDGET = 8;

/** Crawl options reading VK through a pool of tokens, each paced by its own budget as production does. */
function pooledOptions(simulator: VkSimulator, queue: QueueBackend, tokens: string[], budget: number): CrawlOptions {
  const pool = tokens.map((token) => ({
    source: createVkSource({
      token,
      kind: 'service',
      baseUrl: simulator.url,
      requestsPerSecond: budget,
      acquire: createRequestPacer(queue, { key: `vk-${fingerprint(token)}`, requestsPerSecond: budget }).acquire,
    }),
    tokenFingerprint: fingerprint(token),
    requestsPerSecond: budget,
  }));
  return { sources: { vk: { ...pool[0]!, tokenFingerprint: fingerprint(tokens.join(',')), requestsPerSecond: budget * tokens.length, pool } }, pseudonymise, now: () => simulator.clock.now() };
}

describe('token pool', () => {
  let db: TestDatabase;
  let simulator: VkSimulator;
  let queue: QueueBackend;
  let worker: WorkerHandle | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    simulator = await startVkSimulator({
      seed: 'token-pool',
      now: NOW,
      anchor: NOW,
      postsPerAccount: 4,
      commentsPerPost: 5,
      tokens: Object.fromEntries(TOKENS.map((token) => [token, { kind: 'service' as const, requestsPerSecond: BUDGET }])),
    });
    queue = await createTestQueueBackend('redis', db.url);
  });
  afterAll(() => tearDown(worker, queue, simulator, db));

  it('takes a token refused mid-run out of the pool with an alert, and the other tokens finish the run', async () => {
    const handles = Array.from({ length: 12 }, (_, i) => `daily_pool_${i}`);
    await addVkAccounts(db.sql, handles);
    worker = await startWorker({ sql: db.sql, queue, crawl: pooledOptions(simulator, queue, TOKENS, BUDGET) });
    const [refused] = TOKENS as [string];
    await startCrawlRun(queue, 'profiles', NOW.getTime(), ['vk']);
    await waitForIdle(queue);
    // Revoked once it has served a few of the posts run's requests.
    const run = startCrawlRun(queue, 'posts', NOW.getTime() + 1, ['vk']);
    const start = simulator.stats().byToken[refused]?.requests ?? 0;
    while ((simulator.stats().byToken[refused]?.requests ?? 0) < start + 3) await new Promise((resolve) => setTimeout(resolve, 10));
    simulator.revokeToken(refused);
    await run;
    await waitForIdle(queue);
    expect(await failedJobs(queue)).toEqual([]);
    expect(await queue.queue('vk').isPaused()).toBe(false);
    const [posts] = await db.sql<{ n: number }[]>`SELECT count(DISTINCT account_id)::int AS n FROM posts`;
    expect(posts!.n).toBe(handles.length);
    const alerts = await db.sql<{ tokenFingerprint: string; kind: string }[]>`SELECT token_fingerprint AS "tokenFingerprint", kind FROM crawl_alerts WHERE resolved_at IS NULL`;
    expect(alerts).toEqual([{ tokenFingerprint: fingerprint(refused), kind: 'auth' }]);

    // The next run goes out on the two tokens left only, and a restarted worker keeps the refused one out.
    const before = simulator.stats().byToken;
    await worker.close();
    worker = await startWorker({ sql: db.sql, queue, crawl: pooledOptions(simulator, queue, TOKENS, BUDGET) });
    await crawlPosts(queue, NOW.getTime() + 2);
    const after = simulator.stats().byToken;
    expect(after[refused]!.requests).toBe(before[refused]!.requests);
    for (const token of TOKENS.slice(1)) expect(after[token]!.requests).toBeGreaterThan(before[token]!.requests);
    expect(await failedJobs(queue)).toEqual([]);
  });

  it('lets a small region take its turn before a large region is done', async () => {
    await worker?.close();
    await db.sql`DELETE FROM accounts`;
    await db.sql`DELETE FROM crawl_alerts`;
    const [big, small] = await db.sql<{ id: number }[]>`
      INSERT INTO municipalities (code, name, kind) VALUES ('big_district', 'Большой район', 'municipal_district'), ('small_district', 'Малый район', 'municipal_district') RETURNING id`;
    const bigIds = await addVkAccounts(
      db.sql,
      Array.from({ length: 16 }, (_, i) => `daily_big_${i}`),
    );
    const smallIds = await addVkAccounts(db.sql, ['daily_small_0', 'daily_small_1']);
    await db.sql`UPDATE organizations o SET municipality_id = ${big!.id} FROM accounts a WHERE a.organization_id = o.id AND a.id = ANY(${[...bigIds.values()]}::bigint[])`;
    await db.sql`UPDATE organizations o SET municipality_id = ${small!.id} FROM accounts a WHERE a.organization_id = o.id AND a.id = ANY(${[...smallIds.values()]}::bigint[])`;
    worker = await startWorker({ sql: db.sql, queue, crawl: pooledOptions(simulator, queue, TOKENS.slice(1, 2), 2) });
    await startCrawlRun(queue, 'profiles', NOW.getTime() + 10, ['vk']);
    await waitForIdle(queue);
    await crawlPosts(queue, NOW.getTime() + 11);
    expect(await failedJobs(queue)).toEqual([]);
    const runAt = String(NOW.getTime() + 11);
    const jobs = (await queue.queue('vk').getCompleted(0, -1)).filter((job) => job.name === 'vk-posts' && job.id?.endsWith(`-${runAt}-0`));
    expect(jobs).toHaveLength(18);
    // Regions take turns through queue priorities: a lower priority is served first, equal ones in the order the
    // fan-out enqueued them (by account id). The serving order is read from the jobs themselves, not from when
    // they happened to start, so jobs running side by side cannot reorder it.
    const smallAccounts = new Set(smallIds.values());
    const served = jobs
      .map((job) => ({ accountId: (job.data as { accountId: number }).accountId, priority: job.opts.priority ?? 0 }))
      .sort((a, b) => a.priority - b.priority || a.accountId - b.accountId)
      .map((job) => (smallAccounts.has(job.accountId) ? 'small' : 'big'));
    // The big district registered first and has eight times the pages: taking turns serves the small one's two
    // pages second and fourth (without turns they would be the last two).
    expect(served).toEqual(['big', 'small', 'big', 'small', ...Array<string>(14).fill('big')]);
  });
});
