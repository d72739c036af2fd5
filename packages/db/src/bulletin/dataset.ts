import {
  aggregateFromCounts,
  bulletinDatasetSchema,
  bulletinPeriodKind,
  criterionReasonRu,
  criterionResultRu,
  lastDayOfPeriod,
  methodologySchema,
  previousPeriod as periodBefore,
  redactContacts,
  verdictOfScore,
  type BulletinDataset,
  type BulletinPeriod,
  type CriterionDefinition,
  type SlaCounts,
} from '@most/domain';
import type { Queryable } from '../client';
import { EMPTY_SLA_COUNTS, slaCountsByPeriod } from '../sla/period-counts';

interface OrganizationRow {
  organization_id: number;
  organization_name: string;
  municipality_name: string | null;
  sector: string;
  score: number | null;
  previous_score: number | null;
}

interface EvidenceRef {
  kind?: string;
  id?: string;
  url?: string | null;
  field?: string;
  value?: string | number | boolean | null;
  note?: string;
}

const EMPTY_SLA = toSla(EMPTY_SLA_COUNTS);
const NOT_SCORED = 'оценки за этот период ещё не рассчитаны';
const isHttp = (url: unknown): url is string => typeof url === 'string' && /^https?:\/\//i.test(url) && url.length <= 2000;

const FIGURE_LABELS: Record<string, string> = { questions: 'вопросов', answered: 'с ответом', answeredInTime: 'с ответом в срок' };

/** A short, identity-free line in Russian about a criterion's result: the generated «45 % при норме ≥ 90 %» and the questions behind it. */
function describeEvidence(definition: CriterionDefinition | undefined, row: { status: string; value: number | null; evidence: EvidenceRef[] }): string | null {
  const evidence = row.evidence;
  const parts: string[] = [];
  if (definition) parts.push(criterionResultRu(definition, row));
  const figures = evidence.filter((e) => e.kind === 'figure' && e.field && FIGURE_LABELS[e.field] && typeof e.value === 'number').map((e) => `${FIGURE_LABELS[e.field!]}: ${e.value}`);
  if (figures.length > 0) parts.push(figures.join(', '));
  const breached = evidence.filter((e) => e.kind === 'comment' && e.note === 'breached').length;
  const late = evidence.filter((e) => e.kind === 'comment' && e.note === 'answered_late').length;
  if (breached > 0) parts.push(`без ответа более 24 часов: ${breached}`);
  if (late > 0) parts.push(`ответ позже 24 часов: ${late}`);
  const text = parts.length > 0 ? parts.join('; ') : row.status === 'partial' ? 'выполнен частично' : null;
  return text === null ? null : redactContacts(text).slice(0, 1000);
}

/** Why nothing of an organization was measured, from its pages' reasons («страница не читалась»). */
function reasonText(reasons: readonly string[]): string {
  const texts = [...new Set(reasons.map((r) => criterionReasonRu(r)))];
  return texts.length > 0 ? texts.join('; ') : 'измерено слишком мало критериев';
}

/**
 * Gathers a month's or a quarter's dataset from the platform's tables (scores of that period kind):
 * organizations' scores for the period and the one before (scoring results; a published ranking
 * edition when the period was not scored; otherwise the registry without scores), per-account criterion verdicts with evidence, open
 * recommendations, recommendations resolved since an earlier issue carried them, SLA figures and
 * open disputes.
 */
