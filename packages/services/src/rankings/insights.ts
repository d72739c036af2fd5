import { METHODOLOGY_V1, type TrendPoint, type TrendStep, editionHeadline, medianScore, municipalitySummaries, slaSummary, type EditionHeadline, type MunicipalitySummary } from '@most/domain';
export type { TrendPoint, TrendStep } from '@most/domain';
import { lastDayOfPeriod, monthlyPeriod } from '@most/domain/bulletin-period';
import { slaCountsByPeriod, type Queryable } from '@most/db';
export { slaCountsByPeriod, type PeriodSla, type SlaPeriod } from '@most/db';
import { loadRankingRules } from './editions';
import type { Edition } from './types';

const minimumSampleOf = (edition: Pick<Edition, 'rules'>) => edition.rules?.minimumSample ?? METHODOLOGY_V1.sla.minimumSample;

export interface EditionInsights {
  headline: EditionHeadline;
  municipalities: MunicipalitySummary[];
  minimumSample: number;
}

/** The headline figures and per-municipality view of an edition (its previous edition decides the movers). */
export async function editionInsights(sql: Queryable, edition: Edition, previous: Edition | null): Promise<EditionInsights> {
  const sla = (await slaCountsByPeriod(sql, [{ key: edition.slug, start: edition.periodStart, end: edition.periodEnd }])).get(edition.slug)!;
  const minimumSample = minimumSampleOf(edition);
  const rows = edition.rows;
  // The region itself is not one of its municipalities: its bodies count in the headline only.
  const regions = new Set((await sql<{ code: string }[]>`SELECT code FROM municipalities WHERE kind = 'region'`).map((r) => r.code));
  return {
    headline: editionHeadline({ rows, hasPrevious: previous !== null, sla: slaSummary([sla.region], minimumSample, sla.region.medianFirstResponseMs) }),
    municipalities: municipalitySummaries(
      rows.filter((r) => !regions.has(r.municipalityCode ?? '')),
      sla.byOrganization,
      minimumSample,
    ),
    minimumSample,
  };
}

/** One period of an organization's history before the SLA and medians are added. */
interface TrendPeriod {
  key: string;
  editionSlug: string | null;
  title: string;
  start: string;
  end: string;
  methodologyVersion: string;
  score: number | null;
  rank: number | null;
  /** Every organization's score in the same period (the region's population). */
  regionScores: number[];
}

/** Published editions the organization appears in, oldest first. */
async function editionPeriods(sql: Queryable, organizationId: number): Promise<TrendPeriod[]> {
  const rows = await sql<{ slug: string; title: string; period_start: string; period_end: string; methodology_version: string; score: string | null; rank: number | null; scores: string[] | null }[]>`
    SELECT e.slug, e.title, e.period_start::text AS period_start, e.period_end::text AS period_end, e.methodology_version, r.score, r.rank,
           (SELECT array_agg(x.score::text) FROM ranking_edition_rows x WHERE x.edition_id = e.id AND x.rank IS NOT NULL AND x.score IS NOT NULL) AS scores
    FROM ranking_edition_rows r JOIN ranking_editions e ON e.id = r.edition_id
    WHERE r.organization_id = ${organizationId} AND e.status = 'published'
    ORDER BY e.period_end, e.published_at`;
  return rows.map((e) => ({
    key: e.slug,
    editionSlug: e.slug,
    title: e.title,
    start: e.period_start,
    end: e.period_end,
    methodologyVersion: e.methodology_version,
    score: e.score === null ? null : Number(e.score),
    rank: e.rank,
    regionScores: (e.scores ?? []).map(Number),
  }));
}

/** Calendar months the organization was scored for (the newest methodology version of each), oldest first. */
async function monthPeriods(sql: Queryable, organizationId: number): Promise<TrendPeriod[]> {
  const rows = await sql<{ period_start: string; methodology_version: string; score: string | null; enough_data: boolean; scores: string[] | null }[]>`
    SELECT DISTINCT ON (os.period_start) os.period_start::text AS period_start, os.methodology_version::text AS methodology_version, os.score, os.enough_data,
           (SELECT array_agg(x.score::text) FROM organization_scores x
            WHERE x.period_kind = 'month' AND x.period_start = os.period_start AND x.methodology_version = os.methodology_version AND x.enough_data AND x.score IS NOT NULL) AS scores
    FROM organization_scores os
    WHERE os.organization_id = ${organizationId} AND os.period_kind = 'month'
    ORDER BY os.period_start, os.methodology_version DESC`;
  return rows.map((r) => {
    const month = monthlyPeriod(Number(r.period_start.slice(0, 4)), Number(r.period_start.slice(5, 7)));
    return {
      key: month.key,
      editionSlug: null,
      title: month.label,
      start: month.start,
      end: lastDayOfPeriod(month.end),
      methodologyVersion: r.methodology_version,
      score: r.enough_data && r.score !== null ? Number(r.score) : null,
      rank: null,
      regionScores: (r.scores ?? []).map(Number),
    };
  });
}

/**
 * One organization's score and 24-hour share over published editions or calendar months, oldest
 * first, each beside the region's median score and 24-hour share for the same period.
 */
export async function organizationTrends(sql: Queryable, organizationId: number, by: TrendStep = 'edition'): Promise<TrendPoint[]> {
  const [periods, [organization]] = await Promise.all([
    by === 'edition' ? editionPeriods(sql, organizationId) : monthPeriods(sql, organizationId),
    sql<{ code: string }[]>`SELECT code FROM organizations WHERE id = ${organizationId}`,
  ]);
  if (periods.length === 0 || !organization) return [];
  const sla = await slaCountsByPeriod(
    sql,
    periods.map((p) => ({ key: p.key, start: p.start, end: p.end })),
  );
  const rules = new Map<string, Awaited<ReturnType<typeof loadRankingRules>>>();
  for (const version of new Set(periods.map((p) => p.methodologyVersion))) rules.set(version, await loadRankingRules(sql, version));
  return periods.map((p) => {
    const minimumSample = minimumSampleOf({ rules: rules.get(p.methodologyVersion) ?? null });
    const period = sla.get(p.key)!;
    const own = period.byOrganization.get(organization.code);
    const regionMedian = medianScore(p.regionScores.map((score) => ({ rank: 1, score })));
    return {
      key: p.key,
      editionSlug: p.editionSlug,
      title: p.title,
      periodStart: p.start,
      periodEnd: p.end,
      score: p.score,
      rank: p.rank,
      rankedCount: p.regionScores.length,
      regionMedianScore: regionMedian.status === 'ok' ? regionMedian.value : null,
      sla: slaSummary(own ? [own] : [], minimumSample, own?.medianFirstResponseMs ?? null),
      regionSla: slaSummary([period.region], minimumSample, period.region.medianFirstResponseMs),
    };
  });
}
