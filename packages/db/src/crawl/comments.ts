import type { Queryable } from '../client';
import { boundText, chunked, COMMENT_TEXT_LIMIT } from './text';

const DAY_MS = 86_400_000;

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

/** A stored comment of the post as read before the upsert. */
export interface StoredComment {
  id: number;
  externalId: string;
  text: string;
  deleted: boolean;
  deletionReason: string | null;
  url: string;
  authorPseudonym: string;
  fromPage: boolean;
  publishedAt: Date;
  replyToUserPseudonym: string | null;
  threadRootExternalId: string | null;
  replyToCommentExternalId: string | null;
  threadRootId: number | null;
  replyToCommentId: number | null;
}

interface LinkUpdate {
  id: number;
  root_id: number | null;
  reply_id: number | null;
}

/** Would the upsert leave the stored comment as it is (apart from `last_seen_at`)? */
function unchanged(
  old: StoredComment | undefined,
  row: {
    url: string;
    text: string;
    author_pseudonym: string;
    from_page: boolean;
    published_at: Date;
    deleted_at: Date | null;
    thread_root_external_id: string | null;
    reply_to_comment_external_id: string | null;
    reply_to_user_pseudonym: string | null;
  },
): boolean {
  if (!old) return false;
  // The upsert keeps a stored reference the network no longer sends.
  const references =
    (row.thread_root_external_id ?? old.threadRootExternalId) === old.threadRootExternalId &&
    (row.reply_to_comment_external_id ?? old.replyToCommentExternalId) === old.replyToCommentExternalId &&
    (row.reply_to_user_pseudonym ?? old.replyToUserPseudonym) === old.replyToUserPseudonym;
  if (!references || old.url !== row.url || old.publishedAt.getTime() !== row.published_at.getTime()) return false;
  // A deleted stub keeps the stored text and author; only its reason may change (missing → deleted).
  if (row.deleted_at !== null) return old.deletionReason === 'deleted';
  return !old.deleted && old.text === row.text && old.authorPseudonym === row.author_pseudonym && old.fromPage === row.from_page;
}

/**
 * The comments of a post whose thread or reply link (row ids) differs from what their external ids
 * point at now. A re-read keeps a stored external id the network no longer sends (as the upsert does);
 * a parent not stored resolves to null.
 */
export function changedLinks(
  before: StoredComment[],
  incoming: { external_id: string; thread_root_external_id: string | null; reply_to_comment_external_id: string | null }[],
  idOf: Map<string, number>,
): LinkUpdate[] {
  const stored = new Map(before.map((row) => [row.externalId, row]));
  const all = new Map<string, { root: string | null; reply: string | null }>(before.map((row) => [row.externalId, { root: row.threadRootExternalId, reply: row.replyToCommentExternalId }]));
  for (const row of incoming) {
    const old = all.get(row.external_id);
    all.set(row.external_id, { root: row.thread_root_external_id ?? old?.root ?? null, reply: row.reply_to_comment_external_id ?? old?.reply ?? null });
  }
  const updates: LinkUpdate[] = [];
  for (const [externalId, refs] of all) {
    const id = idOf.get(externalId);
    if (id === undefined) continue;
    const root = refs.root === null ? null : (idOf.get(refs.root) ?? null);
    const reply = refs.reply === null ? null : (idOf.get(refs.reply) ?? null);
    const old = stored.get(externalId);
    if ((old?.threadRootId ?? null) !== root || (old?.replyToCommentId ?? null) !== reply) updates.push({ id, root_id: root, reply_id: reply });
  }
  return updates;
}

/**
 * Stores the complete list of one post's comments as read at `seenAt`. New comments are
 * inserted, changed texts recorded in comment_edits, comments the network shows as deleted or
 * that are missing from the list keep their row and text with `deleted_at` (evidence), and
 * thread and reply links are resolved to row ids. Idempotent: the same list twice writes no comment
 * row (only the post's `comments_read_at`).
 */
