import { DEFAULT_JOB_OPTIONS, parseJobPayload, type QueueBackend } from '@most/queue';
import { crawlJobIds } from './job-ids';

export interface CrawlSchedule {
  profilesEveryMs: number;
  postsEveryMs: number;
}

/** Stable scheduler ids: upserting them again (every start, every process) changes nothing. */
export const CRAWL_SCHEDULER_IDS = { profiles: 'crawl-vk-profiles', posts: 'crawl-vk-posts' } as const;

/**
 * Recurring crawl runs as BullMQ job schedulers: each tick adds one fan-out job that pages through
 * the accounts. The first tick runs right away.
 */
export async function scheduleCrawls(queue: QueueBackend, schedule: CrawlSchedule): Promise<void> {
  const crawl = queue.queue('crawl');
  for (const part of ['profiles', 'posts'] as const) {
    const everyMs = part === 'profiles' ? schedule.profilesEveryMs : schedule.postsEveryMs;
    await crawl.upsertJobScheduler(
      CRAWL_SCHEDULER_IDS[part],
      { every: everyMs },
      { name: 'crawl-fanout', data: parseJobPayload('crawl-fanout', { part, network: 'vk', afterId: 0, everyMs }), opts: DEFAULT_JOB_OPTIONS },
    );
  }
}

export async function unscheduleCrawls(queue: QueueBackend): Promise<void> {
  for (const id of Object.values(CRAWL_SCHEDULER_IDS)) await queue.queue('crawl').removeJobScheduler(id);
}

/** Starts one crawl run now (tests, benchmarks, an operator's "crawl now"); returns the fan-out job id. */
export async function startCrawlRun(queue: QueueBackend, part: 'profiles' | 'posts', runAt: number): Promise<string> {
  return queue.enqueue('crawl-fanout', { part, network: 'vk', runAt, afterId: 0 }, { jobId: crawlJobIds.fanout(part, 'vk', runAt, 0) });
}
