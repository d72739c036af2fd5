import { freshPassPolicy, type FreshPassPolicy } from '@most/domain/crawl-schedule';
import type { Network } from '@most/shared';
import type { SocialSource } from '@most/sources';
import type { Pseudonymise } from './pseudonym';

const DAY_MS = 86_400_000;

/** One network the crawler reads: its adapter and the budget of the credential it reads with. */
export interface NetworkCrawl {
  /** The adapter (the real API, or any server speaking its wire format). */
  source: SocialSource;
  /** Fingerprint of the credential (token, or the public host), recorded with alerts; never the secret. */
  tokenFingerprint: string;
  /** The credential's budget: the network queue's limiter, shared by every worker through the queue backend. */
  requestsPerSecond: number;
}

/** What the crawl workers need; built from the configuration by `crawlOptionsFromConfig` (or by tests). */
export interface CrawlOptions {
  /** The networks to read; a network without an entry is not crawled (its runs are skipped). */
  sources: Partial<Record<Network, NetworkCrawl>>;
  pseudonymise: Pseudonymise;
  /** Comments of posts younger than this are re-read on each run (default 7 days). */
  recentDays?: number;
  /** How far back the first crawl of an account goes (default 30 days). */
  historyDays?: number;
  /** Concurrent jobs per network queue in this process (default 16; they mostly wait on the network and the database). */
  concurrency?: number;
  /** Accounts per fan-out page (default 500). */
  fanoutPageSize?: number;
  /** Fresh pass: comments of posts younger than this many hours are re-read between hourly runs (default 72). */
  freshWindowHours?: number;
  /** Share of each network's request budget the fresh pass may use (default 0.3); the hourly runs keep the rest. */
  freshBudgetShare?: number;
  /** How often the fresh pass is planned (default a minute). */
  freshEveryMs?: number;
  /** The crawler's clock (tests align it with the simulator's). */
  now?: () => Date;
  /** How often a run's summary job checks whether the run is done (default 10 s). */
  runSummaryCheckMs?: number;
  /** BullMQ lock settings: shorter values let a restarted worker take over a killed one's jobs sooner. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface CrawlSettings {
  sources: Partial<Record<Network, NetworkCrawl>>;
  pseudonymise: Pseudonymise;
  recentMs: number;
  historyMs: number;
  fanoutPageSize: number;
  fresh: FreshPassPolicy;
  now: () => Date;
}

export function crawlSettings(options: CrawlOptions): CrawlSettings {
  return {
    sources: options.sources,
    pseudonymise: options.pseudonymise,
    recentMs: (options.recentDays ?? 7) * DAY_MS,
    historyMs: (options.historyDays ?? 30) * DAY_MS,
    fanoutPageSize: options.fanoutPageSize ?? 500,
    fresh: freshPassPolicy({
      ...(options.freshWindowHours !== undefined ? { windowMs: options.freshWindowHours * 3_600_000 } : {}),
      ...(options.freshBudgetShare !== undefined ? { budgetShare: options.freshBudgetShare } : {}),
      ...(options.freshEveryMs !== undefined ? { tickMs: options.freshEveryMs } : {}),
    }),
    now: options.now ?? (() => new Date()),
  };
}
