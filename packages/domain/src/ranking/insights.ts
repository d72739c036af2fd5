import type { z } from 'zod';
import type {
  comparedCellSchema,
  comparisonBodySchema,
  comparisonSchema,
  editionInsightsBodySchema,
  editionHeadlineSchema,
  editionMoverSchema,
  moversSchema,
  municipalitySummarySchema,
  notStatedSchema,
  rankingHistoryItemSchema,
  slaSummarySchema,
  trendPointSchema,
} from './insight-schemas';
import { aggregateFromCounts, type SlaAggregate, type SlaCounts } from '../sla/aggregate';
import { median } from '../sla/percentile';
import { splitMovers } from './movers';

/** The part of an edition row the public summaries read (structural: db rows and API rows both fit). */
export interface InsightRow {
  organizationCode: string;
  organizationName: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  score: number | null;
  rank: number | null;
  scoreChange: number | null;
  rankChange: number | null;
  accountsScored: number;
  accountsTotal: number;
  criteria: readonly { code: string; score: number }[];
}

export type NotStated = z.infer<typeof notStatedSchema>;

const notStated = (code: NotStated['code']): NotStated => ({ status: 'not_enough_data', code, text: NOT_STATED_TEXT[code] });
const NOT_STATED_TEXT: Record<NotStated['code'], string> = {
  no_previous_edition: 'Нет предыдущего выпуска для сравнения',
  no_common_organizations: 'Ни одна организация не оценена в обоих выпусках',
  no_ranked_organizations: 'Ни одна организация не набрала достаточно данных для рейтинга',
  below_minimum_sample: 'Слишком мало вопросов жителей для честного показателя',
};

export type EditionMover = z.infer<typeof editionMoverSchema>;
export type Movers = z.infer<typeof moversSchema>;

/**
 * Who moved most since the previous edition, by score change on the criteria both editions share
 * (the change ranking already computed). Only organizations ranked in both editions count.
 */
export function editionMovers(rows: readonly InsightRow[], hasPrevious: boolean, limit = 5): Movers {
  if (!hasPrevious) return notStated('no_previous_edition');
  const candidates: EditionMover[] = rows
    .filter((r) => r.rank !== null && r.score !== null && r.scoreChange !== null)
    .map((r) => ({ organizationCode: r.organizationCode, organizationName: r.organizationName, score: r.score!, scoreChange: r.scoreChange!, rank: r.rank!, rankChange: r.rankChange }));
  const split = splitMovers(
    candidates,
    (m) => m.scoreChange,
    (a, b) => a.organizationName.localeCompare(b.organizationName, 'ru'),
    limit,
  );
  if (split.compared === 0) return notStated('no_common_organizations');
  return { status: 'ok', improved: split.improved.map((m) => m.item), fallen: split.fallen.map((m) => m.item), compared: split.compared };
}

export type SlaSummary = z.infer<typeof slaSummarySchema>;

/** The SLA figures of a group of counts, with the methodology's minimum sample (the one aggregate rule). */
export function slaSummary(counts: readonly SlaCounts[], minimumSample: number, medianFirstResponseMs: number | null): SlaSummary {
  const total: SlaCounts = {
    answeredInTime: sum(counts, (c) => c.answeredInTime),
    answeredLate: sum(counts, (c) => c.answeredLate),
    breached: sum(counts, (c) => c.breached),
    openWithinWindow: sum(counts, (c) => c.openWithinWindow),
    excludedDeleted: sum(counts, (c) => c.excludedDeleted),
    medianFirstResponseMs,
    p90FirstResponseMs: null,
    substantive: null,
  };
  // Never a share of nothing: at least one decided question, whatever the methodology says.
  return fromAggregate(aggregateFromCounts(total, Math.max(1, minimumSample)));
}

const fromAggregate = (a: SlaAggregate): SlaSummary =>
  a.status === 'ok'
    ? { status: 'ok', decided: a.figures.decided, shareWithin24h: a.figures.shareWithinSla, medianFirstResponseMs: a.figures.medianFirstResponseMs }
    : notStated('below_minimum_sample');

const sum = <T>(items: readonly T[], pick: (item: T) => number) => items.reduce((total, item) => total + pick(item), 0);

export type EditionHeadline = z.infer<typeof editionHeadlineSchema>;

/** The figures a visitor reads first: coverage, the region's answer speed, the median score and the movers. */
export function editionHeadline(input: { rows: readonly InsightRow[]; hasPrevious: boolean; sla: SlaSummary }): EditionHeadline {
  const ranked = input.rows.filter((r) => r.rank !== null);
  return {
    organizations: input.rows.length,
    rankedOrganizations: ranked.length,
    unrankedOrganizations: input.rows.length - ranked.length,
    pagesMonitored: sum(input.rows, (r) => r.accountsTotal),
    pagesScored: sum(input.rows, (r) => r.accountsScored),
    medianScore: medianScore(input.rows),
    sla: input.sla,
    movers: editionMovers(input.rows, input.hasPrevious),
  };
}

