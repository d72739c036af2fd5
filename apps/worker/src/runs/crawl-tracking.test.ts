import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql, getCrawlRun, type Sql } from '@most/db';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import { createCrawlJobCounter } from './crawl-tracking';

const runAt = Date.parse('2026-11-20T10:00:00Z');
const job = (name: string, data: Record<string, unknown>) => ({ name, data, timestamp: runAt }) as unknown as Job;

describe('crawl job counter', () => {
  let db: TestDatabase;
  let sql: Sql;
  const statements: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = createSql(db.url, { max: 4, debug: (_connection, query) => statements.push(query) });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await db?.drop();
  });

  it('stores every count before it resolves, summing those that arrive during a write into one statement', async () => {
    const counter = createCrawlJobCounter(sql);
    const started = new Date(runAt + 1_000);
    const counts = Array.from({ length: 60 }, (_, i) =>
      counter
        .count(job('posts', { network: 'vk', runAt, accountId: i }), 'vk', started, i === 7 ? new Error('network failed') : undefined)
        // Resolved only once its own count is in the row.
        .then(async () => (await getCrawlRun(db.sql, { network: 'vk', runAt: new Date(runAt) }))?.jobs ?? 0),
    );
    const seen = await Promise.all(counts);
    seen.forEach((jobs, i) => expect(jobs).toBeGreaterThanOrEqual(i + 1));
    const run = await getCrawlRun(db.sql, { network: 'vk', runAt: new Date(runAt) });
    expect(run).toMatchObject({ jobs: 60, requests: 60, errors: 1, startedAt: started });
    const writes = statements.filter((q) => q.includes('INSERT INTO crawl_runs'));
    // One statement per job would be 60.
    expect(writes.length).toBeLessThanOrEqual(3);
    expect(writes.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps runs and networks apart, and counts a fan-out job without a request', async () => {
    const counter = createCrawlJobCounter(sql);
    const other = runAt + 60_000;
    const at = new Date(other);
    await Promise.all([
      counter.count(job('posts', { network: 'ok', runAt: other }), 'ok', at),
      counter.count(job('comments', { network: 'ok', runAt: other }), 'ok', at),
      counter.count(job('crawl-fanout', { network: 'ok', runAt: other }), 'crawl', at),
      counter.count(job('posts', { network: 'telegram', runAt: other }), 'telegram', at),
    ]);
    expect(await getCrawlRun(db.sql, { network: 'ok', runAt: at })).toMatchObject({ jobs: 3, requests: 2, errors: 0 });
    expect(await getCrawlRun(db.sql, { network: 'telegram', runAt: at })).toMatchObject({ jobs: 1, requests: 1 });
  });
});
