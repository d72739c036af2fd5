import type { Network } from '@most/shared';

/** Job ids must not contain ':' (BullMQ on Redis); external ids come from the network, so keep them tame. */
const safe = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');

/** Deterministic job ids (no ':'): re-enqueueing the same step of the same run is a no-op. */
export const crawlJobIds = {
  fanout: (part: string, network: string, runAt: number, afterId: number) => `crawl-fanout-${network}-${part}-${runAt}-${afterId}`,
  /** A batch of a profile run, named by its first and last account id. */
  profiles: (network: Network, firstAccountId: number, lastAccountId: number, runAt: number) => `${network}-profiles-${firstAccountId}-${lastAccountId}-${runAt}`,
  posts: (network: Network, accountId: number, runAt: number, page: number) => `${network}-posts-${accountId}-${runAt}-${page}`,
  comments: (network: Network, accountId: number, postExternalId: string, runAt: number) => `${network}-comments-${accountId}-${safe(postExternalId)}-${runAt}`,
  /** A fresh-pass re-read names the post only: while one waits, the next tick adds no second one. */
  freshComments: (network: Network, accountId: number, postExternalId: string) => `${network}-fresh-${accountId}-${safe(postExternalId)}`,
  /** A fresh-pass read of a page's newest posts names the page only, for the same reason. */
  freshPosts: (network: Network, accountId: number) => `${network}-fresh-posts-${accountId}`,
  freshTick: (network: Network, tickAt: number) => `crawl-fresh-${network}-${tickAt}`,
};

/** What a crawl job's id says about it: its run and page (null: a batch or a fan-out page), or that it belongs to the fresh pass. */
export type CrawlJobIdFacts = { fresh: true } | { fresh: false; runAt: number; accountId: number | null };

/**
 * Reads back an id made by `crawlJobIds`, so that counting a run's jobs needs no job's data; null
 * for ids that do not say enough (profile batches name a range, not their pages; foreign ids).
 */
export function crawlJobIdFacts(id: string): CrawlJobIdFacts | null {
  if (/^crawl-fresh-|^[a-z]+-fresh-/.test(id)) return { fresh: true };
  const page = /^[a-z]+-posts-(\d+)-(\d+)-\d+$/.exec(id) ?? /^[a-z]+-comments-(\d+)-.*-(\d+)$/.exec(id);
  if (page) return { fresh: false, accountId: Number(page[1]), runAt: Number(page[2]) };
  const fanout = /^crawl-fanout-[a-z]+-[a-z]+-(\d+)-\d+$/.exec(id);
  if (fanout) return { fresh: false, accountId: null, runAt: Number(fanout[1]) };
  return null;
}
