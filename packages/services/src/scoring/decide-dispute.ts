import { appendAudit, type Queryable } from '@most/db';
import type { DisputeReason, ScoringActor } from '@most/db/scoring';
import { AppError } from '@most/shared';
import { overrideClassification } from './override-classification';

/** What to rescore after a decision: the account and an instant inside the affected periods. */
export interface Affected {
  accountId: number;
  at: Date | null;
  periodKind?: 'week' | 'month' | 'quarter';
  periodStart?: string;
}

export interface DecideDisputeInput {
  disputeId: number;
  accept: boolean;
  reason: string;
  /** For an accepted criterion dispute: the corrected result. */
  correctedStatus?: 'pass' | 'partial' | 'fail' | 'not_applicable';
}

/**
 * A monitor accepts or rejects a dispute with a reason. Acceptance changes the evidence:
 * "not a question" → the classification is overridden; "answered elsewhere" → the question leaves
 * the SLA sample; a criterion dispute → the criterion's result is fixed for that period.
 * Returns what must be rescored (call scorePeriod / rescoreAffected afterwards).
 */
export async function decideDispute(sql: Queryable, input: DecideDisputeInput, actor: ScoringActor): Promise<Affected> {
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('BAD_REQUEST', 'Укажите причину решения');
  const [dispute] = await sql<
    {
      id: number;
      accountId: number;
      commentId: number | null;
      criterionCode: string | null;
      periodKind: 'week' | 'month' | 'quarter' | null;
      periodStart: string | null;
      reasonKind: DisputeReason;
      status: string;
    }[]
  >`
    SELECT id, account_id AS "accountId", comment_id AS "commentId", criterion_code AS "criterionCode", period_kind AS "periodKind",
           period_start::text AS "periodStart", reason_kind AS "reasonKind", status
    FROM disputes WHERE id = ${input.disputeId} FOR UPDATE`;
  if (!dispute) throw new AppError('NOT_FOUND', 'Возражение не найдено');
  if (dispute.status !== 'open') throw new AppError('CONFLICT', 'Решение по возражению уже принято');
  if (input.accept && dispute.commentId === null && !input.correctedStatus) throw new AppError('BAD_REQUEST', 'Укажите исправленный результат критерия');

  await sql`
    UPDATE disputes SET status = ${input.accept ? 'accepted' : 'rejected'}, decided_by = ${actor.id}, decided_at = now(), decision_reason = ${reason},
      corrected_status = ${input.accept ? (input.correctedStatus ?? null) : null}
    WHERE id = ${dispute.id}`;
  await appendAudit(sql, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: input.accept ? 'dispute.accept' : 'dispute.reject',
    entityType: 'dispute',
    entityId: String(dispute.id),
    details: { reason },
  });

  let at: Date | null = null;
  if (dispute.commentId !== null) {
    const [comment] = await sql<{ publishedAt: Date }[]>`SELECT published_at AS "publishedAt" FROM comments WHERE id = ${dispute.commentId}`;
    at = comment?.publishedAt ?? null;
  }
  if (!input.accept) return { accountId: dispute.accountId, at };

  if (dispute.commentId !== null && dispute.reasonKind === 'not_a_question') {
    await overrideClassification(sql, { commentId: dispute.commentId, needsAnswer: false, category: 'other', reason: `Возражение №${dispute.id}: ${reason}` }, actor);
  } else if (dispute.commentId !== null) {
    await sql`
      INSERT INTO question_exclusions (comment_id, reason, dispute_id) VALUES (${dispute.commentId}, ${dispute.reasonKind === 'answered_elsewhere' ? 'answered_elsewhere' : 'dispute_accepted'}, ${dispute.id})
      ON CONFLICT (comment_id) DO UPDATE SET reason = EXCLUDED.reason, dispute_id = EXCLUDED.dispute_id`;
    await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'question.exclude', entityType: 'comment', entityId: String(dispute.commentId), details: { disputeId: dispute.id } });
  }
  if (dispute.criterionCode && dispute.periodKind && dispute.periodStart && input.correctedStatus) {
    await sql`
      INSERT INTO criterion_overrides (account_id, period_kind, period_start, criterion_code, status, dispute_id, created_by)
      VALUES (${dispute.accountId}, ${dispute.periodKind}, ${dispute.periodStart}::date, ${dispute.criterionCode}, ${input.correctedStatus}, ${dispute.id}, ${actor.id})
      ON CONFLICT (account_id, period_kind, period_start, criterion_code) DO UPDATE SET status = EXCLUDED.status, dispute_id = EXCLUDED.dispute_id, created_by = EXCLUDED.created_by, created_at = now()`;
    return { accountId: dispute.accountId, at, periodKind: dispute.periodKind, periodStart: dispute.periodStart };
  }
  return { accountId: dispute.accountId, at };
}
