import {
  criterionReasonRu,
  criterionResultRu,
  criterionRuleRu,
  criterionStatusRu,
  redactAccountMentions,
  type EvidenceRef,
  type OrganizationScoreItem,
  type OrganizationScorePage,
  type RecommendationStatus,
} from '@most/domain';
import { AppError } from '@most/shared';
import type { Queryable } from '../client';
import { loadMethodology } from '../scoring/methodology';

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
  /** Why the page as a whole was not measured (page_not_read, page_not_found…), else null. */
  reason: string | null;
}

const SUMMARY_COLUMNS = `account_id AS "accountId", period_kind AS "periodKind", period_start::text AS "periodStart", (period_end - 1)::text AS "periodEnd",
  methodology_version AS "methodologyVersion", status, total, coverage, questions, decided_questions AS "decidedQuestions", computed_at AS "computedAt", reason`;

/** An account's scores, newest period first. */
export async function listAccountScores(sql: Queryable, accountId: number, limit = 52): Promise<AccountScoreSummary[]> {
  const rows = await sql<(Omit<AccountScoreSummary, 'total'> & { total: string | null })[]>`
    SELECT ${sql.unsafe(SUMMARY_COLUMNS)}
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
  reason: string | null;
  /** Russian texts from the criterion's definition: title, rule, status word, «45 % при норме ≥ 90 %». */
  title: string;
  rule: string;
  statusText: string;
  result: string;
}

/** One account score with every criterion's result and the evidence behind it. */
export async function getAccountScoreDetail(
  sql: Queryable,
  key: { accountId: number; periodKind: string; periodStart: string; methodologyVersion: number },
): Promise<AccountScoreSummary & { reasonText: string | null; criteria: CriterionScoreDetail[] }> {
  const [score] = await sql<(Omit<AccountScoreSummary, 'total'> & { total: string | null })[]>`
    SELECT ${sql.unsafe(SUMMARY_COLUMNS)}
    FROM account_scores
    WHERE account_id = ${key.accountId} AND period_kind = ${key.periodKind} AND period_start = ${key.periodStart}::date AND methodology_version = ${key.methodologyVersion}`;
  if (!score) throw new AppError('NOT_FOUND', 'Оценка не найдена');
  const rows = await sql<Pick<CriterionScoreDetail, 'criterionCode' | 'status' | 'value' | 'points' | 'maxPoints' | 'overridden' | 'evidence' | 'reason'>[]>`
    SELECT criterion_code AS "criterionCode", status, value, points, max_points AS "maxPoints", overridden, evidence, reason
    FROM account_criterion_scores
    WHERE account_id = ${key.accountId} AND period_kind = ${key.periodKind} AND period_start = ${key.periodStart}::date AND methodology_version = ${key.methodologyVersion}
    ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'partial' THEN 1 WHEN 'pass' THEN 2 WHEN 'not_enough_data' THEN 3 WHEN 'not_measured' THEN 4 ELSE 5 END,
             points - max_points, criterion_code`;
  const { methodology } = await loadMethodology(sql, key.methodologyVersion);
  const definitions = new Map(methodology.criteria.map((c) => [c.code, c]));
  const criteria = rows.map((row): CriterionScoreDetail => {
    const definition = definitions.get(row.criterionCode);
    const evidence = (Array.isArray(row.evidence) ? row.evidence : []) as EvidenceRef[];
    return {
      ...row,
      title: definition?.title.ru ?? row.criterionCode,
      rule: definition ? criterionRuleRu(definition) : '',
      statusText: criterionStatusRu(row.status, row.reason),
      result: definition ? criterionResultRu(definition, { ...row, evidence }) : criterionStatusRu(row.status, row.reason),
    };
  });
  return { ...score, total: score.total === null ? null : Number(score.total), reasonText: score.reason ? criterionReasonRu(score.reason) : null, criteria };
}

/** Why a page's score is withheld: its own reason, or too few criteria measured. */
export const pageReasonText = (measured: boolean, reason: string | null) => (measured ? null : reason ? criterionReasonRu(reason) : 'измерено слишком мало критериев');

/** An organization's period scores, newest first. */
export async function listOrganizationScores(sql: Queryable, organizationId: number, limit = 52): Promise<OrganizationScoreItem[]> {
  const rows = await sql<(Omit<OrganizationScoreItem, 'score' | 'pages'> & { score: string | null; pages: Omit<OrganizationScorePage, 'reasonText'>[] })[]>`
    SELECT period_kind AS "periodKind", period_start::text AS "periodStart", (period_end - 1)::text AS "periodEnd", methodology_version AS "methodologyVersion",
           score, enough_data AS "enoughData", accounts_scored AS "accountsScored", accounts_total AS "accountsTotal", sample_size AS "sampleSize",
           (SELECT COALESCE(jsonb_agg(jsonb_build_object('accountId', a.id, 'network', a.network, 'url', a.canonical_url, 'measured', s.status = 'ok', 'reason', s.reason) ORDER BY a.id), '[]'::jsonb)
            FROM account_scores s JOIN accounts a ON a.id = s.account_id
            WHERE a.organization_id = os.organization_id AND s.period_kind = os.period_kind AND s.period_start = os.period_start
              AND s.methodology_version = os.methodology_version) AS pages
    FROM organization_scores os WHERE organization_id = ${organizationId}
    ORDER BY period_start DESC, period_kind, methodology_version DESC
    LIMIT ${Math.min(limit, 500)}`;
  return rows.map((r) => ({
    ...r,
    score: r.score === null ? null : Number(r.score),
    pages: r.pages.map((p) => ({ ...p, reasonText: pageReasonText(p.measured, p.reason) })),
  }));
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
  status: RecommendationStatus;
  statusChangedAt: Date;
}

/** Recommendations for an organization's accounts, most recent period and biggest gain first. */
export async function listOrganizationRecommendations(
  sql: Queryable,
  organizationId: number,
  filter: { status?: OrganizationRecommendation['status']; limit?: number } = {},
): Promise<OrganizationRecommendation[]> {
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
