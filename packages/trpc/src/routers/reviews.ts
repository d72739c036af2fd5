import { z } from 'zod';
import { overrideClassification, rescoreAffected } from '@most/services';
import { classificationReviewQueue, reviewContexts } from '@most/db/scoring';
import { describeClassifierReasons } from '@most/domain';
import { networkSchema } from '@most/shared';
import { id, isoDate } from '../schemas';
import { monitorProcedure, router } from '../trpc';
import { inTransaction } from '@most/db';

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
          /** The classifier's reasons in Russian. */
          reasons: z.array(z.string()),
          url: z.string(),
          publishedAt: isoDate,
          /** Redacted comment text; null once purged after the retention period. */
          text: z.string().nullable(),
          textTruncated: z.boolean(),
          post: z.object({ url: z.string(), excerpt: z.string().nullable(), publishedAt: isoDate }),
          page: z.object({ accountId: id, network: networkSchema, canonicalUrl: z.string() }),
          organization: z.object({ id, name: z.string() }),
          thread: z.array(
            z.object({
              commentId: id,
              text: z.string().nullable(),
              publishedAt: isoDate,
              fromPage: z.boolean(),
              author: z.string(),
              isCurrent: z.boolean(),
              isParent: z.boolean(),
              url: z.string(),
            }),
          ),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const queue = await classificationReviewQueue(ctx.sql, input);
      const contexts = await reviewContexts(
        ctx.sql,
        queue.map((item) => item.commentId),
      );
      return queue.flatMap((item) => {
        const context = contexts.get(Number(item.commentId));
        return context ? [{ ...item, ...context, reasons: describeClassifierReasons(item.reasons) }] : [];
      });
    }),

  /** A monitor's decision on whether a comment needs an answer; the account's periods are rescored. */
  decide: monitorProcedure
    .input(z.object({ commentId: id, needsAnswer: z.boolean(), category: z.enum(CATEGORIES).optional(), reason: z.string().trim().min(1).max(2000) }))
    .output(z.object({ rescored: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      return inTransaction(ctx.sql, async (tx) => {
        const comment = await overrideClassification(tx, input, actor);
        return { rescored: await rescoreAffected(tx, { accountId: comment.accountId, at: comment.publishedAt }) };
      });
    }),
});
