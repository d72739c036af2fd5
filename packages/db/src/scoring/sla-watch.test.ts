import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing';
import { classifyPendingComments } from './classify';
import { makeAccount, makeComment, makePost } from './fixture';
import { slaWatch } from './sla-watch';

const HOUR = 3_600_000;
const now = new Date('2026-11-20T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);

const db = useTestDatabase();

describe('SLA watch state: claims only what was read', () => {
  it('pages never read: "not read", naming the pages, with no questions and no success claim', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    const watch = await slaWatch(db.sql, organizationId, { now });
    expect(watch).toMatchObject({ state: 'not_read', questions: 0, answered: 0, open: [] });
    expect(watch.pages).toEqual([expect.objectContaining({ accountId, read: 'not_read', postsReadAt: null })]);
  });

  it('posts read but their comments not yet: still "not read"', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, ago(20));
    await db.sql`UPDATE posts SET comments_count = 4 WHERE id = ${postId}`;
    const watch = await slaWatch(db.sql, organizationId, { now });
    expect(watch.state).toBe('not_read');
    expect(watch.pages[0]!.read).toBe('comments_pending');
  });

  it('read, no questions in the period: "no questions"', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, ago(20));
    await makeComment(db.sql, { postId, accountId, author: 'c1', at: ago(10), text: 'Спасибо за работу!' });
    await classifyPendingComments(db.sql, { accountIds: [accountId] }, now);
    expect(await slaWatch(db.sql, organizationId, { now })).toMatchObject({ state: 'no_questions', questions: 0, pages: [{ read: 'read' }] });
  });

  it('questions all answered: "all answered" with their count; one open: "open" with the list', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, ago(40));
    for (const [i, hours] of [30, 20].entries()) {
      const q = await makeComment(db.sql, { postId, accountId, author: `a${i}`, at: ago(hours), text: 'Когда откроют бассейн?' });
      await makeComment(db.sql, { postId, accountId, author: 'page', fromPage: true, at: ago(hours - 1), replyToCommentId: q, threadRootId: q, replyToUser: `a${i}`, text: 'В понедельник' });
    }
    await classifyPendingComments(db.sql, { accountIds: [accountId] }, now);
    expect(await slaWatch(db.sql, organizationId, { now })).toMatchObject({ state: 'all_answered', questions: 2, answered: 2, open: [] });

    const open = await makeComment(db.sql, { postId, accountId, author: 'b', at: ago(3), text: 'Где получить пропуск?' });
    await classifyPendingComments(db.sql, { accountIds: [accountId] }, now);
    const watch = await slaWatch(db.sql, organizationId, { now });
    expect(watch).toMatchObject({ state: 'open', questions: 3, answered: 2 });
    expect(watch.open.map((q) => q.questionId)).toEqual([open]);
  });

  it('an organization without pages says so', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    await db.sql`UPDATE accounts SET removed_at = now() WHERE id = ${accountId}`;
    expect((await slaWatch(db.sql, organizationId, { now })).state).toBe('no_pages');
  });
});

describe('SLA watch on networks without public comments', () => {
  it('a Telegram-only organization is "not measured", even once its posts were read', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql, { network: 'telegram' });
    await makePost(db.sql, accountId, ago(20));
    const watch = await slaWatch(db.sql, organizationId, { now });
    expect(watch.state).toBe('not_measured');
    expect(watch.pages[0]!.read).toBe('not_measured');
  });
});
