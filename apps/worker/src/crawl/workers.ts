import type { Job, Worker } from 'bullmq';
import { listOpenCrawlAlerts, raiseCrawlAlert, resolveCrawlAlerts, type Sql } from '@most/db';
import { dispatchJobs, networkQueueProcessors, type QueueBackend, type QueueName, type QueueProcessors } from '@most/queue';
import type { Network } from '@most/shared';
import { NETWORK_SOURCES } from '@most/sources';
import { createPooledSource } from './token-pool';
import { processCrawlFanout } from '../processors/crawl-fanout';
import { processComments } from '../processors/crawl-comments';
import { processCrawlFresh } from '../processors/crawl-fresh';
import { processPosts } from '../processors/crawl-posts';
import { processProfiles } from '../processors/crawl-profiles';
import type { CrawlContext } from './context';
import { crawlSettings, type CrawlOptions, type NetworkCrawl } from './options';
import { createCrawlJobCounter, runAtOf, watchCrawlRun } from '../runs/crawl-tracking';

/** The 'crawl' queue's jobs (no network request): a job added to the catalogue without a processor is a type error. */
const CRAWL_QUEUE_PROCESSORS: QueueProcessors<'crawl', CrawlContext> = { 'crawl-fanout': processCrawlFanout, 'crawl-fresh': processCrawlFresh };

/** Every network queue's jobs: one processor per kind of work, whatever the network (the job names it, the source does the rest). */
const NETWORK_QUEUE_PROCESSORS = networkQueueProcessors<CrawlContext>({ profiles: processProfiles, posts: processPosts, comments: processComments });

/**
 * The crawl workers: 'crawl' (fan-out, no network request) and one worker per network read (one
 * request a job). Each network worker's limiter is its credential's budget; BullMQ keeps it in the
 * queue backend, so every worker process of the deployment shares it.
 */
export async function startCrawlWorkers(deps: { sql: Sql; queue: QueueBackend; log?: (message: string, fields?: Record<string, unknown>) => void }, options: CrawlOptions): Promise<Worker[]> {
  const settings = crawlSettings(options);
  const log = deps.log ?? (() => {});
  const crawlJobs = createCrawlJobCounter(deps.sql, { log });
  const networkWorkers = new Map<Network, Worker>();
  const ctx: CrawlContext = {
    sql: deps.sql,
    queue: deps.queue,
    settings,
    log,
    rateLimit: async (network, ms) => {
      const worker = networkWorkers.get(network);
      if (worker) await worker.rateLimit(ms);
      else await deps.queue.queue(network).rateLimit(ms);
    },
  };
  /** Every job's end counts into its run; the first fan-out page of a network read here starts watching the run for its summary. */
  const tracked = (queueName: QueueName, process: (job: Job) => Promise<unknown>) => async (job: Job) => {
    // A fan-out of a network this worker does not read is skipped: it is no step of any run.
    const fanoutNetwork = job.name === 'crawl-fanout' ? ((job.data as { network?: Network }).network ?? 'vk') : null;
    if (fanoutNetwork && !settings.sources[fanoutNetwork]) return process(job);
    const startedAt = new Date();
    let result: unknown;
    try {
      result = await process(job);
    } catch (error) {
      await crawlJobs.count(job, queueName, startedAt, error);
      throw error;
    }
    await crawlJobs.count(job, queueName, startedAt);
    if (fanoutNetwork && (job.data as { afterId?: number }).afterId === 0) {
      await watchCrawlRun(deps.sql, deps.queue, { network: fanoutNetwork, runAt: runAtOf(job), accountIds: null, everyMs: options.runSummaryCheckMs });
    }
    return result;
  };
  const locks = {
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  };
  const crawlWorker = deps.queue.createWorker('crawl', tracked('crawl', dispatchJobs(CRAWL_QUEUE_PROCESSORS, ctx)), { concurrency: 2, ...locks });
  const workers: Worker[] = [crawlWorker];
  for (const [network, configured] of Object.entries(settings.sources) as [Network, NetworkCrawl][]) {
    const crawl = await readThroughPool(ctx, network, configured);
    settings.sources = { ...settings.sources, [network]: crawl };
    await resumeUnlessTokenRejected(
      ctx,
      network,
      crawl.tokenFingerprint,
      crawl.pool?.map((m) => m.tokenFingerprint),
    );
    const worker = deps.queue.createWorker(network, tracked(network, dispatchJobs(NETWORK_QUEUE_PROCESSORS, ctx)), {
      concurrency: options.concurrency ?? 16,
      limiter: { max: Math.max(1, Math.floor(crawl.requestsPerSecond)), duration: 1_000 },
      ...locks,
    });
    networkWorkers.set(network, worker);
    workers.push(worker);
  }
  return workers;
}

/**
 * A network's queue is paused when the network rejects the token. It stays paused while this
 * process's token is the rejected one; started with another token, the alert is resolved and
 * crawling resumes.
 */
async function resumeUnlessTokenRejected(ctx: CrawlContext, network: Network, tokenFingerprint: string, poolFingerprints: readonly string[] = []): Promise<void> {
  const queue = ctx.queue.queue(network);
  const rejected = (await listOpenCrawlAlerts(ctx.sql, network)).filter((alert) => alert.kind === 'auth');
  if (rejected.some((alert) => alert.tokenFingerprint === tokenFingerprint)) {
    await queue.pause();
    ctx.log(`${network} crawling stays paused: the network rejected this token; configure another one`, { network, token: tokenFingerprint });
    return;
  }
  // Alerts of tokens no longer configured are closed; a pool's refused tokens stay reported.
  if (rejected.length > 0) await resolveCrawlAlerts(ctx.sql, { network, kind: 'auth', exceptTokenFingerprint: tokenFingerprint, keepTokenFingerprints: poolFingerprints, at: ctx.settings.now() });
  if (await queue.isPaused()) await queue.resume();
}

/**
 * The network read through its token pool: tokens refused before (an open alert, by any process) stay
 * out; a token refused now is taken out and raises an alert with its fingerprint, the others go on.
 */
async function readThroughPool(ctx: CrawlContext, network: Network, crawl: NetworkCrawl): Promise<NetworkCrawl> {
  if (!crawl.pool) return crawl;
  const pool = crawl.pool;
  const refused = new Set((await listOpenCrawlAlerts(ctx.sql, network)).filter((alert) => alert.kind === 'auth').map((alert) => alert.tokenFingerprint));
  const live = pool.filter((member) => !refused.has(member.tokenFingerprint));
  const { label } = NETWORK_SOURCES[network];
  // With every token refused before, the pool tries them again: the network's answer pauses crawling as for one token.
  const source = createPooledSource(network, live.length > 0 ? live : pool, async (member, error) => {
    const message = `${label} refused the token ${member.tokenFingerprint}: ${error.message}. It is out of the pool; the other tokens go on.`;
    await raiseCrawlAlert(ctx.sql, { kind: 'auth', network, tokenFingerprint: member.tokenFingerprint, message, at: ctx.settings.now() });
    ctx.log(`${label} token taken out of the pool`, { network, token: member.tokenFingerprint });
  });
  return { ...crawl, source };
}
