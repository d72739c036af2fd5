import type { CrawlProgress, Operations, RescoreStatus } from '../operations';

/** What the operators' CLIs print and how long they wait; tests pass their own. */
export interface FollowOptions {
  print: (line: string) => void;
  intervalMs?: number;
  timeoutMs?: number;
  /** Said once when nothing moved for this long and no crawler is scheduled (default 30 s). */
  idleHintMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const describeCrawlProgress = (p: CrawlProgress) =>
  `jobs left ${p.pendingJobs}, requests ${p.requests}, errors ${p.errors}; pages read ${p.pages.read}, failed ${p.pages.failed}, unavailable ${p.pages.unavailable}; posts ${p.pages.posts}, comments ${p.pages.comments}`;

/**
 * Waits for crawl runs to finish, printing progress whenever it changes. Exit code: 0 when every
 * page was read or found unavailable, 2 when some page failed, 1 on timeout.
 */
export async function followCrawl(ops: Operations, runs: { runAt: number; accountIds?: readonly number[] }[], crawlerRunning: boolean, options: FollowOptions): Promise<number> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 3_600_000);
  let last = '';
  let hinted = false;
  for (;;) {
    const progress = await Promise.all(runs.map((run) => ops.crawlProgress(run.runAt, run.accountIds)));
    const line = progress.map(describeCrawlProgress).join(' | ');
    if (line !== last) options.print(`[${seconds(Date.now() - started)}] ${line}`);
    last = line;
    if (progress.every((p) => p.finished)) {
      const failed = progress.reduce((sum, p) => sum + p.pages.failed, 0);
      options.print(
        `Crawl finished in ${seconds(Date.now() - started)}: ${progress.map((p) => `${p.pages.read} pages read, ${p.pages.failed} failed, ${p.pages.unavailable} unavailable`).join('; ')}`,
      );
      return failed > 0 ? 2 : 0;
    }
    if (!crawlerRunning && !hinted && Date.now() - started > (options.idleHintMs ?? 30_000) && progress.every((p) => p.requests === 0)) {
      options.print('No crawler has taken the jobs yet: is a worker running with VK_TOKEN set (npm start or npm run start:worker)?');
      hinted = true;
    }
    if (Date.now() > deadline) {
      options.print(`Timed out after ${seconds(Date.now() - started)}; the jobs stay queued and a worker will still run them.`);
      return 1;
    }
    await sleep(options.intervalMs ?? 2_000);
  }
}

const STATE_TEXT: Record<RescoreStatus['state'], string> = { waiting: 'waiting in the queue', active: 'scoring', completed: 'done', failed: 'failed', unknown: 'job not found' };

/** Waits for a rescore job, printing its state; 0 when it completed, 1 otherwise. */
export async function followRescore(ops: Operations, jobId: string, options: FollowOptions): Promise<number> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 1_800_000);
  let last = '';
  for (;;) {
    const status = await ops.rescoreStatus(jobId);
    if (status.state !== last) options.print(`[${seconds(Date.now() - started)}] ${STATE_TEXT[status.state]}`);
    last = status.state;
    if (status.state === 'completed' && status.result) {
      const r = status.result;
      options.print(`Scored ${r.period}: ${r.accounts} accounts, ${r.organizations} organizations, ${r.questions} questions measured, in ${seconds(r.durationMs)}`);
      return 0;
    }
    if (status.state === 'failed' || status.state === 'unknown') {
      if (status.failedReason) options.print(`Reason: ${status.failedReason}`);
      return 1;
    }
    if (Date.now() > deadline) {
      options.print(`Timed out after ${seconds(Date.now() - started)}; the job stays queued.`);
      return 1;
    }
    await sleep(options.intervalMs ?? 1_000);
  }
}
