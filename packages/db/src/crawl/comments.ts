import type { Queryable } from '../client';
import { boundText, chunked, COMMENT_TEXT_LIMIT } from './text';

/** A comment ready for storage: authors already replaced by pseudonyms. */
export interface CrawledComment {
  externalId: string;
  url: string;
  authorPseudonym: string;
  fromPage: boolean;
  publishedAt: Date;
  text: string;
  threadRootExternalId: string | null;
  replyToCommentExternalId: string | null;
  replyToUserPseudonym: string | null;
  /** The network shows the comment as deleted (a stub kept because it has replies). */
  deleted: boolean;
}

export interface CommentsOutcome {
  inserted: number;
  edited: number;
  /** Newly marked deleted by the network or found missing on this read. */
  deleted: number;
  /** Previously marked deleted or missing, seen alive again. */
  restored: number;
}

/**
 * Stores the complete list of one post's comments as read at `seenAt`. New comments are
 * inserted, changed texts recorded in comment_edits, comments the network shows as deleted or
 * that are missing from the list keep their row and text with `deleted_at` (evidence), and
 * thread and reply links are resolved to row ids. Idempotent: the same list twice changes nothing
 * but `last_seen_at`.
 */
export async function upsertComments(sql: Queryable, input: { postId: number; accountId: number; comments: CrawledComment[]; seenAt: Date }): Promise<CommentsOutcome> {
  const { postId, accountId, seenAt } = input;
  const comments = [...new Map(input.comments.map((c) => [c.externalId, c])).values()];
  const before = await sql<{ id: number; externalId: string; text: string; deleted: boolean }[]>`
    SELECT id, external_id AS "externalId", text, deleted_at IS NOT NULL AS deleted FROM comments WHERE post_id = ${postId}`;
  const previous = new Map(before.map((row) => [row.externalId, row]));
  // A partitioned table cannot return xmax: a row is new when its id was not there before.
  const existingIds = before.map((row) => row.id);

  const rows = comments.map((comment) => {
    const { text, truncated } = boundText(comment.text, COMMENT_TEXT_LIMIT);
    return {
      post_id: postId,
      account_id: accountId,
      external_id: comment.externalId,
      url: comment.url,
      author_pseudonym: comment.authorPseudonym,
      from_page: comment.fromPage,
      published_at: comment.publishedAt,
      text,
      text_truncated: truncated,
      thread_root_external_id: comment.threadRootExternalId,
      reply_to_comment_external_id: comment.replyToCommentExternalId,
      reply_to_user_pseudonym: comment.replyToUserPseudonym,
      first_seen_at: seenAt,
      last_seen_at: seenAt,
      edited_seen_at: null as Date | null,
      deleted_at: comment.deleted ? seenAt : null,
      deletion_reason: comment.deleted ? 'deleted' : null,
    };
  });

  let edited = 0;
  let deleted = 0;
  let restored = 0;
  const edits: { comment_id: number; seen_at: Date; previous_text: string }[] = [];
  for (const row of rows) {
    const old = previous.get(row.external_id);
    if (!old) continue;
    if (row.deleted_at !== null) {
      if (!old.deleted) deleted += 1;
    } else {
      if (old.deleted) restored += 1;
      if (old.text !== row.text) {
        edits.push({ comment_id: old.id, seen_at: seenAt, previous_text: old.text });
        edited += 1;
      }
    }
  }
  // Edits, the comments (new or re-read), those missing from the complete list (marked deleted: the
  // row stays as evidence) and the post marked read: one statement a chunk (the last one marks). The
  // missing ones are not in the list, so no row is written twice by one statement.
  const seenIds = rows.map((r) => r.external_id);
  const markMissing = sql`
    missing AS (
      UPDATE comments SET deleted_at = ${seenAt}, deletion_reason = 'missing'
      WHERE post_id = ${postId} AND deleted_at IS NULL AND NOT (external_id = ANY(${seenIds}::text[]))
      RETURNING id
    ), read AS (
      UPDATE posts SET comments_read_at = ${seenAt} WHERE id = ${postId} RETURNING id
    )`;
  const chunks = chunked(rows);
  if (chunks.length === 0) {
    const [marked] = await sql<{ missing: number }[]>`WITH ${markMissing} SELECT (SELECT count(*)::int FROM missing) AS missing, (SELECT count(*)::int FROM read) AS read`;
    deleted += marked?.missing ?? 0;
  }
  let inserted = 0;
  for (const [index, chunk] of chunks.entries()) {
    const recordEdits =
      index === 0 && edits.length > 0
        ? sql`
      edits AS (
        INSERT INTO comment_edits (comment_id, seen_at, previous_text)
        SELECT comment_id, seen_at, previous_text FROM jsonb_to_recordset(${sql.json(edits as never)}) AS t(comment_id bigint, seen_at timestamptz, previous_text text)
      ),`
        : sql``;
    const last = index === chunks.length - 1;
    const [result] = await sql<{ inserted: number; missing: number }[]>`
      WITH ${recordEdits} upserted AS (
        INSERT INTO comments ${sql(chunk)}
        ON CONFLICT (post_id, external_id, published_at) DO UPDATE SET
          url = excluded.url,
          text = CASE WHEN excluded.deleted_at IS NULL THEN excluded.text ELSE comments.text END,
          text_truncated = CASE WHEN excluded.deleted_at IS NULL THEN excluded.text_truncated ELSE comments.text_truncated END,
          author_pseudonym = CASE WHEN excluded.deleted_at IS NULL THEN excluded.author_pseudonym ELSE comments.author_pseudonym END,
          from_page = CASE WHEN excluded.deleted_at IS NULL THEN excluded.from_page ELSE comments.from_page END,
          thread_root_external_id = COALESCE(excluded.thread_root_external_id, comments.thread_root_external_id),
          reply_to_comment_external_id = COALESCE(excluded.reply_to_comment_external_id, comments.reply_to_comment_external_id),
          reply_to_user_pseudonym = COALESCE(excluded.reply_to_user_pseudonym, comments.reply_to_user_pseudonym),
          last_seen_at = GREATEST(comments.last_seen_at, excluded.last_seen_at),
          edited_seen_at = CASE WHEN excluded.deleted_at IS NULL AND excluded.text <> comments.text
                                THEN excluded.last_seen_at ELSE comments.edited_seen_at END,
          deleted_at = CASE WHEN excluded.deleted_at IS NULL THEN NULL ELSE COALESCE(comments.deleted_at, excluded.deleted_at) END,
          deletion_reason = CASE WHEN excluded.deleted_at IS NULL THEN NULL ELSE 'deleted' END
        RETURNING id
      )${last ? sql`, ${markMissing}` : sql``}
      SELECT (SELECT count(*)::int FROM upserted WHERE NOT (id = ANY(${existingIds}::bigint[]))) AS inserted,
             ${last ? sql`(SELECT count(*)::int FROM missing) AS missing, (SELECT count(*)::int FROM read) AS read` : sql`0 AS missing`}`;
    inserted += result?.inserted ?? 0;
    deleted += result?.missing ?? 0;
  }

  // Thread and reply links by external id → row id (a parent may have arrived in the same list).
  // The target is limited to the post too: joined by id alone, the planner sorted every partition's
  // rows for each post (the first 100× pass slowed as the table grew, and held the account's lock).
  await sql`
    UPDATE comments c SET thread_root_id = links.root_id, reply_to_comment_id = links.reply_id
    FROM (
      SELECT c2.id, r.id AS root_id, q.id AS reply_id
      FROM comments c2
      LEFT JOIN comments r ON r.post_id = c2.post_id AND r.external_id = c2.thread_root_external_id
      LEFT JOIN comments q ON q.post_id = c2.post_id AND q.external_id = c2.reply_to_comment_external_id
      WHERE c2.post_id = ${postId} AND (c2.thread_root_external_id IS NOT NULL OR c2.reply_to_comment_external_id IS NOT NULL)
    ) AS links
    WHERE c.post_id = ${postId} AND c.id = links.id
      AND (c.thread_root_id IS DISTINCT FROM links.root_id OR c.reply_to_comment_id IS DISTINCT FROM links.reply_id)`;
  return { inserted, edited, deleted, restored };
}
