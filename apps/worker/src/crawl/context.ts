import { UnrecoverableError, type JobsOptions } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, JOBS, parseJobPayload, type JobName, type JobPayload, type QueueBackend } from '@most/queue';
import type { CrawlAccount, Sql } from '@most/db';
import type { Network } from '@most/shared';
import type { AccountRef } from '@most/sources';
import type { CrawlSettings, NetworkCrawl } from './options';

export interface CrawlContext {
  sql: Sql;
  queue: QueueBackend;
  settings: CrawlSettings;
  /** Holds back every worker of the network's queue for `ms` (the credential's budget is spent). */
  rateLimit(network: Network, ms: number): Promise<void>;
  log(message: string, fields?: Record<string, unknown>): void;
}

export const accountRef = (account: CrawlAccount): AccountRef => ({ network: account.network, handle: account.handle, externalId: account.externalId });

/** The network's adapter; a job of a network this process does not read fails without retries. */
export function networkCrawl(ctx: CrawlContext, network: Network): NetworkCrawl {
  const crawl = ctx.settings.sources[network];
  if (!crawl) throw new UnrecoverableError(`No ${network} source is configured in this worker`);
  return crawl;
}

/** Enqueues many jobs of one name with deterministic ids in one round trip; payloads are checked first. */
export async function enqueueMany<N extends JobName>(queue: QueueBackend, name: N, jobs: { jobId: string; data: JobPayload<N>; priority?: number }[], options: JobsOptions = {}): Promise<void> {
  if (jobs.length === 0) return;
  const bulk = jobs.map((job) => ({
    name,
    data: parseJobPayload(name, job.data),
    opts: { ...DEFAULT_JOB_OPTIONS, ...options, jobId: job.jobId, ...(job.priority ? { priority: job.priority } : {}) },
  }));
  await queue.queue(JOBS[name].queue).addBulk(bulk);
}
