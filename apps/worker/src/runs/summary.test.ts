import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createWorkerLogger } from '../logger';
import { buildCrawlRunSummary } from './crawl-summary';
import { buildScoreRunSummary } from './score-summary';

const run = {
  network: 'vk' as const,
  runAt: new Date('2026-11-20T10:00:00Z'),
  accountIds: null,
  jobs: 12,
  requests: 11,
  errors: 2,
  startedAt: new Date('2026-11-20T10:00:01Z'),
  lastJobAt: new Date('2026-11-20T10:03:31Z'),
  finishedAt: null,
};
const pages = { read: 4, failed: 1, unavailable: 2, posts: 30, comments: 120 };

describe('run summaries', () => {
  it('summarises a crawl run: pages read, requests, errors, duration', () => {
    expect(buildCrawlRunSummary(run, pages)).toEqual({
      network: 'vk',
      runAt: '2026-11-20T10:00:00.000Z',
      scope: 'registry',
      pagesRequested: null,
      pagesRead: 4,
      pagesFailed: 1,
      pagesUnavailable: 2,
      posts: 30,
      comments: 120,
      requests: 11,
      errors: 2,
      jobs: 12,
      durationMs: 210_000,
      pendingJobs: 0,
    });
    const scoped = buildCrawlRunSummary({ ...run, accountIds: [7, 9], startedAt: null, lastJobAt: null }, pages, 3);
    expect(scoped).toMatchObject({ scope: 'pages', pagesRequested: 2, durationMs: 0, pendingJobs: 3 });
  });

  it('summarises a scoring run: periods, accounts, duration', () => {
    const summary = buildScoreRunSummary(
      { periodKind: 'quarter', periods: ['2026-q4'], accounts: 190, organizations: 150, questions: 44 },
      new Date('2026-11-20T10:00:00Z'),
      new Date('2026-11-20T10:00:02.5Z'),
    );
    expect(summary).toEqual({ periodKind: 'quarter', periods: ['2026-q4'], accounts: 190, organizations: 150, questions: 44, durationMs: 2_500 });
  });

  it('writes the summary as one JSON line through pino', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const { log } = createWorkerLogger('info', sink);
    log('crawl run finished', { ...buildCrawlRunSummary(run, pages) });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'crawl run finished', service: 'tsifrovoy-most-worker', pagesRead: 4, requests: 11, errors: 2, durationMs: 210_000 });
  });
});
