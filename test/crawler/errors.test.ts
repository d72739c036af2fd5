import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { upsertPosts, type Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend, waitForJob } from '@most/queue/testing';
import type { VkSimulator } from '@most/sources/simulator';
import { crawlJobIds, fingerprint, startCrawlRun, startWorker, type WorkerHandle } from '@most/worker';
import {
  tearDown,
  endTest,
  addVkAccounts,
  BAD_TOKEN,
  crawlOptions,
  crawlPosts,
  createTestDatabase,
  failedJobs,
  groundTruth,
  startSimulator,
  storedComments,
  truthCommentKeys,
  waitForIdle,
  type TestDatabase,
} from './harness';

const NOW = new Date('2026-11-20T00:00:00Z');
const BUDGET = 30;

interface Setup {
  db: TestDatabase;
  queue: QueueBackend;
  ids: Map<string, number>;
  start(overrides?: Parameters<typeof crawlOptions>[3]): Promise<WorkerHandle>;
}

describe('crawler error handling against the VK simulator', () => {
  let simulator: VkSimulator;
  let db: TestDatabase;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    simulator = await startSimulator(BUDGET, { now: NOW, anchor: NOW, postsPerAccount: 4, commentsPerPost: 30 });
    db = await createTestDatabase();
  });
  afterEach(() => endTest(cleanups, simulator));
  afterAll(() => tearDown(simulator, db));

  /**
   * One database for the file (creating one costs seconds); each test gets a fresh queue and its
   * own accounts, earlier tests' accounts being removed from the registry so no run visits them.
   */
  async function setup(handles: string[]): Promise<Setup> {
    await db.sql`UPDATE accounts SET removed_at = now() WHERE removed_at IS NULL`;
    const queue = await createTestQueueBackend('redis', db.url);
    cleanups.push(() => queue.close());
    const ids = await addVkAccounts(db.sql, handles);
    return {
      db,
      queue,
      ids,
      start: async (overrides) => {
        const worker = await startWorker({ sql: db.sql, queue, crawl: crawlOptions(simulator, BUDGET, queue, overrides) });
        cleanups.push(() => worker.close());
        return worker;
      },
    };
  }

  /** Registry rows that already know the page's VK id, as after an earlier crawl. */
  async function knowExternalIds(sql: Sql, ids: Map<string, number>): Promise<void> {
    const truth = await groundTruth(
      simulator,
      [...ids.keys()].filter((h) => !/^(private|closed|deleted|banned|missing)_/.test(h)),
    );
    for (const [handle, account] of truth) await sql`UPDATE accounts SET external_id = ${account.profile.externalId} WHERE id = ${ids.get(handle)!}`;
  }

  it('records private, closed, deleted, banned and missing pages and never retries them', async () => {
    const { db, queue, ids, start } = await setup(['daily_ok', 'private_one', 'closed_one', 'deleted_two', 'banned_three', 'missing_four']);
    // A raw error left by an earlier run (as on the demo's missing pages) must not linger once the page is known to be missing.
    await db.sql`INSERT INTO crawl_health (account_id, last_error_at, last_error_kind, last_error, consecutive_failures)
                 VALUES (${ids.get('missing_four')!}, ${NOW}, 'account_unavailable', 'VK groups.getById error 100: group_ids is undefined', 3)`;
    await start();
    await startCrawlRun(queue, 'profiles', NOW.getTime());
    await waitForIdle(queue);

    const statuses = await db.sql`SELECT handle, status, status_changed_at IS NOT NULL AS changed FROM accounts WHERE removed_at IS NULL ORDER BY id`;
    expect(statuses.map((s) => [s.handle, s.status, s.changed])).toEqual([
      ['daily_ok', 'active', false],
      ['private_one', 'private', true],
      ['closed_one', 'private', true],
      ['deleted_two', 'deleted', true],
      ['banned_three', 'blocked', true],
      ['missing_four', 'not_found', true],
    ]);
    // The batch job records the missing page instead of failing: nothing to retry.
    expect(await failedJobs(queue)).toEqual([]);
    const stats = simulator.stats();
    // One groups.getById for the batch; the deleted page (renamed clubN by VK) and the missing one are asked for alone. No retries.
    expect(stats.byMethod).toEqual({ 'groups.getById': 3 });
    expect(stats.errors).toEqual({ '100': 1 });
    const [health] = await db.sql`SELECT last_error_kind, last_error, consecutive_failures FROM crawl_health WHERE account_id = ${ids.get('missing_four')!}`;
    // Not found is the page's status, not a failure: no raw error text and no failure streak.
    expect(health).toEqual({ last_error_kind: null, last_error: null, consecutive_failures: 0 });
    const snapshots = await db.sql`SELECT a.handle, s.status FROM account_snapshots s JOIN accounts a ON a.id = s.account_id WHERE a.removed_at IS NULL ORDER BY a.id`;
    expect(snapshots.map((s) => [s.handle, s.status])).toEqual([
      ['daily_ok', 'active'],
      ['private_one', 'private'],
      ['closed_one', 'private'],
      ['deleted_two', 'deleted'],
      ['banned_three', 'blocked'],
    ]);

    // Posts runs visit only the active page (the daily profile run rechecks the others).
    simulator.resetStats();
    await crawlPosts(queue, NOW.getTime());
    expect(simulator.stats().byMethod['groups.getById'] ?? 0).toBe(0);
    expect(simulator.stats().byMethod['wall.get']).toBe(1);
    const [posts] = await db.sql`SELECT count(*)::int AS n FROM posts p JOIN accounts a ON a.id = p.account_id WHERE a.handle <> 'daily_ok' AND a.removed_at IS NULL`;
    expect(posts!.n).toBe(0);
    expect(await failedJobs(queue)).toEqual([]);
  });

  it('retries a profile batch whose request failed as a whole, recording the failure for each of its pages', async () => {
    const { db, queue, ids, start } = await setup(['daily_ok7', 'weekly_ok7', 'irregular_ok7']);
    await start();
    simulator.faults.script(['error10'], 'groups.getById');
    await startCrawlRun(queue, 'profiles', NOW.getTime());
    await waitForIdle(queue);
    expect(await failedJobs(queue)).toEqual([]);
    const stats = simulator.stats();
    expect(stats.byMethod).toEqual({ 'groups.getById': 2 });
    expect(stats.errors).toEqual({ '10': 1 });
    const health = await db.sql`
      SELECT a.handle, h.last_error_kind, h.consecutive_failures, h.last_profile_at IS NOT NULL AS read
      FROM crawl_health h JOIN accounts a ON a.id = h.account_id WHERE a.id = ANY(${[...ids.values()]}::bigint[]) ORDER BY a.id`;
    // Each page saw the failed attempt, then the retry's success (in this order: one job, no concurrency).
    expect(health.map((h) => [h.handle, h.last_error_kind, h.consecutive_failures, h.read])).toEqual([
      ['daily_ok7', 'transient', 0, true],
      ['weekly_ok7', 'transient', 0, true],
      ['irregular_ok7', 'transient', 0, true],
    ]);
    const [snapshots] = await db.sql`SELECT count(*)::int AS n FROM account_snapshots WHERE account_id = ANY(${[...ids.values()]}::bigint[])`;
    expect(snapshots!.n).toBe(3);
  });

  it('a page that turns private between crawls gets its status from wall.get, once', async () => {
    const { db, queue, ids, start } = await setup(['daily_ok2', 'private_six']);
    const [truth] = (await groundTruth(simulator, ['daily_ok2'])).values();
    // The VK id of private_six as groups.getById reports it (private pages still answer there).
    const response = await fetch(`${simulator.url}/method/groups.getById?group_ids=private_six&v=5.199&access_token=probe-token`);
    const body = (await response.json()) as { response: { groups: { id: number }[] } };
    await db.sql`UPDATE accounts SET external_id = ${String(body.response.groups[0]!.id)} WHERE id = ${ids.get('private_six')!}`;
    await db.sql`UPDATE accounts SET external_id = ${truth!.profile.externalId} WHERE id = ${ids.get('daily_ok2')!}`;
    simulator.resetStats();
    await start();
    await crawlPosts(queue, NOW.getTime());
    const [row] = await db.sql`SELECT status, status_changed_at FROM accounts WHERE id = ${ids.get('private_six')!}`;
    expect(row).toMatchObject({ status: 'private' });
    expect(row!.status_changed_at).toEqual(NOW);
    const failed = await failedJobs(queue);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ name: 'vk-posts', attempts: 1 });
    expect(failed[0]!.reason).toMatch(/error 30.*private.*not retried/);
    expect(simulator.stats().byMethod['wall.get']).toBe(2);
  });

  it('a rejected token raises one alert and pauses VK crawling without a retry storm; another token resumes it', async () => {
    const { db, queue, ids, start } = await setup(['daily_ok3', 'weekly_ok3']);
    await knowExternalIds(db.sql, ids);
    simulator.resetStats();
    const bad = await start({ token: BAD_TOKEN, concurrency: 2 });
    await startCrawlRun(queue, 'posts', NOW.getTime());
    const deadline = Date.now() + 20_000;
    while (!(await queue.queue('vk').isPaused()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await queue.queue('vk').isPaused()).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500));
    const rejected = simulator.stats().errors['5'] ?? 0;
    expect(rejected).toBeGreaterThanOrEqual(1);
    expect(rejected).toBeLessThanOrEqual(2);
    const alerts = await db.sql`SELECT kind, network, token_fingerprint, occurrences, resolved_at FROM crawl_alerts`;
    expect(alerts).toEqual([{ kind: 'auth', network: 'vk', token_fingerprint: fingerprint(BAD_TOKEN), occurrences: rejected, resolved_at: null }]);
    expect(JSON.stringify(alerts)).not.toContain(BAD_TOKEN);
    const failed = await failedJobs(queue);
    expect(failed.every((f) => f.attempts === 1 && /paused until the token is replaced/.test(f.reason))).toBe(true);

    // Restarting with the same token keeps crawling paused.
    await bad.close();
    const again = await start({ token: BAD_TOKEN, concurrency: 2 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await queue.queue('vk').isPaused()).toBe(true);
    expect(simulator.stats().errors['5']).toBe(rejected);
    await again.close();

    // A new token: the alert is resolved, the queue resumes, and the next run crawls everything.
    await start();
    expect(await queue.queue('vk').isPaused()).toBe(false);
    const [alert] = await db.sql`SELECT resolved_at FROM crawl_alerts`;
    expect(alert!.resolved_at).not.toBeNull();
    await waitForIdle(queue);
    await crawlPosts(queue, NOW.getTime() + 3_600_000);
    const posts = await db.sql`SELECT a.handle, count(p.id)::int AS n FROM accounts a LEFT JOIN posts p ON p.account_id = a.id WHERE a.removed_at IS NULL GROUP BY a.handle ORDER BY 1`;
    expect(posts.map((p) => [p.handle, p.n])).toEqual([
      ['daily_ok3', 4],
      ['weekly_ok3', 4],
    ]);
  });

  it('retries VK error 10, HTTP 503 and timeouts with backoff and completes the crawl', async () => {
    const { db, queue, ids, start } = await setup(['daily_ok4']);
    // A crawler clock that moves (from the simulator's NOW), so steps record health in the order they happened.
    const t0 = performance.now();
    await start({ timeoutMs: 800, now: () => new Date(NOW.getTime() + Math.floor(performance.now() - t0)) });
    simulator.faults.script(['error10'], 'groups.getById');
    simulator.faults.script(['hang'], 'wall.get');
    simulator.faults.script(['http503', 'none', 'error10'], 'wall.getComments');
    await crawlPosts(queue, NOW.getTime());
    expect(await failedJobs(queue)).toEqual([]);
    const stats = simulator.stats();
    expect(stats.errors['10']).toBe(2);
    expect(stats.errors.hang).toBe(1);
    expect(stats.errors.http503).toBe(1);
    const truth = await groundTruth(simulator, ['daily_ok4']);
    const stored = (await storedComments(db.sql)).filter((c) => c.handle === 'daily_ok4');
    expect(stored.map((c) => `${c.handle}/${c.post}/${c.id}`).sort()).toEqual(truthCommentKeys(truth));
    const [health] = await db.sql`SELECT last_error_kind, consecutive_failures, last_success_at FROM crawl_health WHERE account_id = ${ids.get('daily_ok4')!}`;
    // Every failed step was retried and succeeded, so the streak is over, whatever order concurrent
    // steps reported in: a failure reported after a later success does not count (see recordCrawlFailure).
    expect(health).toMatchObject({ last_error_kind: 'transient', consecutive_failures: 0 });
    expect(health!.last_success_at).not.toBeNull();
  });

  it('fails on malformed answers with a clear error and writes nothing, even after part of a thread was read', async () => {
    const { db, queue, ids, start } = await setup(['weekly_ok5']);
    await knowExternalIds(db.sql, ids);
    const accountId = ids.get('weekly_ok5')!;
    // Post 1 has a thread longer than the 10 replies wall.getComments inlines: two requests.
    const [post] = await upsertPosts(
      db.sql,
      accountId,
      [
        {
          externalId: '1',
          url: 'https://vk.com/wall-1_1',
          publishedAt: NOW,
          editedAt: null,
          text: 'Пост',
          isPinned: false,
          isAd: false,
          likes: 0,
          reposts: 0,
          comments: 30,
          views: 0,
          commentsOpen: true,
        },
      ],
      NOW,
    );
    simulator.resetStats();
    await start();
    simulator.faults.script(['none', 'malformed_json'], 'wall.getComments');
    const commentsJob = await queue.enqueue(
      'vk-comments',
      { network: 'vk', accountId, runAt: NOW.getTime(), postId: post!.id, postExternalId: '1', pass: 'hourly' },
      { jobId: crawlJobIds.comments('vk', accountId, '1', NOW.getTime()) },
    );
    const failedComments = await waitForJob(queue.queue('vk'), commentsJob);
    expect(failedComments.failedReason).toMatch(/^VK answered malformed data, nothing was written: VK wall.getComments: the answer is not valid JSON/);
    expect(failedComments.attemptsMade).toBe(1);
    expect(simulator.stats().byMethod['wall.getComments']).toBe(2);
    const [comments] = await db.sql`SELECT count(*)::int AS n FROM comments WHERE account_id = ${accountId}`;
    expect(comments!.n).toBe(0);

    simulator.faults.script(['bad_shape'], 'wall.get');
    const postsJob = await queue.enqueue(
      'vk-posts',
      { network: 'vk', accountId, runAt: NOW.getTime(), cursor: null, page: 0, newest: null },
      { jobId: crawlJobIds.posts('vk', accountId, NOW.getTime(), 0) },
    );
    const failedPosts = await waitForJob(queue.queue('vk'), postsJob);
    expect(failedPosts.failedReason).toMatch(/malformed data.*wall.get: the response does not match the documented shape/);
    const [posts] = await db.sql`SELECT count(*)::int AS n FROM posts WHERE account_id = ${accountId}`;
    expect(posts!.n).toBe(1);
    const [watermark] = await db.sql`SELECT count(*)::int AS n FROM crawl_watermarks WHERE account_id = ${accountId}`;
    expect(watermark!.n).toBe(0);
    const [health] = await db.sql`SELECT last_error_kind, consecutive_failures FROM crawl_health WHERE account_id = ${accountId}`;
    expect(health).toMatchObject({ last_error_kind: 'malformed', consecutive_failures: 2 });
  });
});
