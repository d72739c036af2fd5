import type { Network } from '@most/shared';
import type { Queryable } from '../client';

export type CrawlPart = 'profile' | 'posts' | 'comments';

/** A crawl step of the account finished: clears the failure streak. */
export async function recordCrawlSuccess(sql: Queryable, accountId: number, part: CrawlPart, at: Date): Promise<void> {
  await recordCrawlSuccesses(sql, [accountId], part, at);
}

/** The same step of many accounts succeeded (a batched profile read), in one statement. */
export async function recordCrawlSuccesses(sql: Queryable, accountIds: readonly number[], part: CrawlPart, at: Date): Promise<void> {
  if (accountIds.length === 0) return;
  const profileAt = part === 'profile' ? at : null;
  const postsAt = part === 'posts' ? at : null;
  await sql`
    INSERT INTO crawl_health (account_id, last_run_at, last_success_at, last_profile_at, last_posts_at, consecutive_failures, updated_at)
    SELECT id, ${at}, ${at}, ${profileAt}::timestamptz, ${postsAt}::timestamptz, 0, now()
    FROM unnest(${[...new Set(accountIds)] as number[]}::bigint[]) AS id
    ON CONFLICT (account_id) DO UPDATE SET
      last_run_at = GREATEST(crawl_health.last_run_at, excluded.last_run_at),
      last_success_at = GREATEST(crawl_health.last_success_at, excluded.last_success_at),
      last_profile_at = COALESCE(GREATEST(crawl_health.last_profile_at, excluded.last_profile_at), crawl_health.last_profile_at),
      last_posts_at = COALESCE(GREATEST(crawl_health.last_posts_at, excluded.last_posts_at), crawl_health.last_posts_at),
      consecutive_failures = 0,
      updated_at = now()`;
}

/**
 * The network answered that these pages are unavailable (deleted, blocked, missing, private): the
 * read itself worked, so no error lingers and no failure streak grows; the page's status says why.
 */
export async function recordPagesUnavailable(sql: Queryable, accountIds: readonly number[], at: Date): Promise<void> {
  if (accountIds.length === 0) return;
  await sql`
    INSERT INTO crawl_health (account_id, last_run_at, last_profile_at, consecutive_failures, updated_at)
    SELECT id, ${at}, ${at}, 0, now() FROM unnest(${[...new Set(accountIds)] as number[]}::bigint[]) AS id
    ON CONFLICT (account_id) DO UPDATE SET
      last_run_at = GREATEST(crawl_health.last_run_at, excluded.last_run_at),
      last_profile_at = GREATEST(crawl_health.last_profile_at, excluded.last_profile_at),
      last_error_at = NULL, last_error_kind = NULL, last_error = NULL,
      consecutive_failures = 0,
      updated_at = now()`;
}

/**
 * A frequent crawl step succeeded (a post's comments): ends a failure streak without writing the
 * row otherwise, so the many comment jobs of one account do not queue up on it.
 */
export async function clearCrawlFailures(sql: Queryable, accountId: number, at: Date): Promise<void> {
  await sql`
    UPDATE crawl_health SET consecutive_failures = 0, last_success_at = GREATEST(last_success_at, ${at}), updated_at = now()
    WHERE account_id = ${accountId} AND consecutive_failures > 0`;
}

/** A crawl step of the account failed (one attempt): the error is kept for the dashboard. */
export async function recordCrawlFailure(sql: Queryable, accountId: number, failure: { kind: string; message: string; at: Date }): Promise<void> {
  await recordCrawlFailures(sql, [accountId], failure);
}

/** The same failure of several accounts' step (one request read them all), in one statement. */
export async function recordCrawlFailures(sql: Queryable, accountIds: readonly number[], failure: { kind: string; message: string; at: Date }): Promise<void> {
  if (accountIds.length === 0) return;
  const message = failure.message.slice(0, 2_000);
  await sql`
    INSERT INTO crawl_health (account_id, last_run_at, last_error_at, last_error_kind, last_error, consecutive_failures, updated_at)
    SELECT id, ${failure.at}, ${failure.at}, ${failure.kind}, ${message}, 1, now()
    FROM unnest(${[...new Set(accountIds)] as number[]}::bigint[]) AS id
    ON CONFLICT (account_id) DO UPDATE SET
      last_run_at = GREATEST(crawl_health.last_run_at, excluded.last_run_at),
      last_error_at = excluded.last_error_at, last_error_kind = excluded.last_error_kind, last_error = excluded.last_error,
      -- One statement, so concurrent steps of an account never lose a count. A failure that happened
      -- before the last recorded success (a step that was slow to report) does not extend the streak.
      consecutive_failures = CASE WHEN crawl_health.last_success_at > excluded.last_error_at
                                  THEN crawl_health.consecutive_failures
                                  ELSE crawl_health.consecutive_failures + 1 END,
      updated_at = now()`;
}

