import { z } from 'zod';
import { recordManualAssessment, rescoreAffected } from '@most/services';
import { listAccountManualAssessments, listManualScoringAccounts, loadMethodology } from '@most/db/scoring';
import { id, isoDate } from '../schemas';
import { monitorProcedure, router } from '../trpc';
import { inTransaction } from '@most/db';

const bilingual = z.object({ ru: z.string(), en: z.string() });

export const scoringRouter = router({
  /** The methodology's manually scored criteria with their description, guidance and scale. */
  manualCriteria: monitorProcedure
    .output(
      z.array(
        z.object({
          code: z.string(),
          title: bilingual,
          description: bilingual,
          guidance: bilingual,
          scale: z.object({ min: z.number().int(), max: z.number().int() }),
          /** Minimum score for pass / partial. */
          pass: z.number(),
          partial: z.number(),
          networks: z.array(z.string()),
          organizationKinds: z.array(z.string()),
          sectors: z.array(z.string()),
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const { methodology } = await loadMethodology(ctx.sql);
      return methodology.criteria.flatMap((c) =>
        c.evaluation.kind === 'manual'
          ? [
              {
                code: c.code,
                title: c.title,
                description: c.description,
                guidance: c.evaluation.guidance,
                scale: c.evaluation.scale,
                pass: c.thresholds.pass,
                partial: c.thresholds.partial,
                networks: [...c.applicability.networks],
                organizationKinds: [...c.applicability.organizationKinds],
                sectors: [...c.applicability.sectors],
              },
            ]
          : [],
      );
    }),

  /** Accounts with how many of their applicable manual criteria are scored, those awaiting scores first. */
  manualAccounts: monitorProcedure
    .input(z.object({ search: z.string().trim().max(200).optional(), limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }))
    .output(
      z.array(
        z.object({
          accountId: id,
          organizationId: id,
          organizationName: z.string(),
          network: z.string(),
          canonicalUrl: z.string(),
          applicableCodes: z.array(z.string()),
          applicable: z.number().int(),
          assessed: z.number().int(),
          lastAssessedAt: isoDate.nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listManualScoringAccounts(ctx.sql, { search: input.search || undefined, limit: input.limit })),

  /** The latest manual assessment of each criterion of an account. */
  manualAssessments: monitorProcedure
    .input(z.object({ accountId: id }))
    .output(
      z.array(
        z.object({ id, criterionCode: z.string(), score: z.number().int().nullable(), note: z.string().nullable(), validFrom: z.string(), assessedAt: isoDate, assessedBy: z.string().nullable() }),
      ),
    )
    .query(({ ctx, input }) => listAccountManualAssessments(ctx.sql, input.accountId)),

  /** Records a monitor's score for a manual criterion (null: does not apply, with the reason in the note) and rescores the account's periods from that date. */
  recordManual: monitorProcedure
    .input(
      z.object({
        accountId: id,
        criterionCode: z.string().min(1).max(100),
        score: z.number().int().nullable(),
        validFrom: z.iso.date(),
        note: z.string().trim().max(2000).optional(),
      }),
    )
    .output(z.object({ id, rescored: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      return inTransaction(ctx.sql, async (tx) => {
        const assessmentId = await recordManualAssessment(tx, { ...input, note: input.note || undefined }, actor);
        const rescored = await rescoreAffected(tx, { accountId: input.accountId, at: new Date(`${input.validFrom}T12:00:00Z`) });
        return { id: assessmentId, rescored };
      });
    }),
});
