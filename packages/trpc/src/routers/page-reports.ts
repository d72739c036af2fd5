import { z } from 'zod';
import { listPageReports } from '@most/db';
import { decidePageReport, submitPageReport } from '@most/services';
import { PAGE_REPORT_STATUSES, pageReportDecisionSchema, pageReportInputSchema } from '@most/domain';
import { networkSchema } from '@most/shared';
import { id, isoDate, okSchema } from '../schemas';
import { monitorProcedure, publicProcedure, router } from '../trpc';

const pageReportSchema = z.object({
  id,
  url: z.string(),
  canonicalUrl: z.string().nullable(),
  network: networkSchema.nullable(),
  reason: z.string(),
  status: z.enum(PAGE_REPORT_STATUSES),
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string(),
  registry: z.object({ official: z.boolean(), organizationCode: z.string(), organizationName: z.string() }).nullable(),
});

/** "Report a suspicious page": visitors file reports; monitors work through the queue. */
export const pageReportsRouter = router({
  /** Anyone: limited per client per hour, with a honeypot field (see the domain's schema). */
  submit: publicProcedure
    .input(pageReportInputSchema)
    .output(z.object({ received: z.literal(true) }))
    .mutation(({ ctx, input }) => submitPageReport(ctx.sql, input, ctx.ip)),

  list: monitorProcedure
    .input(z.object({ status: z.enum(PAGE_REPORT_STATUSES).optional() }).default({}))
    .output(z.array(pageReportSchema))
    .query(({ ctx, input }) => listPageReports(ctx.sql, { status: input.status })),

  decide: monitorProcedure
    .input(pageReportDecisionSchema)
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      await decidePageReport(ctx.sql, input, ctx.actor);
      return { ok: true as const };
    }),
});
