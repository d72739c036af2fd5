import { appendAudit, type Queryable } from '@most/db';
import type { ScoringActor } from '@most/db/scoring';
import { AppError } from '@most/shared';

/**
 * A monitor marks a page reply as the substantive answer or only an intermediate one
 * («передано специалистам»); the next measurement separates first and substantive response.
 */
export async function markResponse(sql: Queryable, input: { commentId: number; kind: 'substantive' | 'intermediate' }, actor: ScoringActor): Promise<{ accountId: number; publishedAt: Date }> {
  const [comment] = await sql<{ accountId: number; publishedAt: Date; fromPage: boolean }[]>`
    SELECT account_id AS "accountId", published_at AS "publishedAt", from_page AS "fromPage" FROM comments WHERE id = ${input.commentId}`;
  if (!comment?.fromPage) throw new AppError('BAD_REQUEST', 'Отметить можно только ответ страницы');
  await sql`
    INSERT INTO response_marks (comment_id, kind, marked_by) VALUES (${input.commentId}, ${input.kind}, ${actor.id})
    ON CONFLICT (comment_id) DO UPDATE SET kind = EXCLUDED.kind, marked_by = EXCLUDED.marked_by, marked_at = now()`;
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'response.mark', entityType: 'comment', entityId: String(input.commentId), details: { kind: input.kind } });
  return { accountId: comment.accountId, publishedAt: comment.publishedAt };
}
