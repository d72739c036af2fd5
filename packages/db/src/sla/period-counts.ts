import type { SlaCounts } from '@most/domain';
import type { Queryable } from '../client';

export interface SlaPeriod {
  key: string;
  /** First and last day (inclusive), Saratov time, as editions name them. */
  start: string;
  end: string;
}

export interface OrganizationSlaCounts extends SlaCounts {
  organizationId: number;
  organizationCode: string;
}

export interface PeriodSla {
  /** All organizations in scope, summed: the regional figure. */
  region: SlaCounts;
  byOrganization: Map<string, OrganizationSlaCounts>;
}

export interface SlaCountsScope {
  /** Restrict to these organizations (e.g. those scored in the period); all organizations when omitted. */
  organizationIds?: readonly number[];
}

interface CountsRow {
  key: string;
  organization_id: number | null;
  code: string | null;
  in_time: number;
  late: number;
  breached: number;
  open: number;
  excluded: number;
  median_seconds: number | null;
  p90_seconds: number | null;
}

const toCounts = (r: Omit<CountsRow, 'key' | 'organization_id' | 'code'>): SlaCounts => ({
  answeredInTime: r.in_time,
  answeredLate: r.late,
  breached: r.breached,
  openWithinWindow: r.open,
  excludedDeleted: r.excluded,
  medianFirstResponseMs: r.median_seconds === null ? null : r.median_seconds * 1000,
  p90FirstResponseMs: r.p90_seconds === null ? null : r.p90_seconds * 1000,
  substantive: null,
});

export const EMPTY_SLA_COUNTS: SlaCounts = toCounts({ in_time: 0, late: 0, breached: 0, open: 0, excluded: 0, median_seconds: null, p90_seconds: null });

/**
 * The one source of question-outcome counts for a period: per organization and for the region
 * (the organizations in scope, summed). Every surface that states a 24-hour share or a median
 * first-response time (public headline, trends, municipalities, bulletin) reads it, and turns the
 * counts into figures with the domain's `slaSummary`. Questions count in the period they were
 * asked in (Saratov days); medians and the 90th percentile are percentile_cont over answered
 * questions, as scoring computes them.
 */
export async function slaCountsByPeriod(sql: Queryable, periods: readonly SlaPeriod[], scope: SlaCountsScope = {}): Promise<Map<string, PeriodSla>> {
  const result = new Map<string, PeriodSla>(periods.map((p) => [p.key, { region: EMPTY_SLA_COUNTS, byOrganization: new Map() }]));
  if (periods.length === 0) return result;
  const ids = scope.organizationIds;
  if (ids && ids.length === 0) return result;
  const rows = await sql<CountsRow[]>`
    WITH periods AS (SELECT * FROM jsonb_to_recordset(${sql.json(periods as never)}) AS p(key text, start date, "end" date))
    SELECT p.key, o.id AS organization_id, o.code,
           count(*) FILTER (WHERE q.state = 'answered_in_time')::int AS in_time,
           count(*) FILTER (WHERE q.state = 'answered_late')::int AS late,
           count(*) FILTER (WHERE q.state = 'breached')::int AS breached,
           count(*) FILTER (WHERE q.state = 'open_within_window')::int AS open,
           count(*) FILTER (WHERE q.state = 'excluded')::int AS excluded,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY q.first_response_seconds) FILTER (WHERE q.state IN ('answered_in_time', 'answered_late'))::float8 AS median_seconds,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY q.first_response_seconds) FILTER (WHERE q.state IN ('answered_in_time', 'answered_late'))::float8 AS p90_seconds
    FROM periods p
    JOIN question_measurements q ON q.asked_at >= (p.start::timestamp AT TIME ZONE 'Europe/Saratov')
                                AND q.asked_at < ((p."end" + 1)::timestamp AT TIME ZONE 'Europe/Saratov')
    JOIN accounts a ON a.id = q.account_id
    JOIN organizations o ON o.id = a.organization_id
    WHERE ${ids ? sql`o.id IN ${sql(ids as number[])}` : sql`TRUE`}
    GROUP BY GROUPING SETS ((p.key, o.id, o.code), (p.key))`;
  for (const row of rows) {
    const period = result.get(row.key);
    if (!period) continue;
    if (row.organization_id === null || row.code === null) period.region = toCounts(row);
    else period.byOrganization.set(row.code, { organizationId: row.organization_id, organizationCode: row.code, ...toCounts(row) });
  }
  return result;
}
