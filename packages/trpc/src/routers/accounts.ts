import { z } from 'zod';
import {
  accountOrganizationId,
  countCrawlProblems,
  CRAWL_PROBLEMS,
  crawlHealthFilterSchema,
  getAccountScoreDetail,
  listAccountCrawlHealth,
  listAccountScores,
  listOpenCrawlAlerts,
  listOrganizationAccounts,
  listOrganizationScores,
} from '@most/db';
import { organizationScoreItemSchema } from '@most/domain';
import { AppError, accountStatusSchema, networkSchema } from '@most/shared';
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
  /** The kind of the last error only: the network's raw error text is for operators' logs, not screens. */
  lastErrorKind: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  nextRunAt: isoDate.nullable(),
  problem: z.enum(CRAWL_PROBLEMS).nullable(),
});
const scoreSummarySchema = z.object({
  accountId: id,
  periodKind: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  methodologyVersion: z.number().int(),
  status: z.enum(['ok', 'not_enough_data']),
  total: z.number().nullable(),
  coverage: z.number(),
  questions: z.number().int(),
  decidedQuestions: z.number().int(),
  computedAt: isoDate,
  /** Why the page as a whole was not measured (page_not_read, page_not_found…). */
  reason: z.string().nullable(),
});
const queueStatusSchema = z.object({
  kind: z.enum(['redis', 'postgres']),
  queues: z.array(
    z.object({
      name: z.string(),
      counts: z.record(z.string(), z.number().int()),
      active: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          percent: z.number().nullable(),
          details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
          subject: z.record(z.string(), z.number()),
          startedAt: isoDate.nullable(),
          attemptsMade: z.number().int(),
        }),
      ),
    }),
  ),
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

  /** How many pages have each crawl problem, and how many were read successfully recently. */
  crawlProblems: monitorProcedure
    .input(z.object({ network: networkSchema.optional(), organizationId: id.optional() }).default({}))
    .output(
      z.object({
        total: z.number().int(),
        readRecently: z.number().int(),
        recentHours: z.number().int(),
        problems: z.object(Object.fromEntries(CRAWL_PROBLEMS.map((p) => [p, z.number().int()])) as Record<(typeof CRAWL_PROBLEMS)[number], z.ZodNumber>),
      }),
    )
    .query(({ ctx, input }) => countCrawlProblems(ctx.sql, input)),

  /** Crawl health of one organization's accounts: monitors any, an agency member only its own. */
  organizationCrawlHealth: organizationScopedProcedure
    .input(z.object({ organizationId: id }))
    .output(crawlHealthPage)
    .query(({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, input.organizationId);
      return listAccountCrawlHealth(ctx.sql, { organizationId: input.organizationId, pageSize: 500 });
    }),

  /** Job counts per queue and state, and the active jobs with their progress (long crawls page by page). */
  queueStatus: monitorProcedure.output(queueStatusSchema).query(({ ctx }) => {
    if (!ctx.queueStatus) throw new AppError('UNAVAILABLE', 'Очередь заданий недоступна этому серверу');
    return ctx.queueStatus();
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

  /** An account's scores by period: monitors any, an agency member only its own accounts. */
  scores: organizationScopedProcedure
    .input(z.object({ accountId: id, limit: z.number().int().min(1).max(500).default(52) }))
    .output(z.array(scoreSummarySchema))
    .query(async ({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, await accountOrganizationId(ctx.sql, input.accountId));
      return listAccountScores(ctx.sql, input.accountId, input.limit);
    }),

  /** One period's score with each criterion's result and its evidence (which question went unanswered, and for how long). */
  scoreDetail: organizationScopedProcedure
    .input(z.object({ accountId: id, periodKind: z.enum(['week', 'month', 'quarter']), periodStart: z.iso.date(), methodologyVersion: z.number().int().positive() }))
    .output(
      scoreSummarySchema.extend({
        reasonText: z.string().nullable(),
        criteria: z.array(
          z.object({
            criterionCode: z.string(),
            status: z.string(),
            value: z.number().nullable(),
            points: z.number(),
            maxPoints: z.number(),
            overridden: z.boolean(),
            evidence: z.array(z.unknown()),
            reason: z.string().nullable(),
            title: z.string(),
            rule: z.string(),
            statusText: z.string(),
            result: z.string(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, await accountOrganizationId(ctx.sql, input.accountId));
      return getAccountScoreDetail(ctx.sql, input);
    }),

  /** An organization's scores by period (mean of its accounts with enough data). */
  organizationScores: organizationScopedProcedure
    .input(z.object({ organizationId: id, limit: z.number().int().min(1).max(500).default(52) }))
    .output(z.array(organizationScoreItemSchema))
    .query(({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, input.organizationId);
      return listOrganizationScores(ctx.sql, input.organizationId, input.limit);
    }),
});
