import { z } from 'zod';
import type { Queryable } from '@most/db';
import { buildEdition, deleteDraftEdition, editionFilterSchema, getEdition, listEditions, loadOrganizationScores, publishEdition, viewEdition, type Edition } from '@most/services';
import { editionCriteriaSchema, editionFiltersSchema, editionViewRowSchema } from '@most/domain';
import { id, isoDate, okSchema, okAfter } from '../schemas';
import { monitorProcedure, publicProcedure, router } from '../trpc';

export const editionSummarySchema = z.object({
  id,
  slug: z.string(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  methodologyVersion: z.string(),
  status: z.enum(['draft', 'published']),
  previousEditionSlug: z.string().nullable(),
  createdAt: isoDate,
  publishedAt: isoDate.nullable(),
});
export const editionViewSchema = z.object({
  edition: editionSummarySchema,
  criteria: editionCriteriaSchema,
  filters: editionFiltersSchema,
  ranked: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), rows: z.array(editionViewRowSchema) }),
  notEnoughData: z.array(editionViewRowSchema),
});

const previousOf = async (sql: Queryable, edition: Edition) => (edition.previousEditionSlug ? getEdition(sql, { slug: edition.previousEditionSlug }) : null);

export const rankingsRouter = router({
  /** Published editions, newest period first. */
  list: publicProcedure.output(z.array(editionSummarySchema)).query(({ ctx }) => listEditions(ctx.sql)),

  /** A published edition, filtered and paged. */
  view: publicProcedure
    .input(editionFilterSchema.extend({ slug: z.string().min(1).max(120) }))
    .output(editionViewSchema)
    .query(async ({ ctx, input }) => {
      const edition = await getEdition(ctx.sql, { slug: input.slug });
      return viewEdition(edition, await previousOf(ctx.sql, edition), input);
    }),

  /** Drafts and published editions, for the editors' list. */
  listAll: monitorProcedure.output(z.array(editionSummarySchema)).query(({ ctx }) => listEditions(ctx.sql, { includeDrafts: true })),

  /** A draft (or published) edition as it will read once published. */
  preview: monitorProcedure
    .input(editionFilterSchema.extend({ id }))
    .output(editionViewSchema)
    .query(async ({ ctx, input }) => {
      const edition = await getEdition(ctx.sql, { id: input.id }, { includeDrafts: true });
      return viewEdition(edition, await previousOf(ctx.sql, edition), input);
    }),

  /** Builds a draft from the organizations' scores for the period and methodology version. */
  build: monitorProcedure
    .input(
      z
        .object({
          title: z.string().trim().min(3).max(300),
          periodStart: z.iso.date(),
          periodEnd: z.iso.date(),
          methodologyVersion: z.string().trim().min(1).max(50),
          slug: z
            .string()
            .regex(/^[a-z0-9][a-z0-9-]{2,100}$/)
            .optional(),
        })
        .refine((input) => input.periodEnd >= input.periodStart, { message: 'the period ends before it starts', path: ['periodEnd'] })
        .refine((input) => input.periodStart >= '2000-01-01' && input.periodEnd <= '2100-12-31', { message: 'must be between 2000 and 2100', path: ['periodStart'] }),
    )
    .output(editionSummarySchema)
    .mutation(async ({ ctx, input }) => {
      const { criteria, scores } = await loadOrganizationScores(ctx.sql, input);
      const { rows: _rows, criteria: _criteria, ...summary } = await buildEdition(ctx.sql, { ...input, criteria }, scores, ctx.actor);
      return summary;
    }),

  /** Freezes a draft: from now on neither the edition nor its rows can change. */
  publish: monitorProcedure
    .input(z.object({ id }))
    .output(editionSummarySchema)
    .mutation(async ({ ctx, input }) => {
      const { rows: _rows, criteria: _criteria, ...summary } = await publishEdition(ctx.sql, input.id, ctx.actor);
      return summary;
    }),

  deleteDraft: monitorProcedure
    .input(z.object({ id }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(deleteDraftEdition(ctx.sql, input.id, ctx.actor))),
});
