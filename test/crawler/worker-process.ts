/**
 * The crawl worker in a process of its own, for the kill -9 test: `node --import tsx test/crawler/worker-process.ts`.
 * Configured by environment exactly as the production worker (VK_*, OK_*, TELEGRAM_* point it at a simulator),
 * plus CRAWL_NOW (the crawler's clock). Loads its modules, prints "loaded", and starts the worker only when it
 * reads "start" on stdin (so a successor can be loaded ahead without running); prints "ready" once it takes jobs.
 * Short locks let a successor take over a killed worker's jobs quickly.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createSql } from '@most/db';
import { createQueueBackend } from '@most/queue';
import { parseConfig } from '@most/shared';
import { crawlOptionsFromConfig, startWorker } from '@most/worker';

const config = parseConfig(process.env);
process.stdout.write('loaded\n');
const lines = createInterface({ input: process.stdin });
while ((await once(lines, 'line'))[0] !== 'start');
const sql = createSql(config.DATABASE_URL!, { max: 4, applicationName: 'crawl-test-worker' });
const queue = createQueueBackend({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL!, namespace: process.env.QUEUE_NAMESPACE! });
await queue.prepare();
const crawl = crawlOptionsFromConfig(config, config.PSEUDONYM_KEY!, queue);
if (!crawl) throw new Error('no network is configured for the test worker');
await startWorker({ sql, queue, crawl: { ...crawl, now: () => new Date(Number(process.env.CRAWL_NOW)), lockDurationMs: 2_000, stalledIntervalMs: 1_000 } });
process.stdout.write('ready\n');
