import type { CommentCategory } from '@most/domain';
import type { Queryable } from '../client';

/** Where a comment belongs: its account, when it was published, and whether the page wrote it. */
export interface CommentRef {
  accountId: number;
  publishedAt: Date;
  fromPage: boolean;
}

export async function loadCommentRef(sql: Queryable, commentId: number): Promise<CommentRef | undefined> {
  const [comment] = await sql<CommentRef[]>`
    SELECT account_id AS "accountId", published_at AS "publishedAt", from_page AS "fromPage" FROM comments WHERE id = ${commentId}`;
  return comment;
}

/** A comment's classification as it counts now (a monitor's override when there is one). */
export async function effectiveClassification(sql: Queryable, commentId: number): Promise<{ category: string; needsAnswer: boolean } | undefined> {
  const [row] = await sql<{ category: string; needsAnswer: boolean }[]>`
    SELECT effective_category AS category, effective_needs_answer AS "needsAnswer" FROM comment_classifications WHERE comment_id = ${commentId}`;
  return row;
}

/** Stores a monitor's classification of a comment; it wins over the classifier's. */
export async function writeClassificationOverride(
  sql: Queryable,
  input: { commentId: number; accountId: number; category: CommentCategory; needsAnswer: boolean; reason: string; actorId: number | null },
): Promise<void> {
  await sql`
    INSERT INTO comment_classifications (comment_id, account_id, category, needs_answer, confidence, reasons, classifier_version, classified_at,
                                         override_category, override_needs_answer, override_reason, overridden_by, overridden_at)
    VALUES (${input.commentId}, ${input.accountId}, ${input.category}, ${input.needsAnswer}, 1, '{manual}', 'manual', now(),
            ${input.category}, ${input.needsAnswer}, ${input.reason}, ${input.actorId}, now())
    ON CONFLICT (comment_id) DO UPDATE SET override_category = EXCLUDED.override_category, override_needs_answer = EXCLUDED.override_needs_answer,
      override_reason = EXCLUDED.override_reason, overridden_by = EXCLUDED.overridden_by, overridden_at = EXCLUDED.overridden_at`;
}

/** A monitor's mark on a page reply: the substantive answer or only an intermediate one. */
export async function writeResponseMark(sql: Queryable, commentId: number, kind: 'substantive' | 'intermediate', actorId: number | null): Promise<void> {
  await sql`
    INSERT INTO response_marks (comment_id, kind, marked_by) VALUES (${commentId}, ${kind}, ${actorId})
    ON CONFLICT (comment_id) DO UPDATE SET kind = EXCLUDED.kind, marked_by = EXCLUDED.marked_by, marked_at = now()`;
}
