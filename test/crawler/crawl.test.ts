import { describe, expect, it } from 'vitest';
import type { Sql } from '@most/db';
import { startCrawlRun } from '@most/worker';
import { crawlOptions, crawlPosts, failedJobs, groundTruth, pseudonymise, startSimulator, storedComments, truthCommentKeys, waitForIdle, type AccountTruth } from './harness';
import { useCrawlerSuite } from './suite';

const HANDLES = ['daily_alpha', 'weekly_beta', 'irregular_gamma'];
const ANCHOR = new Date('2026-11-20T00:00:00Z');
/** Just after weekly_beta's first post was published and before it was edited (16:11). */
const T1 = new Date('2026-11-07T15:00:00Z');
/** Six days later: weekly_beta's spam comment 6001 (20:16) is up and not yet deleted. */
const TM = new Date('2026-11-13T20:20:00Z');
/** Then: new posts, late comments and page replies, deleted spam, the edit. Same Saratov day (UTC+4) as TM. */
const T2 = new Date('2026-11-14T12:00:00Z');
const DAY = 86_400_000;
const BUDGET = 25;

async function count(sql: Sql, table: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(table)}`;
  return row!.n;
}

function expectSameComments(stored: Awaited<ReturnType<typeof storedComments>>, truth: Map<string, AccountTruth>, young: (published: Date) => boolean) {
  const storedKeys = new Set(stored.map((c) => `${c.handle}/${c.post}/${c.id}`));
  // Young posts are re-read on every run: exactly what the network shows, no more, no less.
  const youngTruth = truthCommentKeys(truth, (_, post) => young(post.publishedAt));
  const youngStored = stored
    .filter((c) => young(truth.get(c.handle)!.posts.find((p) => p.externalId === c.post)!.publishedAt))
    .map((c) => `${c.handle}/${c.post}/${c.id}`)
    .sort();
  expect(youngStored).toEqual(youngTruth);
  // Older posts are not re-read: what is stored was real, late additions may be missing.
  for (const key of truthCommentKeys(truth)) if (!youngTruth.includes(key)) storedKeys.delete(key);
  expect([...storedKeys].filter((key) => !youngStored.includes(key))).toEqual([]);

  const byKey = new Map(stored.map((c) => [`${c.handle}/${c.post}/${c.id}`, c]));
  for (const [handle, account] of truth) {
    for (const post of account.posts) {
      if (!young(post.publishedAt)) continue;
      for (const comment of account.comments.get(post.externalId) ?? []) {
        const row = byKey.get(`${handle}/${post.externalId}/${comment.externalId}`)!;
        expect(row.deleted, `deleted flag of ${handle}/${post.externalId}/${comment.externalId}`).toBe(comment.deleted);
        expect(row.root).toBe(comment.threadRootId);
        expect(row.replyTo).toBe(comment.replyToCommentId);
        if (comment.deleted) continue;
        expect(row.fromPage).toBe(comment.fromPage);
        expect(row.author).toBe(pseudonymise('vk', comment.authorId));
        expect(row.author).not.toBe(comment.authorId);
        expect(row.text).toBe(comment.text);
      }
    }
  }
}

describe('crawler end to end against the VK simulator over HTTP', () => {
  const suite = useCrawlerSuite({
    simulator: () => startSimulator(BUDGET, { now: T1, anchor: ANCHOR, postsPerAccount: 8, commentsPerPost: 15 }),
    handles: HANDLES,
    worker: (simulator, queue) => ({ crawl: crawlOptions(simulator, BUDGET, queue) }),
  });

  it('crawls profiles, posts and threaded comments with page replies, storing authors only as pseudonyms', async () => {
    await startCrawlRun(suite.queue, 'profiles', T1.getTime());
    await waitForIdle(suite.queue);
    await crawlPosts(suite.queue, T1.getTime());
    expect(await failedJobs(suite.queue)).toEqual([]);
    const truth = await groundTruth(suite.simulator, HANDLES);

    const accounts = await suite.db.sql`SELECT handle, external_id, status FROM accounts ORDER BY id`;
    expect(accounts.map((a) => [a.handle, a.external_id, a.status])).toEqual(HANDLES.map((h) => [h, truth.get(h)!.profile.externalId, 'active']));
    expect(await count(suite.db.sql, 'account_snapshots')).toBe(HANDLES.length);
    const [snapshot] = await suite.db.sql`SELECT profile, raw FROM account_snapshots WHERE account_id = ${suite.ids.get('weekly_beta')!}`;
    expect(snapshot!.profile).toMatchObject({ name: truth.get('weekly_beta')!.profile.name, status: 'active' });
    expect(snapshot!.profile).not.toHaveProperty('raw');
    expect(snapshot!.raw).toMatchObject({ id: Number(truth.get('weekly_beta')!.profile.externalId) });

    const posts = await suite.db.sql`SELECT a.handle, p.external_id FROM posts p JOIN accounts a ON a.id = p.account_id ORDER BY 1, 2`;
    const truthPosts = [...truth].flatMap(([h, t]) => t.posts.map((p) => [h, p.externalId])).sort();
    expect(posts.map((p) => [p.handle, p.external_id])).toEqual(truthPosts);

    const stored = await storedComments(suite.db.sql);
    expect(stored.length).toBeGreaterThan(10);
    expectSameComments(stored, truth, () => true);
    expect(stored.some((c) => c.fromPage && c.root !== null)).toBe(true);
    expect(stored.filter((c) => c.root !== null).every((c) => c.rootResolved === c.root && c.replyResolved === c.replyTo)).toBe(true);

    // No raw author id anywhere in the comment rows.
    // Citizens have positive ids; the page's own (negative) id is public and appears in URLs.
    const rawIds = new Set([...truth.values()].flatMap((t) => [...t.comments.values()].flat().flatMap((c) => [c.authorId, c.replyToUserId ?? ''])).filter((id) => /^[1-9]\d{3,}$/.test(id)));
    expect(rawIds.size).toBeGreaterThan(10);
    const [dump] = await suite.db.sql<{ text: string }[]>`SELECT coalesce(string_agg(concat_ws('|', author_pseudonym, reply_to_user_pseudonym, url, external_id), '|'), '') AS text FROM comments`;
    expect([...rawIds].filter((id) => dump!.text.includes(id))).toEqual([]);

    const health = await suite.db.sql`SELECT last_posts_at, last_profile_at, consecutive_failures FROM crawl_health ORDER BY account_id`;
    expect(health).toHaveLength(HANDLES.length);
    expect(health.every((h) => h.last_posts_at && h.last_profile_at && h.consecutive_failures === 0)).toBe(true);
    const watermarks = await suite.db.sql`SELECT a.handle, w.newest_post_external_id FROM crawl_watermarks w JOIN accounts a ON a.id = w.account_id ORDER BY 1`;
    expect(watermarks.map((w) => [w.handle, w.newest_post_external_id])).toEqual(
      [...truth]
        .map(([h, t]) => [h, t.posts.filter((p) => !p.isPinned).sort((a, b) => +b.publishedAt - +a.publishedAt)[0]?.externalId])
        .filter(([, newest]) => newest !== undefined)
        .sort(),
    );
  });

  it('re-crawls the same state without duplicates, edits or deletions, and a profile run the same day adds no snapshot', async () => {
    const before = { posts: await count(suite.db.sql, 'posts'), comments: await count(suite.db.sql, 'comments'), snapshots: await count(suite.db.sql, 'account_snapshots') };
    await crawlPosts(suite.queue, T1.getTime() + 60_000);
    await startCrawlRun(suite.queue, 'profiles', T1.getTime() + 120_000);
    await waitForIdle(suite.queue);
    expect(await failedJobs(suite.queue)).toEqual([]);
    expect(await count(suite.db.sql, 'posts')).toBe(before.posts);
    expect(await count(suite.db.sql, 'comments')).toBe(before.comments);
    expect(await count(suite.db.sql, 'account_snapshots')).toBe(before.snapshots);
    expect(await count(suite.db.sql, 'comment_edits')).toBe(0);
    expect(await count(suite.db.sql, 'post_edits')).toBe(0);
    const [deleted] = await suite.db.sql`SELECT count(*)::int AS n FROM comments WHERE deletion_reason = 'missing'`;
    expect(deleted!.n).toBe(0);
    // Counters are kept per run: two runs, two observations of each post.
    const [observations] = await suite.db.sql`SELECT count(DISTINCT observed_at)::int AS n FROM post_counters`;
    expect(observations!.n).toBe(2);
  });

  it('a week later records new posts, late comments and page replies, deletions and the post edit', async () => {
    suite.simulator.clock.set(TM);
    await crawlPosts(suite.queue, TM.getTime());
    await startCrawlRun(suite.queue, 'profiles', TM.getTime());
    await waitForIdle(suite.queue);
    const alive = new Set((await storedComments(suite.db.sql)).filter((c) => !c.deleted).map((c) => `${c.handle}/${c.post}/${c.id}`));
    expect(alive.has('weekly_beta/6/6001')).toBe(true);
    suite.simulator.clock.set(T2);
    await crawlPosts(suite.queue, T2.getTime());
    expect(await failedJobs(suite.queue)).toEqual([]);
    const truth = await groundTruth(suite.simulator, HANDLES);
    const stored = await storedComments(suite.db.sql);
    expectSameComments(stored, truth, (published) => published.getTime() >= T2.getTime() - 7 * DAY);

    const newlyDeleted = stored.filter((c) => c.deleted && alive.has(`${c.handle}/${c.post}/${c.id}`));
    expect(newlyDeleted.map((c) => `${c.handle}/${c.post}/${c.id}`)).toContain('weekly_beta/6/6001');
    // Deleted comments keep their text and author as evidence.
    expect(newlyDeleted.every((c) => c.text.length > 0 && /^[0-9a-f]{64}$/.test(c.author))).toBe(true);

    const edits = await suite.db.sql`
      SELECT a.handle, p.external_id, e.edited_at FROM post_edits e JOIN posts p ON p.id = e.post_id JOIN accounts a ON a.id = p.account_id`;
    expect(edits.map((e) => [e.handle, e.external_id])).toEqual([['weekly_beta', '1']]);
    expect(edits[0]!.edited_at).toEqual(truth.get('weekly_beta')!.posts.find((p) => p.externalId === '1')!.editedAt);

    // Two more Saratov days (T1's, then TM's which is T2's): one snapshot per account and day.
    expect(await count(suite.db.sql, 'account_snapshots')).toBe(2 * HANDLES.length);
    const [lateReplies] = await suite.db.sql`SELECT count(*)::int AS n FROM comments WHERE from_page AND first_seen_at > ${T1}`;
    expect(lateReplies!.n).toBeGreaterThan(0);
  });
});
