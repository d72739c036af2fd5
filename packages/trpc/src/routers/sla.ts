import { z } from 'zod';
import { organizationSlaDistribution, slaWatch } from '@most/db/scoring';
import { PAGE_READ_STATES, SLA_BUCKETS, SLA_WATCH_STATES } from '@most/domain';
import { id, isoDate } from '../schemas';
import { agencyProcedure, assertOrganizationAccess, organizationScopedProcedure, router } from '../trpc';

const openQuestionSchema = z.object({
  questionId: id,
  accountId: id,
  accountUrl: z.string(),
  network: z.string(),
  postUrl: z.string(),
  commentUrl: z.string(),
  /** A short pseudonym label, never a name or profile. */
  citizen: z.string(),
  /** Redacted and bounded; rendered as text. */
  text: z.string(),
  category: z.string(),
  confirmed: z.boolean(),
  askedAt: isoDate,
  deadlineAt: isoDate,
});
const bucketRecord = z.object(Object.fromEntries(SLA_BUCKETS.map((b) => [b, z.number()])) as Record<(typeof SLA_BUCKETS)[number], z.ZodNumber>);
const distributionSchema = z.object({
  /** not_enough_data: no decided question in the range, so no chart and no percentile. */
  state: z.enum(['measured', 'not_enough_data']),
  from: isoDate,
  to: isoDate,
  decided: z.number().int(),
  pending: z.number().int(),
  counts: bucketRecord,
  shares: bucketRecord,
  /** First-response time percentiles in seconds, by the policy's clock. */
  percentiles: z.object({ p50: z.number().nullable(), p90: z.number().nullable(), p95: z.number().nullable() }),
});

export const slaRouter = router({
  /**
   * The signed-in agency's SLA watch: an explicit state (no pages, pages not read, no questions,
   * questions open, all answered), the pages and whether they were read, the counts, and the open
   * questions with their 24-hour deadline, most urgent first.
   */
  openQuestions: agencyProcedure
    .input(z.object({ days: z.number().int().min(1).max(30).default(7) }).default({ days: 7 }))
    .output(
      z.object({
        now: isoDate,
        state: z.enum(SLA_WATCH_STATES),
        days: z.number().int(),
        pages: z.array(z.object({ accountId: id, url: z.string(), network: z.string(), read: z.enum(PAGE_READ_STATES), postsReadAt: isoDate.nullable() })),
        questions: z.number().int(),
        answered: z.number().int(),
        items: z.array(openQuestionSchema),
      }),
    )
    .query(async ({ ctx, input }) => {
      const now = new Date();
      const { open, ...watch } = await slaWatch(ctx.sql, ctx.organizationId, { now, days: input.days });
      return { now, ...watch, items: open };
    }),

  /** Shares answered <1 h, 1–4 h, 4–24 h, later or not at all, and p50/p90/p95: monitors any organization, an agency its own. */
  distribution: organizationScopedProcedure
    .input(z.object({ organizationId: id, days: z.number().int().min(7).max(366).default(90) }))
    .output(distributionSchema)
    .query(async ({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, input.organizationId);
      const to = new Date();
      const from = new Date(to.getTime() - input.days * 86_400_000);
      const distribution = await organizationSlaDistribution(ctx.sql, input.organizationId, { from, to });
      return { state: distribution.decided === 0 ? ('not_enough_data' as const) : ('measured' as const), from, to, ...distribution };
    }),
});