export async function upsertComments(
  sql: Queryable,
  input: { postId: number /** When known, the post's lookups visit only the partitions that can hold it. */; postPublishedAt?: Date; accountId: number; comments: CrawledComment[]; seenAt: Date },
): Promise<CommentsOutcome> {
  const { postId, accountId, seenAt } = input;
  const comments = [...new Map(input.comments.map((c) => [c.externalId, c])).values()];
  // Partitions are by month of publication: a post's comments come after it (a day's slack for the
  // networks' clocks), and the post itself is in its own month. By post id alone, every month is searched.
  const published = input.postPublishedAt?.getTime();
  const ofPost = published === undefined ? sql`` : sql`AND published_at >= ${new Date(published - DAY_MS)}`;
  const postRow = published === undefined ? sql`` : sql`AND published_at BETWEEN ${new Date(published - DAY_MS)} AND ${new Date(published + DAY_MS)}`;
  const before = await sql<StoredComment[]>`
    SELECT id, external_id AS "externalId", text, deleted_at IS NOT NULL AS deleted, deletion_reason AS "deletionReason", url,
           author_pseudonym AS "authorPseudonym", from_page AS "fromPage", published_at AS "publishedAt", reply_to_user_pseudonym AS "replyToUserPseudonym",
           thread_root_external_id AS "threadRootExternalId", reply_to_comment_external_id AS "replyToCommentExternalId",
           thread_root_id AS "threadRootId", reply_to_comment_id AS "replyToCommentId"
    FROM comments WHERE post_id = ${postId} ${ofPost}`;
  const previous = new Map(before.map((row) => [row.externalId, row]));
  // A partitioned table cannot return xmax: a row is new when its id was not there before.
  const existingIds = new Set(before.map((row) => row.id));

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
      WHERE post_id = ${postId} ${ofPost} AND deleted_at IS NULL AND NOT (external_id = ANY(${seenIds}::text[]))
      RETURNING id
    ), read AS (
      UPDATE posts SET comments_read_at = ${seenAt} WHERE id = ${postId} ${postRow} RETURNING id
    )`;
  // A comment read again exactly as stored is not rewritten (hourly re-reads find most comments so):
  // no new row version, index entries or WAL for it. The post's comments_read_at says when it was last seen.
  const chunks = chunked(rows.filter((row) => !unchanged(previous.get(row.external_id), row)));
  if (chunks.length === 0) {
    const [marked] = await sql<{ missing: number }[]>`WITH ${markMissing} SELECT (SELECT count(*)::int FROM missing) AS missing, (SELECT count(*)::int FROM read) AS read`;
    deleted += marked?.missing ?? 0;
  }
  let inserted = 0;
  const idOf = new Map(before.map((row) => [row.externalId, row.id]));
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
    const written = await sql<{ id: number; externalId: string; missing: number }[]>`
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
        RETURNING id, external_id
      )${last ? sql`, ${markMissing}` : sql``}
      SELECT id, external_id AS "externalId", ${last ? sql`(SELECT count(*)::int FROM missing) AS missing, (SELECT count(*)::int FROM read) AS read` : sql`0 AS missing`}
      FROM upserted`;
    for (const row of written) {
      if (!existingIds.has(row.id)) inserted += 1;
      idOf.set(row.externalId, row.id);
    }
    deleted += written[0]?.missing ?? 0;
  }

  // Thread and reply links by external id → row id, resolved here from the ids just read and written
  // (a parent may have arrived in the same list); only links that change are written, so a re-read of
  // an unchanged thread writes none.
  const relinked = changedLinks(before, rows, idOf);
  if (relinked.length > 0) {
    await sql`
      UPDATE comments c SET thread_root_id = l.root_id, reply_to_comment_id = l.reply_id
      FROM jsonb_to_recordset(${sql.json(relinked as never)}) AS l(id bigint, root_id bigint, reply_id bigint)
      WHERE c.post_id = ${postId} ${published === undefined ? sql`` : sql`AND c.published_at >= ${new Date(published - DAY_MS)}`} AND c.id = l.id`;
  }
  return { inserted, edited, deleted, restored };
}
