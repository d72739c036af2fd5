import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing';
import { makeAccount, makeComment, makePost, pseudonym } from '../scoring/fixture';
import { upsertComments } from './comments';
import { ensureMonthlyPartitions, MONTHLY_PARTITIONED, monthlyPartitionsOf } from './partitions';
import { upsertPosts } from './posts';

const db = useTestDatabase();

/** Which partition of `table` holds the row with this id. */
const holder = async (table: string, id: number) => (await db.sql<{ name: string }[]>`SELECT tableoid::regclass::text AS name FROM ${db.sql(table)} WHERE id = ${id}`)[0]?.name;

const counterHolder = async (postId: number, at: Date) =>
  (await db.sql<{ name: string }[]>`SELECT tableoid::regclass::text AS name FROM post_counters WHERE post_id = ${postId} AND observed_at = ${at}`)[0]?.name;

const makeSnapshot = async (accountId: number, at: Date) =>
  (
    await db.sql<{ id: number }[]>`
      INSERT INTO account_snapshots (account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)
      VALUES (${accountId}, ${at}, ${at}, ${at}, 'h', 'active', '{}', '{}') RETURNING id`
  )[0]!.id;

/** One row of each partitioned table, all at `at`: which partition holds each. */
async function rowsAt(at: Date) {
  const { accountId } = await makeAccount(db.sql);
  const postId = await makePost(db.sql, accountId, at);
  const commentId = await makeComment(db.sql, { postId, accountId, author: 'Анна', at });
  const snapshotId = await makeSnapshot(accountId, at);
  await db.sql`INSERT INTO post_counters (post_id, observed_at, likes, reposts, comments) VALUES (${postId}, ${at}, 1, 0, 0)`;
  const holders = async () => ({
    posts: await holder('posts', postId),
    comments: await holder('comments', commentId),
    account_snapshots: await holder('account_snapshots', snapshotId),
    post_counters: await counterHolder(postId, at),
  });
  return { accountId, postId, holders };
}

const everyTableIn = (suffix: string) => Object.fromEntries(MONTHLY_PARTITIONED.map(({ table }) => [table, `${table}_${suffix}`]));

describe('monthly partitions of posts, comments, snapshots and post counters', () => {
  it('creates the coming months of every table ahead of time, idempotently, and files new rows there', async () => {
    const now = new Date('2031-05-20T10:00:00Z');
    expect(await ensureMonthlyPartitions(db.sql, now)).toBe(3 * MONTHLY_PARTITIONED.length);
    expect(await ensureMonthlyPartitions(db.sql, now)).toBe(0);
    for (const { table } of MONTHLY_PARTITIONED) {
      const names = (await monthlyPartitionsOf(db.sql, table)).map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining([`${table}_y2031m05`, `${table}_y2031m06`, `${table}_y2031m07`]));
    }
    const [june] = (await monthlyPartitionsOf(db.sql, 'comments')).filter((p) => p.name === 'comments_y2031m06');
    expect(june).toEqual({ name: 'comments_y2031m06', monthStart: new Date('2031-06-01T00:00:00Z'), monthEnd: new Date('2031-07-01T00:00:00Z') });

    const june30 = new Date('2031-06-30T23:59:59Z');
    const { accountId, holders } = await rowsAt(june30);
    expect(await holders()).toEqual(everyTableIn('y2031m06'));
    // The new partitions took the parent's triggers: a comment on a post that does not exist is refused there too.
    await expect(makeComment(db.sql, { postId: 987_654_321, accountId, author: 'Анна', at: june30 })).rejects.toMatchObject({ code: '23503' });
  });

  it('lets workers starting together create the months once, without an error', async () => {
    const now = new Date('2035-09-01T00:00:00Z');
    const created = await Promise.all([ensureMonthlyPartitions(db.sql, now), ensureMonthlyPartitions(db.sql, now), ensureMonthlyPartitions(db.sql, now)]);
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(3 * MONTHLY_PARTITIONED.length);
  });

  it('moves rows that fell into the default partitions into the month created for them; the crawler upserts still find them', async () => {
    const at = new Date('2033-02-10T12:00:00Z');
    const { accountId, postId, holders } = await rowsAt(at);
    expect(await holders()).toEqual(everyTableIn('default'));

    expect(await ensureMonthlyPartitions(db.sql, new Date('2033-01-15T00:00:00Z'), 1)).toBe(2 * MONTHLY_PARTITIONED.length);
    expect(await holders()).toEqual(everyTableIn('y2033m02'));

    // The crawler's upserts (ON CONFLICT targets with the partition key) update the moved rows.
    const [externalId] = (await db.sql<{ external_id: string }[]>`SELECT external_id FROM posts WHERE id = ${postId}`).map((r) => r.external_id);
    const post = { externalId: externalId!, url: 'https://vk.com/wall-1_1', publishedAt: at, editedAt: null, text: 'Новость', isPinned: false, isAd: false };
    const [stored] = await upsertPosts(db.sql, accountId, [{ ...post, likes: 7, reposts: 0, comments: 1, views: null, commentsOpen: true }], at);
    expect(stored).toMatchObject({ id: postId, inserted: false });
    const comment = { url: 'https://vk.com/wall-1_1?reply=1', authorPseudonym: pseudonym('Анна'), fromPage: false, publishedAt: at, text: 'Когда починят?' };
    const [commentExternalId] = (await db.sql<{ external_id: string }[]>`SELECT external_id FROM comments WHERE post_id = ${postId}`).map((r) => r.external_id);
    const links = { threadRootExternalId: null, replyToCommentExternalId: null, replyToUserPseudonym: null, deleted: false };
    const outcome = await upsertComments(db.sql, { postId, accountId, comments: [{ ...comment, ...links, externalId: commentExternalId! }], seenAt: at });
    expect(outcome).toEqual({ inserted: 0, edited: 0, deleted: 0, restored: 0 });
    expect(await db.sql`SELECT likes FROM posts WHERE account_id = ${accountId}`).toEqual([{ likes: 7 }]);
    expect(await db.sql`SELECT count(*)::int AS n FROM comments WHERE post_id = ${postId}`).toEqual([{ n: 1 }]);
  });
});

describe('the partitioned tables keep what the unpartitioned ones had', () => {
  it('has the keys with the partition key, the indexes and the change triggers', async () => {
    const indexes = await db.sql<{ name: string; def: string }[]>`
      SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename IN ('posts', 'comments', 'account_snapshots') ORDER BY 1`;
    expect(indexes.map((i) => i.name)).toEqual([
      'account_snapshots_account_idx',
      'account_snapshots_pkey',
      'comments_account_published_idx',
      'comments_page_replies_idx',
      'comments_pkey',
      'comments_post_id_external_id_published_at_key',
      'comments_reply_to_idx',
      'comments_thread_root_idx',
      'posts_account_id_external_id_published_at_key',
      'posts_account_published_idx',
      'posts_pkey',
    ]);
    expect(indexes.find((i) => i.name === 'posts_pkey')?.def).toMatch(/\(id, published_at\)$/);
    const triggers = await db.sql<{ name: string }[]>`
      SELECT tgname AS name FROM pg_trigger WHERE tgrelid IN ('posts'::regclass, 'comments'::regclass, 'account_snapshots'::regclass) AND tgname LIKE '%changes' ORDER BY 1`;
    expect(triggers.map((t) => t.name)).toEqual(['account_snapshots_inserted_changes', 'comments_inserted_changes', 'comments_updated_changes', 'posts_inserted_changes', 'posts_updated_changes']);
  });
});
