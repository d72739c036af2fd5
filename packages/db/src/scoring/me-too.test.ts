import { METHODOLOGY_V1 } from '@most/domain';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing';
import { classifyPendingComments } from './classify';
import { makeAccount, makeComment, makePost } from './fixture';
import { measureQuestions } from './measure';
import { listOpenQuestions } from './watch';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const db = useTestDatabase();

/** A question, two neighbours joining it in its thread, and optionally the page's answer to the asker. */
async function thread(accountId: number, askedAt: Date, answerAfterMs: number | null) {
  const postId = await makePost(db.sql, accountId, new Date(askedAt.getTime() - HOUR));
  const q = await makeComment(db.sql, { postId, accountId, author: 'asker', at: askedAt, text: 'Когда включат горячую воду в доме на Рабочей, 12?' });
  const joiners = [
    await makeComment(db.sql, { postId, accountId, author: 'n1', at: new Date(askedAt.getTime() + 20 * MINUTE), text: 'Тоже интересует', threadRootId: q, replyToCommentId: q, replyToUser: 'asker' }),
    await makeComment(db.sql, {
      postId,
      accountId,
      author: 'n2',
      at: new Date(askedAt.getTime() + 50 * MINUTE),
      text: 'Присоединяюсь к вопросу!',
      threadRootId: q,
      replyToCommentId: q,
      replyToUser: 'asker',
    }),
  ];
  if (answerAfterMs !== null) {
    await makeComment(db.sql, {
      postId,
      accountId,
      author: 'page',
      fromPage: true,
      at: new Date(askedAt.getTime() + answerAfterMs),
      text: 'Воду включат в четверг',
      threadRootId: q,
      replyToCommentId: q,
      replyToUser: 'asker',
    });
  }
  return { q, joiners };
}

describe('"me too" replies join the thread\'s question (classifier → SQL measurement → SLA watch)', () => {
  it('a question, two "me too" replies and a page reply in 2 h count as one question answered in 2 h', async () => {
    const { accountId } = await makeAccount(db.sql);
    const asked = new Date('2025-03-03T06:00:00Z');
    const { q, joiners } = await thread(accountId, asked, 2 * HOUR);
    await classifyPendingComments(db.sql, { accountIds: [accountId] });
    const classified = await db.sql<{ id: number; needs: boolean; reasons: string[] }[]>`
      SELECT comment_id AS id, effective_needs_answer AS needs, reasons FROM comment_classifications WHERE comment_id = ANY(${joiners}::bigint[]) ORDER BY comment_id`;
    // The classifier alone would count them as questions; the me_too reason lets them join.
    expect(classified.map((c) => c.reasons.includes('me_too'))).toEqual([true, true]);
    expect(classified.some((c) => c.needs)).toBe(true);

    await measureQuestions(
      db.sql,
      METHODOLOGY_V1.sla,
      { from: new Date(asked.getTime() - 86_400_000), to: new Date(asked.getTime() + 86_400_000), accountIds: [accountId] },
      new Date('2025-03-20T00:00:00Z'),
    );
    const rows = await db.sql<{ id: number; state: string; seconds: number }[]>`
      SELECT question_id AS id, state, first_response_seconds AS seconds FROM question_measurements WHERE account_id = ${accountId}`;
    expect(rows).toEqual([{ id: q, state: 'answered_in_time', seconds: 7200 }]);
  });

  it('the SLA watch lists an unanswered thread once, not three times', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    const now = new Date();
    const { q } = await thread(accountId, new Date(now.getTime() - 3 * HOUR), null);
    await classifyPendingComments(db.sql, { accountIds: [accountId] });
    const open = await listOpenQuestions(db.sql, organizationId, { now });
    expect(open.map((o) => o.questionId)).toEqual([q]);
  });
});
