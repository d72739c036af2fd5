import { PERIOD_KINDS, periodOf, type PeriodKind } from '@most/domain';
import type { Queryable } from '@most/db';
import { loadMethodology, scoredVersions } from '@most/db/scoring';
import type { Affected } from './decide-dispute';
import { scorePeriod } from './score-period';

/**
 * Rescores one account's periods touched by a change (override, dispute, manual score): every
 * period kind containing `at`, or the single period named. Versions already scored there are
 * rescored; the newest version is always included.
 */
export async function rescoreAffected(sql: Queryable, affected: Affected, now = new Date()): Promise<number> {
  const { methodology } = await loadMethodology(sql);
  const targets: { kind: PeriodKind; date: string }[] = [];
  if (affected.periodKind && affected.periodStart) targets.push({ kind: affected.periodKind, date: affected.periodStart });
  if (affected.at) for (const kind of PERIOD_KINDS) targets.push({ kind, date: periodOf(kind, affected.at, methodology.sla.utcOffsetMinutes).start });
  let runs = 0;
  for (const target of targets) {
    const versions = await scoredVersions(sql, affected.accountId, target.kind, target.date);
    const all = new Set([methodology.version, ...versions]);
    for (const version of [...all].sort()) {
      await scorePeriod(sql, { periodKind: target.kind, date: target.date, methodologyVersion: version, accountIds: [affected.accountId], now });
      runs += 1;
    }
  }
  return runs;
}