/** The next scheduled crawl of these accounts, written when a run fans out. */
export async function setNextCrawl(sql: Queryable, accountIds: readonly number[], nextRunAt: Date): Promise<void> {
  if (accountIds.length === 0) return;
  await sql`
    INSERT INTO crawl_health (account_id, next_run_at, updated_at)
    SELECT id, ${nextRunAt}, now() FROM unnest(${accountIds as number[]}::bigint[]) AS id
    ON CONFLICT (account_id) DO UPDATE SET next_run_at = excluded.next_run_at, updated_at = now()`;
}

export interface CrawlHealth {
  accountId: number;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastProfileAt: Date | null;
  lastPostsAt: Date | null;
  lastErrorAt: Date | null;
  lastErrorKind: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextRunAt: Date | null;
}

export async function getCrawlHealth(sql: Queryable, accountId: number): Promise<CrawlHealth | null> {
  const [row] = await sql<CrawlHealth[]>`
    SELECT account_id AS "accountId", last_run_at AS "lastRunAt", last_success_at AS "lastSuccessAt",
           last_profile_at AS "lastProfileAt", last_posts_at AS "lastPostsAt", last_error_at AS "lastErrorAt",
           last_error_kind AS "lastErrorKind", last_error AS "lastError", consecutive_failures AS "consecutiveFailures",
           next_run_at AS "nextRunAt"
    FROM crawl_health WHERE account_id = ${accountId}`;
  return row ?? null;
}

export type CrawlAlertKind = 'auth' | 'not_supported';

export interface CrawlAlert {
  id: number;
  kind: CrawlAlertKind;
  network: Network;
  tokenFingerprint: string;
  message: string;
  firstRaisedAt: Date;
  lastRaisedAt: Date;
  occurrences: number;
  resolvedAt: Date | null;
}

/** Raises an alert, or counts one more occurrence of the same open alert. */
export async function raiseCrawlAlert(sql: Queryable, alert: { kind: CrawlAlertKind; network: Network; tokenFingerprint: string; message: string; at: Date }): Promise<void> {
  await sql`
    INSERT INTO crawl_alerts (kind, network, token_fingerprint, message, first_raised_at, last_raised_at)
    VALUES (${alert.kind}, ${alert.network}, ${alert.tokenFingerprint}, ${alert.message.slice(0, 2_000)}, ${alert.at}, ${alert.at})
    ON CONFLICT (kind, network, token_fingerprint) WHERE resolved_at IS NULL DO UPDATE SET
      message = excluded.message, last_raised_at = excluded.last_raised_at, occurrences = crawl_alerts.occurrences + 1`;
}

export async function listOpenCrawlAlerts(sql: Queryable, network?: Network): Promise<CrawlAlert[]> {
  return sql<CrawlAlert[]>`
    SELECT id, kind, network, token_fingerprint AS "tokenFingerprint", message, first_raised_at AS "firstRaisedAt",
           last_raised_at AS "lastRaisedAt", occurrences, resolved_at AS "resolvedAt"
    FROM crawl_alerts WHERE resolved_at IS NULL AND (${network ?? null}::text IS NULL OR network = ${network ?? null})
    ORDER BY id`;
}

/** Closes the network's open alerts raised for other tokens (the token was replaced). Returns how many. */
export async function resolveCrawlAlerts(
  sql: Queryable,
  filter: {
    network: Network;
    kind: CrawlAlertKind;
    exceptTokenFingerprint: string | null;
    at: Date /** Also left open: a pool's tokens still configured. */;
    keepTokenFingerprints?: readonly string[];
  },
): Promise<number> {
  const keep = [...(filter.keepTokenFingerprints ?? [])];
  const rows = await sql`
    UPDATE crawl_alerts SET resolved_at = ${filter.at}
    WHERE resolved_at IS NULL AND network = ${filter.network} AND kind = ${filter.kind}
      AND (${filter.exceptTokenFingerprint}::text IS NULL OR token_fingerprint <> ${filter.exceptTokenFingerprint})
      AND NOT (token_fingerprint = ANY(${keep}::text[]))
    RETURNING id`;
  return rows.length;
}