export async function loadBulletinDataset(sql: Queryable, period: BulletinPeriod): Promise<BulletinDataset> {
  const previousPeriod = periodBefore(period);
  const kind = bulletinPeriodKind(period) ?? 'month';
  const [scored] = await sql<{ version: number | null }[]>`
    SELECT max(methodology_version) AS version FROM organization_scores WHERE period_kind = ${kind} AND period_start = ${period.start}`;
  const version = scored?.version ?? null;
  if (version === null) return loadFromEditionOrRegistry(sql, period, previousPeriod);

  const organizations = await sql<OrganizationRow[]>`
    SELECT o.id AS organization_id, o.short_name AS organization_name, m.name AS municipality_name, o.sector,
           CASE WHEN cur.enough_data THEN cur.score::float8 END AS score,
           CASE WHEN prev.enough_data THEN prev.score::float8 END AS previous_score
    FROM organization_scores cur
    JOIN organizations o ON o.id = cur.organization_id
    LEFT JOIN municipalities m ON m.id = o.municipality_id
    LEFT JOIN organization_scores prev ON prev.organization_id = cur.organization_id AND prev.period_kind = ${kind}
         AND prev.period_start = ${previousPeriod?.start ?? '1970-01-01'} AND prev.methodology_version = cur.methodology_version
    WHERE cur.period_kind = ${kind} AND cur.period_start = ${period.start} AND cur.methodology_version = ${version}`;
  const organizationIds = organizations.map((o) => o.organization_id);
  const ids = organizationIds.length > 0 ? organizationIds : [0];

  const [methodology] = await sql<{ definition: unknown }[]>`SELECT definition FROM methodology_versions WHERE version = ${version}`;
  const parsed = methodologySchema.safeParse(methodology?.definition);
  const definitions = new Map(parsed.success ? parsed.data.criteria.map((c) => [c.code, c]) : []);
  const minimumSample = parsed.success ? parsed.data.sla.minimumSample : 10;

  const verdicts = await sql<{ organization_id: number; canonical_url: string; criterion_code: string; status: string; value: number | null; evidence: EvidenceRef[] }[]>`
    SELECT a.organization_id, a.canonical_url, c.criterion_code, c.status, c.value, c.evidence
    FROM account_criterion_scores c JOIN accounts a ON a.id = c.account_id
    WHERE c.period_kind = ${kind} AND c.period_start = ${period.start} AND c.methodology_version = ${version}
      AND c.status IN ('pass', 'partial', 'fail') AND a.organization_id IN ${sql(ids)}`;

  // Why organizations without any verdict were not measured: their pages' reasons.
  const unmeasured = await sql<{ organization_id: number; reasons: string[] }[]>`
    SELECT a.organization_id, COALESCE(array_agg(DISTINCT s.reason) FILTER (WHERE s.reason IS NOT NULL), '{}') AS reasons
    FROM account_scores s JOIN accounts a ON a.id = s.account_id
    WHERE s.period_kind = ${kind} AND s.period_start = ${period.start} AND s.methodology_version = ${version} AND s.status <> 'ok'
      AND a.organization_id IN ${sql(ids)}
    GROUP BY a.organization_id`;
  const withVerdicts = new Set(verdicts.map((v) => v.organization_id));
  const notMeasured = new Map(unmeasured.filter((u) => !withVerdicts.has(u.organization_id)).map((u) => [u.organization_id, reasonText(u.reasons)]));

  // The newest recommendation per account and criterion up to this period, unless settled.
  const recommendations = await sql<{ id: number; organization_id: number; criterion_code: string; text: string; status: string }[]>`
    SELECT id, organization_id, criterion_code, text, status FROM (
      SELECT DISTINCT ON (r.account_id, r.criterion_code) r.id, a.organization_id, r.criterion_code,
             COALESCE(r.edited_text, r.generated_text) AS text, r.status
      FROM recommendations r JOIN accounts a ON a.id = r.account_id
      WHERE r.period_kind = ${kind} AND r.period_start <= ${period.start} AND a.organization_id IN ${sql(ids)}
      ORDER BY r.account_id, r.criterion_code, r.period_start DESC, r.id DESC
    ) latest WHERE status <> 'resolved' ORDER BY id`;

  // Sent in an earlier issue, resolved by re-measurement, and not yet reported by another issue.
  const resolved = await sql<{ id: number; organization_id: number; criterion_code: string; text: string; sent_in: string }[]>`
    SELECT r.id, a.organization_id, r.criterion_code, COALESCE(r.edited_text, r.generated_text) AS text,
           (SELECT bi.slug FROM bulletin_issue_recommendations x JOIN bulletin_issues bi ON bi.id = x.issue_id
            WHERE x.recommendation_id = r.id AND bi.state = 'published' ORDER BY bi.published_at LIMIT 1) AS sent_in
    FROM recommendations r JOIN accounts a ON a.id = r.account_id
    WHERE r.status = 'resolved'
      AND EXISTS (SELECT 1 FROM bulletin_issue_recommendations x JOIN bulletin_issues bi ON bi.id = x.issue_id
                  WHERE x.recommendation_id = r.id AND bi.state = 'published' AND bi.period_key <> ${period.key})
      AND NOT EXISTS (SELECT 1 FROM bulletin_issues prev, jsonb_array_elements(prev.dataset -> 'resolved') e
                      WHERE prev.period_key <> ${period.key} AND (e ->> 'recommendationId')::bigint = r.id)
    ORDER BY r.id`;

  // The one source of SLA counts (also the public headline's), restricted to the organizations scored in the period.
  const slaPeriod = { key: period.key, start: period.start, end: lastDayOfPeriod(period.end) };
  const sla = (await slaCountsByPeriod(sql, [slaPeriod], { organizationIds })).get(period.key)!;

  const disputes = await sql<{ id: number; organization_id: number; criterion_code: string | null; text: string; raised_at: Date }[]>`
    SELECT d.id, a.organization_id, d.criterion_code, d.text, d.raised_at
    FROM disputes d JOIN accounts a ON a.id = d.account_id
    WHERE d.status = 'open' AND a.organization_id IN ${sql(ids)} ORDER BY d.raised_at, d.id`;

  return bulletinDatasetSchema.parse({
    period,
    previousPeriod,
    methodologyVersion: String(version),
    organizations: organizations.map((o) => ({ ...toOrganization(o), notMeasuredReason: o.score === null ? (notMeasured.get(o.organization_id) ?? null) : null })),
    criteria: [...definitions.values()].map((c) => ({ code: c.code, title: c.title.ru })),
    criterionResults: verdicts.map((v) => {
      const evidence = Array.isArray(v.evidence) ? v.evidence : [];
      return {
        organizationId: v.organization_id,
        criterionCode: v.criterion_code,
        accountUrl: isHttp(v.canonical_url) ? v.canonical_url : null,
        met: v.status === 'pass',
        evidence: v.status === 'pass' ? null : describeEvidence(definitions.get(v.criterion_code), { status: v.status, value: v.value, evidence }),
        evidenceUrl: evidence.map((e) => e.url).find(isHttp) ?? null,
      };
    }),
    recommendations: recommendations.map((r) => ({ id: r.id, organizationId: r.organization_id, criterionCode: r.criterion_code, text: r.text.slice(0, 2000), status: r.status })),
    resolved: resolved.map((r) => ({ recommendationId: r.id, organizationId: r.organization_id, criterionCode: r.criterion_code, text: r.text.slice(0, 2000), sentInIssue: r.sent_in })),
    sla: {
      overall: toSla(sla.region),
      // An organization whose only questions were deleted has no figures to state.
      organizations: [...sla.byOrganization.values()]
        .filter((counts) => toSla(counts).questions > 0)
        .map((counts) => ({
          organizationId: counts.organizationId,
          ...toSla(counts),
          enoughData: aggregateFromCounts(counts, minimumSample).status === 'ok',
        })),
    },
    disputes: disputes.map((d) => ({
      id: d.id,
      organizationId: d.organization_id,
      criterionCode: d.criterion_code,
      summary: d.text.slice(0, 1000),
      openedAt: d.raised_at.toISOString(),
    })),
    notMeasuredReason: verdicts.length === 0 && organizations.every((o) => o.score === null) ? `ни одна страница не измерена — ${reasonText(unmeasured.flatMap((u) => u.reasons))}` : null,
  });
}

