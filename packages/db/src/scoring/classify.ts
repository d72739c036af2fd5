import { classifyComment } from '@most/domain';
import type { Queryable } from '../client';

/** Bumped whenever the rules or lexicons change meaningfully; older verdicts are redone (rules-2: "me too"). */
export const CLASSIFIER_VERSION = 'rules-2';
const BATCH = 10_000;

export interface ClassifyScope {
  accountIds?: readonly number[];
  /** Only comments published at or after this instant. */
  since?: Date;
}

/**
 * Classifies every citizen comment that has no classification yet, or one by an older classifier
 * version that no monitor overrode, in keyset-paged batches so memory stays flat. Purged comments
 * (empty text) are skipped and keep their verdict. Returns how many were stored.
 */
export async function classifyPendingComments(sql: Queryable, scope: ClassifyScope = {}, now = new Date()): Promise<number> {
  let afterId = 0;
  let stored = 0;
  // The previous batch's INSERT runs while the next batch is read and classified.
  let writing: Promise<number> | null = null;
  let batches = 0;
  for (;;) {
    const rows = await sql<{ id: number; accountId: number; text: string }[]>`
      SELECT c.id, c.account_id AS "accountId", c.text FROM comments c
      WHERE c.id > ${afterId} AND NOT c.from_page AND c.text <> ''
        AND NOT EXISTS (SELECT 1 FROM comment_classifications cc
                        WHERE cc.comment_id = c.id AND (cc.classifier_version = ${CLASSIFIER_VERSION} OR cc.overridden_at IS NOT NULL))
        ${scope.accountIds ? sql`AND c.account_id = ANY(${scope.accountIds as number[]}::bigint[])` : sql``}
        ${scope.since ? sql`AND c.published_at >= ${scope.since}` : sql``}
      ORDER BY c.id LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1]!.id;
    const batch = rows.map((row) => {
      const result = classifyComment(row.text);
      return {
        comment_id: row.id,
        account_id: row.accountId,
        category: result.category,
        needs_answer: result.needsAnswer,
        confidence: result.confidence,
        reasons: result.reasons,
      };
    });
    if (writing) stored += await writing;
    // Keep statistics current while the table grows, so the anti-join above stays an index probe.
    if (batches === 1 || (batches > 0 && batches % 10 === 0)) await sql`ANALYZE comment_classifications`;
    batches += 1;
    writing = sql`
      INSERT INTO comment_classifications (comment_id, account_id, category, needs_answer, confidence, reasons, classifier_version, classified_at)
      SELECT comment_id, account_id, category, needs_answer, confidence, ARRAY(SELECT jsonb_array_elements_text(reasons)), ${CLASSIFIER_VERSION}, ${now}
      FROM jsonb_to_recordset(${sql.json(batch as never)})
        AS t(comment_id bigint, account_id bigint, category text, needs_answer boolean, confidence real, reasons jsonb)
      ON CONFLICT (comment_id) DO UPDATE SET category = EXCLUDED.category, needs_answer = EXCLUDED.needs_answer, confidence = EXCLUDED.confidence,
        reasons = EXCLUDED.reasons, classifier_version = EXCLUDED.classifier_version, classified_at = EXCLUDED.classified_at
      WHERE comment_classifications.overridden_at IS NULL`.then((result) => result.count);
    writing.catch(() => {}); // handled by the await above or below; avoids an unhandled rejection meanwhile
    if (rows.length < BATCH) break;
  }
  if (writing) stored += await writing;
  return stored;
}

/** The monitors' review queue: unreviewed classifications, least confident first. */
export async function classificationReviewQueue(sql: Queryable, input: { accountId?: number; limit?: number }) {
  return sql<{ commentId: number; accountId: number; category: string; needsAnswer: boolean; confidence: number; reasons: string[]; url: string; publishedAt: Date }[]>`
    SELECT cc.comment_id AS "commentId", cc.account_id AS "accountId", cc.category, cc.needs_answer AS "needsAnswer", cc.confidence, cc.reasons,
           c.url, c.published_at AS "publishedAt"
    FROM comment_classifications cc JOIN comments c ON c.id = cc.comment_id
    WHERE cc.overridden_at IS NULL ${input.accountId ? sql`AND cc.account_id = ${input.accountId}` : sql``}
    ORDER BY cc.confidence, cc.comment_id
    LIMIT ${Math.min(input.limit ?? 100, 500)}`;
}
