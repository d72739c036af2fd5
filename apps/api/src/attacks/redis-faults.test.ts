import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '@most/services';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import { createQueueBackend, type QueueBackend } from '@most/queue';
import { crawlSchedulerId, scheduleCrawls, startWorker, type CrawlSchedule, type WorkerHandle } from '@most/worker';
import { NETWORKS } from '@most/shared';
import { createApp } from '../app';
import { createLogger } from '../logger';
import { listen, type RunningServer } from '../server';
import { overHttp, TestBrowser } from '../test-support/http-client';
import { PASSWORD } from './harness';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/**
 * Issue 13, item 10: Redis frozen or emptied. A private redis-server on a random port (never the
 * shared one on 6379): frozen with CLIENT PAUSE, emptied with FLUSHALL.
 */
const CRAWL_SCHEDULE: CrawlSchedule = { profilesEveryMs: 86_400_000, postsEveryMs: 3_600_000, networks: NETWORKS };
const crawlSchedulers = async (queue: QueueBackend) =>
  (await queue.queue('crawl').getJobSchedulers(0, -1)).map((s) => s.key).sort();

describe('Redis faults, with a private Redis and a real worker', () => {
  let redisProcess: ChildProcess;
  let admin: Redis;
  let db: TestDatabase;
  let queue: QueueBackend;
  let worker: WorkerHandle;
  let server: RunningServer;

  beforeAll(async () => {
    const port = await freePort();
    redisProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    admin = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 100, 1000) });
    admin.on('error', () => {});
    for (let i = 0; i < 100 && (await admin.ping().catch(() => 'no')) !== 'PONG'; i += 1) await new Promise((r) => setTimeout(r, 100));
    db = await createTestDatabase();
    await createUser(db.sql, { email: 'monitor@most.test', role: 'monitor', password: PASSWORD }, { label: 'test' });
    queue = createQueueBackend({ redisUrl: `redis://127.0.0.1:${port}`, databaseUrl: db.url, namespace: 'faults' });
    await queue.prepare();
    // Crawls of every network are scheduled (no crawl worker runs: their fan-outs only wait in the queue).
    worker = await startWorker({ sql: db.sql, queue, scheduleCheckMs: 500, crawlSchedule: CRAWL_SCHEDULE });
    await scheduleCrawls(queue, CRAWL_SCHEDULE);
    const app = createApp({ sql: db.sql, queue, logger: createLogger('silent'), databaseMode: 'external', expectSchedules: true });
    server = await listen(app as never, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close(1_000);
    await worker?.close();
    await queue?.close();
    admin?.disconnect();
    redisProcess?.kill('SIGTERM');
    await db?.drop();
  });

  const health = async () => {
    const started = performance.now();
    const response = await fetch(`${server.url}/healthz`);
    return { status: response.status, body: (await response.json()) as { ok: boolean; queue: { ok: boolean }; schedules?: { ok: boolean; missing?: string[] } }, ms: performance.now() - started };
  };

  it('after Redis loses its data, /healthz names the missing schedules and the worker re-creates them', async () => {
    expect((await health()).body).toMatchObject({ ok: true, schedules: { ok: true, missing: [] } });
    expect(await crawlSchedulers(queue)).toHaveLength(NETWORKS.length * 2);
    await admin.flushall();
    expect(await crawlSchedulers(queue)).toEqual([]);
    const after = await health();
    expect(after.status).toBe(503);
    expect(after.body.schedules?.missing).toEqual(expect.arrayContaining(['system:score-week', 'system:score-purge', 'system:bulletin-sweep', 'system:training-finalize']));
    await expect.poll(async () => (await health()).body.schedules?.ok, { timeout: 10_000, interval: 250 }).toBe(true);
    expect((await health()).status).toBe(200);
    // The crawls of every network come back too, not only VK's.
    const expected = NETWORKS.flatMap((network) => [crawlSchedulerId(network, 'posts'), crawlSchedulerId(network, 'profiles')]).sort();
    await expect.poll(() => crawlSchedulers(queue), { timeout: 10_000, interval: 250 }).toEqual(expected);
  });

  it('with Redis frozen, /healthz answers within 2 s naming the queue, and the queue status answers 503 at once', async () => {
    const monitor = new TestBrowser(overHttp(server.url));
    await monitor.open();
    expect((await monitor.mutate('auth.login', { email: 'monitor@most.test', password: PASSWORD })).status).toBe(200);
    // Frozen for 6 s (it thaws by itself: a paused Redis takes no UNPAUSE from a paused client).
    await admin.call('CLIENT', 'PAUSE', '6000', 'ALL');
    const thawed = new Promise((r) => setTimeout(r, 6_500));
    try {
      const frozen = await health();
      expect(frozen.ms).toBeLessThan(2_000);
      expect(frozen.status).toBe(503);
      expect(frozen.body.queue.ok).toBe(false);
      const started = performance.now();
      const status = await monitor.query('accounts.queueStatus');
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(status.status).toBe(503);
    } finally {
      await thawed;
    }
  });
});
