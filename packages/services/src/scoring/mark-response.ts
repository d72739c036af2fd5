import { appendAudit, type Queryable } from '@most/db';
import { loadCommentRef, type ScoringActor, writeResponseMark } from '@most/db/scoring';
import { AppError } from '@most/shared';

/**
 * A monitor marks a page reply as the substantive answer or only an intermediate one
 * («передано специалистам»); the next measurement separates first and substantive response.
 */
export async function markResponse(sql: Queryable, input: { commentId: number; kind: 'substantive' | 'intermediate' }, actor: ScoringActor): Promise<{ accountId: number; publishedAt: Date }> {
  const comment = await loadCommentRef(sql, input.commentId);
  if (!comment?.fromPage) throw new AppError('BAD_REQUEST', 'Отметить можно только ответ страницы');
  await writeResponseMark(sql, input.commentId, input.kind, actor.id);
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'response.mark', entityType: 'comment', entityId: String(input.commentId), details: { kind: input.kind } });
  return { accountId: comment.accountId, publishedAt: comment.publishedAt };
}
