/**
 * `npm run bench:crawl`: a full crawl (profiles run, then posts and comments run) of each network in
 * turn, by one worker reading all three: 200 simulated VK communities × 10 posts × 20 comments (the
 * simulator allowing 50 requests/s for the token), 100 OK groups × 10 topics × 10 comments (20/s),
 * 20 Telegram channels × 10 posts (2 preview pages/s). The worker runs in a child process of its own
 * (real PostgreSQL via TEST_DATABASE_URL, real Redis) so its peak RSS is its own. Prints, per network
 * side by side, wall time, requests, share of the rate budget used and rate-limit answers, then the
 * worker's peak RSS; the VK figures against their targets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSql } from '@most/db';
import { createQueueBackend, type QueueBackend } from '@most/queue';
import type { Network } from '@most/shared';
import { startCrawlRun, startWorker } from '@most/worker';
import { BENCH_TOKEN as TOKEN, benchCrawlOptions } from './support/crawl-worker';

const ACCOUNTS = 200;
const POSTS = 10;
const COMMENTS = 20;
const BUDGET = 50;
const OK = { accounts: 100, posts: 10, comments: 10, budget: 20 };
const TELEGRAM = { accounts: 20, posts: 10, budget: 2 };
const NOW = new Date('2026-11-20T00:00:00Z');
const TARGETS = { budgetShare: 0.9, error6: 0, rssMb: 300 };

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** Child role: the crawl worker, stopped by "stop" on stdin; answers with its peak RSS. */
async function runWorker(): Promise<void> {
  const sql = createSql(env('DATABASE_URL'), { max: 20, applicationName: 'bench-crawl-worker' });
  const queue = createQueueBackend({ redisUrl: env('REDIS_URL'), databaseUrl: env('DATABASE_URL'), namespace: env('QUEUE_NAMESPACE') });
  await queue.prepare();
  const worker = await startWorker({ sql, queue, crawl: benchCrawlOptions(queue, { budgets: { vk: BUDGET, ok: OK.budget, telegram: TELEGRAM.budget }, now: () => NOW, concurrency: 32 }) });
  const readyRssMb = process.memoryUsage().rss / 1024 / 1024;
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  while ((await once(lines, 'line'))[0] !== 'stop');
  await worker.close();
  await queue.close();
  await sql.end({ timeout: 5 });
  const usage = process.resourceUsage();
  process.stdout.write(`${JSON.stringify({ maxRssKb: usage.maxRSS, readyRssMb, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 })}\n`);
  process.exit(0);
}

function spawnWorker(vars: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, ...vars, CRAWL_BENCH_ROLE: 'worker' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('ready')) {
        clearInterval(timer);
        resolve({ child, output: () => output });
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`worker exited with ${code}: ${output}`));
    });
  });
}

async function busy(queue: QueueBackend): Promise<number> {
  let total = 0;
  for (const name of ['crawl', 'vk', 'ok', 'telegram'] as const) {
    const counts = await queue.queue(name).getJobCounts('active', 'wait', 'waiting', 'delayed', 'prioritized');
    total += Object.values(counts).reduce((sum, n) => sum + n, 0);
  }
  return total;
}

