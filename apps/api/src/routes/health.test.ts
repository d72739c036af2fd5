import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend } from '@most/queue/testing';
import { crawlSchedulerId, crawlSchedulerRefs, scheduleCrawls, startWorker, type CrawlSchedule, type WorkerHandle } from '@most/worker';
import { createApp } from '../app';
import { createLogger } from '../logger';

/** VK and Telegram are read (OK is not), each with a fresh pass. */
const SCHEDULE: CrawlSchedule = { profilesEveryMs: 86_400_000, postsEveryMs: 3_600_000, freshEveryMs: 60_000, networks: ['vk', 'telegram'] };

interface HealthBody {
  ok: boolean;
  schedules: { ok: boolean; missing: string[]; crawl: Record<string, { scheduled: string[]; missing: string[] }> };
}

describe('/healthz lists the recurring crawls per network', () => {
  let db: TestDatabase;
  let queue: QueueBackend;
  let worker: WorkerHandle;
  const health = async () => {
    const app = createApp({ sql: db.sql, queue, logger: createLogger('silent'), databaseMode: 'external', expectSchedules: true, crawlSchedules: crawlSchedulerRefs(SCHEDULE) });
    const response = await app.request('/healthz');
    return { status: response.status, body: (await response.json()) as HealthBody };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = await createTestQueueBackend('redis', db.url);
    // A worker without crawling keeps the core schedules; the crawls' are scheduled by the test.
    worker = await startWorker({ sql: db.sql, queue, scheduleCheckMs: 3_600_000 });
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await db?.drop();
  });

  it('names the crawls not scheduled yet, then shows every network scheduled as configured', async () => {
    const before = await health();
    expect(before.status).toBe(503);
    expect(before.body.schedules.missing.sort()).toEqual(
      crawlSchedulerRefs(SCHEDULE)
        .map((ref) => `crawl:${ref.id}`)
        .sort(),
    );
    expect(before.body.schedules.crawl).toEqual({
      vk: { scheduled: [], missing: ['profiles', 'posts', 'fresh'] },
      ok: { scheduled: [], missing: [] },
      telegram: { scheduled: [], missing: ['profiles', 'posts', 'fresh'] },
    });

    await scheduleCrawls(queue, SCHEDULE);
    const after = await health();
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ ok: true, schedules: { ok: true, missing: [] } });
    expect(after.body.schedules.crawl).toEqual({
      vk: { scheduled: ['profiles', 'posts', 'fresh'], missing: [] },
      ok: { scheduled: [], missing: [] },
      telegram: { scheduled: ['profiles', 'posts', 'fresh'], missing: [] },
    });
  });

  it('reports one lost crawl schedule by network and part, and is unhealthy', async () => {
    await queue.queue('crawl').removeJobScheduler(crawlSchedulerId('telegram', 'fresh'));
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.schedules).toMatchObject({ ok: false, missing: ['crawl:crawl-telegram-fresh'] });
    expect(body.schedules.crawl.telegram).toEqual({ scheduled: ['profiles', 'posts'], missing: ['fresh'] });
    expect(body.schedules.crawl.vk).toEqual({ scheduled: ['profiles', 'posts', 'fresh'], missing: [] });
  });
});
