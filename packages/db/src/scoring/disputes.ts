import { AppError } from '@most/shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../client';
import type { ScoringActor } from './actor';
import { overrideClassification } from './classify';

export type DisputeReason = 'answered_elsewhere' | 'not_a_question' | 'criterion_wrong' | 'other';

export interface RaiseDisputeInput {
  accountId: number;
  /** A question (comment) the finding rests on … */
  commentId?: number;
  /** … or a criterion result of a period. */
  criterion?: { code: string; periodKind: 'week' | 'month' | 'quarter'; periodStart: string };
  reason: DisputeReason;
  text: string;
}

/** What to rescore after a decision: the account and an instant inside the affected periods. */
export interface Affected {
  accountId: number;
  at: Date | null;
  periodKind?: 'week' | 'month' | 'quarter';
  periodStart?: string;
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

export interface DisputeItem {
  id: number;
  accountId: number;
  accountUrl: string;
  organizationId: number;
  organizationName: string;
  commentId: number | null;
  criterionCode: string | null;
  periodKind: string | null;
  periodStart: string | null;
  reasonKind: string;
  text: string;
  raisedAt: Date;
  status: 'open' | 'accepted' | 'rejected';
  decidedAt: Date | null;
  decisionReason: string | null;
}

/** Disputes, open ones first (the monitors' inbox), or one organization's own. */
export async function listDisputes(sql: Queryable, filter: { status?: DisputeItem['status']; organizationId?: number; limit?: number } = {}): Promise<DisputeItem[]> {
  return sql<DisputeItem[]>`
    SELECT d.id, d.account_id AS "accountId", a.canonical_url AS "accountUrl", a.organization_id AS "organizationId", o.short_name AS "organizationName",
           d.comment_id AS "commentId", d.criterion_code AS "criterionCode", d.period_kind AS "periodKind", d.period_start::text AS "periodStart",
           d.reason_kind AS "reasonKind", d.text, d.raised_at AS "raisedAt", d.status, d.decided_at AS "decidedAt", d.decision_reason AS "decisionReason"
    FROM disputes d JOIN accounts a ON a.id = d.account_id JOIN organizations o ON o.id = a.organization_id
    WHERE (${filter.status ?? null}::text IS NULL OR d.status = ${filter.status ?? null})
      AND (${filter.organizationId ?? null}::bigint IS NULL OR a.organization_id = ${filter.organizationId ?? null})
    ORDER BY d.status = 'open' DESC, d.raised_at
    LIMIT ${Math.min(filter.limit ?? 200, 1000)}`;
}
