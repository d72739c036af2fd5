import { crawlRunPages, getCrawlAccounts, getCrawlRun, registerCrawlRun, type CrawlRunPages, type Sql } from '@most/db';
import { DEFAULT_SLA_POLICY, localDateOf } from '@most/domain';
import { crawlJobName, type QueueBackend } from '@most/queue';
import { NETWORKS, type Network } from '@most/shared';
import { crawlJobIds } from './crawl/job-ids';
import { crawlSchedulerId, startCrawlRun } from './crawl/schedule';
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
const minute = (at: Date) => Math.floor(at.getTime() / 60_000) * 60_000;

export interface Operations {
  crawlPages(accountIds: readonly number[]): Promise<CrawlRequest>;
  /** A run over every page: the profiles run at `runAt`, the posts run at `runAt + 1`. */
  crawlRegistry(): Promise<{ runAts: [number, number]; crawlerRunning: boolean }>;
  crawlProgress(runAt: number, accountIds?: readonly number[]): Promise<CrawlProgress>;
  rescore(input: { periodKind: PeriodKind; date?: string | undefined }): Promise<{ jobId: string; periodKind: PeriodKind; date: string }>;
  rescoreStatus(jobId: string): Promise<RescoreStatus>;
}

export function createOperations(deps: {
  sql: Sql;
  queue: QueueBackend;
  now?: () => Date;
  runSummaryCheckMs?: number;
  /** The networks the workers read; default: those with a crawl schedule, else VK. */
  networks?: readonly Network[];
}): Operations {
  const now = deps.now ?? (() => new Date());
  const crawlerRunning = async () => (await Promise.all(NETWORKS.map((network) => deps.queue.queue('crawl').getJobScheduler(crawlSchedulerId(network, 'posts'))))).some((s) => s != null);

  const crawledNetworks = async (): Promise<Network[]> => {
    if (deps.networks) return [...deps.networks];
    const scheduled = await Promise.all(NETWORKS.map(async (network) => ((await deps.queue.queue('crawl').getJobScheduler(crawlSchedulerId(network, 'posts'))) != null ? network : null)));
    const networks = scheduled.filter((network) => network !== null);
    return networks.length > 0 ? networks : ['vk'];
  };

  return {
    async crawlPages(accountIds) {
      const runAt = minute(now());
      const accounts = await getCrawlAccounts(deps.sql, [...new Set(accountIds)]);
      const found = new Set(accounts.map((a) => a.id));
      const networks = await crawledNetworks();
      const queued = accounts.filter((a) => networks.includes(a.network)).map((a) => a.id);
      const skipped = [
        ...accountIds.filter((id) => !found.has(id)).map((accountId) => ({ accountId, reason: 'removed' as const })),
        ...accounts.filter((a) => !networks.includes(a.network)).map((a) => ({ accountId: a.id, reason: 'network_not_crawled' as const })),
      ];
      for (const network of networks) {
        const ids = accounts.filter((a) => a.network === network).map((a) => a.id);
        if (ids.length === 0) continue;
        // Registered before its jobs, so the run is known to be about these pages from its first step.
        await registerCrawlRun(deps.sql, { network, runAt: new Date(runAt), accountIds: ids });
        for (const accountId of ids) {
          await deps.queue.enqueue(
            crawlJobName(network, 'profiles'),
            { network, accountIds: [accountId], runAt, thenPosts: true },
            { jobId: crawlJobIds.profiles(network, accountId, accountId, runAt) },
          );
        }
        await watchCrawlRun(deps.sql, deps.queue, { network, runAt, accountIds: ids, everyMs: deps.runSummaryCheckMs });
      }
      return { runAt, queued, skipped, crawlerRunning: await crawlerRunning() };
    },

    async crawlRegistry() {
      const runAt = minute(now());
      const networks = await crawledNetworks();
      await startCrawlRun(deps.queue, 'profiles', runAt, networks);
      await startCrawlRun(deps.queue, 'posts', runAt + 1, networks);
      return { runAts: [runAt, runAt + 1], crawlerRunning: await crawlerRunning() };
    },

    async crawlProgress(runAt, accountIds) {
      // A run is recorded per network; "crawl now" of an organization may span several.
      const readRuns = async () => (await Promise.all(NETWORKS.map((network) => getCrawlRun(deps.sql, { network, runAt: new Date(runAt) })))).filter((run) => run !== null);
      const explicit = accountIds && accountIds.length > 0 ? [...accountIds] : null;
      const registered = await readRuns();
      const allIds = explicit ?? (registered.every((run) => run.accountIds !== null) && registered.length > 0 ? registered.flatMap((run) => run.accountIds ?? []) : undefined);
      // Pending jobs first, then what they wrote: a job that ends between the two reads is then
      // counted in the pages, never reported finished with its page missing.
      const pendingJobs = await pendingCrawlJobs(deps.queue, runAt, allIds);
      const runs = await readRuns();
      const perRun = await Promise.all(
        runs.map(async (run) => {
          const pages = await crawlRunPages(deps.sql, { network: run.network, runAt: run.runAt, accountIds: explicit ?? run.accountIds });
          return { run, pages };
        }),
      );
      const pages = perRun.reduce<CrawlRunPages>(
        (sum, { pages: p }) => ({
          read: sum.read + p.read,
          failed: sum.failed + p.failed,
          unavailable: sum.unavailable + p.unavailable,
          posts: sum.posts + p.posts,
          comments: sum.comments + p.comments,
        }),
        { read: 0, failed: 0, unavailable: 0, posts: 0, comments: 0 },
      );
      const requests = runs.reduce((sum, run) => sum + run.requests, 0);
      const errors = runs.reduce((sum, run) => sum + run.errors, 0);
      const finished = pendingJobs === 0 && runs.length > 0 && runs.some((run) => run.jobs > 0);
      const first = perRun[0];
      const summary =
        finished && first
          ? {
              ...buildCrawlRunSummary(first.run, first.pages),
              network: runs.map((run) => run.network).join(','),
              pagesRead: pages.read,
              pagesFailed: pages.failed,
              pagesUnavailable: pages.unavailable,
              posts: pages.posts,
              comments: pages.comments,
              requests,
              errors,
              jobs: runs.reduce((sum, run) => sum + run.jobs, 0),
            }
          : null;
      return { runAt, pendingJobs, requests, errors, pages, finished, summary };
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
