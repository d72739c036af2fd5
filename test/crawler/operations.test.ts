import { beforeAll, describe, expect, it } from 'vitest';
import { createOperations, followCrawl, followRescore, startCrawlRun, type CrawlProgress, type Operations } from '@most/worker';
import { crawlOptions, startSimulator, waitForIdle } from './harness';
import { useCrawlerSuite } from './suite';

const BUDGET = 50;
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5_000);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Never reached: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('operators crawl now and rescore now through the queue', () => {
  const logged: { message: string; fields: Record<string, unknown> }[] = [];
  const suite = useCrawlerSuite({
    simulator: () => startSimulator(BUDGET, { now: NOW, anchor: NOW, postsPerAccount: 3, commentsPerPost: 4 }),
    handles: ['daily_ops1', 'weekly_ops2', 'missing_ops3'],
    worker: (simulator, queue) => ({
      log: (message, fields) => logged.push({ message, fields: fields ?? {} }),
      crawl: crawlOptions(simulator, BUDGET, queue, { runSummaryCheckMs: 100 }),
    }),
  });
  let ops: Operations;
  beforeAll(() => {
    ops = createOperations({ sql: suite.db.sql, queue: suite.queue, now: () => suite.simulator.clock.now(), runSummaryCheckMs: 100 });
  });

  it('crawls one page now, idempotently, and follows it to its result; the run leaves one summary line', async () => {
    const accountId = suite.ids.get('daily_ops1')!;
    const first = await ops.crawlPages([accountId]);
    const again = await ops.crawlPages([accountId]);
    expect(again.runAt).toBe(first.runAt);
    expect(first.queued).toEqual([accountId]);
    expect(first.crawlerRunning).toBe(false);
    // One job for the page however often the button is pressed within the minute.
    const profileJobs = (await suite.queue.queue('vk').getJobs(['completed', 'active', 'waiting'])).filter((j) => j.name === 'vk-profiles');
    expect(profileJobs).toHaveLength(1);

    const progress = await until<CrawlProgress>(
      () => ops.crawlProgress(first.runAt, [accountId]),
      (p) => p.finished,
    );
    expect(progress.pendingJobs).toBe(0);
    expect(progress.pages).toMatchObject({ read: 1, failed: 0, unavailable: 0 });
    expect(progress.pages.posts).toBe(3);
    expect(progress.requests).toBeGreaterThanOrEqual(2 + 3);
    expect(progress.summary).toMatchObject({ scope: 'pages', pagesRequested: 1, pagesRead: 1, errors: 0 });

    const lines = await until(
      async () => logged.filter((l) => l.message === 'crawl run finished'),
      (found) => found.length > 0,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.fields).toMatchObject({ network: 'vk', scope: 'pages', pagesRead: 1, posts: 3, errors: 0, pendingJobs: 0 });
    expect(lines[0]!.fields.requests).toBe(progress.requests);
    expect(typeof lines[0]!.fields.durationMs).toBe('number');
  });

  it("follows a crawl and a rescore the way the operators' commands print them", async () => {
    const printed: string[] = [];
    const print = (line: string) => printed.push(line);
    const request = await ops.crawlPages([suite.ids.get('weekly_ops2')!]);
    const code = await followCrawl(ops, [{ runAt: request.runAt, accountIds: request.queued }], request.crawlerRunning, { print, intervalMs: 100, timeoutMs: 30_000 });
    expect(code).toBe(0);
    expect(printed.length).toBeGreaterThan(1);
    expect(printed.at(-1)).toMatch(/^Crawl finished in [\d.]+ s: 1 pages read, 0 failed, 0 unavailable$/);

    printed.length = 0;
    const missing = await ops.crawlPages([suite.ids.get('missing_ops3')!]);
    expect(await followCrawl(ops, [{ runAt: missing.runAt, accountIds: missing.queued }], false, { print, intervalMs: 100 })).toBe(0);
    expect(printed.at(-1)).toMatch(/0 pages read, 0 failed, 1 unavailable$/);

    printed.length = 0;
    const rescore = await ops.rescore({ periodKind: 'week', date: '2026-11-18' });
    expect(await followRescore(ops, rescore.jobId, { print, intervalMs: 100 })).toBe(0);
    expect(printed.at(-1)).toMatch(/^Scored 2026-W\d+|^Scored \S+: 3 accounts, 3 organizations/);
    expect(await followRescore(ops, 'score-now-week-2026-11-18-1', { print })).toBe(1);
  });

  it('reports pages of other networks and removed pages as skipped', async () => {
    const [ok] = await suite.db.sql<{ id: number }[]>`
      INSERT INTO accounts (organization_id, network, canonical_url, handle)
      SELECT organization_id, 'ok', 'https://ok.ru/group/ops', 'ops' FROM accounts WHERE id = ${suite.ids.get('weekly_ops2')!} RETURNING id`;
    const request = await ops.crawlPages([ok!.id, 999_999]);
    expect(request.queued).toEqual([]);
    expect(request.skipped).toEqual([
      { accountId: 999_999, reason: 'removed' },
      { accountId: ok!.id, reason: 'network_not_crawled' },
    ]);
  });

  it('logs the summary of a scheduled run over the registry, counting missing pages apart', async () => {
    await suite.db.sql`UPDATE accounts SET removed_at = now() WHERE network <> 'vk'`;
    logged.length = 0;
    // A run of its own (the crawl-now run above is at the start of NOW's minute).
    const runAt = NOW.getTime() - 1_000;
    await startCrawlRun(suite.queue, 'profiles', runAt);
    await waitForIdle(suite.queue);
    const [line] = await until(
      async () => logged.filter((l) => l.message === 'crawl run finished'),
      (found) => found.length > 0,
    );
    expect(line!.fields).toMatchObject({ scope: 'registry', pagesRequested: null, runAt: new Date(runAt).toISOString(), pagesRead: 2, pagesUnavailable: 1, pagesFailed: 0, errors: 0 });
    expect(line!.fields.requests).toBeGreaterThanOrEqual(1);
    const [run] = await suite.db.sql`SELECT finished_at IS NOT NULL AS finished, summary FROM crawl_runs WHERE run_at = ${new Date(runAt)}`;
    expect(run).toMatchObject({ finished: true, summary: { scope: 'registry' } });
  });

  it('rescores a period now and reports the result; the worker logs the scoring run', async () => {
    logged.length = 0;
    const request = await ops.rescore({ periodKind: 'month', date: '2026-11-15' });
    expect(request.jobId).toMatch(/^score-now-month-2026-11-15-\d+$/);
    expect((await ops.rescore({ periodKind: 'month', date: '2026-11-15' })).jobId).toBe(request.jobId);
    const status = await until(
      () => ops.rescoreStatus(request.jobId),
      (s) => s.state === 'completed' || s.state === 'failed',
    );
    expect(status).toMatchObject({ state: 'completed', failedReason: null, result: { period: '2026-11', accounts: 3 } });
    const line = logged.find((l) => l.message === 'scoring run finished');
    expect(line?.fields).toMatchObject({ periodKind: 'month', periods: ['2026-11'], accounts: 3 });
    expect(typeof line?.fields.durationMs).toBe('number');
    expect((await ops.rescoreStatus('score-now-month-2026-11-15-1')).state).toBe('unknown');
  });
});
