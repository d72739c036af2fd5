import { periodBounds, periodOfLocalDate } from '@most/domain';
import type { Queryable } from '@most/db';
import { accountsChangedSince, loadMethodology, loadWatermark, readScoreClock, saveWatermark } from '@most/db/scoring';
import { scorePeriod, type ScorePeriodInput, type ScorePeriodResult } from './score-period';

/** A full pass at least this often: it refreshes what moves with time alone (posting gaps, sector medians). */
export const DEFAULT_FULL_RESCORE_MS = 6 * 3_600_000;
/**
 * Changes older than the last pass by more than this are not looked at (an index range); within it,
 * the last pass's snapshot decides. No writing transaction lasts that long.
 */
const LONGEST_TRANSACTION_MS = 3_600_000;

export interface IncrementalScoreInput extends Omit<ScorePeriodInput, 'accountIds' | 'peers'> {
  /** A full pass when the last one is older than this (default 6 hours). */
  fullEveryMs?: number;
}

export interface IncrementalScoreResult extends ScorePeriodResult {
  mode: 'full' | 'incremental';
  /** Accounts found changed (before widening to their organizations); null for a full pass. */
  changedAccounts: number | null;
}

/**
 * Rescores a period incrementally: only accounts that changed since the period was last scored
 * (account_changes, written by triggers, in transactions the last pass's snapshot did not see), those whose open questions' deadlines have passed since,
 * and the organizations they belong to; with the sector medians of the last full pass. The first
 * pass of a period and version, and then one every `fullEveryMs`, is a full rescore. For the same
 * data and `now`, the rows written equal a full rescore's.
 */
export async function scorePeriodIncremental(sql: Queryable, input: IncrementalScoreInput): Promise<IncrementalScoreResult> {
  const { methodology } = await loadMethodology(sql, input.methodologyVersion);
  const period = periodOfLocalDate(input.periodKind, input.date);
  const key = { kind: period.kind, start: period.start, version: methodology.version };
  const started = await readScoreClock(sql);
  const watermark = await loadWatermark(sql, key);
  const fullEveryMs = input.fullEveryMs ?? DEFAULT_FULL_RESCORE_MS;

  if (!watermark || started.at.getTime() - watermark.fullAt.getTime() >= fullEveryMs) {
    const result = await scorePeriod(sql, { ...input, methodologyVersion: methodology.version });
    await saveWatermark(sql, key, started, started.at, result.peers);
    return { ...result, mode: 'full', changedAccounts: null };
  }

  const now = input.now ?? new Date();
  const { from, to } = periodBounds(period, methodology.sla.utcOffsetMinutes);
  const ids = await accountsChangedSince(sql, watermark, { changedAfter: new Date(watermark.scoredAt.getTime() - LONGEST_TRANSACTION_MS), now, from, to });
  const result: ScorePeriodResult =
    ids.length === 0
      ? { period, methodologyVersion: methodology.version, accounts: 0, organizations: 0, questionsMeasured: 0, commentsClassified: 0, recommendations: 0, peers: watermark.peers }
      : await scorePeriod(sql, { ...input, methodologyVersion: methodology.version, accountIds: ids, peers: watermark.peers, siblings: 'stored' });
  await saveWatermark(sql, key, started, watermark.fullAt, watermark.peers);
  return { ...result, mode: 'incremental', changedAccounts: ids.length };
}
