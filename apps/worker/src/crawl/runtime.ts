import type { QueueBackend } from '@most/queue';
import { NETWORKS, type Config, type Network } from '@most/shared';
import { configuredTokens, NETWORK_SOURCES, type PaceFor } from '@most/sources';
import type { CrawlOptions, NetworkCrawl } from './options';
import { createPseudonymiser, fingerprint, loadOrCreatePseudonymKey } from './pseudonym';
import { createRequestPacer } from './request-pacer';
import type { CrawlSchedule } from './schedule';

/**
 * The pseudonym key: PSEUDONYM_KEY, or in embedded mode a key generated once into
 * DATA_DIR/pseudonym.key. A separate production worker refuses to crawl without one.
 */
export async function resolvePseudonymKey(config: Config, embedded: boolean): Promise<string> {
  if (config.PSEUDONYM_KEY) return config.PSEUDONYM_KEY;
  if (embedded) return loadOrCreatePseudonymKey(config.DATA_DIR);
  throw new Error('PSEUDONYM_KEY: required to crawl (commenters are stored only as HMAC pseudonyms under this key)');
}

/** The networks the configuration gives credentials (or a preview address) for. */
export const crawledNetworks = (config: Config): Network[] => NETWORKS.filter((network) => NETWORK_SOURCES[network].configured(config));

/** Crawl options from the configuration; null when no network is configured (nothing to crawl with). */
export function crawlOptionsFromConfig(config: Config, pseudonymKey: string, queue: QueueBackend): CrawlOptions | null {
  const sources: Partial<Record<Network, NetworkCrawl>> = {};
  for (const network of crawledNetworks(config)) {
    const definition = NETWORK_SOURCES[network];
    // Requests of every worker process with one credential share one pace through the queue backend.
    const pace: PaceFor = (secret, requestsPerSecond) => createRequestPacer(queue, { key: `${network}-${fingerprint(secret)}`, requestsPerSecond }).acquire;
    const tokens = configuredTokens(config, definition);
    const members = (tokens.length > 0 ? tokens.map((token) => definition.fromConfig({ ...config, [definition.tokenVariables!.single]: token }, pace)) : [definition.fromConfig(config, pace)])
      .filter((configured) => configured !== null)
      .map((configured) => ({ source: configured.source, tokenFingerprint: fingerprint(configured.secret), requestsPerSecond: configured.requestsPerSecond }));
    if (members.length === 1) sources[network] = members[0];
    // A pool: the queue's budget is the sum of its tokens'; alerts about the pool as a whole name all of them.
    else if (members.length > 1)
      sources[network] = { ...members[0]!, tokenFingerprint: fingerprint(tokens.join(',')), requestsPerSecond: members.reduce((sum, m) => sum + m.requestsPerSecond, 0), pool: members };
  }
  if (Object.keys(sources).length === 0) return null;
  return {
    sources,
    pseudonymise: createPseudonymiser(pseudonymKey),
    recentDays: config.CRAWL_RECENT_DAYS,
    historyDays: config.CRAWL_HISTORY_DAYS,
    concurrency: config.CRAWL_CONCURRENCY,
    freshWindowHours: config.CRAWL_FRESH_WINDOW_HOURS,
    freshBudgetShare: config.CRAWL_FRESH_BUDGET_SHARE,
    ...(config.CRAWL_FRESH_EVERY_SECONDS > 0 ? { freshEveryMs: config.CRAWL_FRESH_EVERY_SECONDS * 1000 } : {}),
  };
}

export const crawlScheduleFromConfig = (config: Config): CrawlSchedule => ({
  profilesEveryMs: config.CRAWL_PROFILES_EVERY_MINUTES * 60_000,
  postsEveryMs: config.CRAWL_POSTS_EVERY_MINUTES * 60_000,
  ...(config.CRAWL_FRESH_EVERY_SECONDS > 0 ? { freshEveryMs: config.CRAWL_FRESH_EVERY_SECONDS * 1000 } : {}),
  networks: crawledNetworks(config),
});
