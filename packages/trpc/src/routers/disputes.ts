import { z } from 'zod';
import { accountOrganizationId, inTransaction } from '@most/db';
import { decideDispute, raiseDispute, rescoreAffected } from '@most/services';
import { listDisputes } from '@most/db/scoring';
import { id, isoDate } from '../schemas';
import { agencyProcedure, assertOrganizationAccess, monitorProcedure, router } from '../trpc';

const STATUSES = ['open', 'accepted', 'rejected'] as const;
const PERIOD_KINDS = ['week', 'month', 'quarter'] as const;
const disputeSchema = z.object({
  id,
  accountId: id,
  accountUrl: z.string(),
  organizationId: id,
  organizationName: z.string(),
  commentId: id.nullable(),
  criterionCode: z.string().nullable(),
  periodKind: z.string().nullable(),
  periodStart: z.string().nullable(),
  reasonKind: z.string(),
  text: z.string(),
  raisedAt: isoDate,
  status: z.enum(STATUSES),
  decidedAt: isoDate.nullable(),
  decisionReason: z.string().nullable(),
});

export const disputesRouter = router({
  /** The monitors' inbox: open disputes first. */
  inbox: monitorProcedure
    .input(z.object({ status: z.enum(STATUSES).optional(), limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }))
    .output(z.array(disputeSchema))
    .query(({ ctx, input }) => listDisputes(ctx.sql, input)),

  /** The signed-in agency's own disputes and their outcome. */
  mine: agencyProcedure.output(z.array(disputeSchema)).query(({ ctx }) => listDisputes(ctx.sql, { organizationId: ctx.organizationId })),

  /** An agency member disputes a finding about one of its own organization's accounts. */
  raise: agencyProcedure
    .input(
      z
        .object({
          accountId: id,
          commentId: id.optional(),
          criterion: z.object({ code: z.string().min(1).max(100), periodKind: z.enum(PERIOD_KINDS), periodStart: z.iso.date() }).optional(),
          reason: z.enum(['answered_elsewhere', 'not_a_question', 'criterion_wrong', 'other']),
          text: z.string().trim().min(1).max(4000),
        })
        .refine((d) => d.commentId !== undefined || d.criterion !== undefined, { path: ['commentId'], message: 'name a question (commentId) or a criterion' }),
    )
    .output(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, await accountOrganizationId(ctx.sql, input.accountId));
      return { id: await raiseDispute(ctx.sql, input, ctx.actor) };
    }),

  /** A monitor accepts (the evidence changes and the account is rescored) or rejects, with a reason. */
  decide: monitorProcedure
    .input(
      z.object({
        disputeId: id,
        accept: z.boolean(),
        reason: z.string().trim().min(1).max(4000),
        correctedStatus: z.enum(['pass', 'partial', 'fail', 'not_applicable']).optional(),
      }),
    )
    .output(z.object({ rescored: z.number().int() }))
    .mutation(({ ctx, input }) =>
      inTransaction(ctx.sql, async (tx) => {
        const affected = await decideDispute(tx, input, ctx.actor);
        return { rescored: input.accept ? await rescoreAffected(tx, affected) : 0 };
      }),
    ),
});
