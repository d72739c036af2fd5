import type { AccountStatus, Network } from '@most/shared';
import type { Queryable } from '../client';

export interface CrawlAccount {
  id: number;
  network: Network;
  handle: string;
  externalId: string | null;
  status: AccountStatus;
}

/**
 * One page of the accounts a crawl run visits, in id order after `afterId` (keyset paging, so
 * accounts added during a run are not skipped or visited twice). Removed accounts are never crawled.
 * Each comes with its rank among the run's accounts of its municipality (regional bodies count as one
 * more region), so the crawl can let regions take turns.
 */
export async function listCrawlAccounts(
  sql: Queryable,
  options: { network: Network; afterId: number; limit: number; statuses?: readonly AccountStatus[] },
): Promise<(CrawlAccount & { regionRank: number })[]> {
  const statuses = options.statuses ?? null;
  const rows = await sql<(CrawlAccount & { regionRank: string })[]>`
    SELECT * FROM (
      SELECT a.id, a.network, a.handle, a.external_id AS "externalId", a.status,
             row_number() OVER (PARTITION BY COALESCE(o.municipality_id, 0) ORDER BY a.id) - 1 AS "regionRank"
      FROM accounts a JOIN organizations o ON o.id = a.organization_id
      WHERE a.network = ${options.network} AND a.removed_at IS NULL
        AND (${statuses === null} OR a.status = ANY(${statuses ?? []}::text[]))
    ) ranked
    WHERE id > ${options.afterId}
    ORDER BY id
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ ...row, regionRank: Number(row.regionRank) }));
}

export async function getCrawlAccounts(sql: Queryable, ids: readonly number[]): Promise<(CrawlAccount & { failing: boolean })[]> {
  if (ids.length === 0) return [];
  return sql<(CrawlAccount & { failing: boolean })[]>`
    SELECT a.id, a.network, a.handle, a.external_id AS "externalId", a.status, COALESCE(h.consecutive_failures, 0) > 0 AS failing
    FROM accounts a LEFT JOIN crawl_health h ON h.account_id = a.id
    WHERE a.id = ANY(${ids as number[]}::bigint[]) AND a.removed_at IS NULL ORDER BY a.id`;
}

/** Records the account's status; `status_changed_at` moves only when the status really changes. */
export async function setAccountStatus(sql: Queryable, accountId: number, status: AccountStatus, at: Date): Promise<boolean> {
  const rows = await sql`
    UPDATE accounts SET status = ${status}, status_changed_at = ${at}, updated_at = now()
    WHERE id = ${accountId} AND status <> ${status}
    RETURNING id`;
  return rows.length > 0;
}

/**
 * Learns the network's numeric id of an account found by its handle. Left alone when another
 * account of the registry already holds that id (the same page listed twice under two URLs).
 */
export async function setAccountExternalId(sql: Queryable, accountId: number, externalId: string): Promise<boolean> {
  const rows = await sql`
    UPDATE accounts a SET external_id = ${externalId}, updated_at = now()
    WHERE a.id = ${accountId} AND a.external_id IS DISTINCT FROM ${externalId}
      AND NOT EXISTS (SELECT 1 FROM accounts o WHERE o.network = a.network AND o.external_id = ${externalId} AND o.id <> a.id)
    RETURNING id`;
  return rows.length > 0;
}

/**
 * Records many accounts' statuses and network ids at once (a batched profile read), with the rules
 * of setAccountStatus and setAccountExternalId: `status_changed_at` moves only on a real change; an
 * id already held by another account of the network is not taken (the first account asking wins).
 */
export async function setAccountStatesBulk(sql: Queryable, states: readonly { accountId: number; status: AccountStatus; externalId: string | null }[], at: Date): Promise<void> {
  if (states.length === 0) return;
  await sql`
    UPDATE accounts a SET status = v.status, status_changed_at = ${at}, updated_at = now()
    FROM unnest(${states.map((s) => s.accountId)}::bigint[], ${states.map((s) => s.status)}::text[]) AS v(id, status)
    WHERE a.id = v.id AND a.status <> v.status`;
  const claimed = new Set<string>();
  const ids = states.filter((s): s is typeof s & { externalId: string } => {
    if (s.externalId === null || claimed.has(s.externalId)) return false;
    claimed.add(s.externalId);
    return true;
  });
  if (ids.length === 0) return;
  await sql`
    UPDATE accounts a SET external_id = v.external_id, updated_at = now()
    FROM unnest(${ids.map((s) => s.accountId)}::bigint[], ${ids.map((s) => s.externalId)}::text[]) AS v(id, external_id)
    WHERE a.id = v.id AND a.external_id IS DISTINCT FROM v.external_id
      AND NOT EXISTS (SELECT 1 FROM accounts o WHERE o.network = a.network AND o.external_id = v.external_id AND o.id <> a.id)`;
}
