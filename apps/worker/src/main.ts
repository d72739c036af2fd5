import { openDatabase } from '@most/db';
import { createQueueBackend } from '@most/queue';
import { loadConfigOrExit } from '@most/shared';
import { crawledNetworks, crawlOptionsFromConfig, crawlScheduleFromConfig, resolvePseudonymKey } from './crawl/runtime';
import { scheduleCrawls } from './crawl/schedule';
import { startWorker } from './worker';
import { alertOptionsFromConfig } from './alerts/options';
import { bulletinOptionsFromConfig } from './processors/bulletin-options';
import { createWorkerLogger } from './logger';
import { closeOnce, closeOnSignals } from './lifecycle';

/** Production worker process: needs DATABASE_URL; uses Redis when REDIS_URL is set. */
const config = loadConfigOrExit();
if (!config.DATABASE_URL) {
  process.stderr.write('DATABASE_URL: required for a separate worker process (use `npm start` for the embedded mode)\n');
  process.exit(78);
}
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE, applicationName: 'most-worker' });
const queue = createQueueBackend({ redisUrl: config.REDIS_URL, databaseUrl: db.url, namespace: config.REDIS_URL ? config.QUEUE_PREFIX : 'bullmq' });
await queue.prepare();
let pseudonymKey: string | null = null;
if (crawledNetworks(config).length > 0) {
  try {
    pseudonymKey = await resolvePseudonymKey(config, false);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(78);
  }
}
const crawl = pseudonymKey ? crawlOptionsFromConfig(config, pseudonymKey, queue) : null;
const { logger, log } = createWorkerLogger(config.LOG_LEVEL);
const crawlSchedule = crawl ? crawlScheduleFromConfig(config) : undefined;
const worker = await startWorker({
  sql: db.sql,
  queue,
  log,
  crawl: crawl ?? undefined,
  crawlSchedule,
  commentRetentionDays: config.COMMENT_RETENTION_DAYS,
  bulletin: bulletinOptionsFromConfig(config),
  alerts: alertOptionsFromConfig(config),
});
// Every worker process upserts the same schedulers (stable ids): one schedule whatever the number of processes.
if (crawlSchedule) await scheduleCrawls(queue, crawlSchedule);
else log('No network is configured (VK_TOKEN, OK_ACCESS_TOKEN…, TELEGRAM_PREVIEW_URL): crawling is off');
logger.info({ queue: queue.kind }, 'worker started');

closeOnSignals({
  logger,
  close: closeOnce(async () => {
    await worker.close();
    await queue.close();
    await db.close();
  }),
});
