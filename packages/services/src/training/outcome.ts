import { z } from 'zod';
import type { Queryable } from '@most/db';
import { parseInput, toIsoDate } from './common';
import { getCohort } from './cohorts';

export const outcomeOptionsSchema = z.object({
  periodKind: z.enum(['week', 'month', 'quarter']).default('month'),
  /** How many scored periods to average on each side of the course. */
  periods: z.number().int().min(1).max(12).default(3),
  /** Defaults to the newest methodology version with scores for these accounts: both sides use the same one. */
  methodologyVersion: z.number().int().positive().optional(),
});
export type OutcomeOptions = z.input<typeof outcomeOptionsSchema>;

export interface AccountOutcome {
  accountId: number;
  network: string;
  handle: string;
  before: number | null;
  after: number | null;
  delta: number | null;
  beforePeriods: string[];
  afterPeriods: string[];
}

export interface OrganizationOutcome {
  organizationId: number;
  organizationName: string;
  graduates: number;
  accounts: AccountOutcome[];
  /** Mean over the accounts scored on both sides. */
  meanDelta: number | null;
}

export interface CohortOutcomeReport {
  cohortId: number;
  startsOn: string;
  endsOn: string;
  periodKind: 'week' | 'month' | 'quarter';
  periods: number;
  methodologyVersion: number | null;
  organizations: OrganizationOutcome[];
  /** Accounts with scores on both sides, and their mean change. */
  comparableAccounts: number;
  meanDelta: number | null;
}

const mean = (values: number[]) => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10);

/**
 * Scores of the accounts each graduate's organization runs before the course vs after it:
 * the last N scored periods that ended by the start and the first N that began after the end,
 * of the same period kind and methodology version. Only periods with enough data count.
 */
export async function cohortOutcomeReport(sql: Queryable, cohortId: number, options: OutcomeOptions = {}): Promise<CohortOutcomeReport> {
  const { periodKind, periods, methodologyVersion: requestedVersion } = parseInput(outcomeOptionsSchema, options);
  const cohort = await getCohort(sql, cohortId);
  const organizations = await sql<{ organization_id: number; organization_name: string; graduates: number }[]>`
    SELECT e.organization_id, o.short_name AS organization_name, count(*)::int AS graduates
    FROM enrolments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.cohort_id = ${cohortId} AND e.state = 'completed'
    GROUP BY e.organization_id, o.short_name ORDER BY o.short_name`;
  const orgIds = organizations.map((o) => o.organization_id);
  const accounts = orgIds.length
    ? await sql<{ id: number; organization_id: number; network: string; handle: string }[]>`
        SELECT id, organization_id, network, handle FROM accounts WHERE organization_id IN ${sql(orgIds)} AND is_official ORDER BY network, handle`
    : [];
  const accountIds = accounts.map((a) => a.id);
  let version = requestedVersion ?? null;
  if (version === null && accountIds.length) {
    const [row] = await sql<{ version: number | null }[]>`
      SELECT max(methodology_version) AS version FROM account_scores WHERE account_id IN ${sql(accountIds)} AND period_kind = ${periodKind}`;
    version = row?.version ?? null;
  }
  const scores =
    accountIds.length && version !== null
      ? await sql<{ account_id: number; period_start: Date; period_end: Date; total: number }[]>`
          SELECT account_id, period_start, period_end, total::float8 AS total FROM account_scores
          WHERE account_id IN ${sql(accountIds)} AND period_kind = ${periodKind} AND methodology_version = ${version} AND status = 'ok'
          ORDER BY period_start`
      : [];

  const byAccount = new Map<number, { start: string; end: string; total: number }[]>();
  for (const s of scores) {
    const list = byAccount.get(s.account_id) ?? [];
    list.push({ start: toIsoDate(s.period_start), end: toIsoDate(s.period_end), total: s.total });
    byAccount.set(s.account_id, list);
  }
  const allDeltas: number[] = [];
  const report = organizations.map((org): OrganizationOutcome => {
    const rows = accounts
      .filter((a) => a.organization_id === org.organization_id)
      .map((a): AccountOutcome => {
        const list = byAccount.get(a.id) ?? [];
        const before = list.filter((p) => p.end <= cohort.starts_on).slice(-periods);
        const after = list.filter((p) => p.start > cohort.ends_on).slice(0, periods);
        const beforeMean = mean(before.map((p) => p.total));
        const afterMean = mean(after.map((p) => p.total));
        const delta = beforeMean !== null && afterMean !== null ? Math.round((afterMean - beforeMean) * 10) / 10 : null;
        if (delta !== null) allDeltas.push(delta);
        return {
          accountId: a.id,
          network: a.network,
          handle: a.handle,
          before: beforeMean,
          after: afterMean,
          delta,
          beforePeriods: before.map((p) => p.start),
          afterPeriods: after.map((p) => p.start),
        };
      });
    return {
      organizationId: org.organization_id,
      organizationName: org.organization_name,
      graduates: org.graduates,
      accounts: rows,
      meanDelta: mean(rows.flatMap((r) => (r.delta === null ? [] : [r.delta]))),
    };
  });
  return {
    cohortId,
    startsOn: cohort.starts_on,
    endsOn: cohort.ends_on,
    periodKind,
    periods,
    methodologyVersion: version,
    organizations: report,
    comparableAccounts: allDeltas.length,
    meanDelta: mean(allDeltas),
  };
}
