import { appendAudit, type Queryable } from '@most/db';
import { effectiveClassification, loadCommentRef, type ScoringActor, writeClassificationOverride } from '@most/db/scoring';
import type { CommentCategory } from '@most/domain';
import { AppError } from '@most/shared';

export interface ClassificationOverride {
  commentId: number;
  needsAnswer: boolean;
  category?: CommentCategory;
  reason: string;
}

/**
 * A monitor's decision on a comment; it wins over the classifier on every later rescore and is
 * written to the audit log. Returns the comment's account and time so the caller can rescore.
 */
export async function overrideClassification(sql: Queryable, input: ClassificationOverride, actor: ScoringActor): Promise<{ accountId: number; publishedAt: Date }> {
  const reason = input.reason.trim().slice(0, 2000);
  if (reason === '') throw new AppError('BAD_REQUEST', 'Укажите причину изменения классификации');
  const comment = await loadCommentRef(sql, input.commentId);
  if (!comment) throw new AppError('NOT_FOUND', 'Комментарий не найден');
  if (comment.fromPage) throw new AppError('BAD_REQUEST', 'Ответы страницы не классифицируются');
  const category = input.category ?? (input.needsAnswer ? 'question' : 'other');
  const before = await effectiveClassification(sql, input.commentId);
  await writeClassificationOverride(sql, { commentId: input.commentId, accountId: comment.accountId, category, needsAnswer: input.needsAnswer, reason, actorId: actor.id });
  await appendAudit(sql, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: 'classification.override',
    entityType: 'comment',
    entityId: String(input.commentId),
    details: { before: before ?? null, after: { category, needsAnswer: input.needsAnswer }, reason },
  });
  return { accountId: comment.accountId, publishedAt: comment.publishedAt };
}
