import type { PageReadState } from '@most/domain';
import type { Queryable } from '../client';

/** A page the crawler never reached. */
export const UNREAD_PAGE: PageReadState = { availability: 'available', profileRead: false, postsRead: false, commentsRead: false };

/**
 * The one definition of what was read of a page (scoring and the SLA watch): what was ever read of each page up to the period's end: the network's verdict on the page
 * (accounts.status), a profile snapshot, the wall (a posts crawl or any stored post) and comments
 * (a post whose comments were read, or any stored comment). Scoring measures nothing else.
 */
export async function loadPageStates(sql: Queryable, ids: number[], to: Date): Promise<Map<number, PageReadState>> {
  const rows = await sql<{ id: number; status: string; profileRead: boolean; postsRead: boolean; commentsRead: boolean }[]>`
    SELECT a.id, a.status,
      EXISTS (SELECT 1 FROM account_snapshots s WHERE s.account_id = a.id AND s.captured_at < ${to}) AS "profileRead",
      (h.last_posts_at IS NOT NULL OR EXISTS (SELECT 1 FROM posts p WHERE p.account_id = a.id)) AS "postsRead",
      (EXISTS (SELECT 1 FROM posts p WHERE p.account_id = a.id AND p.comments_read_at IS NOT NULL)
        OR EXISTS (SELECT 1 FROM comments c WHERE c.account_id = a.id)) AS "commentsRead"
    FROM accounts a LEFT JOIN crawl_health h ON h.account_id = a.id
    WHERE a.id = ANY(${ids}::bigint[])`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        availability: r.status === 'active' ? 'available' : (r.status as PageReadState['availability']),
        profileRead: r.profileRead,
        postsRead: r.postsRead,
        commentsRead: r.commentsRead,
      },
    ]),
  );
}