const toOrganization = (r: OrganizationRow) => ({
  id: r.organization_id,
  name: r.organization_name,
  municipality: r.municipality_name,
  sector: r.sector,
  scoreCurrent: r.score,
  scorePrevious: r.previous_score,
});

function toSla(counts: SlaCounts) {
  const answered = counts.answeredInTime + counts.answeredLate;
  const decided = answered + counts.breached;
  return {
    questions: decided + counts.openWithinWindow,
    decided,
    answered,
    answeredWithin24h: counts.answeredInTime,
    medianMinutes: counts.medianFirstResponseMs === null ? null : counts.medianFirstResponseMs / 60_000,
    p90Minutes: counts.p90FirstResponseMs === null ? null : counts.p90FirstResponseMs / 60_000,
  };
}

/** Before scoring has run for the period: a published ranking edition, or else the registry without scores. */
async function loadFromEditionOrRegistry(sql: Queryable, period: BulletinPeriod, previousPeriod: BulletinPeriod | null): Promise<BulletinDataset> {
  const [edition] = await sql<{ id: number; methodology_version: string; criteria: { code: string; name?: string }[] }[]>`
    SELECT id, methodology_version, criteria FROM ranking_editions
    WHERE status = 'published' AND period_start = ${period.start} AND period_end < ${period.end}
    ORDER BY period_end DESC, published_at DESC LIMIT 1`;
  const rows = edition
    ? await sql<(OrganizationRow & { criteria: { code: string; score: number }[] })[]>`
        SELECT organization_id, organization_name, municipality_name, sector,
               CASE WHEN enough_data THEN score::float8 END AS score, previous_score::float8 AS previous_score, criteria
        FROM ranking_edition_rows WHERE edition_id = ${edition.id}`
    : await sql<(OrganizationRow & { criteria: [] })[]>`
        SELECT o.id AS organization_id, o.short_name AS organization_name, m.name AS municipality_name, o.sector,
               NULL::float8 AS score, NULL::float8 AS previous_score, '[]'::jsonb AS criteria
        FROM organizations o LEFT JOIN municipalities m ON m.id = o.municipality_id
        WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id AND a.removed_at IS NULL)`;
  return bulletinDatasetSchema.parse({
    period,
    previousPeriod,
    methodologyVersion: edition?.methodology_version ?? null,
    organizations: rows.map(toOrganization),
    criteria: (edition?.criteria ?? []).map((c) => ({ code: c.code, title: c.name && c.name.length > 0 ? c.name : c.code })),
    // Without per-account evidence a criterion counts as met only when it scored in full.
    criterionResults: rows.flatMap((r) =>
      (r.criteria ?? []).map((c) => ({
        organizationId: r.organization_id,
        criterionCode: c.code,
        accountUrl: null,
        met: verdictOfScore(c.score) === 'pass',
        evidence: verdictOfScore(c.score) === 'pass' ? null : `Оценка по критерию: ${Math.round(c.score)} из 100`,
        evidenceUrl: null,
      })),
    ),
    recommendations: [],
    resolved: [],
    // Questions are counted with the period's scores: an edition's figures alone hold none.
    sla: { overall: EMPTY_SLA, organizations: [], notCountedReason: NOT_SCORED },
    disputes: [],
    notMeasuredReason: edition ? null : NOT_SCORED,
  });
}
