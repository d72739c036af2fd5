import { createVkSource, VK_DEFAULT_RATE } from '@most/sources';
import type { QueueBackend } from '@most/queue';
import type { Config } from '@most/shared';
import type { CrawlOptions } from './options';
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

/** Crawl options from the configuration; null when no VK token is configured (nothing to crawl with). */
export function crawlOptionsFromConfig(config: Config, pseudonymKey: string, queue: QueueBackend): CrawlOptions | null {
  if (!config.VK_TOKEN) return null;
  const requestsPerSecond = config.VK_REQUESTS_PER_SECOND ?? VK_DEFAULT_RATE[config.VK_TOKEN_KIND];
  const tokenFingerprint = fingerprint(config.VK_TOKEN);
  // Requests of every worker process with this token share one pace through the queue backend.
  const pacer = createRequestPacer(queue, { key: `vk-${tokenFingerprint}`, requestsPerSecond });
  return {
    vk: createVkSource({ token: config.VK_TOKEN, kind: config.VK_TOKEN_KIND, baseUrl: config.VK_API_URL, requestsPerSecond, acquire: pacer.acquire }),
    pseudonymise: createPseudonymiser(pseudonymKey),
    vkTokenFingerprint: tokenFingerprint,
    vkRequestsPerSecond: requestsPerSecond,
    recentDays: config.CRAWL_RECENT_DAYS,
    historyDays: config.CRAWL_HISTORY_DAYS,
    concurrency: config.CRAWL_CONCURRENCY,
  };
}

export const crawlScheduleFromConfig = (config: Config): CrawlSchedule => ({
  profilesEveryMs: config.CRAWL_PROFILES_EVERY_MINUTES * 60_000,
  postsEveryMs: config.CRAWL_POSTS_EVERY_MINUTES * 60_000,
});
