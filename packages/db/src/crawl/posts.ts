import type { NetworkPost } from '@most/shared';
import type { Queryable } from '../client';
import { boundText, chunked, POST_TEXT_LIMIT } from './text';

export type CrawledPost = NetworkPost;

export interface StoredPost {
  id: number;
  externalId: string;
  publishedAt: Date;
  inserted: boolean;
  /** When this post's comments were last read (before this call); null if never. */
  commentsReadAt: Date | null;
  /** Stored comments not marked deleted. */
  liveComments: number;
}

/** The network reports an edit time it did not report before (the text may be unchanged, e.g. attachments). */
const isNewEdit = (before: Date | null, now: Date | null) => now !== null && (before === null || before.getTime() !== now.getTime());

const dedupe = <T extends { externalId: string }>(items: T[]): T[] => [...new Map(items.map((i) => [i.externalId, i])).values()];

/**
 * Upserts one page of an account's posts seen at `observedAt` (the crawl run's start): current
 * fields, one counters row per post and run, and a post_edits row (with the previous text) whenever
 * the text changed or the network reports a new edit time.
 */
export async function upsertPosts(sql: Queryable, accountId: number, posts: CrawledPost[], observedAt: Date): Promise<StoredPost[]> {
  const unique = dedupe(posts);
  if (unique.length === 0) return [];
  const ids = unique.map((p) => p.externalId);
  // The stored posts with their live comments, in one round trip (a new post has none).
  const before = await sql<{ id: number; externalId: string; text: string; editedAt: Date | null; commentsReadAt: Date | null; liveComments: number }[]>`
    SELECT p.id, p.external_id AS "externalId", p.text, p.edited_at AS "editedAt", p.comments_read_at AS "commentsReadAt",
           (SELECT count(*)::int FROM comments c WHERE c.post_id = p.id AND c.deleted_at IS NULL) AS "liveComments"
    FROM posts p WHERE p.account_id = ${accountId} AND p.external_id = ANY(${ids}::text[])`;
  const previous = new Map(before.map((row) => [row.externalId, row]));

  const rows = unique.map((post) => {
    const { text, truncated } = boundText(post.text, POST_TEXT_LIMIT);
    return {
      account_id: accountId,
      external_id: post.externalId,
      url: post.url,
      published_at: post.publishedAt,
      edited_at: post.editedAt,
      text,
      text_truncated: truncated,
      is_pinned: post.isPinned,
      is_ad: post.isAd,
      likes: post.likes,
      reposts: post.reposts,
      comments_count: post.comments,
      views: post.views,
      comments_open: post.commentsOpen,
      first_seen_at: observedAt,
      last_seen_at: observedAt,
    };
  });

  const edits = rows
    .map((row) => ({ row, old: previous.get(row.external_id) }))
    .filter(({ row, old }) => old !== undefined && (old.text !== row.text || isNewEdit(old.editedAt, row.edited_at)))
    .map(({ row, old }) => ({ post_id: old!.id, seen_at: observedAt, edited_at: row.edited_at, previous_text: old!.text }));

  // Edits, the posts and their counters row of this run: one statement a chunk.
  const stored = new Map<string, { id: number; externalId: string; publishedAt: Date; inserted: boolean }>();
  for (const [index, chunk] of chunked(rows).entries()) {
    const recordEdits =
      index === 0 && edits.length > 0
        ? sql`
      edits AS (
        INSERT INTO post_edits (post_id, seen_at, edited_at, previous_text)
        SELECT post_id, seen_at, edited_at, previous_text
        FROM jsonb_to_recordset(${sql.json(edits as never)}) AS t(post_id bigint, seen_at timestamptz, edited_at timestamptz, previous_text text)
      ),`
        : sql``;
    const written = await sql<{ id: number; externalId: string; publishedAt: Date; inserted: boolean }[]>`
      WITH ${recordEdits} upserted AS (
        INSERT INTO posts ${sql(chunk)}
        ON CONFLICT (account_id, external_id) DO UPDATE SET
          url = excluded.url, published_at = excluded.published_at, edited_at = excluded.edited_at,
          text = excluded.text, text_truncated = excluded.text_truncated, is_pinned = excluded.is_pinned,
          is_ad = excluded.is_ad, likes = excluded.likes, reposts = excluded.reposts,
          comments_count = excluded.comments_count, views = excluded.views, comments_open = excluded.comments_open,
          last_seen_at = GREATEST(posts.last_seen_at, excluded.last_seen_at)
        RETURNING id, external_id, published_at, likes, reposts, comments_count, views, (xmax = 0) AS inserted
      ), counters AS (
        INSERT INTO post_counters (post_id, observed_at, likes, reposts, comments, views)
        SELECT id, ${observedAt}::timestamptz, likes, reposts, comments_count, views FROM upserted
        ON CONFLICT (post_id, observed_at) DO UPDATE SET
          likes = excluded.likes, reposts = excluded.reposts, comments = excluded.comments, views = excluded.views
      )
      SELECT id, external_id AS "externalId", published_at AS "publishedAt", inserted FROM upserted`;
    for (const row of written) stored.set(row.externalId, row);
  }

  return unique.map((post) => {
    const row = stored.get(post.externalId)!;
    const old = previous.get(post.externalId);
    return { ...row, commentsReadAt: old?.commentsReadAt ?? null, liveComments: old?.liveComments ?? 0 };
  });
}

export interface Watermark {
  externalId: string;
  publishedAt: Date;
}

export async function getWatermark(sql: Queryable, accountId: number): Promise<Watermark | null> {
  const [row] = await sql<Watermark[]>`
    SELECT newest_post_external_id AS "externalId", newest_post_at AS "publishedAt" FROM crawl_watermarks WHERE account_id = ${accountId}`;
  return row ?? null;
}

/** Moves the account's watermark forward (never back) once a posts crawl has completed. */
export async function advanceWatermark(sql: Queryable, accountId: number, newest: Watermark, at: Date): Promise<void> {
  await sql`
    INSERT INTO crawl_watermarks (account_id, newest_post_external_id, newest_post_at, updated_at)
    VALUES (${accountId}, ${newest.externalId}, ${newest.publishedAt}, ${at})
    ON CONFLICT (account_id) DO UPDATE SET
      newest_post_external_id = excluded.newest_post_external_id, newest_post_at = excluded.newest_post_at, updated_at = excluded.updated_at
    WHERE crawl_watermarks.newest_post_at < excluded.newest_post_at`;
}
