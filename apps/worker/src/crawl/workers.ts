import type { Job, Worker } from 'bullmq';
import { listOpenCrawlAlerts, resolveCrawlAlerts, type Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';
import { processCrawlFanout } from '../processors/crawl-fanout';
import { processVkComments } from '../processors/vk-comments';
import { processVkPosts } from '../processors/vk-posts';
import { processVkProfile, processVkProfiles } from '../processors/vk-profile';
import type { CrawlContext } from './context';
import { crawlSettings, type CrawlOptions } from './options';
import { countCrawlJob, runAtOf, watchCrawlRun } from '../runs/crawl-tracking';

type CrawlProcessor = (job: Job, ctx: CrawlContext) => Promise<unknown>;

const CRAWL_PROCESSORS: Record<string, CrawlProcessor> = { 'crawl-fanout': processCrawlFanout };
const VK_PROCESSORS: Record<string, CrawlProcessor> = {
  'vk-profile': processVkProfile,
  'vk-profiles': processVkProfiles,
  'vk-posts': processVkPosts,
  'vk-comments': processVkComments,
};

/**
 * The crawl workers: 'crawl' (fan-out, no network) and 'vk' (one API request a job). The 'vk'
 * worker's limiter is the token's budget; BullMQ keeps it in the queue backend, so every worker
 * process of the deployment shares it.
 */
export async function startCrawlWorkers(
  deps: { sql: Sql; queue: QueueBackend; log?: (message: string, fields?: Record<string, unknown>) => void },
  options: CrawlOptions,
): Promise<Worker[]> {
  const settings = crawlSettings(options);
  const log = deps.log ?? (() => {});
  let vkWorker: Worker | undefined;
  const ctx: CrawlContext = {
    sql: deps.sql,
    queue: deps.queue,
    settings,
    log,
    rateLimit: async (ms) => {
      if (vkWorker) await vkWorker.rateLimit(ms);
      else await deps.queue.queue('vk').rateLimit(ms);
    },
  };
  const dispatch = (processors: Record<string, CrawlProcessor>, queueName: 'crawl' | 'vk') => async (job: Job) => {
    const processor = processors[job.name];
    if (!processor) throw new Error(`No processor for job "${job.name}"`);
    const startedAt = new Date();
    // Every job's end counts into its run; the first fan-out page starts watching the run for its summary.
    const count = (error?: unknown) => countCrawlJob(deps.sql, job, queueName, startedAt, error).catch((e: Error) => log('crawl run counter not updated', { error: e.message }));
    let result: unknown;
    try {
      result = await processor(job, ctx);
    } catch (error) {
      await count(error);
      throw error;
    }
    await count();
    if (job.name === 'crawl-fanout' && (job.data as { afterId?: number }).afterId === 0) {
      const network = (job.data as { network?: 'vk' }).network ?? 'vk';
      await watchCrawlRun(deps.sql, deps.queue, { network, runAt: runAtOf(job), accountIds: null, everyMs: options.runSummaryCheckMs });
    }
    return result;
  };
  const locks = {
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  };
  await resumeUnlessTokenRejected(ctx);
  const crawlWorker = deps.queue.createWorker('crawl', dispatch(CRAWL_PROCESSORS, 'crawl'), { concurrency: 2, ...locks });
  vkWorker = deps.queue.createWorker('vk', dispatch(VK_PROCESSORS, 'vk'), {
    concurrency: options.concurrency ?? 16,
    limiter: { max: Math.max(1, Math.floor(settings.vkRequestsPerSecond)), duration: 1_000 },
    ...locks,
  });
  return [crawlWorker, vkWorker];
}

/**
 * The 'vk' queue is paused when VK rejects the token. It stays paused while this process's token
 * is the rejected one; started with another token, the alert is resolved and crawling resumes.
 */
async function resumeUnlessTokenRejected(ctx: CrawlContext): Promise<void> {
  const vk = ctx.queue.queue('vk');
  const rejected = (await listOpenCrawlAlerts(ctx.sql, 'vk')).filter((alert) => alert.kind === 'auth');
  if (rejected.some((alert) => alert.tokenFingerprint === ctx.settings.vkTokenFingerprint)) {
    await vk.pause();
    ctx.log('VK crawling stays paused: VK rejected this token; configure another VK_TOKEN', { token: ctx.settings.vkTokenFingerprint });
    return;
  }
  if (rejected.length > 0) {
    await resolveCrawlAlerts(ctx.sql, { network: 'vk', kind: 'auth', exceptTokenFingerprint: ctx.settings.vkTokenFingerprint, at: ctx.settings.now() });
  }
  if (await vk.isPaused()) await vk.resume();
}
