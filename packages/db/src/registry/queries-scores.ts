import { redactAccountMentions } from '@most/domain';
import { AppError } from '@most/shared';
import type { Queryable } from '../client';

/** The organization an account belongs to (for access checks); NOT_FOUND when unknown. */
export async function accountOrganizationId(sql: Queryable, accountId: number): Promise<number> {
  const [row] = await sql<{ organization_id: number }[]>`SELECT organization_id FROM accounts WHERE id = ${accountId}`;
  if (!row) throw new AppError('NOT_FOUND', 'Аккаунт не найден');
  return row.organization_id;
}

export interface AccountScoreSummary {
  accountId: number;
  periodKind: string;
  periodStart: string;
  /** The period's last day (scoring stores the first day after it). */
  periodEnd: string;
  methodologyVersion: number;
  status: 'ok' | 'not_enough_data';
  total: number | null;
  coverage: number;
  questions: number;
  decidedQuestions: number;
  computedAt: Date;
}

/** An account's scores, newest period first. */
export async function listAccountScores(sql: Queryable, accountId: number, limit = 52): Promise<AccountScoreSummary[]> {
  const rows = await sql<(Omit<AccountScoreSummary, 'total'> & { total: string | null })[]>`
    SELECT account_id AS "accountId", period_kind AS "periodKind", period_start::text AS "periodStart", (period_end - 1)::text AS "periodEnd",
           methodology_version AS "methodologyVersion", status, total, coverage, questions, decided_questions AS "decidedQuestions", computed_at AS "computedAt"
    FROM account_scores WHERE account_id = ${accountId}
    ORDER BY period_start DESC, period_kind, methodology_version DESC
    LIMIT ${Math.min(limit, 500)}`;
  return rows.map((r) => ({ ...r, total: r.total === null ? null : Number(r.total) }));
}

export interface CriterionScoreDetail {
  criterionCode: string;
  status: string;
  value: number | null;
  points: number;
  maxPoints: number;
  overridden: boolean;
  evidence: unknown[];
}

/** One account score with every criterion's result and the evidence behind it. */
export async function getAccountScoreDetail(
  sql: Queryable,
  key: { accountId: number; periodKind: string; periodStart: string; methodologyVersion: number },
): Promise<AccountScoreSummary & { criteria: CriterionScoreDetail[] }> {
  const [score] = await sql<(Omit<AccountScoreSummary, 'total'> & { total: string | null })[]>`
    SELECT account_id AS "accountId", period_kind AS "periodKind", period_start::text AS "periodStart", (period_end - 1)::text AS "periodEnd",
           methodology_version AS "methodologyVersion", status, total, coverage, questions, decided_questions AS "decidedQuestions", computed_at AS "computedAt"
    FROM account_scores
    WHERE account_id = ${key.accountId} AND period_kind = ${key.periodKind} AND period_start = ${key.periodStart}::date AND methodology_version = ${key.methodologyVersion}`;
  if (!score) throw new AppError('NOT_FOUND', 'Оценка не найдена');
  const criteria = await sql<CriterionScoreDetail[]>`
    SELECT criterion_code AS "criterionCode", status, value, points, max_points AS "maxPoints", overridden, evidence
    FROM account_criterion_scores
    WHERE account_id = ${key.accountId} AND period_kind = ${key.periodKind} AND period_start = ${key.periodStart}::date AND methodology_version = ${key.methodologyVersion}
    ORDER BY points - max_points, criterion_code`;
  return { ...score, total: score.total === null ? null : Number(score.total), criteria };
}

export interface OrganizationScoreItem {
  periodKind: string;
  periodStart: string;
  periodEnd: string;
  methodologyVersion: number;
  score: number | null;
  enoughData: boolean;
  accountsScored: number;
  accountsTotal: number;
  sampleSize: number;
}

/** An organization's period scores, newest first. */
export async function listOrganizationScores(sql: Queryable, organizationId: number, limit = 52): Promise<OrganizationScoreItem[]> {
  const rows = await sql<(Omit<OrganizationScoreItem, 'score'> & { score: string | null })[]>`
    SELECT period_kind AS "periodKind", period_start::text AS "periodStart", (period_end - 1)::text AS "periodEnd", methodology_version AS "methodologyVersion",
           score, enough_data AS "enoughData", accounts_scored AS "accountsScored", accounts_total AS "accountsTotal", sample_size AS "sampleSize"
    FROM organization_scores WHERE organization_id = ${organizationId}
    ORDER BY period_start DESC, period_kind, methodology_version DESC
    LIMIT ${Math.min(limit, 500)}`;
  return rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }));
}

export interface OrganizationRecommendation {
  id: number;
  accountId: number;
  accountUrl: string;
  periodKind: string;
  periodStart: string;
  criterionCode: string;
  text: string;
  evidence: unknown[];
  potentialPoints: number;
  status: 'new' | 'sent' | 'acknowledged' | 'resolved' | 'not_resolved';
  statusChangedAt: Date;
}

/** Recommendations for an organization's accounts, most recent period and biggest gain first. */
export async function listOrganizationRecommendations(sql: Queryable, organizationId: number, filter: { status?: OrganizationRecommendation['status']; limit?: number } = {}): Promise<OrganizationRecommendation[]> {
  const rows = await sql<OrganizationRecommendation[]>`
    SELECT r.id, r.account_id AS "accountId", a.canonical_url AS "accountUrl", r.period_kind AS "periodKind", r.period_start::text AS "periodStart",
           r.criterion_code AS "criterionCode", COALESCE(r.edited_text, r.generated_text) AS text, r.evidence,
           r.potential_points AS "potentialPoints", r.status, r.status_changed_at AS "statusChangedAt"
    FROM recommendations r JOIN accounts a ON a.id = r.account_id
    WHERE a.organization_id = ${organizationId} AND (${filter.status ?? null}::text IS NULL OR r.status = ${filter.status ?? null})
    ORDER BY r.period_start DESC, r.potential_points DESC, r.id
    LIMIT ${Math.min(filter.limit ?? 200, 1000)}`;
  // Texts stored before a redaction rule existed may still quote a citizen's mention.
  return rows.map((r) => ({ ...r, text: redactAccountMentions(r.text) }));
}

/** The organization a recommendation is about (for access checks); NOT_FOUND when unknown. */
export async function recommendationOrganizationId(sql: Queryable, recommendationId: number): Promise<number> {
  const [row] = await sql<{ organization_id: number }[]>`
    SELECT a.organization_id FROM recommendations r JOIN accounts a ON a.id = r.account_id WHERE r.id = ${recommendationId}`;
  if (!row) throw new AppError('NOT_FOUND', 'Рекомендация не найдена');
  return row.organization_id;
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

export interface MethodologyVersionRow {
  version: number;
  title: string;
  definition: unknown;
  createdAt: Date;
  locked: boolean;
}

/** Every stored methodology version, newest first; `locked` once a published ranking uses it. */
export async function listMethodologyVersions(sql: Queryable): Promise<MethodologyVersionRow[]> {
  return sql<MethodologyVersionRow[]>`
    SELECT version, title, definition, created_at AS "createdAt",
           (locked_at IS NOT NULL OR EXISTS (SELECT 1 FROM ranking_editions e WHERE e.status = 'published' AND e.methodology_version IN (version::text, 'v' || version::text))) AS locked
    FROM methodology_versions ORDER BY version DESC`;
}
