import type { Sql } from '@most/db';
import { CORE_SCHEDULERS, dispatchJobs, guardSchedules, type QueueBackend, type QueueProcessors } from '@most/queue';
import { processSmoke } from './processors/smoke';
import { processCrawlRunSummary } from './processors/crawl-run-summary';
import { TRAINING_PROCESSORS, scheduleTraining } from './processors/training';
import { BULLETIN_PROCESSORS, syncBulletinSchedule, type BulletinWorkerOptions } from './processors/bulletin';
import { SCORE_PROCESSORS, scheduleScoring } from './processors/score';
import { ALERT_PROCESSORS, scheduleAlerts } from './alerts/processor';
import type { AlertWorkerOptions } from './alerts/options';
import type { CrawlOptions } from './crawl/options';
import { startCrawlWorkers } from './crawl/workers';
import { crawlSchedulerRefs, scheduleCrawls, type CrawlSchedule } from './crawl/schedule';

export interface WorkerDeps {
  sql: Sql;
  queue: QueueBackend;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Bulletin e-mail, PDF and link settings from the process's configuration (bulletinOptionsFromConfig); tests may leave them out. */
  bulletin?: BulletinWorkerOptions;
  /** Alert e-mail, Telegram and timing settings (alertOptionsFromConfig); tests may leave them out. */
  alerts?: AlertWorkerOptions;
  /** Crawl workers run only when given (they need a network's credentials and the pseudonym key). */
  crawl?: CrawlOptions;
  /** Days citizens' comment text is kept before the daily purge (default 90). */
  commentRetentionDays?: number;
  /**
   * The recurring crawls the process (or platform) schedules once it is up: re-created with the other
   * schedules when the queue store loses them.
   */
  crawlSchedule?: CrawlSchedule;
  /** How often to check that the recurring schedules still exist (default a minute). */
  scheduleCheckMs?: number;
}

export interface WorkerHandle {
  close(): Promise<void>;
}

/** A processor for every job of the system queue (a job added to the catalogue without one is a type error). */
const SYSTEM_PROCESSORS: QueueProcessors<'system', WorkerDeps> = {
  smoke: (job) => processSmoke(job),
  'crawl-run-summary': (job, deps) => processCrawlRunSummary(job, deps),
  ...TRAINING_PROCESSORS,
  ...BULLETIN_PROCESSORS,
  ...SCORE_PROCESSORS,
  ...ALERT_PROCESSORS,
};

/** Starts the workers of every queue. The returned close() stops taking jobs and waits for running ones. */
export async function startWorker(deps: WorkerDeps): Promise<WorkerHandle> {
  const workers = [deps.queue.createWorker('system', dispatchJobs(SYSTEM_PROCESSORS, deps), { concurrency: 4 })];
  // The bulletin's draft schedule lives in the database; make the queue's scheduler match it.
  const ensureSchedules = async () => {
    await syncBulletinSchedule(deps.sql, deps.queue).catch((error: Error) => deps.log?.('bulletin schedule not registered', { error: error.message }));
    await scheduleScoring(deps.queue, { retentionDays: deps.commentRetentionDays }).catch((error: Error) => deps.log?.('scoring schedule not registered', { error: error.message }));
    await scheduleTraining(deps.queue).catch((error: Error) => deps.log?.('training schedule not registered', { error: error.message }));
    await scheduleAlerts(deps.queue).catch((error: Error) => deps.log?.('alerts schedule not registered', { error: error.message }));
  };
  await ensureSchedules();
  // Redis may lose its data (restart without persistence, eviction): the schedules come back, the crawls' too.
  const crawlSchedule = deps.crawlSchedule;
  const stopGuard = guardSchedules(deps.queue, {
    expected: [...CORE_SCHEDULERS, ...(crawlSchedule ? crawlSchedulerRefs(crawlSchedule) : [])],
    ensure: async () => {
      await ensureSchedules();
      if (crawlSchedule) await scheduleCrawls(deps.queue, crawlSchedule).catch((error: Error) => deps.log?.('crawl schedule not registered', { error: error.message }));
    },
    intervalMs: deps.scheduleCheckMs,
    log: deps.log,
  });
  if (deps.crawl) workers.push(...(await startCrawlWorkers(deps, deps.crawl)));
  for (const worker of workers) {
    worker.on('failed', (job, error) => deps.log?.('job failed', { job: job?.name, id: job?.id, error: error.message }));
  }
  let closing: Promise<void> | undefined;
  return {
    close: () => (closing ??= (stopGuard(), Promise.allSettled(workers.map((w) => w.close())).then(() => undefined))),
  };
}
