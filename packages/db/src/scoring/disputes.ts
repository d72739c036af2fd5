import type { Queryable } from '../client';

export type DisputeReason = 'answered_elsewhere' | 'not_a_question' | 'criterion_wrong' | 'other';

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
