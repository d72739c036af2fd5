import { appendAudit, type Queryable } from '@most/db';
import type { ScoringActor } from '@most/db/scoring';
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
  const [comment] = await sql<{ accountId: number; publishedAt: Date; fromPage: boolean }[]>`
    SELECT account_id AS "accountId", published_at AS "publishedAt", from_page AS "fromPage" FROM comments WHERE id = ${input.commentId}`;
  if (!comment) throw new AppError('NOT_FOUND', 'Комментарий не найден');
  if (comment.fromPage) throw new AppError('BAD_REQUEST', 'Ответы страницы не классифицируются');
  const category = input.category ?? (input.needsAnswer ? 'question' : 'other');
  const [before] = await sql<{ category: string; needsAnswer: boolean }[]>`
    SELECT effective_category AS category, effective_needs_answer AS "needsAnswer" FROM comment_classifications WHERE comment_id = ${input.commentId}`;
  await sql`
    INSERT INTO comment_classifications (comment_id, account_id, category, needs_answer, confidence, reasons, classifier_version, classified_at,
                                         override_category, override_needs_answer, override_reason, overridden_by, overridden_at)
    VALUES (${input.commentId}, ${comment.accountId}, ${category}, ${input.needsAnswer}, 1, '{manual}', 'manual', now(),
            ${category}, ${input.needsAnswer}, ${reason}, ${actor.id}, now())
    ON CONFLICT (comment_id) DO UPDATE SET override_category = EXCLUDED.override_category, override_needs_answer = EXCLUDED.override_needs_answer,
      override_reason = EXCLUDED.override_reason, overridden_by = EXCLUDED.overridden_by, overridden_at = EXCLUDED.overridden_at`;
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
