import type { Queryable } from '../client';

export type DisputeReason = 'answered_elsewhere' | 'not_a_question' | 'criterion_wrong' | 'other';

export type DisputePeriodKind = 'week' | 'month' | 'quarter';
export type CorrectedStatus = 'pass' | 'partial' | 'fail' | 'not_applicable';

/** A dispute as its decision needs it. */
export interface DisputeForDecision {
  id: number;
  accountId: number;
  commentId: number | null;
  criterionCode: string | null;
  periodKind: DisputePeriodKind | null;
  periodStart: string | null;
  reasonKind: DisputeReason;
  status: string;
}

export async function insertDispute(
  sql: Queryable,
  input: {
    accountId: number;
    commentId: number | null;
    criterion: { code: string; periodKind: DisputePeriodKind; periodStart: string } | null;
    reason: DisputeReason;
    text: string;
    raisedBy: number | null;
  },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO disputes (account_id, comment_id, criterion_code, period_kind, period_start, reason_kind, text, raised_by)
    VALUES (${input.accountId}, ${input.commentId}, ${input.criterion?.code ?? null}, ${input.criterion?.periodKind ?? null},
            ${input.criterion?.periodStart ?? null}, ${input.reason}, ${input.text}, ${input.raisedBy})
    RETURNING id`;
  return row!.id;
}

/** Reads a dispute and locks it until the transaction ends, so two decisions cannot both pass. */
export async function lockDispute(sql: Queryable, id: number): Promise<DisputeForDecision | undefined> {
  const [dispute] = await sql<DisputeForDecision[]>`
    SELECT id, account_id AS "accountId", comment_id AS "commentId", criterion_code AS "criterionCode", period_kind AS "periodKind",
           period_start::text AS "periodStart", reason_kind AS "reasonKind", status
    FROM disputes WHERE id = ${id} FOR UPDATE`;
  return dispute;
}

export async function writeDisputeDecision(
  sql: Queryable,
  id: number,
  decision: { accept: boolean; reason: string; correctedStatus: CorrectedStatus | null; decidedBy: number | null },
): Promise<void> {
  await sql`
    UPDATE disputes SET status = ${decision.accept ? 'accepted' : 'rejected'}, decided_by = ${decision.decidedBy}, decided_at = now(), decision_reason = ${decision.reason},
      corrected_status = ${decision.correctedStatus}
    WHERE id = ${id}`;
}

/** Takes a question out of the SLA sample because of an accepted dispute. */
export async function excludeQuestion(sql: Queryable, commentId: number, reason: 'answered_elsewhere' | 'dispute_accepted', disputeId: number): Promise<void> {
  await sql`
    INSERT INTO question_exclusions (comment_id, reason, dispute_id) VALUES (${commentId}, ${reason}, ${disputeId})
    ON CONFLICT (comment_id) DO UPDATE SET reason = EXCLUDED.reason, dispute_id = EXCLUDED.dispute_id`;
}

/** Fixes a criterion's result of an account's period (an accepted criterion dispute). */
export async function writeCriterionOverride(
  sql: Queryable,
  input: { accountId: number; periodKind: DisputePeriodKind; periodStart: string; criterionCode: string; status: CorrectedStatus; disputeId: number; createdBy: number | null },
): Promise<void> {
  await sql`
    INSERT INTO criterion_overrides (account_id, period_kind, period_start, criterion_code, status, dispute_id, created_by)
    VALUES (${input.accountId}, ${input.periodKind}, ${input.periodStart}::date, ${input.criterionCode}, ${input.status}, ${input.disputeId}, ${input.createdBy})
    ON CONFLICT (account_id, period_kind, period_start, criterion_code) DO UPDATE SET status = EXCLUDED.status, dispute_id = EXCLUDED.dispute_id, created_by = EXCLUDED.created_by, created_at = now()`;
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
