import type { QueueBackend } from '@most/queue';
import type { Network } from '@most/shared';
import { OK_SIMULATOR_APPLICATION, startTelegramSimulator, type FaultKind, type FaultOptions, type SimulatorClock } from '@most/sources/simulator';
import type { CrawlOptions } from '@most/worker';
import { CRAWLER_TOKEN, crawlOptions, groundTruth, okCrawlOptions, okGroundTruth, startOkSim, startSimulator, telegramCrawlOptions, telegramGroundTruth, type AccountTruth } from './harness';

/** What the end-to-end scenarios (kill -9, rate under faults) need of a network's simulator, whatever the network. */
export interface SimulatorUnderTest {
  url: string;
  clock: SimulatorClock;
  faults: { script(kinds: (FaultKind | 'none')[], method?: string): void; setRandom(options: FaultOptions): void; clear(): void };
  close(): Promise<void>;
  /** Answers by error code, and what the crawler's credential saw (`rateLimited`: refusals over its budget). */
  stats(): { errors: Record<string, number>; crawler: { requests: number; rateLimited: number; maxRequestsPerSecond: number } };
  /** In-process crawl options reading only this simulator, paced through the queue backend. */
  crawlOptions(queue: QueueBackend, overrides?: Partial<CrawlOptions> & { timeoutMs?: number }): CrawlOptions;
  /** The environment that points a worker process (production configuration) at this simulator. */
  workerEnv: Record<string, string>;
  groundTruth(handles: string[]): Promise<Map<string, AccountTruth>>;
}

export interface SimulatedWorld {
  now: Date;
  postsPerAccount: number;
  commentsPerPost: number;
}

export interface NetworkKit {
  network: Network;
  /** Whether the network shows comments (Telegram's preview does not: its scenarios count posts). */
  readsComments: boolean;
  /** Faults the network answers on its own wire (beside HTTP-level ones), and the error key each counts under. */
  serviceFault: { kind: FaultKind; counted: string };
  start(budget: number, world: SimulatedWorld): Promise<SimulatorUnderTest>;
}

const anchored = (world: SimulatedWorld) => ({ now: world.now, anchor: world.now, postsPerAccount: world.postsPerAccount, commentsPerPost: world.commentsPerPost });

export const VK_KIT: NetworkKit = {
  network: 'vk',
  readsComments: true,
  serviceFault: { kind: 'error10', counted: '10' },
  async start(budget, world) {
    const simulator = await startSimulator(budget, anchored(world));
    return {
      ...simulator,
      stats: () => {
        const stats = simulator.stats();
        const crawler = stats.byToken[CRAWLER_TOKEN] ?? { requests: 0, error6: 0, maxRequestsPerSecond: 0 };
        return { errors: stats.errors, crawler: { requests: crawler.requests, rateLimited: crawler.error6, maxRequestsPerSecond: crawler.maxRequestsPerSecond } };
      },
      crawlOptions: (queue, overrides) => crawlOptions(simulator, budget, queue, overrides),
      workerEnv: { VK_API_URL: simulator.url, VK_TOKEN: CRAWLER_TOKEN, VK_TOKEN_KIND: 'service', VK_REQUESTS_PER_SECOND: String(budget) },
      groundTruth: (handles) => groundTruth(simulator, handles),
    };
  },
};

export const OK_KIT: NetworkKit = {
  network: 'ok',
  readsComments: true,
  serviceFault: { kind: 'error2', counted: '2' },
  async start(budget, world) {
    const simulator = await startOkSim(budget, anchored(world));
    return {
      ...simulator,
      stats: () => {
        const stats = simulator.stats();
        return { errors: stats.errors, crawler: stats.byToken[CRAWLER_TOKEN] ?? { requests: 0, rateLimited: 0, maxRequestsPerSecond: 0 } };
      },
      crawlOptions: (queue, overrides) => okCrawlOptions(simulator, budget, queue, overrides),
      workerEnv: {
        OK_API_URL: simulator.url,
        OK_APPLICATION_KEY: OK_SIMULATOR_APPLICATION.key,
        OK_APPLICATION_SECRET_KEY: OK_SIMULATOR_APPLICATION.secretKey,
        OK_ACCESS_TOKEN: CRAWLER_TOKEN,
        OK_REQUESTS_PER_SECOND: String(budget),
      },
      groundTruth: (handles) => okGroundTruth(simulator, handles),
    };
  },
};

export const TELEGRAM_KIT: NetworkKit = {
  network: 'telegram',
  readsComments: false,
  // The preview has no error codes: a server error is its only answer of the service itself.
  serviceFault: { kind: 'http503', counted: 'http503' },
  async start(budget, world) {
    // The preview refuses a little above the crawler's budget: a 429 would mean the pace failed.
    const simulator = await startTelegramSimulator({ seed: 'crawler-tests', now: world.now, anchor: world.now, postsPerAccount: world.postsPerAccount, requestsPerSecond: budget + 1 });
    return {
      ...simulator,
      stats: () => {
        const stats = simulator.stats();
        return { errors: stats.errors, crawler: { requests: stats.requests, rateLimited: stats.rateLimited, maxRequestsPerSecond: stats.maxRequestsPerSecond } };
      },
      crawlOptions: (queue, overrides) => telegramCrawlOptions(simulator, budget, queue, overrides),
      workerEnv: { TELEGRAM_PREVIEW_URL: simulator.url, TELEGRAM_REQUESTS_PER_SECOND: String(budget) },
      groundTruth: (handles) => telegramGroundTruth(simulator, handles),
    };
  },
};
