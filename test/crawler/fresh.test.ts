import { describe, expect, it } from 'vitest';
import { DEFAULT_FRESH_PASS_POLICY, freshCapacity, freshIntervalMs } from '@most/domain/crawl-schedule';
import type { VkSimulator } from '@most/sources/simulator';
import { startCrawlRun, startFreshTick } from '@most/worker';
import { createVkSource, type SourceComment, type SourcePost } from '@most/sources';
import { crawlOptions, crawlPosts, failedJobs, PROBE_TOKEN, startSimulator, waitForIdle } from './harness';
import { useCrawlerSuite } from './suite';

/** Pages that post most days: comments keep arriving under the morning's posts. */
const HANDLES = ['daily_fresh_a', 'daily_fresh_b', 'daily_fresh_c', 'daily_fresh_d', 'daily_fresh_e', 'daily_fresh_f'];
const T0 = new Date('2026-11-20T11:00:00Z');
const TICK_MS = 5 * 60_000;
const SPAN_MS = 120 * 60_000;
const BUDGET = 100;
const POLICY = { ...DEFAULT_FRESH_PASS_POLICY, tickMs: TICK_MS };

describe('fresh pass: comments of recent posts re-read, and new posts found, between hourly runs (VK simulator, simulated clock)', () => {
  const suite = useCrawlerSuite({
    simulator: () => startSimulator(BUDGET, { now: T0, anchor: T0, historyDays: 10, commentsPerPost: 50 }),
    handles: HANDLES,
    worker: (simulator, queue) => ({ crawl: crawlOptions(simulator, BUDGET, queue, { freshEveryMs: TICK_MS }) }),
  });

  it('stores a comment posted on a recent post within its re-read interval, and a new post with its comments within minutes, once, inside the budget share', async () => {
    await startCrawlRun(suite.queue, 'profiles', T0.getTime());
    await waitForIdle(suite.queue);
    await crawlPosts(suite.queue, T0.getTime());
    const known = await suite.db.sql<{ id: string }[]>`SELECT id FROM posts WHERE published_at >= ${new Date(T0.getTime() - POLICY.windowMs)}`;
    expect(known.length).toBeGreaterThan(3);

    // Between hourly runs only the fresh pass reads: one tick every two simulated minutes.
    for (let elapsed = TICK_MS; elapsed <= SPAN_MS; elapsed += TICK_MS) {
      suite.simulator.clock.advance(TICK_MS);
      await startFreshTick(suite.queue, 'vk', suite.simulator.clock.now().getTime());
      await waitForIdle(suite.queue);
    }
    expect(await failedJobs(suite.queue)).toEqual([]);
    const end = suite.simulator.clock.now().getTime();

    // Every comment written after the hourly run under a post it knew, in time to be re-read, is stored
    // within the post's re-read interval (by its age) plus one tick.
    const truth = await recentTruth(suite.simulator, HANDLES, T0.getTime() - POLICY.windowMs);
    const stored = await suite.db.sql<{ handle: string; post: string; id: string; publishedAt: Date; firstSeenAt: Date }[]>`
      SELECT a.handle, p.external_id AS post, c.external_id AS id, c.published_at AS "publishedAt", c.first_seen_at AS "firstSeenAt"
      FROM comments c JOIN posts p ON p.id = c.post_id JOIN accounts a ON a.id = p.account_id`;
    const storedByKey = new Map(stored.map((c) => [`${c.handle}/${c.post}/${c.id}`, c]));
    const delays: number[] = [];
    // A post published after the hourly run is found by the newest-posts read (every postsEveryMs), and
    // its comments are read from the next tick on: within postsEveryMs and three ticks of being written.
    const newPostBound = POLICY.postsEveryMs + 3 * TICK_MS;
    const storedPosts = new Map(
      (
        await suite.db.sql<{ key: string; firstSeenAt: Date }[]>`SELECT a.handle || '/' || p.external_id AS key, p.first_seen_at AS "firstSeenAt" FROM posts p JOIN accounts a ON a.id = p.account_id`
      ).map((p) => [p.key, p.firstSeenAt.getTime()]),
    );
    let newPosts = 0;
    let newPostComments = 0;
    for (const [handle, account] of truth) {
      for (const post of account.posts) {
        const published = post.publishedAt.getTime();
        if (published > T0.getTime()) {
          if (published > end - newPostBound) continue;
          const foundAt = storedPosts.get(`${handle}/${post.externalId}`);
          expect(foundAt, `post ${handle}/${post.externalId} published at ${post.publishedAt.toISOString()}`).toBeDefined();
          expect(foundAt! - published).toBeLessThanOrEqual(POLICY.postsEveryMs + TICK_MS);
          newPosts += 1;
          for (const comment of account.comments.get(post.externalId) ?? []) {
            const written = comment.publishedAt.getTime();
            if (written > end - newPostBound) continue;
            const row = storedByKey.get(`${handle}/${post.externalId}/${comment.externalId}`);
            expect(row, `comment ${handle}/${post.externalId}/${comment.externalId} under a new post`).toBeDefined();
            expect(row!.firstSeenAt.getTime() - written).toBeLessThanOrEqual(newPostBound);
            newPostComments += 1;
          }
          continue;
        }
        for (const comment of account.comments.get(post.externalId) ?? []) {
          const written = comment.publishedAt.getTime();
          const interval = freshIntervalMs(POLICY, { publishedAt: post.publishedAt.getTime() }, end);
          if (written <= T0.getTime() || interval === null || written > end - interval - TICK_MS) continue;
          const row = storedByKey.get(`${handle}/${post.externalId}/${comment.externalId}`);
          expect(row, `comment ${handle}/${post.externalId}/${comment.externalId} written at ${comment.publishedAt.toISOString()}`).toBeDefined();
          const delay = row!.firstSeenAt.getTime() - written;
          const bound = freshIntervalMs(POLICY, { publishedAt: post.publishedAt.getTime() }, row!.firstSeenAt.getTime())! + TICK_MS;
          expect(delay, `detection delay of ${handle}/${post.externalId}/${comment.externalId}`).toBeLessThanOrEqual(bound);
          delays.push(delay);
        }
      }
    }
    expect(delays.length).toBeGreaterThan(3);
    expect(newPosts).toBeGreaterThan(0);
    expect(newPostComments).toBeGreaterThan(0);

    // No comment twice; each tick within its share of the budget.
    const [dupes] = await suite.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT post_id, external_id FROM comments GROUP BY 1, 2 HAVING count(*) > 1) d`;
    expect(dupes!.n).toBe(0);
    const ticks = await suite.db.sql<{ requests: number; enqueued: number; errors: number; capacity: number }[]>`
      SELECT requests, enqueued, errors, capacity FROM crawl_fresh_ticks WHERE network = 'vk' ORDER BY tick_at`;
    expect(ticks).toHaveLength(SPAN_MS / TICK_MS);
    // One request per read; a failed attempt (a deadlock with a concurrent read of the same post) is retried once and counted.
    expect(ticks.every((t) => t.capacity === freshCapacity(POLICY, BUDGET) && t.enqueued <= t.capacity && t.requests >= t.enqueued && t.requests <= t.enqueued + t.errors)).toBe(true);
    expect(ticks.reduce((sum, t) => sum + t.requests, 0)).toBeGreaterThan(ticks.length);
  });

  it('plans a tick once: the same tick again adds no jobs', async () => {
    const tickAt = suite.simulator.clock.now().getTime();
    const before = await suite.db.sql<{ requests: number }[]>`SELECT requests FROM crawl_fresh_ticks WHERE network = 'vk' AND tick_at = ${new Date(tickAt)}`;
    await startFreshTick(suite.queue, 'vk', tickAt);
    await waitForIdle(suite.queue);
    const after = await suite.db.sql<{ requests: number }[]>`SELECT requests FROM crawl_fresh_ticks WHERE network = 'vk' AND tick_at = ${new Date(tickAt)}`;
    expect(after).toEqual(before);
  });
});

/** What the simulator shows now for posts published since `since` (the newest page of posts is enough here), read with the unlimited probe token. */
async function recentTruth(simulator: VkSimulator, handles: string[], since: number): Promise<Map<string, { posts: SourcePost[]; comments: Map<string, SourceComment[]> }>> {
  const probe = createVkSource({ token: PROBE_TOKEN, kind: 'service', baseUrl: simulator.url, requestsPerSecond: 1_000 });
  const truth = new Map<string, { posts: SourcePost[]; comments: Map<string, SourceComment[]> }>();
  for (const handle of handles) {
    const ref = { network: 'vk' as const, handle, externalId: null };
    const posts = (await probe.getPostsPage(ref, null)).posts.filter((post) => post.publishedAt.getTime() >= since);
    const comments = new Map<string, SourceComment[]>();
    for (const post of posts) comments.set(post.externalId, await probe.getComments(ref, post.externalId));
    truth.set(handle, { posts, comments });
  }
  return truth;
}
