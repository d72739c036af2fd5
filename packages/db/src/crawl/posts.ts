import type { Queryable } from '../client';
import { boundText, chunked, POST_TEXT_LIMIT } from './text';

export interface CrawledPost {
  externalId: string;
  url: string;
  publishedAt: Date;
  editedAt: Date | null;
  text: string;
  isPinned: boolean;
  isAd: boolean;
  likes: number;
  reposts: number;
  comments: number;
  views: number | null;
  commentsOpen: boolean | null;
}

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
  const before = await sql<{ id: number; externalId: string; text: string; editedAt: Date | null; commentsReadAt: Date | null }[]>`
    SELECT id, external_id AS "externalId", text, edited_at AS "editedAt", comments_read_at AS "commentsReadAt"
    FROM posts WHERE account_id = ${accountId} AND external_id = ANY(${ids}::text[])`;
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
  if (edits.length > 0) await sql`INSERT INTO post_edits ${sql(edits)}`;

  const stored: { id: number; externalId: string; publishedAt: Date; inserted: boolean }[] = [];
  for (const chunk of chunked(rows)) {
    // A partitioned table cannot return xmax: a row is new when its id was not there before.
    const upserted = await sql<{ id: number; externalId: string; publishedAt: Date }[]>`
        INSERT INTO posts ${sql(chunk)}
        ON CONFLICT (account_id, external_id, published_at) DO UPDATE SET
          url = excluded.url, published_at = excluded.published_at, edited_at = excluded.edited_at,
          text = excluded.text, text_truncated = excluded.text_truncated, is_pinned = excluded.is_pinned,
          is_ad = excluded.is_ad, likes = excluded.likes, reposts = excluded.reposts,
          comments_count = excluded.comments_count, views = excluded.views, comments_open = excluded.comments_open,
          last_seen_at = GREATEST(posts.last_seen_at, excluded.last_seen_at)
        RETURNING id, external_id AS "externalId", published_at AS "publishedAt"`;
    stored.push(...upserted.map((row) => ({ ...row, inserted: previous.get(row.externalId)?.id !== row.id })));
  }

  const counters = unique.map((post, index) => ({
    post_id: stored.find((s) => s.externalId === post.externalId)!.id,
    observed_at: observedAt,
    likes: rows[index]!.likes,
    reposts: rows[index]!.reposts,
    comments: rows[index]!.comments_count,
    views: rows[index]!.views,
  }));
  await sql`
    INSERT INTO post_counters ${sql(counters)}
    ON CONFLICT (post_id, observed_at) DO UPDATE SET
      likes = excluded.likes, reposts = excluded.reposts, comments = excluded.comments, views = excluded.views`;

  const postIds = stored.map((s) => s.id);
  const live = await sql<{ postId: number; n: number }[]>`
    SELECT post_id AS "postId", count(*)::int AS n FROM comments
    WHERE post_id = ANY(${postIds}::bigint[]) AND deleted_at IS NULL GROUP BY post_id`;
  const liveByPost = new Map(live.map((row) => [row.postId, row.n]));
  return stored.map((s) => ({
    ...s,
    commentsReadAt: previous.get(s.externalId)?.commentsReadAt ?? null,
    liveComments: liveByPost.get(s.id) ?? 0,
  }));
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
