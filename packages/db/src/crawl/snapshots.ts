import { createHash } from 'node:crypto';
import type { AccountStatus } from '@most/shared';
import type { Queryable } from '../client';

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
  const contentHash = createHash('sha256').update(stableJson({ status: observation.status, ...observation.profile })).digest('hex');
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
