import type { Network } from '@most/shared';
import type { Queryable } from '../client';

export interface CrawlRunKey {
  network: Network;
  runAt: Date;
}

export interface CrawlRun extends CrawlRunKey {
  accountIds: number[] | null;
  jobs: number;
  requests: number;
  errors: number;
  startedAt: Date | null;
  lastJobAt: Date | null;
  finishedAt: Date | null;
}

/**
 * Registers a run (idempotent); `accountIds` null = the whole registry of the network. Two
 * "crawl now" requests in the same minute share a run: their pages are merged.
 */
export async function registerCrawlRun(sql: Queryable, run: CrawlRunKey & { accountIds: readonly number[] | null }): Promise<void> {
  await sql`
    INSERT INTO crawl_runs (network, run_at, account_ids)
    VALUES (${run.network}, ${run.runAt}, ${run.accountIds ? ([...run.accountIds] as number[]) : null}::bigint[])
    ON CONFLICT (network, run_at) DO UPDATE SET account_ids = CASE
      WHEN crawl_runs.account_ids IS NULL OR excluded.account_ids IS NULL THEN crawl_runs.account_ids
      ELSE ARRAY(SELECT DISTINCT unnest(crawl_runs.account_ids || excluded.account_ids) ORDER BY 1) END`;
}

/** Jobs of the run ended: adds them to its counters in one statement (safe under concurrent writers). */
export async function recordCrawlRunSteps(sql: Queryable, steps: CrawlRunKey & { jobs: number; startedAt: Date; endedAt: Date; requests: number; errors: number }): Promise<void> {
  await sql`
    INSERT INTO crawl_runs (network, run_at, jobs, requests, errors, started_at, last_job_at)
    VALUES (${steps.network}, ${steps.runAt}, ${steps.jobs}, ${steps.requests}, ${steps.errors}, ${steps.startedAt}, ${steps.endedAt})
    ON CONFLICT (network, run_at) DO UPDATE SET
      jobs = crawl_runs.jobs + excluded.jobs,
      requests = crawl_runs.requests + excluded.requests,
      errors = crawl_runs.errors + excluded.errors,
      started_at = LEAST(crawl_runs.started_at, excluded.started_at),
      last_job_at = GREATEST(crawl_runs.last_job_at, excluded.last_job_at)`;
}

const RUN_COLUMNS = (sql: Queryable) => sql`
  network, run_at AS "runAt", account_ids::int8[] AS "accountIds", jobs, requests, errors,
  started_at AS "startedAt", last_job_at AS "lastJobAt", finished_at AS "finishedAt"`;

export async function getCrawlRun(sql: Queryable, key: CrawlRunKey): Promise<CrawlRun | null> {
  const [row] = await sql<CrawlRun[]>`SELECT ${RUN_COLUMNS(sql)} FROM crawl_runs WHERE network = ${key.network} AND run_at = ${key.runAt}`;
  return row ? { ...row, accountIds: row.accountIds?.map(Number) ?? null } : null;
}

/** Marks the run finished with its summary; returns the run only to the one caller that finished it. */
export async function finishCrawlRun(sql: Queryable, key: CrawlRunKey & { at: Date; summary: Record<string, unknown> }): Promise<boolean> {
  const rows = await sql`
    UPDATE crawl_runs SET finished_at = ${key.at}, summary = ${sql.json(key.summary as never)}
    WHERE network = ${key.network} AND run_at = ${key.runAt} AND finished_at IS NULL
    RETURNING 1`;
  return rows.length > 0;
}

export interface CrawlRunPages {
  /** Pages of the run read successfully since it started. */
  read: number;
  /** Pages whose last attempt since the run started failed. */
  failed: number;
  /** Pages found deleted, blocked, missing or private. */
  unavailable: number;
  /** Posts seen since the run started. */
  posts: number;
  /** Comments in the lists read since the run started (a comment read unchanged is not rewritten, so its post's read time counts). */
  comments: number;
}

/** What happened to the run's pages since it started, from the crawl's own records. */
export async function crawlRunPages(sql: Queryable, run: CrawlRunKey & { accountIds: readonly number[] | null }): Promise<CrawlRunPages> {
  const ids = run.accountIds ? ([...run.accountIds] as number[]) : null;
  const [pages] = await sql<Omit<CrawlRunPages, 'posts' | 'comments'>[]>`
    SELECT count(*) FILTER (WHERE h.last_success_at >= ${run.runAt})::int AS read,
           count(*) FILTER (WHERE h.last_error_at >= ${run.runAt} AND h.consecutive_failures > 0)::int AS failed,
           count(*) FILTER (WHERE a.status <> 'active' AND h.last_profile_at >= ${run.runAt})::int AS unavailable
    FROM accounts a JOIN crawl_health h ON h.account_id = a.id
    WHERE a.network = ${run.network} AND (${ids}::bigint[] IS NULL OR a.id = ANY(${ids}::bigint[]))`;
  const [seen] = await sql<{ posts: number; comments: number }[]>`
    SELECT (SELECT count(*)::int FROM posts p JOIN accounts a ON a.id = p.account_id
            WHERE a.network = ${run.network} AND p.last_seen_at >= ${run.runAt} AND (${ids}::bigint[] IS NULL OR a.id = ANY(${ids}::bigint[]))) AS posts,
           (SELECT count(*)::int FROM posts p JOIN accounts a ON a.id = p.account_id JOIN comments c ON c.post_id = p.id
            WHERE a.network = ${run.network} AND p.comments_read_at >= ${run.runAt} AND c.deletion_reason IS DISTINCT FROM 'missing'
              AND (${ids}::bigint[] IS NULL OR a.id = ANY(${ids}::bigint[]))) AS comments`;
  return { read: pages?.read ?? 0, failed: pages?.failed ?? 0, unavailable: pages?.unavailable ?? 0, posts: seen?.posts ?? 0, comments: seen?.comments ?? 0 };
}
