import { METHODOLOGY_V1, editionHeadline, medianScore, municipalitySummaries, slaSummary, type EditionHeadline, type MunicipalitySummary, type SlaCounts, type SlaSummary } from '@most/domain';
import type { Queryable } from '@most/db';
import { loadRankingRules } from './editions';
import type { Edition } from './types';

export interface SlaPeriod {
  key: string;
  /** First and last day, Saratov time, as editions name them. */
  start: string;
  end: string;
}

export interface PeriodSla {
  region: SlaCounts;
  byOrganization: Map<string, SlaCounts>;
}

interface CountsRow {
  key: string;
  code: string | null;
  in_time: number;
  late: number;
  breached: number;
  open: number;
  median_seconds: number | null;
}

const toCounts = (r: CountsRow): SlaCounts => ({
  answeredInTime: r.in_time,
  answeredLate: r.late,
  breached: r.breached,
  openWithinWindow: r.open,
  excludedDeleted: 0,
  medianFirstResponseMs: r.median_seconds === null ? null : r.median_seconds * 1000,
  p90FirstResponseMs: null,
  substantive: null,
});

/**
 * Question outcomes per period, per organization (by code) and for the whole region, from the
 * platform's measurements: the same states and the same percentile_cont median the bulletin uses.
 * Questions count in the period they were asked in (Saratov days).
 */
export async function slaCountsByPeriod(sql: Queryable, periods: readonly SlaPeriod[]): Promise<Map<string, PeriodSla>> {
  const result = new Map<string, PeriodSla>(
    periods.map((p) => [p.key, { region: toCounts({ key: p.key, code: null, in_time: 0, late: 0, breached: 0, open: 0, median_seconds: null }), byOrganization: new Map() }]),
  );
  if (periods.length === 0) return result;
  const rows = await sql<CountsRow[]>`
    WITH periods AS (SELECT * FROM jsonb_to_recordset(${sql.json(periods as never)}) AS p(key text, start date, "end" date))
    SELECT p.key, o.code,
           count(*) FILTER (WHERE q.state = 'answered_in_time')::int AS in_time,
           count(*) FILTER (WHERE q.state = 'answered_late')::int AS late,
           count(*) FILTER (WHERE q.state = 'breached')::int AS breached,
           count(*) FILTER (WHERE q.state = 'open_within_window')::int AS open,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY q.first_response_seconds)::float8 AS median_seconds
    FROM periods p
    JOIN question_measurements q ON q.asked_at >= (p.start::timestamp AT TIME ZONE 'Europe/Saratov')
                                AND q.asked_at < ((p."end" + 1)::timestamp AT TIME ZONE 'Europe/Saratov')
    JOIN accounts a ON a.id = q.account_id
    JOIN organizations o ON o.id = a.organization_id
    WHERE q.state <> 'excluded'
    GROUP BY GROUPING SETS ((p.key, o.code), (p.key))`;
  for (const row of rows) {
    const period = result.get(row.key);
    if (!period) continue;
    if (row.code === null) period.region = toCounts(row);
    else period.byOrganization.set(row.code, toCounts(row));
  }
  return result;
}

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

export interface TrendPoint {
  editionSlug: string;
  editionTitle: string;
  periodStart: string;
  periodEnd: string;
  score: number | null;
  rank: number | null;
  rankedCount: number;
  /** The region's median score in that edition (ranked organizations). */
  regionMedianScore: number | null;
  sla: SlaSummary;
  regionSla: SlaSummary;
}

/** One organization's score and 24-hour share across published editions, oldest first, beside the region's. */
export async function organizationTrends(sql: Queryable, organizationId: number): Promise<TrendPoint[]> {
  const editions = await sql<
    { id: number; slug: string; title: string; period_start: string; period_end: string; methodology_version: string; score: string | null; rank: number | null; code: string }[]
  >`
    SELECT e.id, e.slug, e.title, e.period_start::text AS period_start, e.period_end::text AS period_end, e.methodology_version, r.score, r.rank, r.organization_code AS code
    FROM ranking_edition_rows r JOIN ranking_editions e ON e.id = r.edition_id
    WHERE r.organization_id = ${organizationId} AND e.status = 'published'
    ORDER BY e.period_end, e.published_at`;
  if (editions.length === 0) return [];
  const ranked = await sql<{ edition_id: number; scores: string[] }[]>`
    SELECT edition_id, array_agg(score::text) AS scores FROM ranking_edition_rows
    WHERE edition_id IN ${sql(editions.map((e) => e.id))} AND rank IS NOT NULL AND score IS NOT NULL GROUP BY edition_id`;
  const scoresOf = new Map(ranked.map((r) => [r.edition_id, r.scores.map(Number)]));
  const sla = await slaCountsByPeriod(
    sql,
    editions.map((e) => ({ key: e.slug, start: e.period_start, end: e.period_end })),
  );
  const rules = new Map<string, Awaited<ReturnType<typeof loadRankingRules>>>();
  for (const version of new Set(editions.map((e) => e.methodology_version))) rules.set(version, await loadRankingRules(sql, version));
  return editions.map((e) => {
    const minimumSample = minimumSampleOf({ rules: rules.get(e.methodology_version) ?? null });
    const period = sla.get(e.slug)!;
    const own = period.byOrganization.get(e.code);
    const regionMedian = medianScore((scoresOf.get(e.id) ?? []).map((score) => ({ rank: 1, score })));
    return {
      editionSlug: e.slug,
      editionTitle: e.title,
      periodStart: e.period_start,
      periodEnd: e.period_end,
      score: e.score === null ? null : Number(e.score),
      rank: e.rank,
      rankedCount: scoresOf.get(e.id)?.length ?? 0,
      regionMedianScore: regionMedian.status === 'ok' ? regionMedian.value : null,
      sla: slaSummary(own ? [own] : [], minimumSample, own?.medianFirstResponseMs ?? null),
      regionSla: slaSummary([period.region], minimumSample, period.region.medianFirstResponseMs),
    };
  });
}
