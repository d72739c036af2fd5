import { describe, expect, it } from 'vitest';
import { ensureMonthlyPartitions } from '@most/db';
import { useTestDatabase } from '@most/db/testing';
import { makeAccount, makeComment, makePost } from '@most/db/testing/scoring';
import { purgeCommentText, rangesNotCovered } from './purge-comment-text';

const db = useTestDatabase();

const month = (name: string, start: string, end: string) => ({ name, monthStart: new Date(start), monthEnd: new Date(end) });

describe('ranges not covered by purged partitions', () => {
  it('leaves out the covered months, keeps the gaps, and stops at the cutoff', () => {
    const cutoff = new Date('2030-02-09T00:00:00Z');
    expect(rangesNotCovered([], cutoff)).toEqual([{ from: null, to: cutoff }]);
    const january = month('comments_y2030m01', '2030-01-01T00:00:00Z', '2030-02-01T00:00:00Z');
    const november = month('comments_y2029m11', '2029-11-01T00:00:00Z', '2029-12-01T00:00:00Z');
    expect(rangesNotCovered([january, november], cutoff)).toEqual([
      { from: null, to: november.monthStart },
      { from: november.monthEnd, to: january.monthStart },
      { from: january.monthEnd, to: cutoff },
    ]);
    expect(rangesNotCovered([month('comments_y2030m03', '2030-03-01T00:00:00Z', '2030-04-01T00:00:00Z')], cutoff)).toEqual([{ from: null, to: cutoff }]);
  });
});

describe('comment text purge by partition', () => {
  it('purges whole months past retention once and marks them, purges row by row in the cutoff month and the default partition', async () => {
    await ensureMonthlyPartitions(db.sql, new Date('2030-01-10T00:00:00Z'), 3);
    const { accountId } = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, new Date('2029-06-01T00:00:00Z'));
    const comment = (at: string, fromPage = false) => makeComment(db.sql, { postId, accountId, author: fromPage ? 'Страница' : 'Анна', fromPage, at: new Date(at) });
    const ids = {
      defaultPartition: await comment('2029-06-02T10:00:00Z'),
      january: await comment('2030-01-15T10:00:00Z'),
      januaryPageReply: await comment('2030-01-16T10:00:00Z', true),
      februaryBeforeCutoff: await comment('2030-02-05T10:00:00Z'),
      februaryAfterCutoff: await comment('2030-02-20T10:00:00Z'),
      march: await comment('2030-03-20T10:00:00Z'),
    };
    await db.sql`INSERT INTO comment_edits (comment_id, seen_at, previous_text) VALUES (${ids.january}, '2030-01-17T00:00:00Z', 'Было')`;
    const texts = async () =>
      Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([key, id]) => [key, (await db.sql<{ text: string }[]>`SELECT text FROM comments WHERE id = ${id}`)[0]!.text])));
    const partitionOf = async (id: number) => (await db.sql<{ name: string }[]>`SELECT tableoid::regclass::text AS name FROM comments WHERE id = ${id}`)[0]!.name;
    expect(await partitionOf(ids.defaultPartition)).toBe('comments_default');

    const now = new Date('2030-05-10T00:00:00Z'); // 90 days back: 2030-02-09
    const result = await purgeCommentText(db.sql, { retentionDays: 90, now });
    expect(result).toMatchObject({ cutoff: new Date('2030-02-09T00:00:00Z'), commentsPurged: 3, editsDeleted: 1 });
    // Every month before the cutoff's (those the migration created for today's dates too), not February.
    expect(result.partitionsPurged).toContain('comments_y2030m01');
    expect(result.partitionsPurged).not.toContain('comments_y2030m02');
    expect(await texts()).toEqual({
      defaultPartition: '',
      january: '',
      januaryPageReply: 'Ответ страницы',
      februaryBeforeCutoff: '',
      februaryAfterCutoff: 'Когда починят?',
      march: 'Когда починят?',
    });

    // A purged month stays purged: text a later crawl writes there is blanked on arrival (the page's replies are kept).
    await db.sql`UPDATE comments SET text = 'Снова текст' WHERE id IN ${db.sql([ids.january, ids.januaryPageReply])}`;
    expect(await texts()).toMatchObject({ january: '', januaryPageReply: 'Снова текст' });

    // ... and is not read again: with its marking trigger switched off, text written there survives the next run.
    await db.sql`ALTER TABLE comments_y2030m01 DISABLE TRIGGER comments_text_purged`;
    await db.sql`UPDATE comments SET text = 'Обошли' WHERE id = ${ids.january}`;
    await db.sql`ALTER TABLE comments_y2030m01 ENABLE TRIGGER comments_text_purged`;
    expect(await purgeCommentText(db.sql, { retentionDays: 90, now })).toMatchObject({ commentsPurged: 0, editsDeleted: 0, partitionsPurged: [] });
    expect(await texts()).toMatchObject({ january: 'Обошли' });

    // A month later February is wholly past retention: purged and marked as a whole.
    const later = await purgeCommentText(db.sql, { retentionDays: 90, now: new Date('2030-06-10T00:00:00Z') });
    expect(later).toMatchObject({ commentsPurged: 1, partitionsPurged: ['comments_y2030m02'] });
    expect(await texts()).toMatchObject({ februaryAfterCutoff: '', march: 'Когда починят?' });
    const [audit] = await db.sql`SELECT details FROM audit_log WHERE action = 'comments.purge_text' ORDER BY id DESC LIMIT 1`;
    expect(audit!.details).toMatchObject({ partitionsPurged: ['comments_y2030m02'], commentsPurged: 1 });
  });
});
