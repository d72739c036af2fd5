import type { CrawlRun, CrawlRunPages } from '@most/db';

/** The one line a finished crawl run leaves in the log (and in crawl_runs.summary). */
export interface CrawlRunSummary {
  network: string;
  runAt: string;
  /** 'registry' for a scheduled run over every page, 'pages' for an operator's "crawl now". */
  scope: 'registry' | 'pages';
  pagesRequested: number | null;
  pagesRead: number;
  pagesFailed: number;
  pagesUnavailable: number;
  posts: number;
  comments: number;
  requests: number;
  errors: number;
  jobs: number;
  durationMs: number;
  /** Jobs still queued when the watch gave up (0 for a run that finished). */
  pendingJobs: number;
}

/** Builds a run's summary from its counters and what happened to its pages. */
export function buildCrawlRunSummary(run: CrawlRun, pages: CrawlRunPages, pendingJobs = 0): CrawlRunSummary {
  const start = run.startedAt ?? run.runAt;
  const end = run.lastJobAt ?? start;
  return {
    network: run.network,
    runAt: run.runAt.toISOString(),
    scope: run.accountIds ? 'pages' : 'registry',
    pagesRequested: run.accountIds?.length ?? null,
    pagesRead: pages.read,
    pagesFailed: pages.failed,
    pagesUnavailable: pages.unavailable,
    posts: pages.posts,
    comments: pages.comments,
    requests: run.requests,
    errors: run.errors,
    jobs: run.jobs,
    durationMs: Math.max(0, end.getTime() - start.getTime()),
    pendingJobs,
  };
}