async function waitForIdle(queue: QueueBackend): Promise<void> {
  let quiet = 0;
  while (quiet < 3) {
    quiet = (await busy(queue)) === 0 ? quiet + 1 : 0;
    // Short polls: the wait for quiet counts in the wall time the budget share is measured over.
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function main(): Promise<void> {
  // Test infrastructure is loaded by the bench process only, never by the worker child (its RSS is measured).
  const [{ createTestDatabase }, { TEST_REDIS_URL, uniqueNamespace }, { startVkSimulator, startOkSimulator, startTelegramSimulator, OK_SIMULATOR_APPLICATION }] = await Promise.all([
    import('@most/db/testing'),
    import('@most/queue/testing'),
    import('@most/sources/simulator'),
  ]);
  const db = await createTestDatabase();
  const noUnavailable = { closed: 0, private: 0, deleted: 0, banned: 0, notFound: 0 };
  const simulator = await startVkSimulator({
    seed: 'bench',
    now: NOW,
    anchor: NOW,
    postsPerAccount: POSTS,
    commentsPerPost: COMMENTS,
    mix: noUnavailable,
    tokens: { [TOKEN]: { kind: 'service', requestsPerSecond: BUDGET } },
  });
  const okSimulator = await startOkSimulator({
    seed: 'bench',
    now: NOW,
    anchor: NOW,
    postsPerAccount: OK.posts,
    commentsPerPost: OK.comments,
    mix: noUnavailable,
    tokens: { [TOKEN]: { requestsPerSecond: OK.budget } },
  });
  const telegramSimulator = await startTelegramSimulator({ seed: 'bench', now: NOW, anchor: NOW, postsPerAccount: TELEGRAM.posts, mix: noUnavailable, requestsPerSecond: TELEGRAM.budget });
  const namespace = uniqueNamespace('bench');
  const queue = createQueueBackend({ redisUrl: TEST_REDIS_URL, databaseUrl: db.url, namespace });
  let worker: ChildProcess | undefined;
  try {
    await queue.prepare();
    const pages: { network: Network; url: (handle: string) => string; count: number }[] = [
      { network: 'vk', url: (h) => `https://vk.com/${h}`, count: ACCOUNTS },
      { network: 'ok', url: (h) => `https://ok.ru/${h}`, count: OK.accounts },
      { network: 'telegram', url: (h) => `https://t.me/${h}`, count: TELEGRAM.accounts },
    ];
    for (const { network, url, count } of pages) {
      const organizations = Array.from({ length: count }, (_, i) => ({
        code: `bench_${network}_${i}`,
        full_name: `Учреждение № ${i} (${network})`,
        short_name: `Учр. ${i}`,
        kind: 'subordinate_institution',
        sector: 'education',
      }));
      const orgIds = await db.sql<{ id: number }[]>`INSERT INTO organizations ${db.sql(organizations)} RETURNING id`;
      await db.sql`INSERT INTO accounts ${db.sql(orgIds.map((org, i) => ({ organization_id: org.id, network, canonical_url: url(`bench_page_${i}`), handle: `bench_page_${i}` })))}`;
    }

    const started = await spawnWorker({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_NAMESPACE: namespace,
      VK_API_URL: simulator.url,
      OK_API_URL: okSimulator.url,
      OK_APPLICATION: JSON.stringify(OK_SIMULATOR_APPLICATION),
      TELEGRAM_PREVIEW_URL: telegramSimulator.url,
    });
    worker = started.child;

    /** One network's full crawl: its profiles run, then its posts and comments run. */
    const crawl = async (network: Network, stats: () => { requests: number; byMethod: Record<string, number>; errors: Record<string, number> }, reset: () => void) => {
      reset();
      const t0 = performance.now();
      await startCrawlRun(queue, 'profiles', NOW.getTime(), [network]);
      await waitForIdle(queue);
      const profilesSeconds = (performance.now() - t0) / 1000;
      const profileRequests = stats().requests;
      await startCrawlRun(queue, 'posts', NOW.getTime() + 1, [network]);
      await waitForIdle(queue);
      return { seconds: (performance.now() - t0) / 1000, profilesSeconds, profileRequests, stats: stats() };
    };
    const vk = await crawl('vk', simulator.stats, simulator.resetStats);
    const ok = await crawl('ok', okSimulator.stats, okSimulator.resetStats);
    const telegram = await crawl('telegram', telegramSimulator.stats, telegramSimulator.resetStats);
    const crawler = (vk.stats as ReturnType<typeof simulator.stats>).byToken[TOKEN] ?? { requests: 0, error6: 0, maxRequestsPerSecond: 0 };
    const okToken = (ok.stats as ReturnType<typeof okSimulator.stats>).byToken[TOKEN] ?? { requests: 0, rateLimited: 0, maxRequestsPerSecond: 0 };
    const tg = telegram.stats as ReturnType<typeof telegramSimulator.stats>;

    worker.stdin!.write('stop\n');
    await once(worker, 'exit');
    const rss = JSON.parse(
      started
        .output()
        .split('\n')
        .find((line) => line.startsWith('{')) ?? '{}',
    ) as { maxRssKb?: number; readyRssMb?: number; cpuSeconds?: number };
    const rssMb = (rss.maxRssKb ?? 0) / 1024;

    const stored = await db.sql<{ network: string; posts: number; comments: number; snapshots: number; failing: number }[]>`
      SELECT a.network, (SELECT count(*)::int FROM posts p WHERE p.account_id = ANY(array_agg(a.id))) AS posts,
             (SELECT count(*)::int FROM comments c WHERE c.account_id = ANY(array_agg(a.id))) AS comments,
             (SELECT count(*)::int FROM account_snapshots s WHERE s.account_id = ANY(array_agg(a.id))) AS snapshots,
             (SELECT count(*)::int FROM crawl_health h WHERE h.account_id = ANY(array_agg(a.id)) AND h.consecutive_failures > 0) AS failing
      FROM accounts a GROUP BY a.network`;
    const failedJobs = async (name: Network) => (await queue.queue(name).getJobCounts('failed')).failed ?? 0;
    /** One network's column: its size and budget, its run, its crawler token's figures and what the network answers over the rate. */
    const rowOf = async (network: Network, name: string, size: { accounts: number; budget: number }, run: typeof vk, token: { requests: number; maxRequestsPerSecond: number }, limited: string) => ({
      network: name,
      accounts: size.accounts,
      budget: size.budget,
      run,
      requests: token.requests,
      busiest: token.maxRequestsPerSecond,
      limited,
      failed: await failedJobs(network),
      stored: stored.find((r) => r.network === network),
    });
    const rows = [
      await rowOf('vk', 'VK', { accounts: ACCOUNTS, budget: BUDGET }, vk, crawler, `${crawler.error6} error 6`),
      await rowOf('ok', 'OK', OK, ok, okToken, `${okToken.rateLimited} error 8`),
      await rowOf('telegram', 'Telegram', TELEGRAM, telegram, tg, `${tg.rateLimited} HTTP 429`),
    ];
    const share = crawler.requests / (vk.seconds * BUDGET);
    const column = (label: string, cell: (row: (typeof rows)[number]) => string) => console.log(`${label.padEnd(22)}${rows.map((row) => cell(row).padEnd(44)).join('')}`);
    console.log(
      `full crawl of each network in turn by one worker (VK ${ACCOUNTS} × ${POSTS} posts × ${COMMENTS} comments; OK ${OK.accounts} × ${OK.posts} × ${OK.comments}; Telegram ${TELEGRAM.accounts} × ${TELEGRAM.posts} posts)`,
    );
    column('', (row) => row.network);
    column('budget', (row) => `${row.budget} req/s`);
    column('wall time', (row) => `${row.run.seconds.toFixed(1)} s (profiles ${row.run.profilesSeconds.toFixed(1)} s)`);
    column('requests', (row) => `${row.requests} (${(row.requests / row.accounts).toFixed(2)} a page)`);
    column('rate budget used', (row) => `${((row.requests / (row.run.seconds * row.budget)) * 100).toFixed(1)} %`);
    // The profiles run is a handful of requests that cannot fill the budget: the posts run shows the pace alone.
    column('  of it posts run', (row) => `${(((row.requests - row.run.profileRequests) / ((row.run.seconds - row.run.profilesSeconds) * row.budget)) * 100).toFixed(1)} %`);
    column('busiest 1 s window', (row) => `${row.busiest} requests`);
    column('rate-limit answers', (row) => row.limited);
    column('other error answers', (row) => JSON.stringify(Object.fromEntries(Object.entries(row.run.stats.errors).filter(([k]) => !['6', '8', 'http429'].includes(k)))));
    column('stored', (row) => `${row.stored?.snapshots ?? 0} profiles, ${row.stored?.posts ?? 0} posts, ${row.stored?.comments ?? 0} comments`);
    column('failed jobs / pages', (row) => `${row.failed} / ${row.stored?.failing ?? 0}`);
    console.log(
      `VK rate budget used:   ${(share * 100).toFixed(1)} % (target ≥ ${TARGETS.budgetShare * 100} %: ratio ${(share / TARGETS.budgetShare).toFixed(2)}); error-6 answers ${crawler.error6} (target ${TARGETS.error6})`,
    );
    console.log(
      `VK requests by method: ${Object.entries(vk.stats.byMethod)
        .map(([m, n]) => `${m} ${n}`)
        .join(', ')}`,
    );
    console.log(`worker peak RSS:       ${rssMb.toFixed(0)} MB for all three networks (target < ${TARGETS.rssMb} MB: ratio ${(rssMb / TARGETS.rssMb).toFixed(2)})`);
    console.log(`worker at start:       ${(rss.readyRssMb ?? 0).toFixed(0)} MB RSS after loading; ${(rss.cpuSeconds ?? 0).toFixed(1)} s CPU in all`);
  } finally {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await queue.close();
    await simulator.close();
    await okSimulator.close();
    await telegramSimulator.close();
    await db.drop();
  }
}

if (process.env.CRAWL_BENCH_ROLE === 'worker') await runWorker();
else await main();
