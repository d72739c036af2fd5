import { DEFAULT_JOB_OPTIONS, parseJobPayload, type QueueBackend, type SchedulerRef } from '@most/queue';
import { NETWORKS, type Network } from '@most/shared';
import { crawlJobIds } from './job-ids';

export interface CrawlSchedule {
  profilesEveryMs: number;
  postsEveryMs: number;
  /** The networks read (default: VK only). */
  networks?: readonly Network[];
}

const PARTS = ['profiles', 'posts'] as const;
type CrawlPartName = (typeof PARTS)[number];

/** Stable scheduler ids per network and part: upserting them again (every start, every process) changes nothing. */
export const crawlSchedulerId = (network: Network, part: CrawlPartName): string => `crawl-${network}-${part}`;
/** The VK ones, as before networks were generic. */
export const CRAWL_SCHEDULER_IDS = { profiles: crawlSchedulerId('vk', 'profiles'), posts: crawlSchedulerId('vk', 'posts') } as const;

/**
 * Recurring crawl runs as BullMQ job schedulers, per network: each tick adds one fan-out job that
 * pages through the network's accounts. The first tick runs right away. Networks no longer read lose their schedulers.
 */
export async function scheduleCrawls(queue: QueueBackend, schedule: CrawlSchedule): Promise<void> {
  const crawl = queue.queue('crawl');
  const networks = schedule.networks ?? ['vk'];
  for (const network of NETWORKS) {
    for (const part of PARTS) {
      if (!networks.includes(network)) {
        await crawl.removeJobScheduler(crawlSchedulerId(network, part));
        continue;
      }
      const everyMs = part === 'profiles' ? schedule.profilesEveryMs : schedule.postsEveryMs;
      await crawl.upsertJobScheduler(
        crawlSchedulerId(network, part),
        { every: everyMs },
        { name: 'crawl-fanout', data: parseJobPayload('crawl-fanout', { part, network, afterId: 0, everyMs }), opts: DEFAULT_JOB_OPTIONS },
      );
    }
  }
}

/** The schedulers a crawl schedule keeps: every one must exist, else the queue store lost them. */
export const crawlSchedulerRefs = (schedule: CrawlSchedule): SchedulerRef[] =>
  (schedule.networks ?? ['vk']).flatMap((network) => PARTS.map((part) => ({ queue: 'crawl' as const, id: crawlSchedulerId(network, part) })));

export async function unscheduleCrawls(queue: QueueBackend): Promise<void> {
  for (const network of NETWORKS) for (const part of PARTS) await queue.queue('crawl').removeJobScheduler(crawlSchedulerId(network, part));
}

/**
 * Starts one crawl run now of each given network (tests, benchmarks, an operator's "crawl now");
 * returns the first fan-out job id of each. Networks the workers do not read skip their run.
 */
export async function startCrawlRun(queue: QueueBackend, part: CrawlPartName, runAt: number, networks: readonly Network[] = NETWORKS): Promise<string[]> {
  const ids: string[] = [];
  for (const network of networks) {
    ids.push(await queue.enqueue('crawl-fanout', { part, network, runAt, afterId: 0 }, { jobId: crawlJobIds.fanout(part, network, runAt, 0) }));
  }
  return ids;
}
