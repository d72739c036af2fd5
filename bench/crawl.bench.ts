/**
 * `npm run bench:crawl`: a full crawl (profiles run, then posts and comments run) of 200 simulated
 * VK communities × 10 posts × 20 comments, the simulator allowing 50 requests/s for the token.
 * The worker runs in a child process of its own (real PostgreSQL via TEST_DATABASE_URL, real Redis)
 * so its peak RSS is its own. Prints wall time, requests, share of the rate budget used, error-6
 * answers, requests per account and the worker's peak RSS, each against its target.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSql } from '@most/db';
import { createQueueBackend, type QueueBackend } from '@most/queue';
import { createVkSource } from '@most/sources';
import { createPseudonymiser, createRequestPacer, fingerprint, startCrawlRun, startWorker } from '@most/worker';

const ACCOUNTS = 200;
const POSTS = 10;
const COMMENTS = 20;
const BUDGET = 50;
const TOKEN = 'bench-token';
const PSEUDONYM_KEY = 'bench-pseudonym-key-0123456789abcdef0123456789';
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
  const pacer = createRequestPacer(queue, { key: `vk-${fingerprint(TOKEN)}`, requestsPerSecond: BUDGET });
  const worker = await startWorker({
    sql,
    queue,
    crawl: {
      sources: {
        vk: { source: createVkSource({ token: TOKEN, kind: 'service', baseUrl: env('VK_API_URL'), requestsPerSecond: BUDGET, acquire: pacer.acquire }), tokenFingerprint: fingerprint(TOKEN), requestsPerSecond: BUDGET },
      },
      pseudonymise: createPseudonymiser(PSEUDONYM_KEY),
      now: () => NOW,
      // Jobs mostly wait on PostgreSQL and the network: more of them in flight keep the budget busy.
      concurrency: 32,
    },
  });
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
  for (const name of ['crawl', 'vk'] as const) {
    const counts = await queue.queue(name).getJobCounts('active', 'wait', 'waiting', 'delayed', 'prioritized');
    total += Object.values(counts).reduce((sum, n) => sum + n, 0);
  }
  return total;
}

async function waitForIdle(queue: QueueBackend): Promise<void> {
  let quiet = 0;
  while (quiet < 3) {
    quiet = (await busy(queue)) === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  // Test infrastructure is loaded by the bench process only, never by the worker child (its RSS is measured).
  const [{ createTestDatabase }, { TEST_REDIS_URL, uniqueNamespace }, { startVkSimulator }] = await Promise.all([
    import('@most/db/testing'),
    import('@most/queue/testing'),
    import('@most/sources/simulator'),
  ]);
  const db = await createTestDatabase();
  const simulator = await startVkSimulator({
    seed: 'bench',
    now: NOW,
    anchor: NOW,
    postsPerAccount: POSTS,
    commentsPerPost: COMMENTS,
    mix: { closed: 0, private: 0, deleted: 0, banned: 0, notFound: 0 },
    tokens: { [TOKEN]: { kind: 'service', requestsPerSecond: BUDGET } },
  });
  const namespace = uniqueNamespace('bench');
  const queue = createQueueBackend({ redisUrl: TEST_REDIS_URL, databaseUrl: db.url, namespace });
  let worker: ChildProcess | undefined;
  try {
    await queue.prepare();
    const organizations = Array.from({ length: ACCOUNTS }, (_, i) => ({
      code: `bench_${i}`,
      full_name: `Учреждение № ${i}`,
      short_name: `Учр. ${i}`,
      kind: 'subordinate_institution',
      sector: 'education',
    }));
    const orgIds = await db.sql<{ id: number }[]>`INSERT INTO organizations ${db.sql(organizations)} RETURNING id`;
    await db.sql`INSERT INTO accounts ${db.sql(orgIds.map((org, i) => ({ organization_id: org.id, network: 'vk', canonical_url: `https://vk.com/bench_page_${i}`, handle: `bench_page_${i}` })))}`;

    const started = await spawnWorker({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_NAMESPACE: namespace, VK_API_URL: simulator.url });
    worker = started.child;
    simulator.resetStats();

    const t0 = performance.now();
    await startCrawlRun(queue, 'profiles', NOW.getTime());
    await waitForIdle(queue);
    const tProfiles = performance.now();
    await startCrawlRun(queue, 'posts', NOW.getTime() + 1);
    await waitForIdle(queue);
    const seconds = (performance.now() - t0) / 1000;
    const stats = simulator.stats();
    const crawler = stats.byToken[TOKEN] ?? { requests: 0, error6: 0, maxRequestsPerSecond: 0 };

    worker.stdin!.write('stop\n');
    await once(worker, 'exit');
    const rss = JSON.parse(started.output().split('\n').find((line) => line.startsWith('{')) ?? '{}') as { maxRssKb?: number; readyRssMb?: number; cpuSeconds?: number };
    const rssMb = (rss.maxRssKb ?? 0) / 1024;

    const [stored] = await db.sql<{ posts: number; comments: number; snapshots: number; failed: number }[]>`
      SELECT (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM comments) AS comments,
             (SELECT count(*)::int FROM account_snapshots) AS snapshots,
             (SELECT count(*)::int FROM crawl_health WHERE consecutive_failures > 0) AS failed`;
    const failedJobs = (await queue.queue('vk').getJobCounts('failed')).failed ?? 0;
    const share = crawler.requests / (seconds * BUDGET);

    console.log(`crawl of ${ACCOUNTS} accounts × ${POSTS} posts × ${COMMENTS} comments, budget ${BUDGET} req/s`);
    console.log(`wall time:             ${seconds.toFixed(1)} s (profiles run ${((tProfiles - t0) / 1000).toFixed(1)} s, posts and comments run ${((performance.now() - tProfiles) / 1000).toFixed(1)} s)`);
    console.log(`requests made:         ${crawler.requests} (${Object.entries(stats.byMethod).map(([m, n]) => `${m} ${n}`).join(', ')})`);
    console.log(`rate budget used:      ${(share * 100).toFixed(1)} % (target ≥ ${TARGETS.budgetShare * 100} %: ratio ${(share / TARGETS.budgetShare).toFixed(2)})`);
    console.log(`busiest 1 s window:    ${crawler.maxRequestsPerSecond} requests (budget ${BUDGET})`);
    console.log(`error-6 answers:       ${crawler.error6} (target ${TARGETS.error6}); other errors: ${JSON.stringify(stats.errors)}`);
    console.log(`requests per account:  ${(crawler.requests / ACCOUNTS).toFixed(2)}`);
    console.log(`worker peak RSS:       ${rssMb.toFixed(0)} MB (target < ${TARGETS.rssMb} MB: ratio ${(rssMb / TARGETS.rssMb).toFixed(2)})`);
    console.log(`worker at start:       ${(rss.readyRssMb ?? 0).toFixed(0)} MB RSS after loading; ${(rss.cpuSeconds ?? 0).toFixed(1)} s CPU in all`);
    console.log(`stored:                ${stored!.snapshots} snapshots, ${stored!.posts} posts, ${stored!.comments} comments; failed jobs ${failedJobs}`);
  } finally {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await queue.close();
    await simulator.close();
    await db.drop();
  }
}

if (process.env.CRAWL_BENCH_ROLE === 'worker') await runWorker();
else await main();
