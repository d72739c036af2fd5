import { crawlRunPages, finishCrawlRun, getCrawlRun, type Sql } from '@most/db';
import type { QueueBackend, ParsedJob } from '@most/queue';
import { buildCrawlRunSummary } from '../runs/crawl-summary';
import { crawlRunSummaryJobId, pendingCrawlJobs } from '../runs/crawl-tracking';

/** A run still busy after this long is summarised as it stands (e.g. a rejected token paused the queue). */
const WATCH_LIMIT_MS = 6 * 3_600_000;

/**
 * Checks whether a crawl run is done; if jobs of it are left, checks again later (a new job with the
 * next deterministic id), else records the run's summary once and logs it.
 */
export async function processCrawlRunSummary(job: ParsedJob<'crawl-run-summary'>, deps: { sql: Sql; queue: QueueBackend; log?: (message: string, fields?: Record<string, unknown>) => void }) {
  const data = job.data;
  const key = { network: data.network, runAt: new Date(data.runAt) };
  const run = await getCrawlRun(deps.sql, key);
  if (!run) return { skipped: 'unknown run' };
  if (run.finishedAt) return { skipped: 'already summarised' };
  const pending = await pendingCrawlJobs(deps.queue, data.runAt, run.accountIds ?? undefined);
  const givingUp = (data.check + 1) * data.everyMs >= WATCH_LIMIT_MS;
  // Done only when no job is left on two checks in a row: a job may be between enqueueing the next and finishing.
  if ((pending > 0 || data.quiet < 1) && !givingUp) {
    const next = { ...data, check: data.check + 1, quiet: pending === 0 ? data.quiet + 1 : 0 };
    await deps.queue.enqueue('crawl-run-summary', next, { jobId: crawlRunSummaryJobId(data.network, data.runAt, next.check), delay: data.everyMs, attempts: 3 });
    return { pending };
  }
  const summary = buildCrawlRunSummary(run, await crawlRunPages(deps.sql, { ...key, accountIds: run.accountIds }), pending);
  if (await finishCrawlRun(deps.sql, { ...key, at: new Date(), summary: { ...summary } })) {
    deps.log?.(pending > 0 ? 'crawl run still unfinished; summary so far' : 'crawl run finished', { ...summary });
  }
  return summary;
}
