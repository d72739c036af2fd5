import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '@most/db';
import { createTestQueueBackend } from '@most/queue/testing';
import type { OkSimulator } from '@most/sources/simulator';
import { fingerprint, startCrawlRun, startWorker } from '@most/worker';
import {
  accountStatuses,
  tearDown,
  endTest,
  addAccounts,
  BAD_TOKEN,
  createTestDatabase,
  crawlPosts,
  failedJobs,
  okCrawlOptions,
  okGroundTruth,
  pseudonymise,
  startOkSim,
  storedComments,
  truthCommentKeys,
  waitForIdle,
  type TestDatabase,
} from './harness';
import { useCrawlerSuite } from './suite';

const HANDLES = ['daily_oka', 'weekly_okb', 'irregular_okc'];
const ANCHOR = new Date('2026-11-20T00:00:00Z');
const T1 = new Date('2026-11-12T12:00:00Z');
const T2 = new Date('2026-11-19T12:00:00Z');
const DAY = 86_400_000;
const BUDGET = 20;

const count = async (sql: Sql, table: string) => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(table)}`)[0]!.n;
const key = (c: { handle: string; post: string; id: string }) => `${c.handle}/${c.post}/${c.id}`;

describe('crawler end to end against the OK API simulator (fb.do, signed requests)', () => {
  const suite = useCrawlerSuite({
    simulator: () => startOkSim(BUDGET, { now: T1, anchor: ANCHOR, postsPerAccount: 8, commentsPerPost: 12 }),
    network: 'ok',
    handles: HANDLES,
    worker: (simulator, queue) => ({ crawl: okCrawlOptions(simulator, BUDGET, queue) }),
  });

  it('reads group profiles, topics with counters and comments with page replies, authors only as pseudonyms', async () => {
    await startCrawlRun(suite.queue, 'profiles', T1.getTime(), ['ok']);
    await waitForIdle(suite.queue);
    await crawlPosts(suite.queue, T1.getTime(), undefined, ['ok']);
    expect(await failedJobs(suite.queue)).toEqual([]);
    const truth = await okGroundTruth(suite.simulator, HANDLES);

    const accounts = await suite.db.sql`SELECT handle, external_id, status FROM accounts ORDER BY id`;
    expect(accounts.map((a) => [a.handle, a.external_id, a.status])).toEqual(HANDLES.map((h) => [h, truth.get(h)!.profile.externalId, 'active']));
    expect(accounts.every((a) => /^\d{14}$/.test(a.external_id))).toBe(true);
    const [snapshot] = await suite.db.sql`SELECT profile FROM account_snapshots s JOIN accounts a ON a.id = s.account_id WHERE a.handle = 'weekly_okb'`;
    expect(snapshot!.profile).toMatchObject({ network: 'ok', name: truth.get('weekly_okb')!.profile.name, status: 'active' });

    const posts = await suite.db.sql`SELECT a.handle, p.external_id, c.likes, c.views FROM posts p JOIN accounts a ON a.id = p.account_id
      JOIN LATERAL (SELECT likes, views FROM post_counters WHERE post_id = p.id ORDER BY observed_at DESC LIMIT 1) c ON true ORDER BY 1, 2`;
    expect(posts.map((p) => [p.handle, p.external_id])).toEqual([...truth].flatMap(([h, t]) => t.posts.map((p) => [h, p.externalId])).sort());
    const truthPost = truth.get('daily_oka')!.posts[0]!;
    expect(posts.find((p) => p.external_id === truthPost.externalId)).toMatchObject({ likes: truthPost.likes, views: truthPost.views });

    const stored = await storedComments(suite.db.sql);
    expect(stored.map(key).sort()).toEqual(truthCommentKeys(truth));
    // The page's own replies are recognised (author is the group itself), so the 24-hour rule applies.
    const pageReplies = stored.filter((c) => c.fromPage);
    expect(pageReplies.length).toBeGreaterThan(0);
    expect(pageReplies.every((c) => c.root !== null && c.rootResolved === c.root)).toBe(true);
    const authors = new Map([...truth].flatMap(([h, t]) => [...t.comments].flatMap(([p, list]) => list.map((c) => [`${h}/${p}/${c.externalId}` as string, c] as const))));
    expect(stored.every((c) => c.author === pseudonymise('ok', authors.get(key(c))!.authorId) && c.fromPage === authors.get(key(c))!.fromPage)).toBe(true);
    const rawIds = [...authors.values()].map((c) => c.authorId).filter((id) => /^5\d{11}$/.test(id));
    expect(rawIds.length).toBeGreaterThan(10);
    const [dump] = await suite.db.sql<{ text: string }[]>`SELECT string_agg(concat_ws('|', author_pseudonym, reply_to_user_pseudonym, url, external_id), '|') AS text FROM comments`;
    expect(rawIds.filter((id) => dump!.text.includes(id))).toEqual([]);
    const health = await suite.db.sql`SELECT last_posts_at, last_profile_at, consecutive_failures FROM crawl_health`;
    expect(health.every((h) => h.last_posts_at && h.last_profile_at && h.consecutive_failures === 0)).toBe(true);
    expect(health).toHaveLength(HANDLES.length);
  });

  it('re-reads the same state without duplicates', async () => {
    const before = { posts: await count(suite.db.sql, 'posts'), comments: await count(suite.db.sql, 'comments') };
    await crawlPosts(suite.queue, T1.getTime() + 60_000, undefined, ['ok']);
    expect(await failedJobs(suite.queue)).toEqual([]);
    expect({ posts: await count(suite.db.sql, 'posts'), comments: await count(suite.db.sql, 'comments') }).toEqual(before);
    const [deleted] = await suite.db.sql`SELECT count(*)::int AS n FROM comments WHERE deleted_at IS NOT NULL`;
    expect(deleted!.n).toBe(0);
  });

  it('a week later records new topics, late comments and page replies', async () => {
    const aliveBefore = new Set((await storedComments(suite.db.sql)).map(key));
    suite.simulator.clock.set(T2);
    await crawlPosts(suite.queue, T2.getTime(), undefined, ['ok']);
    expect(await failedJobs(suite.queue)).toEqual([]);
    const truth = await okGroundTruth(suite.simulator, HANDLES);
    const young = (published: Date) => published.getTime() >= T2.getTime() - 7 * DAY;
    const stored = await storedComments(suite.db.sql);
    const youngPosts = new Set([...truth].flatMap(([h, t]) => t.posts.filter((p) => young(p.publishedAt)).map((p) => `${h}/${p.externalId}`)));
    expect(youngPosts.size).toBeGreaterThan(0);
    const aliveYoung = stored
      .filter((c) => !c.deleted && youngPosts.has(`${c.handle}/${c.post}`))
      .map(key)
      .sort();
    expect(aliveYoung).toEqual(truthCommentKeys(truth, (_handle, p) => young(p.publishedAt)));
    expect(stored.filter((c) => !aliveBefore.has(key(c))).length).toBeGreaterThan(0);
    const [late] = await suite.db.sql`SELECT count(*)::int AS n FROM comments WHERE from_page AND first_seen_at > ${T1}`;
    expect(late!.n).toBeGreaterThan(0);
  });
});

describe('OK error classes', () => {
  let db: TestDatabase;
  let simulator: OkSimulator;
  const cleanups: (() => Promise<void>)[] = [];
  const NOW = ANCHOR;

  beforeAll(async () => {
    db = await createTestDatabase();
    simulator = await startOkSim(BUDGET, { now: NOW, anchor: NOW, postsPerAccount: 3, commentsPerPost: 6 });
  });
  afterEach(() => endTest(cleanups, simulator));
  afterAll(() => tearDown(simulator, db));

  async function setup(handles: string[], overrides: Parameters<typeof okCrawlOptions>[3] = {}) {
    await db.sql`UPDATE accounts SET removed_at = now() WHERE removed_at IS NULL`;
    const queue = await createTestQueueBackend('redis', db.url);
    cleanups.push(() => queue.close());
    const ids = await addAccounts(db.sql, 'ok', handles);
    const worker = await startWorker({ sql: db.sql, queue, crawl: okCrawlOptions(simulator, BUDGET, queue, overrides) });
    cleanups.push(() => worker.close());
    return { queue, ids };
  }

  it('records closed, deleted, blocked and missing groups and never retries them', async () => {
    const { queue } = await setup(['daily_e1', 'closed_e2', 'deleted_e3', 'banned_e4', 'missing_e5']);
    await startCrawlRun(queue, 'profiles', NOW.getTime(), ['ok']);
    await waitForIdle(queue);
    expect(await accountStatuses(db.sql)).toEqual([
      ['daily_e1', 'active'],
      ['closed_e2', 'private'],
      ['deleted_e3', 'deleted'],
      ['banned_e4', 'blocked'],
      ['missing_e5', 'not_found'],
    ]);
    expect(await failedJobs(queue)).toEqual([]);
    // One url.getInfo per short name, then one group.getInfo for the four groups that exist.
    expect(simulator.stats().byMethod).toEqual({ 'url.getInfo': 5, 'group.getInfo': 1 });
    await crawlPosts(queue, NOW.getTime(), undefined, ['ok']);
    expect(simulator.stats().byMethod['mediatopic.getTopics']).toBe(1);
    expect(await failedJobs(queue)).toEqual([]);
  });

  it('retries service errors, HTTP 503 and flood control, and completes the crawl', async () => {
    const { queue } = await setup(['daily_e6']);
    simulator.faults.script(['error2'], 'group.getInfo');
    simulator.faults.script(['http503', 'error8'], 'mediatopic.getTopics');
    simulator.faults.script(['error2'], 'discussions.getComments');
    await startCrawlRun(queue, 'profiles', NOW.getTime(), ['ok']);
    await waitForIdle(queue);
    await crawlPosts(queue, NOW.getTime(), 60_000, ['ok']);
    expect(await failedJobs(queue)).toEqual([]);
    const stats = simulator.stats();
    expect(stats.errors).toMatchObject({ '2': 2, '8': 1, http503: 1 });
    const truth = await okGroundTruth(simulator, ['daily_e6']);
    expect(
      (await storedComments(db.sql))
        .filter((c) => c.handle === 'daily_e6')
        .map(key)
        .sort(),
    ).toEqual(truthCommentKeys(truth));
  });

  it('fails on a malformed answer with a clear error and writes nothing', async () => {
    const { queue, ids } = await setup(['weekly_e7']);
    simulator.faults.script(['malformed_json'], 'mediatopic.getTopics');
    await crawlPosts(queue, NOW.getTime(), undefined, ['ok']);
    const failed = await failedJobs(queue);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ name: 'ok-posts', attempts: 1 });
    expect(failed[0]!.reason).toMatch(/^OK answered malformed data, nothing was written: OK mediatopic.getTopics: the answer is not valid JSON/);
    const [posts] = await db.sql`SELECT count(*)::int AS n FROM posts WHERE account_id = ${ids.get('weekly_e7')!}`;
    expect(posts!.n).toBe(0);
  });

  it('a rejected token raises one alert and pauses OK crawling only', async () => {
    const { queue } = await setup(['daily_e8', 'weekly_e9'], { token: BAD_TOKEN, concurrency: 2 });
    await startCrawlRun(queue, 'profiles', NOW.getTime(), ['ok']);
    const deadline = Date.now() + 20_000;
    while (!(await queue.queue('ok').isPaused()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await queue.queue('ok').isPaused()).toBe(true);
    expect(await queue.queue('vk').isPaused()).toBe(false);
    const alerts = await db.sql`SELECT kind, network, token_fingerprint FROM crawl_alerts WHERE resolved_at IS NULL`;
    expect(alerts).toEqual([{ kind: 'auth', network: 'ok', token_fingerprint: fingerprint(BAD_TOKEN) }]);
    expect(simulator.stats().errors['102']).toBe(1);
    const failed = await failedJobs(queue);
    expect(failed.every((f) => f.attempts === 1 && /^OK rejected the token .*paused until the token is replaced/.test(f.reason))).toBe(true);
  });
});
