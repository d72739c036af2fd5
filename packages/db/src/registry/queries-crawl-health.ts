import { z } from 'zod';
import { CRAWL_PROBLEMS, networkSchema, type AccountStatus, type CrawlProblem, type Network } from '@most/shared';
import type { Queryable } from '../client';
import type { Page } from './queries';
import { pageFields } from './paging';

export { CRAWL_PROBLEMS, type CrawlProblem } from '@most/shared';
/** A page read longer ago than this is stale (the default schedule reads posts hourly, profiles daily). */
export const CRAWL_RECENT_HOURS = 26;

export const crawlHealthFilterSchema = z.object({
  organizationId: z.number().int().positive().optional(),
  network: networkSchema.optional(),
  /** Only accounts whose last attempt failed. */
  failingOnly: z.boolean().default(false),
  /** Only accounts with this problem, or with any problem ('any'). */
  problem: z.enum([...CRAWL_PROBLEMS, 'any']).optional(),
  ...pageFields(500, 100),
});
export type CrawlHealthFilter = z.input<typeof crawlHealthFilterSchema>;

export interface AccountCrawlHealth {
  accountId: number;
  organizationId: number;
  organizationName: string;
  network: Network;
  canonicalUrl: string;
  status: AccountStatus;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastErrorKind: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextRunAt: Date | null;
  problem: CrawlProblem | null;
}

/** The one definition of a page's crawl problem (see CRAWL_PROBLEMS), over `accounts a LEFT JOIN crawl_health h`. */
function problemOf(sql: Queryable, now: Date) {
  const recentSince = new Date(now.getTime() - CRAWL_RECENT_HOURS * 3_600_000);
  return sql`CASE
      WHEN a.status IN ('deleted', 'blocked', 'not_found', 'private') THEN a.status
      WHEN coalesce(h.consecutive_failures, 0) > 0 THEN 'failing'
      WHEN h.last_success_at IS NULL THEN 'never_read'
      WHEN h.last_success_at < ${recentSince} THEN 'stale'
    END`;
}

/** Crawl health per current account (accounts never crawled have null times), problems first. */
export async function listAccountCrawlHealth(sql: Queryable, filter: CrawlHealthFilter = {}, now = new Date()): Promise<Page<AccountCrawlHealth>> {
  const f = crawlHealthFilterSchema.parse(filter);
  const problem = problemOf(sql, now);
  const where = sql`
    WHERE a.removed_at IS NULL
      AND (${f.organizationId ?? null}::bigint IS NULL OR a.organization_id = ${f.organizationId ?? null})
      AND (${f.network ?? null}::text IS NULL OR a.network = ${f.network ?? null})
      AND (NOT ${f.failingOnly} OR coalesce(h.consecutive_failures, 0) > 0)
      ${f.problem === 'any' ? sql`AND ${problem} IS NOT NULL` : f.problem ? sql`AND ${problem} = ${f.problem}` : sql``}`;
  const [items, [count]] = await Promise.all([
    sql<AccountCrawlHealth[]>`
      SELECT a.id AS "accountId", a.organization_id AS "organizationId", o.short_name AS "organizationName",
             a.network, a.canonical_url AS "canonicalUrl", a.status,
             h.last_run_at AS "lastRunAt", h.last_success_at AS "lastSuccessAt", h.last_error_at AS "lastErrorAt",
             h.last_error_kind AS "lastErrorKind", h.last_error AS "lastError",
             coalesce(h.consecutive_failures, 0) AS "consecutiveFailures", h.next_run_at AS "nextRunAt",
             ${problem} AS problem
      FROM accounts a
      JOIN organizations o ON o.id = a.organization_id
      LEFT JOIN crawl_health h ON h.account_id = a.id
      ${where}
      ORDER BY (${problem} IS NULL), coalesce(h.consecutive_failures, 0) DESC, h.last_success_at ASC NULLS FIRST, a.id
      LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    sql<{ n: number }[]>`SELECT count(*)::int AS n FROM accounts a LEFT JOIN crawl_health h ON h.account_id = a.id ${where}`,
  ]);
  return { items, total: count?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export interface CrawlProblemCounts {
  /** Current accounts counted. */
  total: number;
  /** Read successfully within the last CRAWL_RECENT_HOURS, with no status problem. */
  readRecently: number;
  problems: Record<CrawlProblem, number>;
  recentHours: number;
}

/** How many pages have each crawl problem (same definition as the listing), optionally for one network or organization. */
export async function countCrawlProblems(sql: Queryable, filter: { network?: Network; organizationId?: number } = {}, now = new Date()): Promise<CrawlProblemCounts> {
  const rows = await sql<{ problem: CrawlProblem | null; n: number }[]>`
    SELECT ${problemOf(sql, now)} AS problem, count(*)::int AS n
    FROM accounts a LEFT JOIN crawl_health h ON h.account_id = a.id
    WHERE a.removed_at IS NULL
      AND (${filter.network ?? null}::text IS NULL OR a.network = ${filter.network ?? null})
      AND (${filter.organizationId ?? null}::bigint IS NULL OR a.organization_id = ${filter.organizationId ?? null})
    GROUP BY 1`;
  const problems = Object.fromEntries(CRAWL_PROBLEMS.map((p) => [p, 0])) as Record<CrawlProblem, number>;
  let readRecently = 0;
  for (const row of rows) {
    if (row.problem === null) readRecently += row.n;
    else problems[row.problem] += row.n;
  }
  return { total: rows.reduce((sum, row) => sum + row.n, 0), readRecently, problems, recentHours: CRAWL_RECENT_HOURS };
}
