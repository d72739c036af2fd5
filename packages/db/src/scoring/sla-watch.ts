import { measuresResponsesOn, slaPageReading, slaWatchState, type SlaPageReading, type SlaWatchState } from '@most/domain';
import type { Queryable } from '../client';
import { MEASUREMENT_HORIZON_DAYS, REPLY_MATCH } from './measure';
import { loadMethodology } from './methodology';
import { loadPageStates, UNREAD_PAGE } from './page-state';
import { listOpenQuestions, watchQuestions, type OpenQuestion } from './watch';

/** One official page of the organization and whether its comments were read for the window. */
export interface WatchPage {
  accountId: number;
  url: string;
  network: string;
  read: SlaPageReading;
  /** The last time its posts were read; null when never. */
  postsReadAt: Date | null;
}

/** The SLA watch of one organization: an explicit state, so no screen infers "all fine" from an empty list. */
export interface SlaWatch {
  state: SlaWatchState;
  days: number;
  pages: WatchPage[];
  /** Questions asked in the window (excluded and "me too" ones left out), and how many have a page reply. */
  questions: number;
  answered: number;
  open: OpenQuestion[];
}

/**
 * A page is read as scoring reads it (`loadPageStates`: its posts were ever read), and every post of the
 * window that has comments had them read; pages of the registry never crawled are "not read"; pages on
 * networks whose responses the methodology does not measure (no public comments) are "not measured".
 * Which state the watch may claim is the domain's `slaWatchState` over the domain's `slaPageReading`.
 */
export async function slaWatch(sql: Queryable, organizationId: number, options: { now?: Date; days?: number; limit?: number } = {}): Promise<SlaWatch> {
  const now = options.now ?? new Date();
  const days = options.days ?? MEASUREMENT_HORIZON_DAYS;
  const since = new Date(now.getTime() - days * 86_400_000);
  const [{ methodology }, pages, [counts], open] = await Promise.all([
    loadMethodology(sql),
    sql<(Omit<WatchPage, 'read'> & { pending: boolean })[]>`
      SELECT a.id AS "accountId", a.canonical_url AS url, a.network,
             COALESCE(h.last_posts_at, (SELECT max(p.last_seen_at) FROM posts p WHERE p.account_id = a.id)) AS "postsReadAt",
             EXISTS (SELECT 1 FROM posts p WHERE p.account_id = a.id AND p.published_at >= ${since} AND p.comments_count > 0
                       AND p.comments_read_at IS NULL AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.post_id = p.id)) AS pending
      FROM accounts a LEFT JOIN crawl_health h ON h.account_id = a.id
      WHERE a.organization_id = ${organizationId} AND a.removed_at IS NULL
      ORDER BY a.network, a.canonical_url`,
    sql<{ questions: number; answered: number }[]>`
      WITH q AS (${watchQuestions(sql, organizationId, since, now)})
      SELECT count(*)::int AS questions,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM comments r LEFT JOIN comments t ON t.id = r.reply_to_comment_id WHERE ${sql.unsafe(REPLY_MATCH)}))::int AS answered
      FROM q`,
    listOpenQuestions(sql, organizationId, { now, days, limit: options.limit }),
  ]);
  const states = await loadPageStates(sql, pages.map((page) => page.accountId), now);
  const readOf = (page: (typeof pages)[number]): SlaPageReading =>
    slaPageReading(states.get(page.accountId) ?? UNREAD_PAGE, measuresResponsesOn(methodology, page.network), page.pending);
  const watchPages: WatchPage[] = pages.map((page) => ({ accountId: page.accountId, url: page.url, network: page.network, postsReadAt: page.postsReadAt, read: readOf(page) }));
  const questions = counts?.questions ?? 0;
  const answered = counts?.answered ?? 0;
  return { state: slaWatchState({ pages: watchPages, questions, open: questions - answered }), days, pages: watchPages, questions, answered, open };
}
