import { createHash } from 'node:crypto';
import type { AccountStatus } from '@most/shared';
import type { Queryable } from '../client';
import { chunked } from './text';

/** Calendar day in the region's time zone: the "at least one snapshot per day" rule counts these days. */
export function saratovDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Saratov', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** JSON with object keys sorted, so equal profiles hash equally whatever the key order. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** PostgreSQL's jsonb refuses the NUL character; untrusted answers may carry one. */
function jsonSafe(value: unknown): unknown {
  const json = JSON.stringify(value) ?? 'null';
  return json.includes('\\u0000') ? JSON.parse(json.replace(/(?<!\\)\\u0000/g, '')) : value;
}

export interface ProfileObservation {
  accountId: number;
  status: AccountStatus;
  /** The normalised profile (no raw answer): what the criteria look at. */
  profile: Record<string, unknown>;
  /** The network's answer, kept as evidence. */
  raw: unknown;
  observedAt: Date;
}

export type SnapshotOutcome = 'created' | 'unchanged';

/**
 * Stores a profile observation: a new snapshot when the normalised profile differs from the
 * latest one or the latest is from an earlier day; otherwise only `last_seen_at` moves.
 * Locks the account row so two observations of one account never race.
 */
export async function recordProfileSnapshot(sql: Queryable, observation: ProfileObservation): Promise<SnapshotOutcome> {
  const contentHash = createHash('sha256')
    .update(stableJson({ status: observation.status, ...observation.profile }))
    .digest('hex');
  const day = saratovDay(observation.observedAt);
  await sql`SELECT id FROM accounts WHERE id = ${observation.accountId} FOR UPDATE`;
  const [latest] = await sql<{ id: number; contentHash: string; day: string }[]>`
    SELECT id, content_hash AS "contentHash", to_char(captured_day, 'YYYY-MM-DD') AS day
    FROM account_snapshots WHERE account_id = ${observation.accountId}
    ORDER BY captured_at DESC, id DESC LIMIT 1`;
  if (latest && latest.contentHash === contentHash && latest.day === day) {
    await sql`UPDATE account_snapshots SET last_seen_at = GREATEST(last_seen_at, ${observation.observedAt}) WHERE id = ${latest.id}`;
    return 'unchanged';
  }
  await sql`
    INSERT INTO account_snapshots (account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)
    VALUES (${observation.accountId}, ${observation.observedAt}, ${observation.observedAt}, ${day}, ${contentHash},
            ${observation.status}, ${sql.json(jsonSafe(observation.profile) as never)}, ${sql.json(jsonSafe(observation.raw ?? null) as never)})`;
  return 'created';
}

/**
 * Many accounts' profile observations (a batched profile read) with the same rule as
 * recordProfileSnapshot, in a handful of statements: the account rows are locked in id order, the
 * latest snapshot of each is compared, unchanged ones only move `last_seen_at`, the others get a
 * new row. One observation per account. Returns each account's outcome.
 */
export async function recordProfileSnapshots(sql: Queryable, observations: readonly ProfileObservation[]): Promise<Map<number, SnapshotOutcome>> {
  const outcomes = new Map<number, SnapshotOutcome>();
  if (observations.length === 0) return outcomes;
  const ids = [...new Set(observations.map((o) => o.accountId))];
  if (ids.length !== observations.length) throw new Error('recordProfileSnapshots: one observation per account');
  await sql`SELECT id FROM accounts WHERE id = ANY(${ids}::bigint[]) ORDER BY id FOR UPDATE`;
  const latest = await sql<{ accountId: number; id: number; contentHash: string; day: string }[]>`
    SELECT DISTINCT ON (account_id) account_id AS "accountId", id, content_hash AS "contentHash", to_char(captured_day, 'YYYY-MM-DD') AS day
    FROM account_snapshots WHERE account_id = ANY(${ids}::bigint[])
    ORDER BY account_id, captured_at DESC, id DESC`;
  const latestOf = new Map(latest.map((row) => [Number(row.accountId), row]));
  const seen: { id: number; at: Date }[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const observation of observations) {
    const contentHash = createHash('sha256')
      .update(stableJson({ status: observation.status, ...observation.profile }))
      .digest('hex');
    const day = saratovDay(observation.observedAt);
    const last = latestOf.get(observation.accountId);
    if (last && last.contentHash === contentHash && last.day === day) {
      seen.push({ id: last.id, at: observation.observedAt });
      outcomes.set(observation.accountId, 'unchanged');
      continue;
    }
    rows.push({
      account_id: observation.accountId,
      captured_at: observation.observedAt,
      last_seen_at: observation.observedAt,
      captured_day: day,
      content_hash: contentHash,
      status: observation.status,
      profile: JSON.stringify(jsonSafe(observation.profile)),
      raw: JSON.stringify(jsonSafe(observation.raw ?? null)),
    });
    outcomes.set(observation.accountId, 'created');
  }
  if (seen.length > 0) {
    await sql`
      UPDATE account_snapshots s SET last_seen_at = GREATEST(s.last_seen_at, v.at)
      FROM unnest(${seen.map((s) => s.id)}::bigint[], ${seen.map((s) => s.at.toISOString())}::timestamptz[]) AS v(id, at)
      WHERE s.id = v.id`;
  }
  for (const chunk of chunked(rows)) {
    await sql`
      INSERT INTO account_snapshots (account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)
      SELECT v.account_id, v.captured_at, v.last_seen_at, v.captured_day::date, v.content_hash, v.status, v.profile::jsonb, v.raw::jsonb
      FROM unnest(
        ${chunk.map((r) => r.account_id as number)}::bigint[], ${chunk.map((r) => (r.captured_at as Date).toISOString())}::timestamptz[],
        ${chunk.map((r) => (r.last_seen_at as Date).toISOString())}::timestamptz[], ${chunk.map((r) => r.captured_day as string)}::text[],
        ${chunk.map((r) => r.content_hash as string)}::text[], ${chunk.map((r) => r.status as string)}::text[],
        ${chunk.map((r) => r.profile as string)}::text[], ${chunk.map((r) => r.raw as string)}::text[]
      ) AS v(account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)`;
  }
  return outcomes;
}
