import { crawlSchedulerId, DEFAULT_JOB_OPTIONS, parseJobPayload, type QueueBackend, type SchedulerRef } from '@most/queue';
import { NETWORKS, type Network } from '@most/shared';
import { crawlJobIds } from './job-ids';

export interface CrawlSchedule {
  profilesEveryMs: number;
  postsEveryMs: number;
  /** How often each network's fresh pass is planned; absent = no fresh pass. */
  freshEveryMs?: number;
  /** The networks read (default: VK only). */
  networks?: readonly Network[];
}

const PARTS = ['profiles', 'posts'] as const;
type CrawlPartName = (typeof PARTS)[number];

export { crawlSchedulerId };
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
    await scheduleFreshPass(crawl, network, networks.includes(network) ? schedule.freshEveryMs : undefined);
  }
}

/** The schedulers a crawl schedule keeps (the fresh pass's too when planned): every one must exist, else the queue store lost them. */
export const crawlSchedulerRefs = (schedule: CrawlSchedule): SchedulerRef[] =>
  (schedule.networks ?? ['vk']).flatMap((network) =>
    [...PARTS, ...(schedule.freshEveryMs ? (['fresh'] as const) : [])].map((part) => ({ queue: 'crawl' as const, id: crawlSchedulerId(network, part) })),
  );

/** The fresh pass's ticks: one planning job per interval (its tick is the job's timestamp); one attempt, the next tick re-plans. */
async function scheduleFreshPass(crawl: ReturnType<QueueBackend['queue']>, network: Network, everyMs: number | undefined): Promise<void> {
  if (!everyMs) {
    await crawl.removeJobScheduler(crawlSchedulerId(network, 'fresh'));
    return;
  }
  await crawl.upsertJobScheduler(
    crawlSchedulerId(network, 'fresh'),
    { every: everyMs },
    { name: 'crawl-fresh', data: parseJobPayload('crawl-fresh', { network }), opts: { ...DEFAULT_JOB_OPTIONS, attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1_000 } } },
  );
}

/** Plans one fresh-pass tick of a network now (tests and benchmarks drive the pass on a simulated clock). */
export async function startFreshTick(queue: QueueBackend, network: Network, tickAt: number): Promise<string> {
  return queue.enqueue('crawl-fresh', { network, tickAt }, { jobId: crawlJobIds.freshTick(network, tickAt), attempts: 1 });
}

export async function unscheduleCrawls(queue: QueueBackend): Promise<void> {
  for (const network of NETWORKS) for (const part of [...PARTS, 'fresh'] as const) await queue.queue('crawl').removeJobScheduler(crawlSchedulerId(network, part));
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
