import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing';
import { makeAccount, makeComment, makePost } from '../scoring/fixture';

// Foreign keys to the partitioned posts and comments are kept by triggers (migration 0040).
const db = useTestDatabase();

const at = new Date('2025-03-03T09:00:00Z');
const count = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;

async function classify(commentId: number, accountId: number) {
  await db.sql`INSERT INTO comment_classifications (comment_id, account_id, category, needs_answer, confidence, classifier_version, classified_at)
               VALUES (${commentId}, ${accountId}, 'question', true, 0.9, 'test', ${at})`;
}

describe('references to partitioned posts and comments', () => {
  it('refuses a row naming a post or comment that does not exist', async () => {
    const { accountId } = await makeAccount(db.sql);
    await expect(makeComment(db.sql, { postId: 987_654_321, accountId, author: 'Анна', at })).rejects.toMatchObject({
      code: '23503',
      message: 'insert or update on table "comments" violates foreign key: post_id=987654321 is not present in table "posts"',
    });
    await expect(classify(987_654_321, accountId)).rejects.toMatchObject({ code: '23503' });
    const postId = await makePost(db.sql, accountId, at);
    const commentId = await makeComment(db.sql, { postId, accountId, author: 'Анна', at });
    await expect(db.sql`UPDATE comments SET thread_root_id = 987654321 WHERE id = ${commentId}`).rejects.toMatchObject({
      code: '23503',
      message: expect.stringMatching(/violates foreign key: thread_root_id=987654321 is not present in table "comments"/),
    });
    await classify(commentId, accountId);
  });

  it('deleting a comment deletes what belongs to it and unlinks replies; deleting a post or an account deletes everything under it', async () => {
    const { accountId } = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, at);
    const question = await makeComment(db.sql, { postId, accountId, author: 'Анна', at });
    const reply = await makeComment(db.sql, { postId, accountId, author: 'Страница', fromPage: true, at, threadRootId: question, replyToCommentId: question });
    await classify(question, accountId);
    await db.sql`INSERT INTO comment_edits (comment_id, seen_at, previous_text) VALUES (${question}, ${at}, 'Было')`;

    await db.sql`DELETE FROM comments WHERE id = ${question}`;
    expect(await db.sql`SELECT thread_root_id, reply_to_comment_id FROM comments WHERE id = ${reply}`).toEqual([{ thread_root_id: null, reply_to_comment_id: null }]);
    expect(await count(db.sql`SELECT count(*)::int AS n FROM comment_classifications WHERE comment_id = ${question}`)).toBe(0);
    expect(await count(db.sql`SELECT count(*)::int AS n FROM comment_edits WHERE comment_id = ${question}`)).toBe(0);

    await db.sql`INSERT INTO post_counters (post_id, observed_at, likes, reposts, comments) VALUES (${postId}, ${at}, 1, 0, 1)`;
    await db.sql`DELETE FROM posts WHERE id = ${postId}`;
    expect(await count(db.sql`SELECT count(*)::int AS n FROM comments WHERE post_id = ${postId}`)).toBe(0);
    expect(await count(db.sql`SELECT count(*)::int AS n FROM post_counters WHERE post_id = ${postId}`)).toBe(0);

    const otherPost = await makePost(db.sql, accountId, at);
    const otherComment = await makeComment(db.sql, { postId: otherPost, accountId, author: 'Анна', at });
    await classify(otherComment, accountId);
    await db.sql`DELETE FROM accounts WHERE id = ${accountId}`;
    expect(await count(db.sql`SELECT count(*)::int AS n FROM posts WHERE account_id = ${accountId}`)).toBe(0);
    expect(await count(db.sql`SELECT count(*)::int AS n FROM comment_classifications WHERE comment_id = ${otherComment}`)).toBe(0);
  });
});
