import { z } from 'zod';
import { listMethodologyVersions } from '@most/db';
import { loadMethodology } from '@most/db/scoring';
import { isoDate } from '../schemas';
import { publicProcedure, router } from '../trpc';

const versionSchema = z.object({
  version: z.number().int().positive(),
  title: z.string(),
  /** The whole methodology: criteria with weights, thresholds and applicability, SLA policy. */
  definition: z.unknown(),
  createdAt: isoDate,
  locked: z.boolean(),
});

export const methodologyRouter = router({
  /** Every version, newest first; a locked version is used by a published ranking and never changes. */
  versions: publicProcedure.output(z.array(versionSchema)).query(({ ctx }) => listMethodologyVersions(ctx.sql)),

  /** One version (the newest when none is given). */
  get: publicProcedure
    .input(z.object({ version: z.number().int().positive().optional() }).default({}))
    .output(z.object({ methodology: z.unknown(), locked: z.boolean() }))
    .query(({ ctx, input }) => loadMethodology(ctx.sql, input.version)),
});
