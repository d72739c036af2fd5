import { appendAudit, type Queryable } from '@most/db';
import { type DisputePeriodKind, type DisputeReason, insertDispute, loadCommentRef, type ScoringActor } from '@most/db/scoring';
import { AppError } from '@most/shared';

export interface RaiseDisputeInput {
  accountId: number;
  /** A question (comment) the finding rests on … */
  commentId?: number;
  /** … or a criterion result of a period. */
  criterion?: { code: string; periodKind: DisputePeriodKind; periodStart: string };
  reason: DisputeReason;
  text: string;
}

export async function raiseDispute(sql: Queryable, input: RaiseDisputeInput, actor: ScoringActor): Promise<number> {
  const text = input.text.trim();
  if (text === '' || text.length > 4000) throw new AppError('BAD_REQUEST', 'Опишите возражение (до 4000 символов)');
  if (!input.commentId && !input.criterion) throw new AppError('BAD_REQUEST', 'Укажите вопрос или критерий, который оспаривается');
  if (input.commentId) {
    const comment = await loadCommentRef(sql, input.commentId);
    if (!comment || comment.accountId !== input.accountId) throw new AppError('NOT_FOUND', 'Комментарий этой страницы не найден');
  }
  const id = await insertDispute(sql, { accountId: input.accountId, commentId: input.commentId ?? null, criterion: input.criterion ?? null, reason: input.reason, text, raisedBy: actor.id });
  await appendAudit(sql, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: 'dispute.raise',
    entityType: 'dispute',
    entityId: String(id),
    details: { reason: input.reason, accountId: input.accountId },
  });
  return id;
}
