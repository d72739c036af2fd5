import { z } from 'zod';
import { crawlHealthFilterSchema, listAccountCrawlHealth, listOpenCrawlAlerts, listOrganizationAccounts } from '@most/db';
import { accountStatusSchema, networkSchema } from '@most/shared';
import { id, isoDate } from '../schemas';
import { accountSchema } from './registry';
import { agencyProcedure, assertOrganizationAccess, monitorProcedure, organizationScopedProcedure, router } from '../trpc';

const crawlHealthSchema = z.object({
  accountId: id,
  organizationId: id,
  organizationName: z.string(),
  network: networkSchema,
  canonicalUrl: z.string(),
  status: accountStatusSchema,
  lastRunAt: isoDate.nullable(),
  lastSuccessAt: isoDate.nullable(),
  lastErrorAt: isoDate.nullable(),
  lastErrorKind: z.string().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  nextRunAt: isoDate.nullable(),
});
const crawlHealthPage = z.object({ items: z.array(crawlHealthSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const accountsRouter = router({
  /** Accounts of one organization: monitors any, an agency member only its own. */
  forOrganization: organizationScopedProcedure
    .input(z.object({ organizationId: id }))
    .output(z.array(accountSchema))
    .query(({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, input.organizationId);
      return listOrganizationAccounts(ctx.sql, input.organizationId);
    }),

  /** The signed-in agency member's own accounts. */
  mine: agencyProcedure.output(z.array(accountSchema)).query(({ ctx }) => listOrganizationAccounts(ctx.sql, ctx.organizationId)),

  /** Crawl health of every account (last success, last error, next run), failing first. */
  crawlHealth: monitorProcedure
    .input(crawlHealthFilterSchema.default({ failingOnly: false, page: 1, pageSize: 100 }))
    .output(crawlHealthPage)
    .query(({ ctx, input }) => listAccountCrawlHealth(ctx.sql, input)),

  /** Crawl health of one organization's accounts: monitors any, an agency member only its own. */
  organizationCrawlHealth: organizationScopedProcedure
    .input(z.object({ organizationId: id }))
    .output(crawlHealthPage)
    .query(({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, input.organizationId);
      return listAccountCrawlHealth(ctx.sql, { organizationId: input.organizationId, pageSize: 500 });
    }),

  /** Problems needing a human, e.g. a rejected network token. */
  crawlAlerts: monitorProcedure
    .output(
      z.array(
        z.object({
          id,
          kind: z.string(),
          network: networkSchema,
          message: z.string(),
          firstRaisedAt: isoDate,
          lastRaisedAt: isoDate,
          occurrences: z.number().int(),
        }),
      ),
    )
    .query(async ({ ctx }) => (await listOpenCrawlAlerts(ctx.sql)).map(({ tokenFingerprint: _hidden, resolvedAt: _open, ...alert }) => alert)),
});
