import { createHash } from 'node:crypto';
import type { Sql } from '../client';

export type MeasuredOutcome = { state: 'answered_in_time' | 'answered_late'; seconds: number } | { state: 'breached' | 'open_within_window' | 'excluded' };

/**
 * Test data: citizens' questions on one account with their measured SLA outcomes, written
 * straight to question_measurements (the rows the measuring job writes), all asked at `askedAt`.
 */
export async function seedMeasuredQuestions(sql: Sql, accountId: number, askedAt: Date, outcomes: readonly MeasuredOutcome[]): Promise<void> {
  const tag = `${accountId}-${askedAt.getTime()}`;
  const [post] = await sql<{ id: number }[]>`
    INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
    VALUES (${accountId}, ${`measured-${tag}`}, ${`https://vk.com/wall-1_${tag}`}, ${askedAt}, 'Новость', ${askedAt}, ${askedAt})
    RETURNING id`;
  for (const [index, outcome] of outcomes.entries()) {
    const author = createHash('sha256').update(`citizen-${tag}-${index}`).digest('hex');
    const [comment] = await sql<{ id: number }[]>`
      INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, first_seen_at, last_seen_at)
      VALUES (${post!.id}, ${accountId}, ${`q${index}`}, ${`https://vk.com/wall-1_${tag}?reply=${index}`}, ${author}, false, ${askedAt}, 'Когда починят дорогу?', ${askedAt}, ${askedAt})
      RETURNING id`;
    const seconds = 'seconds' in outcome ? outcome.seconds : null;
    await sql`
      INSERT INTO question_measurements (question_id, account_id, post_id, asked_at, state, excluded_reason, clock, deadline_at, first_reply_at, first_response_seconds, evaluated_at, measured_at)
      VALUES (${comment!.id}, ${accountId}, ${post!.id}, ${askedAt}, ${outcome.state}, ${outcome.state === 'excluded' ? 'deleted' : null}, 'calendar',
              ${new Date(askedAt.getTime() + 86_400_000)}, ${seconds === null ? null : new Date(askedAt.getTime() + seconds * 1000)}, ${seconds}, ${askedAt}, ${askedAt})`;
  }
}
