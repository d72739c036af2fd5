import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase, QUEUE_SCHEMA, type Database } from '@most/db';
import { seedDemoRegistry } from '@most/services';
import { createQueueBackend, type QueueBackend } from '@most/queue';
import { createTelegramBot } from '@most/sources';
import type { Config } from '@most/shared';
import {
  alertOptionsFromConfig,
  bulletinOptionsFromConfig,
  closeOnce,
  crawledNetworks,
  crawlOptionsFromConfig,
  crawlScheduleFromConfig,
  crawlSchedulerRefs,
  resolvePseudonymKey,
  scheduleCrawls,
  startWorker,
  type WorkerHandle,
} from '@most/worker';
import { createApp } from './app';
import { createLogger, type Logger } from './logger';
import { createMailer } from './mailer';
import { listen, type RunningServer } from './server';

export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface PlatformOptions {
  config: Config;
  api: boolean;
  worker: boolean;
  /** Apply migrations at start (always in embedded mode). */
  migrate: boolean;
  logger?: Logger;
}

export interface Platform {
  url: string | undefined;
  database: Database;
  queue: QueueBackend;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * Wires database, queue, worker and HTTP API from the configuration. One memoised close()
 * stops accepting requests, drains workers, then closes queues and the database.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: options.api ? 'most-api' : 'most-worker',
  });
  let queue: QueueBackend | undefined;
  let worker: WorkerHandle | undefined;
  let server: RunningServer | undefined;
  let crawlScheduled = false;
  const close = closeOnce(async () => {
    await server?.close();
    await worker?.close();
    await queue?.close();
    await database.close();
  });

  try {
    if (options.migrate || database.mode === 'embedded') {
      const applied = await migrate(database.sql);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
    if (database.mode === 'embedded') {
      const seeded = await seedDemoRegistry(database.sql);
      if (seeded) logger.info({ organizations: seeded.organizations.created, accounts: seeded.accounts.created }, 'demo registry of the Saratov region loaded');
    }
    queue = createQueueBackend({
      redisUrl: config.REDIS_URL,
      databaseUrl: database.url,
      namespace: config.REDIS_URL ? config.QUEUE_PREFIX : QUEUE_SCHEMA,
      poolSize: database.mode === 'embedded' ? 2 : 4,
    });
    await queue.prepare();
    if (options.worker) {
      // The all-in-one process may generate its pseudonym key into DATA_DIR; a separate worker needs PSEUDONYM_KEY.
      const crawl = crawledNetworks(config).length > 0 ? crawlOptionsFromConfig(config, await resolvePseudonymKey(config, true), queue) : null;
      worker = await startWorker({
        sql: database.sql,
        queue,
        log: (message, fields) => logger.info(fields ?? {}, message),
        crawl: crawl ?? undefined,
        crawlSchedule: crawl ? crawlScheduleFromConfig(config) : undefined,
        commentRetentionDays: config.COMMENT_RETENTION_DAYS,
        bulletin: bulletinOptionsFromConfig(config),
        alerts: alertOptionsFromConfig(config),
      });
      if (!crawl) logger.warn('No network is configured (VK_TOKEN, OK_ACCESS_TOKEN…, TELEGRAM_PREVIEW_URL): crawling is off');
      crawlScheduled = crawl !== null;
    }
    if (options.api) {
      const app = createApp({
        sql: database.sql,
        queue,
        logger,
        webDistDir: WEB_DIST_DIR,
        databaseMode: database.mode,
        dataDir: config.DATA_DIR,
        publicUrl: config.PUBLIC_URL,
        trustProxy: config.TRUST_PROXY,
        // Redis may lose its data (and the worker's schedules with it); PostgreSQL keeps them with the data.
        expectSchedules: queue.kind === 'redis',
        // The crawl worker (this process's or another one with the same configuration) keeps these.
        crawlSchedules: crawledNetworks(config).length > 0 ? crawlSchedulerRefs(crawlScheduleFromConfig(config)) : [],
        mailer: createMailer({ smtpUrl: config.SMTP_URL, outboxDir: join(config.DATA_DIR, 'outbox'), logger }),
        telegramBot: config.TELEGRAM_BOT_TOKEN ? createTelegramBot({ token: config.TELEGRAM_BOT_TOKEN, apiUrl: config.TELEGRAM_API_URL }) : undefined,
      });
      server = await listen(app as never, { port: config.PORT, host: config.HOST });
    }
    // Recurring crawls start once everything else is up (the first run begins right away).
    if (crawlScheduled) await scheduleCrawls(queue, crawlScheduleFromConfig(config));
  } catch (error) {
    await close();
    throw error;
  }
  return { url: server?.url, database, queue, logger, close };
}

/** Every entry point stops the same way (see @most/worker `closeOnSignals`). */
export { closeOnSignals } from '@most/worker';
