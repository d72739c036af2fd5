import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend } from '@most/queue/testing';
import { TELEGRAM_PREVIEW_PAGE, startTelegramSimulator, type TelegramSimulator } from '@most/sources/simulator';
import { startCrawlRun, startWorker, type WorkerHandle } from '@most/worker';
import { accountStatuses, tearDown, endTest, addAccounts, createTestDatabase, crawlPosts, failedJobs, telegramCrawlOptions, telegramGroundTruth, waitForIdle, type TestDatabase } from './harness';

const NOW = new Date('2026-11-20T00:00:00Z');
const LATER = new Date('2026-11-27T12:00:00Z');
/** Pages a second: polite, as the preview is a public web page. */
const BUDGET = 2;
const POSTS = 45;

describe('crawler end to end against the Telegram channel preview simulator', () => {
  let db: TestDatabase;
  let simulator: TelegramSimulator;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // The simulator allows a little more than the crawler's budget: a 429 would mean the pace failed.
    simulator = await startTelegramSimulator({ seed: 'crawler-tests', now: NOW, anchor: NOW, postsPerAccount: POSTS, requestsPerSecond: BUDGET + 1 });
  });
  afterEach(() => endTest(cleanups, simulator));
  afterAll(() => tearDown(simulator, db));

  async function setup(handles: string[]): Promise<{ queue: QueueBackend; ids: Map<string, number>; worker: WorkerHandle }> {
    await db.sql`UPDATE accounts SET removed_at = now() WHERE removed_at IS NULL`;
    const queue = await createTestQueueBackend('redis', db.url);
    cleanups.push(() => queue.close());
    const ids = await addAccounts(db.sql, 'telegram', handles);
    const worker = await startWorker({ sql: db.sql, queue, crawl: telegramCrawlOptions(simulator, BUDGET, queue, { timeoutMs: 1_500 }) });
    cleanups.push(() => worker.close());
    return { queue, ids, worker };
  }

  it('reads channel profiles and every post with views, paging backwards politely, and reads no comments', async () => {
    const handles = ['daily_tg1', 'weekly_tg2'];
    const { queue } = await setup(handles);
    await startCrawlRun(queue, 'profiles', NOW.getTime(), ['telegram']);
    await waitForIdle(queue);
    await crawlPosts(queue, NOW.getTime(), 60_000, ['telegram']);
    expect(await failedJobs(queue)).toEqual([]);
    const stats = simulator.stats();
    // A profile page each, then 45 posts in pages of 20: three pages a channel.
    expect(stats.requests).toBe(handles.length * (1 + Math.ceil(POSTS / TELEGRAM_PREVIEW_PAGE)));
    expect(stats.rateLimited).toBe(0);
    expect(stats.maxRequestsPerSecond).toBeLessThanOrEqual(BUDGET);

    simulator.resetStats();
    const truth = await telegramGroundTruth(simulator, handles);
    const accounts = await db.sql`SELECT handle, status, external_id FROM accounts WHERE removed_at IS NULL ORDER BY id`;
    expect(accounts.map((a) => [a.handle, a.status, a.external_id])).toEqual(handles.map((h) => [h, 'active', h]));
    const [snapshot] = await db.sql`SELECT profile FROM account_snapshots s JOIN accounts a ON a.id = s.account_id WHERE a.handle = 'daily_tg1'`;
    expect(snapshot!.profile).toMatchObject({ network: 'telegram', name: truth.get('daily_tg1')!.profile.name, description: truth.get('daily_tg1')!.profile.description });
    const posts = await db.sql`SELECT a.handle, p.external_id, c.views FROM posts p JOIN accounts a ON a.id = p.account_id
      JOIN LATERAL (SELECT views FROM post_counters WHERE post_id = p.id ORDER BY observed_at DESC LIMIT 1) c ON true ORDER BY 1, p.external_id::int`;
    const expected = [...truth].flatMap(([h, t]) => t.posts.map((p) => [h, p.externalId, p.views]).sort((a, b) => Number(a[1]) - Number(b[1])));
    expect(posts.map((p) => [p.handle, p.external_id, p.views])).toEqual(expected);
    expect(posts).toHaveLength(handles.length * POSTS);
    expect(posts.every((p) => p.views > 0)).toBe(true);
    const [comments] = await db.sql`SELECT count(*)::int AS n FROM comments`;
    expect(comments!.n).toBe(0);
  });

  it('a week later reads only the new posts, from the newest page down to the watermark', async () => {
    const { queue } = await setup(['daily_tg3']);
    await crawlPosts(queue, NOW.getTime(), 60_000, ['telegram']);
    const [before] = await db.sql`SELECT count(*)::int AS n FROM posts p JOIN accounts a ON a.id = p.account_id WHERE a.handle = 'daily_tg3'`;
    simulator.clock.set(LATER);
    simulator.resetStats();
    try {
      await crawlPosts(queue, LATER.getTime(), 60_000, ['telegram']);
    } finally {
      simulator.clock.set(NOW);
    }
    expect(await failedJobs(queue)).toEqual([]);
    const [after] = await db.sql`SELECT count(*)::int AS n, count(DISTINCT p.external_id)::int AS d FROM posts p JOIN accounts a ON a.id = p.account_id WHERE a.handle = 'daily_tg3'`;
    expect(before!.n).toBe(POSTS);
    // Fixed-size worlds publish nothing new, so the run stops at the watermark on the first page.
    expect(after).toEqual({ n: POSTS, d: POSTS });
    expect(simulator.stats().requests).toBe(1);
  });

  it('records a name without a public channel as not found, retries server errors, and fails on a page it cannot parse', async () => {
    const { queue, ids } = await setup(['missing_tg4', 'private_tg5', 'daily_tg6', 'weekly_tg7']);
    simulator.faults.script(['http502']);
    await startCrawlRun(queue, 'profiles', NOW.getTime(), ['telegram']);
    await waitForIdle(queue, 60_000);
    expect(await failedJobs(queue)).toEqual([]);
    expect(await accountStatuses(db.sql)).toEqual([
      ['missing_tg4', 'not_found'],
      ['private_tg5', 'not_found'],
      ['daily_tg6', 'active'],
      ['weekly_tg7', 'active'],
    ]);
    simulator.faults.script(['malformed_json']);
    await crawlPosts(queue, NOW.getTime(), 60_000, ['telegram']);
    const failed = await failedJobs(queue);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ name: 'telegram-posts', attempts: 1 });
    expect(failed[0]!.reason).toMatch(/^Telegram answered malformed data, nothing was written: Telegram \w+: the page has neither channel information nor messages/);
    const stats = simulator.stats();
    expect(stats.errors).toMatchObject({ http502: 1, malformed_json: 1, redirect: 2 });
    // A missing channel is a page status, not an error of the crawl.
    const [health] = await db.sql`SELECT last_error_kind, last_profile_at IS NOT NULL AS checked, consecutive_failures FROM crawl_health WHERE account_id = ${ids.get('missing_tg4')!}`;
    expect(health).toMatchObject({ last_error_kind: null, checked: true, consecutive_failures: 0 });
  });
});
