import type { Queryable } from '../client';
import type { SectorPeers } from './score-rows';

/** A period's scoring pass under one methodology version. */
export interface WatermarkKey {
  kind: string;
  start: string;
  version: number;
}

/** The server's clock and transaction snapshot as a pass starts. */
export interface ScoreClock {
  at: Date;
  snapshot: string;
}

/** What the last pass of a period saw: when it ran, its snapshot, its last full pass and sector medians. */
export interface Watermark {
  scoredAt: Date;
  snapshot: string;
  fullAt: Date;
  peers: SectorPeers;
}

export async function readScoreClock(sql: Queryable): Promise<ScoreClock> {
  const [clock] = await sql<ScoreClock[]>`SELECT clock_timestamp() AS at, pg_current_snapshot()::text AS snapshot`;
  return clock!;
}

export async function loadWatermark(sql: Queryable, key: WatermarkKey): Promise<Watermark | undefined> {
  const [watermark] = await sql<Watermark[]>`
    SELECT scored_at AS "scoredAt", full_at AS "fullAt", snapshot, peers FROM score_watermarks
    WHERE period_kind = ${key.kind} AND period_start = ${key.start}::date AND methodology_version = ${key.version}`;
  return watermark;
}

/**
 * Accounts changed since the last pass (account_changes written after `changedAfter` in transactions
 * its snapshot did not see) and those whose open questions of [from, to) reached their deadline by `now`.
 */
export async function accountsChangedSince(sql: Queryable, watermark: Pick<Watermark, 'snapshot'>, window: { changedAfter: Date; now: Date; from: Date; to: Date }): Promise<number[]> {
  const changed = await sql<{ id: number }[]>`
    SELECT account_id AS id FROM account_changes
    WHERE changed_at > ${window.changedAfter} AND NOT pg_visible_in_snapshot(changed_xid, ${watermark.snapshot}::pg_snapshot)
    UNION
    SELECT DISTINCT account_id FROM question_measurements
    WHERE state = 'open_within_window' AND deadline_at <= ${window.now} AND asked_at >= ${window.from} AND asked_at < ${window.to}`;
  return changed.map((r) => r.id);
}

export async function saveWatermark(sql: Queryable, key: WatermarkKey, started: ScoreClock, fullAt: Date, peers: SectorPeers) {
  await sql`
    INSERT INTO score_watermarks (period_kind, period_start, methodology_version, scored_at, full_at, snapshot, peers)
    VALUES (${key.kind}, ${key.start}::date, ${key.version}, ${started.at}, ${fullAt}, ${started.snapshot}, ${sql.json(peers as never)})
    ON CONFLICT (period_kind, period_start, methodology_version) DO UPDATE SET scored_at = EXCLUDED.scored_at, full_at = EXCLUDED.full_at,
      snapshot = EXCLUDED.snapshot, peers = EXCLUDED.peers`;
}
