import { z } from 'zod';
import { classificationReviewQueue, overrideClassification, rescoreAffected } from '@most/db/scoring';
import type { Sql } from '@most/db';
import { id, isoDate } from '../schemas';
import { monitorProcedure, router } from '../trpc';

const CATEGORIES = ['question', 'request', 'complaint', 'gratitude', 'opinion', 'greeting', 'spam', 'other'] as const;

export const reviewsRouter = router({
  /** Automatic question detections nobody has reviewed yet, least confident first. */
  queue: monitorProcedure
    .input(z.object({ accountId: id.optional(), limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .output(
      z.array(
        z.object({
          commentId: id,
          accountId: id,
          category: z.string(),
          needsAnswer: z.boolean(),
          confidence: z.number(),
          reasons: z.array(z.string()),
          url: z.string(),
          publishedAt: isoDate,
        }),
      ),
    )
    .query(({ ctx, input }) => classificationReviewQueue(ctx.sql, input)),

  /** A monitor's decision on whether a comment needs an answer; the account's periods are rescored. */
  decide: monitorProcedure
    .input(z.object({ commentId: id, needsAnswer: z.boolean(), category: z.enum(CATEGORIES).optional(), reason: z.string().trim().min(1).max(2000) }))
    .output(z.object({ rescored: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const actor = { id: ctx.user.id, label: ctx.user.email };
      return ctx.sql.begin(async (transaction) => {
        const tx = transaction as unknown as Sql;
        const comment = await overrideClassification(tx, input, actor);
        return { rescored: await rescoreAffected(tx, { accountId: comment.accountId, at: comment.publishedAt }) };
      });
    }),
});
