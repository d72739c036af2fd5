import type { Network } from '@most/shared';
import type { Queryable } from '../client';

/** A recent post of an active page, as the fresh pass plans it (times in ms since epoch). */
export interface FreshPostRow {
  postId: number;
  accountId: number;
  postExternalId: string;
  publishedAt: number;
  commentsReadAt: number | null;
  /** When a read of the page's posts last saw this post (the hourly pass or the fresh pass's newest-posts read). */
  seenAt: number;
  /** The page has a citizen's comment needing an answer that no page reply followed yet. */
  openQuestion: boolean;
}

/**
 * Posts of the network's active pages published in [since, now] whose comments are open (or not known
 * to be closed). A comment needs an answer when the classifier says so, or, not classified yet, when it
 * asks something ('?'); it is open while no page reply on the same post came after it.
 */
export async function listFreshPosts(sql: Queryable, options: { network: Network; since: Date; now: Date }): Promise<FreshPostRow[]> {
  const rows = await sql<{ postId: string; accountId: string; postExternalId: string; publishedAt: Date; commentsReadAt: Date | null; seenAt: Date; openQuestion: boolean }[]>`
    WITH recent AS (
      SELECT p.id, p.account_id, p.external_id, p.published_at, p.comments_read_at, p.last_seen_at
      FROM accounts a JOIN posts p ON p.account_id = a.id
      WHERE a.network = ${options.network} AND a.status = 'active' AND a.removed_at IS NULL
        AND p.published_at >= ${options.since} AND p.published_at <= ${options.now} AND p.comments_open IS NOT FALSE
    ), open_pages AS (
      SELECT DISTINCT r.account_id FROM recent r
      JOIN comments c ON c.post_id = r.id AND NOT c.from_page AND c.deleted_at IS NULL
      LEFT JOIN comment_classifications cc ON cc.comment_id = c.id
      WHERE COALESCE(cc.effective_needs_answer, position('?' in c.text) > 0)
        AND NOT EXISTS (SELECT 1 FROM comments pr WHERE pr.post_id = r.id AND pr.from_page AND pr.deleted_at IS NULL AND pr.published_at >= c.published_at)
    )
    SELECT r.id AS "postId", r.account_id AS "accountId", r.external_id AS "postExternalId", r.published_at AS "publishedAt",
           r.comments_read_at AS "commentsReadAt", r.last_seen_at AS "seenAt", o.account_id IS NOT NULL AS "openQuestion"
    FROM recent r LEFT JOIN open_pages o ON o.account_id = r.account_id`;
  return rows.map((row) => ({
    postId: Number(row.postId),
    accountId: Number(row.accountId),
    postExternalId: row.postExternalId,
    publishedAt: row.publishedAt.getTime(),
    commentsReadAt: row.commentsReadAt?.getTime() ?? null,
    seenAt: row.seenAt.getTime(),
    openQuestion: row.openQuestion,
  }));
}

export interface FreshTick {
  network: Network;
  tickAt: Date;
  due: number;
  enqueued: number;
  deferred: number;
  capacity: number;
  plannedAt: Date;
}

/** Records a tick's plan once; a retried planning job keeps the first record. Returns whether this call recorded it. */
export async function recordFreshTick(sql: Queryable, tick: FreshTick): Promise<boolean> {
  const rows = await sql`
    INSERT INTO crawl_fresh_ticks (network, tick_at, due, enqueued, deferred, capacity, planned_at)
    VALUES (${tick.network}, ${tick.tickAt}, ${tick.due}, ${tick.enqueued}, ${tick.deferred}, ${tick.capacity}, ${tick.plannedAt})
    ON CONFLICT (network, tick_at) DO NOTHING RETURNING 1`;
  return rows.length > 0;
}

/** One job of a tick ended: a request made, and whether the attempt failed. */
export async function recordFreshRequest(sql: Queryable, step: { network: Network; tickAt: Date; requests: number; errors: number }): Promise<void> {
  await sql`
    UPDATE crawl_fresh_ticks SET requests = requests + ${step.requests}, errors = errors + ${step.errors}
    WHERE network = ${step.network} AND tick_at = ${step.tickAt}`;
}

/** Requests the fresh pass of a network made in ticks within [from, to). */
export async function freshPassRequests(sql: Queryable, options: { network: Network; from: Date; to: Date }): Promise<{ ticks: number; requests: number; enqueued: number; deferred: number }> {
  const [row] = await sql<{ ticks: number; requests: number; enqueued: number; deferred: number }[]>`
    SELECT count(*)::int AS ticks, COALESCE(sum(requests), 0)::int AS requests, COALESCE(sum(enqueued), 0)::int AS enqueued, COALESCE(sum(deferred), 0)::int AS deferred
    FROM crawl_fresh_ticks WHERE network = ${options.network} AND tick_at >= ${options.from} AND tick_at < ${options.to}`;
  return row!;
}
