import { pseudonymLabel, redactPersonalData } from '@most/domain';
import type { Network } from '@most/shared';
import type { Queryable } from '../client';

/** Comments shown around the one under review: its thread, bounded. */
const THREAD_LIMIT = 40;
const POST_EXCERPT_CHARS = 400;

export interface ReviewThreadItem {
  commentId: number;
  /** Redacted text; null once the text was purged after the retention period. */
  text: string | null;
  publishedAt: Date;
  fromPage: boolean;
  /** A short pseudonym label telling citizens of the thread apart (never an identity). */
  author: string;
  isCurrent: boolean;
  /** The comment the one under review answers. */
  isParent: boolean;
  url: string;
}

export interface ReviewContext {
  commentId: number;
  text: string | null;
  textTruncated: boolean;
  post: { url: string; excerpt: string | null; publishedAt: Date };
  page: { accountId: number; network: Network; canonicalUrl: string };
  organization: { id: number; name: string };
  thread: ReviewThreadItem[];
}

const redacted = (text: string) => (text.trim() === '' ? null : redactPersonalData(text));

/**
 * What a monitor needs to decide on comments without leaving for the network: the comment's text,
 * its post, its thread (root, replies, the page's own replies), the page and the organization.
 * Citizens' text is redacted here, on the server.
 */
export async function reviewContexts(sql: Queryable, commentIds: readonly number[]): Promise<Map<number, ReviewContext>> {
  if (commentIds.length === 0) return new Map();
  const rows = await sql<
    {
      commentId: number;
      text: string;
      textTruncated: boolean;
      rootId: number;
      replyToId: number | null;
      postUrl: string;
      postText: string;
      postPublishedAt: Date;
      accountId: number;
      network: Network;
      canonicalUrl: string;
      organizationId: number;
      organizationName: string;
    }[]
  >`
    SELECT c.id AS "commentId", c.text, c.text_truncated AS "textTruncated", coalesce(c.thread_root_id, c.id) AS "rootId",
           c.reply_to_comment_id AS "replyToId", p.url AS "postUrl", p.text AS "postText", p.published_at AS "postPublishedAt",
           a.id AS "accountId", a.network, a.canonical_url AS "canonicalUrl", o.id AS "organizationId", o.short_name AS "organizationName"
    FROM comments c JOIN posts p ON p.id = c.post_id JOIN accounts a ON a.id = c.account_id JOIN organizations o ON o.id = a.organization_id
    WHERE c.id = ANY(${commentIds as number[]}::bigint[])`;
  const roots = [...new Set(rows.map((r) => Number(r.rootId)))];
  const threadRows = await sql<{ id: number; rootId: number; text: string; publishedAt: Date; fromPage: boolean; author: string; url: string }[]>`
    SELECT id, coalesce(thread_root_id, id) AS "rootId", text, published_at AS "publishedAt", from_page AS "fromPage", author_pseudonym AS author, url
    FROM (
      SELECT c.*, row_number() OVER (PARTITION BY coalesce(c.thread_root_id, c.id) ORDER BY c.published_at, c.id) AS n
      FROM comments c
      WHERE (c.id = ANY(${roots}::bigint[]) OR c.thread_root_id = ANY(${roots}::bigint[])) AND c.deleted_at IS NULL
    ) t
    WHERE n <= ${THREAD_LIMIT}
    ORDER BY "rootId", published_at, id`;
  const contexts = new Map<number, ReviewContext>();
  for (const row of rows) {
    const commentId = Number(row.commentId);
    const thread = threadRows
      .filter((t) => Number(t.rootId) === Number(row.rootId))
      .map((t) => ({
        commentId: Number(t.id),
        text: redacted(t.text),
        publishedAt: t.publishedAt,
        fromPage: t.fromPage,
        author: pseudonymLabel(t.author),
        isCurrent: Number(t.id) === commentId,
        isParent: row.replyToId !== null && Number(t.id) === Number(row.replyToId),
        url: t.url,
      }));
    const postText = row.postText.trim();
    contexts.set(commentId, {
      commentId,
      text: redacted(row.text),
      textTruncated: row.textTruncated,
      post: {
        url: row.postUrl,
        excerpt: postText === '' ? null : redactPersonalData(postText.length > POST_EXCERPT_CHARS ? `${postText.slice(0, POST_EXCERPT_CHARS - 1).trimEnd()}…` : postText),
        publishedAt: row.postPublishedAt,
      },
      page: { accountId: Number(row.accountId), network: row.network, canonicalUrl: row.canonicalUrl },
      organization: { id: Number(row.organizationId), name: row.organizationName },
      thread,
    });
  }
  return contexts;
}
