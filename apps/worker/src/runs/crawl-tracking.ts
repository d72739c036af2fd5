import { RateLimitError, type Job } from 'bullmq';
import { recordCrawlRunSteps, recordFreshRequest, registerCrawlRun, type Sql } from '@most/db';
import { NETWORKS, type Network } from '@most/shared';
import type { QueueBackend, QueueName } from '@most/queue';
import { crawlJobIdFacts } from '../crawl/job-ids';

const PENDING_STATES = ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'] as const;

export const crawlRunSummaryJobId = (network: string, runAt: number, check: number) => `crawl-run-summary-${network}-${runAt}-${check}`;

/** The run a crawl job belongs to: its payload's runAt, or (a scheduler's first fan-out page) its own timestamp. */
export const runAtOf = (job: Job): number => {
  const runAt = (job.data as { runAt?: unknown } | undefined)?.runAt;
  return typeof runAt === 'number' ? runAt : job.timestamp;
};

/** The network a crawl job reads: every crawl payload says (older VK jobs without it are VK's). */
const networkOf = (job: Job): Network => {
  const network = (job.data as { network?: unknown } | undefined)?.network;
  return (NETWORKS as readonly unknown[]).includes(network) ? (network as Network) : 'vk';
};

/** Fresh-pass work (its planning and its re-reads) belongs to no hourly run. */
const isFreshPass = (job: Job): boolean => job.name === 'crawl-fresh' || (job.data as { pass?: unknown } | undefined)?.pass === 'fresh';

/** Does a pending job of the run concern one of these pages (all pages when `wanted` is null)? */
const concerns = (wanted: ReadonlySet<number> | null, data: { accountId?: number; accountIds?: number[] }): boolean =>
  !wanted || (data.accountId !== undefined && wanted.has(data.accountId)) || (data.accountIds?.some((id) => wanted.has(id)) ?? false);

/**
 * Jobs of the run not finished yet (optionally only those about some pages), on the crawl queues.
 * Most jobs are judged by their deterministic id alone (a run's queues may hold tens of thousands of
 * jobs, checked every few seconds); only ids that do not say enough have their job read.
 */
export async function pendingCrawlJobs(queue: QueueBackend, runAt: number, accountIds?: readonly number[]): Promise<number> {
  const wanted = accountIds ? new Set(accountIds) : null;
  let pending = 0;
  for (const name of ['crawl', ...NETWORKS] satisfies QueueName[]) {
    const q = queue.queue(name);
    for (const id of await q.getRanges([...PENDING_STATES], 0, -1)) {
      const facts = crawlJobIdFacts(id);
      if (facts) {
        if (!facts.fresh && facts.runAt === runAt && concerns(wanted, { accountId: facts.accountId ?? undefined })) pending += 1;
        continue;
      }
      const job = await q.getJob(id);
      if (!job || runAtOf(job) !== runAt || isFreshPass(job)) continue;
      if (concerns(wanted, job.data as { accountId?: number; accountIds?: number[] })) pending += 1;
    }
  }
  return pending;
}

/** Starts watching a run: a summary job checks after `everyMs` whether the run's jobs are done. */
export async function watchCrawlRun(sql: Sql, queue: QueueBackend, run: { network: Network; runAt: number; accountIds: readonly number[] | null; everyMs?: number }): Promise<void> {
  await registerCrawlRun(sql, { network: run.network, runAt: new Date(run.runAt), accountIds: run.accountIds });
  const everyMs = run.everyMs ?? 10_000;
  await queue.enqueue(
    'crawl-run-summary',
    { network: run.network, runAt: run.runAt, check: 0, quiet: 0, everyMs },
    { jobId: crawlRunSummaryJobId(run.network, run.runAt, 0), delay: everyMs, attempts: 3 },
  );
}

/** What the ended jobs of one run (or of one fresh-pass tick) add up to since the last write. */
interface Tally {
  network: Network;
  at: Date;
  fresh: boolean;
  jobs: number;
  requests: number;
  errors: number;
  startedAt: Date;
  endedAt: Date;
}

export interface CrawlJobCounter {
  /**
   * Counts one crawl job's end: a job of a network's queue is one request to it (held back by the
   * rate limit or not); a failed attempt is an error. Resolves once the count is stored, so a run
   * with no job left has all its counts.
   */
  count(job: Job, queueName: QueueName, startedAt: Date, error?: unknown): Promise<void>;
}

/**
 * Counts crawl jobs' ends into their runs, one writer a process. Written one statement a job, the
 * run's single row serialised hundreds of jobs a second on its lock and commit; here counts that
 * arrive while a write is under way are summed and go in the next one (one statement a run), so a
 * job waits for one write at most and the row sees one writer a process.
 */
export function createCrawlJobCounter(sql: Sql, options: { log?: (message: string, fields?: Record<string, unknown>) => void } = {}): CrawlJobCounter {
  let tallies = new Map<string, Tally>();
  let counted: (() => void)[] = [];
  let writing = false;
  const write = (t: Tally) =>
    t.fresh
      ? recordFreshRequest(sql, { network: t.network, tickAt: t.at, requests: t.requests, errors: t.errors })
      : recordCrawlRunSteps(sql, { network: t.network, runAt: t.at, jobs: t.jobs, requests: t.requests, errors: t.errors, startedAt: t.startedAt, endedAt: t.endedAt });
  const drain = async () => {
    writing = true;
    while (tallies.size > 0) {
      const batch = [...tallies.values()];
      const done = counted;
      tallies = new Map();
      counted = [];
      await Promise.all(batch.map(write)).catch((error: Error) => options.log?.('crawl run counters not updated', { error: error.message }));
      for (const resolve of done) resolve();
    }
    writing = false;
  };
  return {
    count(job, queueName, startedAt, error) {
      const rateLimited = error instanceof RateLimitError;
      const fresh = isFreshPass(job);
      // The fresh tick's own row counts requests only: its planning job makes none.
      if (fresh && queueName === 'crawl') return Promise.resolve();
      const network = networkOf(job);
      const at = runAtOf(job);
      const key = `${fresh ? 'fresh' : 'run'}:${network}:${at}`;
      const endedAt = new Date();
      const tally = tallies.get(key) ?? { network, at: new Date(at), fresh, jobs: 0, requests: 0, errors: 0, startedAt, endedAt };
      tally.jobs += 1;
      tally.requests += queueName !== 'crawl' ? 1 : 0;
      tally.errors += error !== undefined && !rateLimited ? 1 : 0;
      if (startedAt < tally.startedAt) tally.startedAt = startedAt;
      if (endedAt > tally.endedAt) tally.endedAt = endedAt;
      tallies.set(key, tally);
      const stored = new Promise<void>((resolve) => counted.push(resolve));
      if (!writing) void drain();
      return stored;
    },
  };
}
