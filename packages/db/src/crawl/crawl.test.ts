import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { asSql } from '../transaction';
import type { Sql } from '../client';
import { getCrawlAccounts, listCrawlAccounts, setAccountExternalId, setAccountStatus } from './accounts';
import { recordProfileSnapshot, recordProfileSnapshots, saratovDay } from './snapshots';
import { advanceWatermark, getWatermark, upsertPosts, type CrawledPost } from './posts';
import { changedLinks, upsertComments, type CrawledComment, type StoredComment } from './comments';
import { getCrawlHealth, listOpenCrawlAlerts, raiseCrawlAlert, recordCrawlFailure, recordCrawlFailures, recordCrawlSuccess, resolveCrawlAlerts, setNextCrawl } from './health';
import { boundText, COMMENT_TEXT_LIMIT } from './text';

const pseudonym = (n: number) => n.toString(16).padStart(64, '0');

async function addAccount(sql: Sql, handle: string): Promise<number> {
  const [org] = await sql<{ id: number }[]>`
    INSERT INTO organizations (code, full_name, short_name, kind, sector)
    VALUES (${`org_${handle}`}, ${`Организация ${handle}`}, ${`Орг ${handle}`}, 'local_government', 'other') RETURNING id`;
  const [account] = await sql<{ id: number }[]>`
    INSERT INTO accounts (organization_id, network, canonical_url, handle)
    VALUES (${org!.id}, 'vk', ${`https://vk.com/${handle}`}, ${handle}) RETURNING id`;
  return account!.id;
}

const post = (id: string, overrides: Partial<CrawledPost> = {}): CrawledPost => ({
  externalId: id,
  url: `https://vk.com/wall-1_${id}`,
  publishedAt: new Date('2026-11-20T10:00:00Z'),
  editedAt: null,
  text: `Пост ${id}`,
  isPinned: false,
  isAd: false,
  likes: 1,
  reposts: 0,
  comments: 2,
  views: 100,
  commentsOpen: true,
  ...overrides,
});

const comment = (id: string, overrides: Partial<CrawledComment> = {}): CrawledComment => ({
  externalId: id,
  url: `https://vk.com/wall-1_10?reply=${id}`,
  authorPseudonym: pseudonym(Number(id)),
  fromPage: false,
  publishedAt: new Date('2026-11-20T11:00:00Z'),
  text: `Вопрос ${id}`,
  threadRootExternalId: null,
  replyToCommentExternalId: null,
  replyToUserPseudonym: null,
  deleted: false,
  ...overrides,
});

