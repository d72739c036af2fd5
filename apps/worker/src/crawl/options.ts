import type { SocialSource } from '@most/sources';
import type { Pseudonymise } from './pseudonym';

const DAY_MS = 86_400_000;

/** What the crawl workers need; built from the configuration by `createCrawlRuntime` (or by tests). */
export interface CrawlOptions {
  /** The VK adapter (real API or any server speaking it). */
  vk: SocialSource;
  pseudonymise: Pseudonymise;
  /** Fingerprint of the VK token, recorded with alerts (never the token). */
  vkTokenFingerprint: string;
  /** The token's budget: the 'vk' queue's limiter, shared by every worker through the queue backend. */
  vkRequestsPerSecond: number;
  /** Comments of posts younger than this are re-read on each run (default 7 days). */
  recentDays?: number;
  /** How far back the first crawl of an account goes (default 30 days). */
  historyDays?: number;
  /** Concurrent 'vk' jobs in this process (default 16; they mostly wait on the network and the database). */
  concurrency?: number;
  /** Accounts per fan-out page (default 500). */
  fanoutPageSize?: number;
  /** The crawler's clock (tests align it with the simulator's). */
  now?: () => Date;
  /** How often a run's summary job checks whether the run is done (default 10 s). */
  runSummaryCheckMs?: number;
  /** BullMQ lock settings: shorter values let a restarted worker take over a killed one's jobs sooner. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface CrawlSettings {
  vk: SocialSource;
  pseudonymise: Pseudonymise;
  vkTokenFingerprint: string;
  vkRequestsPerSecond: number;
  recentMs: number;
  historyMs: number;
  fanoutPageSize: number;
  now: () => Date;
}

export function crawlSettings(options: CrawlOptions): CrawlSettings {
  return {
    vk: options.vk,
    pseudonymise: options.pseudonymise,
    vkTokenFingerprint: options.vkTokenFingerprint,
    vkRequestsPerSecond: options.vkRequestsPerSecond,
    recentMs: (options.recentDays ?? 7) * DAY_MS,
    historyMs: (options.historyDays ?? 30) * DAY_MS,
    fanoutPageSize: options.fanoutPageSize ?? 500,
    now: options.now ?? (() => new Date()),
  };
}
