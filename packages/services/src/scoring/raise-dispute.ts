import { appendAudit, type Queryable } from '@most/db';
import type { DisputeReason, ScoringActor } from '@most/db/scoring';
import { AppError } from '@most/shared';

export interface RaiseDisputeInput {
  accountId: number;
  /** A question (comment) the finding rests on … */
  commentId?: number;
  /** … or a criterion result of a period. */
  criterion?: { code: string; periodKind: 'week' | 'month' | 'quarter'; periodStart: string };
  reason: DisputeReason;
  text: string;
}

export async function raiseDispute(sql: Queryable, input: RaiseDisputeInput, actor: ScoringActor): Promise<number> {
  const text = input.text.trim();
  if (text === '' || text.length > 4000) throw new AppError('BAD_REQUEST', 'Опишите возражение (до 4000 символов)');
  if (!input.commentId && !input.criterion) throw new AppError('BAD_REQUEST', 'Укажите вопрос или критерий, который оспаривается');
  if (input.commentId) {
    const [comment] = await sql<{ accountId: number }[]>`SELECT account_id AS "accountId" FROM comments WHERE id = ${input.commentId}`;
    if (!comment || comment.accountId !== input.accountId) throw new AppError('NOT_FOUND', 'Комментарий этой страницы не найден');
  }
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO disputes (account_id, comment_id, criterion_code, period_kind, period_start, reason_kind, text, raised_by)
    VALUES (${input.accountId}, ${input.commentId ?? null}, ${input.criterion?.code ?? null}, ${input.criterion?.periodKind ?? null},
            ${input.criterion?.periodStart ?? null}, ${input.reason}, ${text}, ${actor.id})
    RETURNING id`;
  await appendAudit(sql, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: 'dispute.raise',
    entityType: 'dispute',
    entityId: String(row!.id),
    details: { reason: input.reason, accountId: input.accountId },
  });
  return row!.id;
}