describe('crawl storage', () => {
  let db: TestDatabase;
  let accountId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    accountId = await addAccount(db.sql, 'adm_test');
  });
  afterAll(() => db?.drop());

  it('bounds untrusted text in code points and drops NUL characters', () => {
    expect(boundText('a\u0000b', 10)).toEqual({ text: 'ab', truncated: false });
    const long = '😀'.repeat(COMMENT_TEXT_LIMIT + 5);
    const bounded = boundText(long, COMMENT_TEXT_LIMIT);
    expect(bounded.truncated).toBe(true);
    expect(Array.from(bounded.text)).toHaveLength(COMMENT_TEXT_LIMIT);
  });

  it('keeps one snapshot per unchanged day and a new one on change or on a new day', async () => {
    const at = new Date('2026-11-20T08:00:00Z');
    const observe = (profile: Record<string, unknown>, when: Date) =>
      db.sql.begin((tx) => recordProfileSnapshot(asSql(tx), { accountId, status: 'active', profile, raw: { id: 1, name: 'x\u0000' }, observedAt: when }));
    expect(await observe({ name: 'A', links: [] }, at)).toBe('created');
    expect(await observe({ links: [], name: 'A' }, new Date(at.getTime() + 3_600_000))).toBe('unchanged');
    expect(await observe({ name: 'B', links: [] }, new Date(at.getTime() + 7_200_000))).toBe('created');
    expect(await observe({ name: 'B', links: [] }, new Date(at.getTime() + 24 * 3_600_000))).toBe('created');
    const rows = await db.sql`SELECT profile->>'name' AS name, to_char(captured_day, 'YYYY-MM-DD') AS day, last_seen_at FROM account_snapshots WHERE account_id = ${accountId} ORDER BY id`;
    expect(rows.map((r) => r.name)).toEqual(['A', 'B', 'B']);
    expect(rows[0]!.last_seen_at).toEqual(new Date(at.getTime() + 3_600_000));
    expect(rows.map((r) => r.day)).toEqual(['2026-11-20', '2026-11-20', '2026-11-21']);
    expect(saratovDay(new Date('2026-11-20T20:30:00Z'))).toBe('2026-11-21');
  });

  it('upserts posts without duplicates, keeps counters per run and records text edits', async () => {
    const run1 = new Date('2026-11-20T12:00:00Z');
    const run2 = new Date('2026-11-20T13:00:00Z');
    const first = await upsertPosts(db.sql, accountId, [post('10'), post('11'), post('10')], run1);
    expect(first.map((p) => [p.externalId, p.inserted])).toEqual([
      ['10', true],
      ['11', true],
    ]);
    await upsertPosts(db.sql, accountId, [post('10'), post('11')], run1);
    const second = await upsertPosts(db.sql, accountId, [post('10', { text: 'Пост 10 (исправлено)', likes: 5 })], run2);
    expect(second[0]!.inserted).toBe(false);
    const [count] = await db.sql`SELECT count(*)::int AS n FROM posts WHERE account_id = ${accountId}`;
    expect(count!.n).toBe(2);
    const counters = await db.sql`SELECT likes FROM post_counters WHERE post_id = ${second[0]!.id} ORDER BY observed_at`;
    expect(counters.map((c) => c.likes)).toEqual([1, 5]);
    const edits = await db.sql`SELECT previous_text FROM post_edits WHERE post_id = ${second[0]!.id}`;
    expect(edits.map((e) => e.previous_text)).toEqual(['Пост 10']);
  });

  it('stores comment threads, edits, deletions and missing comments as evidence, idempotently', async () => {
    const [stored] = await upsertPosts(db.sql, accountId, [post('20')], new Date('2026-11-20T12:00:00Z'));
    const postId = stored!.id;
    const t1 = new Date('2026-11-20T14:00:00Z');
    const list = [
      comment('1'),
      comment('2', { threadRootExternalId: '1', replyToCommentExternalId: '1', replyToUserPseudonym: pseudonym(1), fromPage: true, text: 'Ответ' }),
      comment('3', { threadRootExternalId: '1', replyToCommentExternalId: '2', text: 'x'.repeat(5_000) }),
      comment('4'),
    ];
    const outcome = await upsertComments(db.sql, { postId, accountId, comments: list, seenAt: t1 });
    expect(outcome).toEqual({ inserted: 4, edited: 0, deleted: 0, restored: 0 });
    // Read again unchanged: no comment row is rewritten (same row versions); the post's read time moves.
    const versions = () => db.sql`SELECT external_id, xmin::text AS version FROM comments WHERE post_id = ${postId} ORDER BY external_id`;
    const first = await versions();
    const reread = new Date('2026-11-20T14:30:00Z');
    expect(await upsertComments(db.sql, { postId, accountId, comments: list, seenAt: reread })).toEqual({ inserted: 0, edited: 0, deleted: 0, restored: 0 });
    expect(await versions()).toEqual(first);
    const [readAgain] = await db.sql`SELECT comments_read_at FROM posts WHERE id = ${postId}`;
    expect(readAgain!.comments_read_at).toEqual(reread);

    const rows = await db.sql`
      SELECT c.external_id, c.from_page, root.external_id AS root, parent.external_id AS parent, length(c.text) AS len, c.text_truncated
      FROM comments c LEFT JOIN comments root ON root.id = c.thread_root_id LEFT JOIN comments parent ON parent.id = c.reply_to_comment_id
      WHERE c.post_id = ${postId} ORDER BY c.external_id`;
    expect(rows.map((r) => [r.external_id, r.from_page, r.root, r.parent])).toEqual([
      ['1', false, null, null],
      ['2', true, '1', '1'],
      ['3', false, '1', '2'],
      ['4', false, null, null],
    ]);
    expect(rows[2]).toMatchObject({ len: COMMENT_TEXT_LIMIT, text_truncated: true });

    // Later: comment 1 edited, 4 gone, 2 shown as a deleted stub.
    const t2 = new Date('2026-11-20T15:00:00Z');
    const later = [comment('1', { text: 'Вопрос 1 (дополнено)' }), comment('2', { deleted: true, text: '' }), list[2]!];
    expect(await upsertComments(db.sql, { postId, accountId, comments: later, seenAt: t2 })).toEqual({ inserted: 0, edited: 1, deleted: 2, restored: 0 });
    const after = await db.sql`SELECT external_id, text, deleted_at, deletion_reason FROM comments WHERE post_id = ${postId} ORDER BY external_id`;
    expect(after.map((r) => [r.external_id, r.deletion_reason])).toEqual([
      ['1', null],
      ['2', 'deleted'],
      ['3', null],
      ['4', 'missing'],
    ]);
    expect(after[1]!.text).toBe('Ответ');
    expect(after[3]).toMatchObject({ text: 'Вопрос 4', deleted_at: t2 });
    const edits = await db.sql`SELECT previous_text FROM comment_edits e JOIN comments c ON c.id = e.comment_id WHERE c.post_id = ${postId}`;
    expect(edits.map((e) => e.previous_text)).toEqual(['Вопрос 1']);
    // Reading the same state again keeps the first deletion time.
    await upsertComments(db.sql, { postId, accountId, comments: later, seenAt: new Date('2026-11-20T16:00:00Z') });
    const [kept] = await db.sql`SELECT deleted_at FROM comments WHERE post_id = ${postId} AND external_id = '4'`;
    expect(kept!.deleted_at).toEqual(t2);
    const [read] = await db.sql`SELECT comments_read_at FROM posts WHERE id = ${postId}`;
    expect(read!.comments_read_at).toEqual(new Date('2026-11-20T16:00:00Z'));
  });

  it('links a reply to a parent that arrives on a later read, and rewrites no link of an unchanged thread', async () => {
    const [stored] = await upsertPosts(db.sql, accountId, [post('25')], new Date('2026-11-20T12:00:00Z'));
    const postId = stored!.id;
    const reply = comment('51', { threadRootExternalId: '50', replyToCommentExternalId: '50', fromPage: true, text: 'Ответ' });
    await upsertComments(db.sql, { postId, accountId, comments: [reply], seenAt: new Date('2026-11-20T13:00:00Z') });
    const links = () => db.sql`SELECT c.thread_root_id AS root, c.reply_to_comment_id AS parent FROM comments c WHERE c.post_id = ${postId} AND c.external_id = '51'`;
    expect(await links()).toEqual([{ root: null, parent: null }]);

    // The parent shows up; the reply no longer names its thread (the stored reference is kept).
    // This read names the post's publication time, as the crawler does: the same result from the post's partitions only.
    const read = new Date('2026-11-20T14:00:00Z');
    await upsertComments(db.sql, {
      postId,
      postPublishedAt: stored!.publishedAt,
      accountId,
      comments: [comment('50'), { ...reply, threadRootExternalId: null, replyToCommentExternalId: null }],
      seenAt: read,
    });
    const [marked] = await db.sql`SELECT comments_read_at FROM posts WHERE id = ${postId}`;
    expect(marked!.comments_read_at).toEqual(read);
    const [parent] = await db.sql`SELECT id FROM comments WHERE post_id = ${postId} AND external_id = '50'`;
    const [linked] = await links();
    expect(linked).toMatchObject({ root: parent!.id, parent: parent!.id });

    // Read again unchanged: no link to write.
    const storedRows = await db.sql<StoredComment[]>`
      SELECT id, external_id AS "externalId", text, deleted_at IS NOT NULL AS deleted, thread_root_external_id AS "threadRootExternalId",
             reply_to_comment_external_id AS "replyToCommentExternalId", thread_root_id AS "threadRootId", reply_to_comment_id AS "replyToCommentId"
      FROM comments WHERE post_id = ${postId}`;
    const idOf = new Map(storedRows.map((r) => [r.externalId, r.id]));
    const incoming = [reply].map((c) => ({ external_id: c.externalId, thread_root_external_id: c.threadRootExternalId, reply_to_comment_external_id: c.replyToCommentExternalId }));
    expect(changedLinks(storedRows, incoming, idOf)).toEqual([]);
    // The parent gone from the store: the reply's links resolve to nothing.
    idOf.delete('50');
    expect(changedLinks(storedRows, incoming, idOf)).toEqual([{ id: idOf.get('51'), root_id: null, reply_id: null }]);
  });

  it('refuses raw author ids where a pseudonym belongs', async () => {
    const [stored] = await upsertPosts(db.sql, accountId, [post('30')], new Date('2026-11-20T12:00:00Z'));
    await expect(upsertComments(db.sql, { postId: stored!.id, accountId, comments: [comment('9', { authorPseudonym: '123456' })], seenAt: new Date() })).rejects.toThrow(/author_pseudonym/);
  });

  it('moves watermarks only forward', async () => {
    const at = new Date();
    await advanceWatermark(db.sql, accountId, { externalId: '20', publishedAt: new Date('2026-11-20T10:00:00Z') }, at);
    await advanceWatermark(db.sql, accountId, { externalId: '5', publishedAt: new Date('2026-11-01T10:00:00Z') }, at);
    expect((await getWatermark(db.sql, accountId))?.externalId).toBe('20');
  });

  it('stores a batch of profile observations by the same rule, in a few statements', async () => {
    const a = await addAccount(db.sql, 'batch_a');
    const b = await addAccount(db.sql, 'batch_b');
    const at = new Date('2026-11-22T08:00:00Z');
    const observe = (names: Record<number, string>, when: Date) =>
      db.sql.begin((tx) =>
        recordProfileSnapshots(
          asSql(tx),
          Object.entries(names).map(([id, name]) => ({ accountId: Number(id), status: 'active' as const, profile: { name }, raw: { id: Number(id), note: 'x\u0000' }, observedAt: when })),
        ),
      );
    expect([...(await observe({ [a]: 'A', [b]: 'B' }, at))]).toEqual([
      [a, 'created'],
      [b, 'created'],
    ]);
    expect([...(await observe({ [a]: 'A', [b]: 'B2' }, new Date(at.getTime() + 3_600_000)))]).toEqual([
      [a, 'unchanged'],
      [b, 'created'],
    ]);
    expect([...(await observe({ [a]: 'A' }, new Date(at.getTime() + 24 * 3_600_000)))]).toEqual([[a, 'created']]);
    const rows = await db.sql`SELECT account_id, profile->>'name' AS name, raw->>'note' AS note, last_seen_at FROM account_snapshots WHERE account_id IN (${a}, ${b}) ORDER BY id`;
    expect(rows.map((r) => [Number(r.account_id), r.name])).toEqual([
      [a, 'A'],
      [b, 'B'],
      [b, 'B2'],
      [a, 'A'],
    ]);
    expect(rows[0]!.last_seen_at).toEqual(new Date(at.getTime() + 3_600_000));
    expect(rows[0]!.note).toBe('x');
    await db.sql`UPDATE accounts SET removed_at = now() WHERE id IN (${a}, ${b})`;
  });

  it('tracks account status, external ids, health and alerts', async () => {
    const other = await addAccount(db.sql, 'school_test');
    const at = new Date('2026-11-21T09:00:00Z');
    expect(await setAccountStatus(db.sql, other, 'private', at)).toBe(true);
    expect(await setAccountStatus(db.sql, other, 'private', new Date())).toBe(false);
    expect(await setAccountExternalId(db.sql, accountId, '777')).toBe(true);
    expect(await setAccountExternalId(db.sql, other, '777')).toBe(false);
    const [acc] = await getCrawlAccounts(db.sql, [other]);
    expect(acc).toMatchObject({ status: 'private', externalId: null });
    const active = await listCrawlAccounts(db.sql, { network: 'vk', afterId: 0, limit: 10, statuses: ['active'] });
    expect(active.map((a) => a.id)).toEqual([accountId]);
    expect(await listCrawlAccounts(db.sql, { network: 'vk', afterId: accountId, limit: 10 })).toHaveLength(1);

    await recordCrawlFailure(db.sql, accountId, { kind: 'transient', message: 'timeout', at });
    await recordCrawlFailure(db.sql, accountId, { kind: 'transient', message: 'timeout again', at });
    expect(await getCrawlHealth(db.sql, accountId)).toMatchObject({ consecutiveFailures: 2, lastError: 'timeout again', lastErrorKind: 'transient' });
    await recordCrawlSuccess(db.sql, accountId, 'posts', at);
    await setNextCrawl(db.sql, [accountId], new Date('2026-11-21T10:00:00Z'));
    expect(await getCrawlHealth(db.sql, accountId)).toMatchObject({ consecutiveFailures: 0, lastPostsAt: at, lastProfileAt: null, nextRunAt: new Date('2026-11-21T10:00:00Z') });

    // Concurrent failures of one account's steps each count (one atomic statement, no lost update);
    // a failure that happened before the last success but is reported after it does not restart the streak.
    await Promise.all(Array.from({ length: 8 }, (_, i) => recordCrawlFailure(db.sql, other, { kind: 'transient', message: `step ${i}`, at })));
    expect(await getCrawlHealth(db.sql, other)).toMatchObject({ consecutiveFailures: 8 });
    await recordCrawlSuccess(db.sql, other, 'posts', at);
    await recordCrawlFailure(db.sql, other, { kind: 'transient', message: 'slow to report', at: new Date(at.getTime() - 1_000) });
    expect(await getCrawlHealth(db.sql, other)).toMatchObject({ consecutiveFailures: 0, lastError: 'slow to report' });
    await recordCrawlFailures(db.sql, [other, accountId], { kind: 'transient', message: 'batch failed', at: new Date(at.getTime() + 1_000) });
    expect(await getCrawlHealth(db.sql, other)).toMatchObject({ consecutiveFailures: 1, lastError: 'batch failed' });
    expect(await getCrawlHealth(db.sql, accountId)).toMatchObject({ consecutiveFailures: 1, lastError: 'batch failed' });

    await raiseCrawlAlert(db.sql, { kind: 'auth', network: 'vk', tokenFingerprint: 'aaaa', message: 'bad token', at });
    await raiseCrawlAlert(db.sql, { kind: 'auth', network: 'vk', tokenFingerprint: 'aaaa', message: 'bad token', at });
    const open = await listOpenCrawlAlerts(db.sql, 'vk');
    expect(open).toHaveLength(1);
    expect(open[0]!.occurrences).toBe(2);
    expect(await resolveCrawlAlerts(db.sql, { network: 'vk', kind: 'auth', exceptTokenFingerprint: 'aaaa', at })).toBe(0);
    expect(await resolveCrawlAlerts(db.sql, { network: 'vk', kind: 'auth', exceptTokenFingerprint: 'bbbb', at })).toBe(1);
    expect(await listOpenCrawlAlerts(db.sql)).toHaveLength(0);
  });
});