/** Median score of the ranked rows (the region's benchmark in trends). */
export function medianScore(rows: readonly Pick<InsightRow, 'rank' | 'score'>[]): { status: 'ok'; value: number } | NotStated {
  const scores = rows
    .filter((r) => r.rank !== null && r.score !== null)
    .map((r) => r.score!)
    .sort((a, b) => a - b);
  const value = median(scores);
  return value === null ? notStated('no_ranked_organizations') : { status: 'ok', value: Math.round(value * 100) / 100 };
}

export type MunicipalitySummary = z.infer<typeof municipalitySummarySchema>;

/**
 * Per-municipality figures of an edition: the mean of ranked organizations' scores, the share of
 * questions answered within 24 hours (from the summed counts, under the same minimum sample), and the
 * best and worst ranked organization. Organizations without a municipality (regional bodies) are left out.
 */
export function municipalitySummaries(rows: readonly InsightRow[], slaByOrganization: ReadonlyMap<string, SlaCounts>, minimumSample: number): MunicipalitySummary[] {
  const groups = new Map<string, { name: string; rows: InsightRow[] }>();
  for (const row of rows) {
    if (!row.municipalityCode) continue;
    const group = groups.get(row.municipalityCode) ?? { name: row.municipalityName ?? row.municipalityCode, rows: [] };
    group.rows.push(row);
    groups.set(row.municipalityCode, group);
  }
  return [...groups]
    .map(([code, group]) => {
      const ranked = group.rows.filter((r) => r.rank !== null && r.score !== null).sort((a, b) => a.rank! - b.rank! || a.organizationName.localeCompare(b.organizationName, 'ru'));
      const counts = group.rows.map((r) => slaByOrganization.get(r.organizationCode)).filter((c): c is SlaCounts => c !== undefined);
      const toMover = (r: InsightRow | undefined): EditionMover | null =>
        r ? { organizationCode: r.organizationCode, organizationName: r.organizationName, score: r.score!, scoreChange: r.scoreChange ?? 0, rank: r.rank!, rankChange: r.rankChange } : null;
      return {
        code,
        name: group.name,
        organizations: group.rows.length,
        rankedOrganizations: ranked.length,
        averageScore: ranked.length === 0 ? notStated('no_ranked_organizations') : { status: 'ok' as const, value: Math.round((sum(ranked, (r) => r.score!) / ranked.length) * 100) / 100 },
        // A median over several organizations cannot be summed from their medians: the municipality view states the share only.
        sla: slaSummary(counts, minimumSample, null),
        best: toMover(ranked[0]),
        worst: ranked.length > 1 ? toMover(ranked[ranked.length - 1]) : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

export type ComparedCell = z.infer<typeof comparedCellSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
/** The public API's answers: /compare as JSON and an edition's insights. */
export type ComparisonBody = z.infer<typeof comparisonBodySchema>;
export type EditionInsightsBody = z.infer<typeof editionInsightsBodySchema>;

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 5;

/**
 * Organizations (or municipalities) side by side on every criterion of the edition. A criterion a
 * column has no score for is shown as not measured, never left out.
 */
export function compareColumns(
  criteria: readonly { code: string; name: string; weight: number }[],
  columns: readonly { code: string; name: string; score: number | null; rank: number | null; unranked: string | null; criteria: readonly { code: string; score: number }[] }[],
): Comparison {
  return {
    columns: columns.map(({ criteria: _criteria, ...column }) => column),
    criteria: criteria.map((criterion) => ({
      ...criterion,
      cells: columns.map((column): ComparedCell => {
        const found = column.criteria.find((c) => c.code === criterion.code);
        return found ? { status: 'measured', score: found.score } : { status: 'not_measured', text: 'Не измерялся в этом выпуске' };
      }),
    })),
  };
}

/**
 * A municipality as a comparison column: per criterion, the mean over its organizations that
 * have that criterion measured; its score is the mean of its ranked organizations.
 */
export function municipalityColumn(summary: MunicipalitySummary, rows: readonly InsightRow[]) {
  const own = rows.filter((r) => r.municipalityCode === summary.code);
  const codes = [...new Set(own.flatMap((r) => r.criteria.map((c) => c.code)))];
  return {
    code: summary.code,
    name: summary.name,
    score: summary.averageScore.status === 'ok' ? summary.averageScore.value : null,
    rank: null,
    unranked: summary.averageScore.status === 'ok' ? null : summary.averageScore.text,
    criteria: codes.map((code) => {
      const scores = own.flatMap((r) => r.criteria.filter((c) => c.code === code).map((c) => c.score));
      return { code, score: Math.round((sum(scores, (s) => s) / scores.length) * 100) / 100 };
    }),
  };
}

export type RankingHistoryItem = z.infer<typeof rankingHistoryItemSchema>;

/** A trend's step: published editions, or calendar months (Saratov time). */
export const TREND_STEPS = ['edition', 'month'] as const;
export type TrendStep = (typeof TREND_STEPS)[number];

export type TrendPoint = z.infer<typeof trendPointSchema>;
