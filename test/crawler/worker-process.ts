/**
 * The crawl worker in a process of its own, for the kill -9 test: `node --import tsx test/crawler/worker-process.ts`.
 * Configured by environment. Loads its modules, prints "loaded", and starts the worker only when it reads
 * "start" on stdin (so a successor can be loaded ahead without running); prints "ready" once it takes jobs.
 * Short locks let a successor take over a killed worker's jobs quickly.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createSql } from '@most/db';
import { createQueueBackend } from '@most/queue';
import { createOkSource, createVkSource } from '@most/sources';
// The simulator's fictional application key pair (constants only).
import { OK_SIMULATOR_APPLICATION } from '@most/sources/simulator';
import { createPseudonymiser, createRequestPacer, fingerprint, startWorker } from '@most/worker';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
process.stdout.write('loaded\n');
const lines = createInterface({ input: process.stdin });
while ((await once(lines, 'line'))[0] !== 'start');
const budget = Number(env('CRAWL_BUDGET'));
const sql = createSql(env('DATABASE_URL'), { max: 4, applicationName: 'crawl-test-worker' });
const queue = createQueueBackend({ redisUrl: env('REDIS_URL'), databaseUrl: env('DATABASE_URL'), namespace: env('QUEUE_NAMESPACE') });
await queue.prepare();
// CRAWL_NETWORK=ok reads OK (OK_API_URL, the simulator's application) instead of VK (VK_API_URL).
const network = process.env.CRAWL_NETWORK === 'ok' ? 'ok' : 'vk';
const token = env('VK_TOKEN');
const pacer = createRequestPacer(queue, { key: `${network}-${fingerprint(token)}`, requestsPerSecond: budget });
const source =
  network === 'ok'
    ? createOkSource({ applicationKey: OK_SIMULATOR_APPLICATION.key, applicationSecretKey: OK_SIMULATOR_APPLICATION.secretKey, accessToken: token, baseUrl: env('OK_API_URL'), requestsPerSecond: budget, acquire: pacer.acquire })
    : createVkSource({ token, kind: 'service', baseUrl: env('VK_API_URL'), requestsPerSecond: budget, acquire: pacer.acquire });
await startWorker({
  sql,
  queue,
  crawl: {
    sources: { [network]: { source, tokenFingerprint: fingerprint(token), requestsPerSecond: budget } },
    pseudonymise: createPseudonymiser(env('PSEUDONYM_KEY')),
    now: () => new Date(Number(env('CRAWL_NOW'))),
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
  },
});
process.stdout.write('ready\n');
