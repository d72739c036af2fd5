import { DEFAULT_JOB_OPTIONS, JOBS, parseJobPayload, type JobName, type JobPayload, type QueueBackend } from '@most/queue';
import type { Sql } from '@most/db';
import type { AccountRef } from '@most/sources';
import type { CrawlAccount } from '@most/db';
import type { CrawlSettings } from './options';

export interface CrawlContext {
  sql: Sql;
  queue: QueueBackend;
  settings: CrawlSettings;
  /** Holds back every worker of the 'vk' queue for `ms` (the token's budget is spent). */
  rateLimit(ms: number): Promise<void>;
  log(message: string, fields?: Record<string, unknown>): void;
}

export const accountRef = (account: CrawlAccount): AccountRef => ({ network: account.network, handle: account.handle, externalId: account.externalId });

/** Enqueues many jobs of one name with deterministic ids in one round trip; payloads are checked first. */
export async function enqueueMany<N extends JobName>(queue: QueueBackend, name: N, jobs: { jobId: string; data: JobPayload<N> }[]): Promise<void> {
  if (jobs.length === 0) return;
  const bulk = jobs.map((job) => ({ name, data: parseJobPayload(name, job.data), opts: { ...DEFAULT_JOB_OPTIONS, jobId: job.jobId } }));
  await queue.queue(JOBS[name].queue).addBulk(bulk);
}
