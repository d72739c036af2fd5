import { appendAudit, type Queryable } from '@most/db';
import { type CorrectedStatus, type DisputePeriodKind, excludeQuestion, loadCommentRef, lockDispute, type ScoringActor, writeCriterionOverride, writeDisputeDecision } from '@most/db/scoring';
import { AppError } from '@most/shared';
import { overrideClassification } from './override-classification';

/** What to rescore after a decision: the account and an instant inside the affected periods. */
export interface Affected {
  accountId: number;
  at: Date | null;
  periodKind?: DisputePeriodKind;
  periodStart?: string;
}

export interface DecideDisputeInput {
  disputeId: number;
  accept: boolean;
  reason: string;
  /** For an accepted criterion dispute: the corrected result. */
  correctedStatus?: CorrectedStatus;
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
  const dispute = await lockDispute(sql, input.disputeId);
  if (!dispute) throw new AppError('NOT_FOUND', 'Возражение не найдено');
  if (dispute.status !== 'open') throw new AppError('CONFLICT', 'Решение по возражению уже принято');
  if (input.accept && dispute.commentId === null && !input.correctedStatus) throw new AppError('BAD_REQUEST', 'Укажите исправленный результат критерия');

  await writeDisputeDecision(sql, dispute.id, { accept: input.accept, reason, correctedStatus: input.accept ? (input.correctedStatus ?? null) : null, decidedBy: actor.id });
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
    at = (await loadCommentRef(sql, dispute.commentId))?.publishedAt ?? null;
  }
  if (!input.accept) return { accountId: dispute.accountId, at };

  if (dispute.commentId !== null && dispute.reasonKind === 'not_a_question') {
    await overrideClassification(sql, { commentId: dispute.commentId, needsAnswer: false, category: 'other', reason: `Возражение №${dispute.id}: ${reason}` }, actor);
  } else if (dispute.commentId !== null) {
    await excludeQuestion(sql, dispute.commentId, dispute.reasonKind === 'answered_elsewhere' ? 'answered_elsewhere' : 'dispute_accepted', dispute.id);
    await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'question.exclude', entityType: 'comment', entityId: String(dispute.commentId), details: { disputeId: dispute.id } });
  }
  if (dispute.criterionCode && dispute.periodKind && dispute.periodStart && input.correctedStatus) {
    await writeCriterionOverride(sql, {
      accountId: dispute.accountId,
      periodKind: dispute.periodKind,
      periodStart: dispute.periodStart,
      criterionCode: dispute.criterionCode,
      status: input.correctedStatus,
      disputeId: dispute.id,
      createdBy: actor.id,
    });
    return { accountId: dispute.accountId, at, periodKind: dispute.periodKind, periodStart: dispute.periodStart };
  }
  return { accountId: dispute.accountId, at };
}
