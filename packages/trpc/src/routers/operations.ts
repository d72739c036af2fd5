import { z } from 'zod';
import { listOrganizationAccounts } from '@most/db';
import { AppError } from '@most/shared';
import type { OperationsPort, TrpcContext } from '../context';
import { id, isoDate } from '../schemas';
import { monitorProcedure, router } from '../trpc';

const periodKind = z.enum(['week', 'month', 'quarter']);
/** Only the ids `rescore` hands out: a monitor cannot read arbitrary jobs through this. */
const rescoreJobId = z.string().regex(/^score-now-(week|month|quarter)-\d{4}-\d{2}-\d{2}-\d+$/, 'неизвестное задание пересчёта');

const crawlRequestSchema = z.object({
  runAt: z.number().int(),
  queued: z.array(id),
  skipped: z.array(z.object({ accountId: id, reason: z.enum(['network_not_crawled', 'removed']) })),
  crawlerRunning: z.boolean(),
});

function operations(ctx: TrpcContext): OperationsPort {
  if (!ctx.operations) throw new AppError('UNAVAILABLE', 'Очередь заданий недоступна этому серверу');
  return ctx.operations;
}

export const operationsRouter = router({
  /** Crawl one page now (profile, then posts and comments), through the queue. */
  crawlAccount: monitorProcedure
    .input(z.object({ accountId: id }))
    .output(crawlRequestSchema)
    .mutation(({ ctx, input }) => operations(ctx).crawlPages([input.accountId])),

  /** Crawl every current page of an organization now. */
  crawlOrganization: monitorProcedure
    .input(z.object({ organizationId: id }))
    .output(crawlRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const accounts = await listOrganizationAccounts(ctx.sql, input.organizationId);
      if (accounts.length === 0) throw new AppError('CONFLICT', 'У организации нет страниц для сбора');
      return operations(ctx).crawlPages(accounts.map((a) => a.id));
    }),

  /** How far a crawl-now run got: jobs left, pages read or failed, posts and comments seen. */
  crawlProgress: monitorProcedure
    .input(z.object({ runAt: z.number().int().positive(), accountIds: z.array(id).max(500).optional() }))
    .output(
      z.object({
        runAt: z.number().int(),
        pendingJobs: z.number().int(),
        requests: z.number().int(),
        errors: z.number().int(),
        pages: z.object({ read: z.number().int(), failed: z.number().int(), unavailable: z.number().int(), posts: z.number().int(), comments: z.number().int() }),
        finished: z.boolean(),
        durationMs: z.number().int().nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { summary, ...progress } = await operations(ctx).crawlProgress(input.runAt, input.accountIds);
      return { ...progress, durationMs: summary?.durationMs ?? null };
    }),

  /** Rescore a period now: the one holding `date` (today in Saratov time when absent). */
  rescore: monitorProcedure
    .input(z.object({ periodKind, date: z.iso.date().optional() }))
    .output(z.object({ jobId: z.string(), periodKind, date: z.string() }))
    .mutation(({ ctx, input }) => operations(ctx).rescore(input)),

  rescoreStatus: monitorProcedure
    .input(z.object({ jobId: rescoreJobId }))
    .output(
      z.object({
        jobId: z.string(),
        state: z.enum(['waiting', 'active', 'completed', 'failed', 'unknown']),
        startedAt: isoDate.nullable(),
        finishedAt: isoDate.nullable(),
        result: z.object({ period: z.string(), accounts: z.number().int(), organizations: z.number().int(), questions: z.number().int(), durationMs: z.number() }).nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { failedReason, ...status } = await operations(ctx).rescoreStatus(input.jobId);
      if (failedReason) ctx.logger.warn({ jobId: input.jobId, failedReason }, 'rescore failed');
      return status;
    }),
});
