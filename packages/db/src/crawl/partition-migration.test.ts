import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../migrate';
import { makeAccount, makeComment, makePost } from '../scoring/fixture';
import { useTestDatabase } from '../testing';

// Migration 0040 turns posts, comments and account_snapshots holding data into partitioned tables.
const db = useTestDatabase({ migrate: false });

const PARTITIONING = 40;

describe('partitioning migration on a database with data', () => {
  it('keeps every row, id and reference; files old rows in the default partition; new ids continue', async () => {
    const all = await loadMigrations();
    await migrate(
      db.sql,
      all.filter((m) => m.version < PARTITIONING),
    );
    const { accountId } = await makeAccount(db.sql);
    const recent = new Date();
    const ancient = new Date('2015-03-01T10:00:00Z');
    const recentPost = await makePost(db.sql, accountId, recent);
    const ancientPost = await makePost(db.sql, accountId, ancient);
    const question = await makeComment(db.sql, { postId: recentPost, accountId, author: 'Анна', at: recent });
    const reply = await makeComment(db.sql, { postId: recentPost, accountId, author: 'Страница', fromPage: true, at: recent, threadRootId: question });
    await db.sql`INSERT INTO comment_classifications (comment_id, account_id, category, needs_answer, confidence, classifier_version, classified_at)
                 VALUES (${question}, ${accountId}, 'question', true, 0.9, 'test', ${recent})`;
    await db.sql`INSERT INTO account_snapshots (account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)
                 VALUES (${accountId}, ${recent}, ${recent}, ${recent}, 'h', 'active', '{}', '{}')`;

    await migrate(db.sql, all);
    const holders = await db.sql<{ id: number; name: string }[]>`
      SELECT id, tableoid::regclass::text AS name FROM posts UNION ALL SELECT id, tableoid::regclass::text FROM comments ORDER BY 1, 2`;
    const month = `y${recent.getUTCFullYear()}m${String(recent.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(holders).toEqual(
      expect.arrayContaining([
        { id: recentPost, name: `posts_${month}` },
        { id: ancientPost, name: 'posts_default' },
        { id: question, name: `comments_${month}` },
        { id: reply, name: `comments_${month}` },
      ]),
    );
    expect(await db.sql`SELECT tableoid::regclass::text AS name FROM account_snapshots`).toEqual([{ name: `account_snapshots_${month}` }]);
    expect(await db.sql`SELECT thread_root_id FROM comments WHERE id = ${reply}`).toEqual([{ thread_root_id: question }]);

    expect(await makePost(db.sql, accountId, recent)).toBeGreaterThan(ancientPost);
    await db.sql`DELETE FROM comments WHERE id = ${question}`;
    expect(await db.sql`SELECT count(*)::int AS n FROM comment_classifications`).toEqual([{ n: 0 }]);
    expect(await db.sql`SELECT thread_root_id FROM comments WHERE id = ${reply}`).toEqual([{ thread_root_id: null }]);
  });
});
