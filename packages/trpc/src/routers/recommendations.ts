import { z } from 'zod';
import { RECOMMENDATION_STATUSES } from '@most/domain/recommendation-status';
import { listOrganizationRecommendations, recommendationOrganizationId } from '@most/db';
import { editRecommendation, setRecommendationStatus } from '@most/services';
import { id, isoDate, okSchema, okAfter } from '../schemas';
import { agencyProcedure, assertOrganizationAccess, monitorProcedure, organizationScopedProcedure, router } from '../trpc';

const recommendationSchema = z.object({
  id,
  accountId: id,
  accountUrl: z.string(),
  periodKind: z.string(),
  periodStart: z.string(),
  criterionCode: z.string(),
  text: z.string(),
  evidence: z.array(z.unknown()),
  potentialPoints: z.number(),
  status: z.enum(RECOMMENDATION_STATUSES),
  statusChangedAt: isoDate,
});
const listInput = z.object({ status: z.enum(RECOMMENDATION_STATUSES).optional(), limit: z.number().int().min(1).max(1000).default(200) });

export const recommendationsRouter = router({
  /** The signed-in agency's recommendations. */
  mine: agencyProcedure
    .input(listInput.default({ limit: 200 }))
    .output(z.array(recommendationSchema))
    .query(({ ctx, input }) => listOrganizationRecommendations(ctx.sql, ctx.organizationId, input)),

  /** One organization's recommendations: monitors any, an agency member only its own. */
  forOrganization: organizationScopedProcedure
    .input(listInput.extend({ organizationId: id }))
    .output(z.array(recommendationSchema))
    .query(({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, input.organizationId);
      return listOrganizationRecommendations(ctx.sql, input.organizationId, input);
    }),

  /** The agency confirms it has read a recommendation about its own page. */
  acknowledge: agencyProcedure
    .input(z.object({ id }))
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, await recommendationOrganizationId(ctx.sql, input.id));
      await setRecommendationStatus(ctx.sql, input.id, 'acknowledged', ctx.actor);
      return { ok: true as const };
    }),

  markSent: monitorProcedure
    .input(z.object({ id }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(setRecommendationStatus(ctx.sql, input.id, 'sent', ctx.actor))),

  edit: monitorProcedure
    .input(z.object({ id, text: z.string().trim().min(1).max(5000) }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(editRecommendation(ctx.sql, input.id, input.text, ctx.actor))),
});
