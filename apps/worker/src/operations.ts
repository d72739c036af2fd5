import { crawlRunPages, getCrawlAccounts, getCrawlRun, registerCrawlRun, type CrawlRunPages, type Sql } from '@most/db';
import { DEFAULT_SLA_POLICY, localDateOf } from '@most/domain';
import type { QueueBackend } from '@most/queue';
import { crawlJobIds } from './crawl/job-ids';
import { CRAWL_SCHEDULER_IDS, startCrawlRun } from './crawl/schedule';
import { buildCrawlRunSummary, type CrawlRunSummary } from './runs/crawl-summary';
import { pendingCrawlJobs, watchCrawlRun } from './runs/crawl-tracking';

/**
 * Operators' "do it now": crawl pages or the whole registry, rescore a period, and follow either to
 * its result. Used by the monitor's screens (through tRPC) and by `npm run crawl` / `npm run score`.
 * Job ids are deterministic per minute, so a repeated request within the minute changes nothing.
 */

export type PeriodKind = 'week' | 'month' | 'quarter';
export type CrawlSkipReason = 'network_not_crawled' | 'removed';

export interface CrawlRequest {
  /** The run the requested pages were queued under (ms since epoch). */
  runAt: number;
  queued: number[];
  skipped: { accountId: number; reason: CrawlSkipReason }[];
  /** False when no worker crawls on a schedule here (no VK token): the jobs wait for one. */
  crawlerRunning: boolean;
}

export interface CrawlProgress {
  runAt: number;
  pendingJobs: number;
  requests: number;
  errors: number;
  pages: CrawlRunPages;
  finished: boolean;
  /** The run's summary once no job of it is left. */
  summary: CrawlRunSummary | null;
}

export type JobProgressState = 'waiting' | 'active' | 'completed' | 'failed' | 'unknown';

export interface RescoreStatus {
  jobId: string;
  state: JobProgressState;
  startedAt: Date | null;
  finishedAt: Date | null;
  result: { period: string; accounts: number; organizations: number; questions: number; durationMs: number } | null;
  /** The worker's own failure text (for operators' logs; screens say it in Russian). */
  failedReason: string | null;
}

export const RESCORE_JOB_ID = /^score-now-(week|month|quarter)-\d{4}-\d{2}-\d{2}-\d+$/;
const CRAWLED_NETWORKS = new Set(['vk']);
const minute = (at: Date) => Math.floor(at.getTime() / 60_000) * 60_000;

export interface Operations {
  crawlPages(accountIds: readonly number[]): Promise<CrawlRequest>;
  /** A run over every page: the profiles run at `runAt`, the posts run at `runAt + 1`. */
  crawlRegistry(): Promise<{ runAts: [number, number]; crawlerRunning: boolean }>;
  crawlProgress(runAt: number, accountIds?: readonly number[]): Promise<CrawlProgress>;
  rescore(input: { periodKind: PeriodKind; date?: string | undefined }): Promise<{ jobId: string; periodKind: PeriodKind; date: string }>;
  rescoreStatus(jobId: string): Promise<RescoreStatus>;
}

export function createOperations(deps: { sql: Sql; queue: QueueBackend; now?: () => Date; runSummaryCheckMs?: number }): Operations {
  const now = deps.now ?? (() => new Date());
  const crawlerRunning = async () => (await deps.queue.queue('crawl').getJobScheduler(CRAWL_SCHEDULER_IDS.posts)) != null;

  return {
    async crawlPages(accountIds) {
      const runAt = minute(now());
      const accounts = await getCrawlAccounts(deps.sql, [...new Set(accountIds)]);
      const found = new Set(accounts.map((a) => a.id));
      const queued = accounts.filter((a) => CRAWLED_NETWORKS.has(a.network)).map((a) => a.id);
      const skipped = [
        ...accountIds.filter((id) => !found.has(id)).map((accountId) => ({ accountId, reason: 'removed' as const })),
        ...accounts.filter((a) => !CRAWLED_NETWORKS.has(a.network)).map((a) => ({ accountId: a.id, reason: 'network_not_crawled' as const })),
      ];
      if (queued.length > 0) {
        // Registered before its jobs, so the run is known to be about these pages from its first step.
        await registerCrawlRun(deps.sql, { network: 'vk', runAt: new Date(runAt), accountIds: queued });
        for (const accountId of queued) {
          await deps.queue.enqueue('vk-profile', { accountId, runAt, thenPosts: true }, { jobId: crawlJobIds.vkProfile(accountId, runAt) });
        }
        await watchCrawlRun(deps.sql, deps.queue, { network: 'vk', runAt, accountIds: queued, everyMs: deps.runSummaryCheckMs });
      }
      return { runAt, queued, skipped, crawlerRunning: await crawlerRunning() };
    },

    async crawlRegistry() {
      const runAt = minute(now());
      await startCrawlRun(deps.queue, 'profiles', runAt);
      await startCrawlRun(deps.queue, 'posts', runAt + 1);
      return { runAts: [runAt, runAt + 1], crawlerRunning: await crawlerRunning() };
    },

    async crawlProgress(runAt, accountIds) {
      const key = { network: 'vk' as const, runAt: new Date(runAt) };
      const run = await getCrawlRun(deps.sql, key);
      const ids = accountIds && accountIds.length > 0 ? [...accountIds] : (run?.accountIds ?? null);
      const [pendingJobs, pages] = await Promise.all([pendingCrawlJobs(deps.queue, runAt, ids ?? undefined), crawlRunPages(deps.sql, { ...key, accountIds: ids })]);
      const finished = pendingJobs === 0 && run !== null && run.jobs > 0;
      return {
        runAt,
        pendingJobs,
        requests: run?.requests ?? 0,
        errors: run?.errors ?? 0,
        pages,
        finished,
        summary: finished && run ? buildCrawlRunSummary(run, pages) : null,
      };
    },

    async rescore(input) {
      const at = now();
      const date = input.date ?? localDateOf(at.getTime(), DEFAULT_SLA_POLICY.utcOffsetMinutes);
      const jobId = `score-now-${input.periodKind}-${date}-${minute(at)}`;
      await deps.queue.enqueue('score-period', { periodKind: input.periodKind, date }, { jobId, attempts: 2 });
      return { jobId, periodKind: input.periodKind, date };
    },

    async rescoreStatus(jobId) {
      const job = await deps.queue.queue('system').getJob(jobId);
      if (!job) return { jobId, state: 'unknown', startedAt: null, finishedAt: null, result: null, failedReason: null };
      const raw = await job.getState();
      const state: JobProgressState = raw === 'completed' || raw === 'failed' || raw === 'active' ? raw : raw === 'unknown' ? 'unknown' : 'waiting';
      const value = job.returnvalue as RescoreStatus['result'] | undefined;
      return {
        jobId,
        state,
        startedAt: job.processedOn ? new Date(job.processedOn) : null,
        finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
        result: state === 'completed' && value ? value : null,
        failedReason: state === 'failed' ? (job.failedReason ?? null) : null,
      };
    },
  };
}
