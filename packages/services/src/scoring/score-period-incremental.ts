import { periodBounds, periodOfLocalDate } from '@most/domain';
import type { Queryable } from '@most/db';
import { loadMethodology, type SectorPeers } from '@most/db/scoring';
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

interface Watermark {
  scoredAt: Date;
  snapshot: string;
  fullAt: Date;
  peers: SectorPeers;
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
  const [clock] = await sql<{ at: Date; snapshot: string }[]>`SELECT clock_timestamp() AS at, pg_current_snapshot()::text AS snapshot`;
  const started = clock!;
  const [watermark] = await sql<Watermark[]>`
    SELECT scored_at AS "scoredAt", full_at AS "fullAt", snapshot, peers FROM score_watermarks
    WHERE period_kind = ${key.kind} AND period_start = ${key.start}::date AND methodology_version = ${key.version}`;
  const fullEveryMs = input.fullEveryMs ?? DEFAULT_FULL_RESCORE_MS;

  if (!watermark || started.at.getTime() - watermark.fullAt.getTime() >= fullEveryMs) {
    const result = await scorePeriod(sql, { ...input, methodologyVersion: methodology.version });
    await saveWatermark(sql, key, started, started.at, result.peers);
    return { ...result, mode: 'full', changedAccounts: null };
  }

  const now = input.now ?? new Date();
  const { from, to } = periodBounds(period, methodology.sla.utcOffsetMinutes);
  const changed = await sql<{ id: number }[]>`
    SELECT account_id AS id FROM account_changes
    WHERE changed_at > ${new Date(watermark.scoredAt.getTime() - LONGEST_TRANSACTION_MS)} AND NOT pg_visible_in_snapshot(changed_xid, ${watermark.snapshot}::pg_snapshot)
    UNION
    SELECT DISTINCT account_id FROM question_measurements
    WHERE state = 'open_within_window' AND deadline_at <= ${now} AND asked_at >= ${from} AND asked_at < ${to}`;
  const ids = changed.map((r) => r.id);
  const result: ScorePeriodResult =
    ids.length === 0
      ? { period, methodologyVersion: methodology.version, accounts: 0, organizations: 0, questionsMeasured: 0, commentsClassified: 0, recommendations: 0, peers: watermark.peers }
      : await scorePeriod(sql, { ...input, methodologyVersion: methodology.version, accountIds: ids, peers: watermark.peers, siblings: 'stored' });
  await saveWatermark(sql, key, started, watermark.fullAt, watermark.peers);
  return { ...result, mode: 'incremental', changedAccounts: ids.length };
}

async function saveWatermark(sql: Queryable, key: { kind: string; start: string; version: number }, started: { at: Date; snapshot: string }, fullAt: Date, peers: SectorPeers) {
  await sql`
    INSERT INTO score_watermarks (period_kind, period_start, methodology_version, scored_at, full_at, snapshot, peers)
    VALUES (${key.kind}, ${key.start}::date, ${key.version}, ${started.at}, ${fullAt}, ${started.snapshot}, ${sql.json(peers as never)})
    ON CONFLICT (period_kind, period_start, methodology_version) DO UPDATE SET scored_at = EXCLUDED.scored_at, full_at = EXCLUDED.full_at,
      snapshot = EXCLUDED.snapshot, peers = EXCLUDED.peers`;
}
