import { buildEdition, loadOrganizationScores, publishEdition, type Sql } from '@most/db';
import { scorePeriod } from '@most/db/scoring';
import { lastFullMonth } from '@most/domain';

export type DemoEditionOutcome =
  | { status: 'exists' }
  | { status: 'waiting_for_crawl'; crawled: number; accounts: number }
  | { status: 'not_enough_data'; ranked: number }
  | { status: 'published'; slug: string; ranked: number };

export interface DemoEditionOptions {
  now: Date;
  /** Share of active VK accounts whose posts must have been read before the month is scored. */
  minCrawledShare?: number;
  /** Organizations with enough data an edition needs to be worth showing. */
  minRanked?: number;
}

const DEMO_ACTOR = { id: null, label: 'demo' } as const;

/**
 * The demo's first ranking: once the built-in simulator's region has been crawled, scores the
 * previous month and publishes it, so a fresh `npm start` shows a real ranking without a monitor
 * having to log in. Does nothing once any edition is published (a monitor's or its own).
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

  const month = lastFullMonth(options.now);
  const lastDay = new Date(Date.parse(`${month.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const scored = await scorePeriod(sql, { periodKind: 'month', date: month.start, now: options.now });
  const query = { periodStart: month.start, periodEnd: lastDay, methodologyVersion: String(scored.methodologyVersion) };
  const { criteria, scores } = await loadOrganizationScores(sql, query);
  const ranked = scores.filter((s) => s.enoughData && s.score !== null).length;
  if (ranked < (options.minRanked ?? 10)) return { status: 'not_enough_data', ranked };

  const title = `Рейтинг за ${month.label} (демонстрационные данные)`;
  const draft = await buildEdition(sql, { ...query, title, criteria, slug: `demo-${month.key}` }, scores, DEMO_ACTOR);
  const edition = await publishEdition(sql, draft.id, DEMO_ACTOR);
  return { status: 'published', slug: edition.slug, ranked };
}
