import { z } from 'zod';
import { networkSchema, type AccountStatus, type Network } from '@most/shared';
import type { Queryable } from '../client';
import type { Page } from './queries';

export const crawlHealthFilterSchema = z.object({
  organizationId: z.number().int().positive().optional(),
  network: networkSchema.optional(),
  /** Only accounts whose last attempt failed. */
  failingOnly: z.boolean().default(false),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(100),
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
}

/** Crawl health per current account (accounts never crawled have null times), failing ones first. */
export async function listAccountCrawlHealth(sql: Queryable, filter: CrawlHealthFilter = {}): Promise<Page<AccountCrawlHealth>> {
  const f = crawlHealthFilterSchema.parse(filter);
  const where = sql`
    WHERE a.removed_at IS NULL
      AND (${f.organizationId ?? null}::bigint IS NULL OR a.organization_id = ${f.organizationId ?? null})
      AND (${f.network ?? null}::text IS NULL OR a.network = ${f.network ?? null})
      AND (NOT ${f.failingOnly} OR coalesce(h.consecutive_failures, 0) > 0)`;
  const [items, [count]] = await Promise.all([
    sql<AccountCrawlHealth[]>`
      SELECT a.id AS "accountId", a.organization_id AS "organizationId", o.short_name AS "organizationName",
             a.network, a.canonical_url AS "canonicalUrl", a.status,
             h.last_run_at AS "lastRunAt", h.last_success_at AS "lastSuccessAt", h.last_error_at AS "lastErrorAt",
             h.last_error_kind AS "lastErrorKind", h.last_error AS "lastError",
             coalesce(h.consecutive_failures, 0) AS "consecutiveFailures", h.next_run_at AS "nextRunAt"
      FROM accounts a
      JOIN organizations o ON o.id = a.organization_id
      LEFT JOIN crawl_health h ON h.account_id = a.id
      ${where}
      ORDER BY coalesce(h.consecutive_failures, 0) DESC, h.last_success_at ASC NULLS FIRST, a.id
      LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    sql<{ n: number }[]>`SELECT count(*)::int AS n FROM accounts a LEFT JOIN crawl_health h ON h.account_id = a.id ${where}`,
  ]);
  return { items, total: count?.n ?? 0, page: f.page, pageSize: f.pageSize };
}
