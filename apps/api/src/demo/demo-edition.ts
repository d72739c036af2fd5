import type { Sql } from '@most/db';
import { buildEdition, loadOrganizationScores, publishEdition, scorePeriod } from '@most/services';
import { DEFAULT_SLA_POLICY, periodOf } from '@most/domain';

export type DemoEditionOutcome =
  | { status: 'exists' }
  | { status: 'waiting_for_crawl'; crawled: number; accounts: number }
  | { status: 'waiting_for_comments'; read: number; posts: number }
  | { status: 'not_enough_data'; ranked: number }
  | { status: 'published'; slug: string; ranked: number; period: { kind: 'quarter'; start: string; methodologyVersion: number } };

export interface DemoEditionOptions {
  now: Date;
  /** Share of active VK accounts whose posts must have been read before the month is scored. */
  minCrawledShare?: number;
  /** Share of the quarter's recent posts with comments whose comments must have been read (questions and answers live there). */
  minCommentsReadShare?: number;
  /** Organizations with enough data an edition needs to be worth showing. */
  minRanked?: number;
}

const DEMO_ACTOR = { id: null, label: 'demo' } as const;

/** The first crawl reads the comments of this many days of posts. */
const RECENT_DAYS = 30;

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

/**
 * The demo's first ranking: once the built-in simulator's region has been crawled (posts and the
 * comments under them), scores the
 * current quarter and publishes it, so a fresh `npm start` shows a real ranking without a monitor
 * having to log in. A quarter, because the first crawl reads 30 days of posts and comments but
 * only today's profiles: a past month would lack the profile criteria, the current month the
 * questions. Does nothing once any edition is published (a monitor's or its own).
 */
export async function publishDemoEditionIfDue(sql: Sql, options: DemoEditionOptions): Promise<DemoEditionOutcome> {
  const [published] = await sql`SELECT 1 FROM ranking_editions WHERE status = 'published' LIMIT 1`;
  if (published) return { status: 'exists' };

  const [coverage] = await sql<{ accounts: number; crawled: number }[]>`
    SELECT count(*)::int AS accounts, count(h.last_posts_at)::int AS crawled
    FROM accounts a LEFT JOIN crawl_health h ON h.account_id = a.id
    WHERE a.network = 'vk' AND a.status = 'active' AND a.removed_at IS NULL`;
  const { accounts, crawled } = coverage!;
  if (accounts === 0 || crawled / accounts < (options.minCrawledShare ?? 0.8)) return { status: 'waiting_for_crawl', crawled, accounts };

  const quarter = periodOf('quarter', options.now, DEFAULT_SLA_POLICY.utcOffsetMinutes);
  // Posts arrive first and their comments a few minutes later: an edition scored in between would
  // rank pages on posts alone (in a trial, 48 of 195). Wait for the comments of the recent posts.
  const recentSince = new Date(Math.max(Date.parse(`${quarter.start}T00:00:00Z`), options.now.getTime() - RECENT_DAYS * 86_400_000));
  const [comments] = await sql<{ posts: number; read: number }[]>`
    SELECT count(*)::int AS posts, count(p.comments_read_at)::int AS read
    FROM posts p JOIN accounts a ON a.id = p.account_id
    WHERE a.network = 'vk' AND a.status = 'active' AND a.removed_at IS NULL
      AND p.comments_count > 0 AND p.comments_open IS NOT FALSE AND p.published_at >= ${recentSince}`;
  if (comments!.posts > 0 && comments!.read / comments!.posts < (options.minCommentsReadShare ?? 0.95)) {
    return { status: 'waiting_for_comments', read: comments!.read, posts: comments!.posts };
  }
  const scored = await scorePeriod(sql, { periodKind: 'quarter', date: quarter.start, now: options.now });
  const lastDay = new Date(Date.parse(`${quarter.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const query = { periodStart: quarter.start, periodEnd: lastDay, methodologyVersion: String(scored.methodologyVersion) };
  const { criteria, scores } = await loadOrganizationScores(sql, query);
  const ranked = scores.filter((s) => s.enoughData && s.score !== null).length;
  if (ranked < (options.minRanked ?? 10)) return { status: 'not_enough_data', ranked };

  const [year, q] = quarter.key.split('-Q') as [string, string];
  const title = `Рейтинг за ${ROMAN_QUARTERS[Number(q) - 1]} квартал ${year} (демонстрационные данные)`;
  const draft = await buildEdition(sql, { ...query, title, criteria, slug: `demo-${quarter.key.toLowerCase()}` }, scores, DEMO_ACTOR);
  const edition = await publishEdition(sql, draft.id, DEMO_ACTOR);
  return { status: 'published', slug: edition.slug, ranked, period: { kind: 'quarter', start: quarter.start, methodologyVersion: scored.methodologyVersion } };
}
