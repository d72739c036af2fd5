/**
 * The crawl worker of the benchmarks, run in a child process of its own (so its CPU and peak RSS are
 * its own), and the parent's handle on it. The child reads all three simulated networks with one
 * token each at the given budgets, on real PostgreSQL and Redis, and answers one JSON line per
 * command on stdin: `now <ms>` (moves its clock), `usage` (CPU and peak RSS so far), `stop`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createSql } from '@most/db';
import { createQueueBackend, type QueueBackend } from '@most/queue';
import { createOkSource, createTelegramSource, createVkSource } from '@most/sources';
import { createPseudonymiser, createRequestPacer, fingerprint, startWorker, type CrawlOptions } from '@most/worker';

export const BENCH_TOKEN = 'bench-token';
const PSEUDONYM_KEY = 'bench-pseudonym-key-0123456789abcdef0123456789';
const ROLE = 'BENCH_WORKER_ROLE';
/** Prefix of the child's answers on stdout (anything else there is the worker's own logging). */
const MARK = '@bench ';

export interface Budgets {
  vk: number;
  ok: number;
  telegram: number;
}

export interface WorkerUsage {
  cpuMs: number;
  maxRssKb: number;
  readyRssMb: number;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** True in the child process started by `spawnCrawlWorker`. */
export const isCrawlWorkerChild = (): boolean => process.env[ROLE] === 'worker';

/** The crawl options of a bench worker: the three simulated networks (URLs from the environment), one token each, at the given budgets. */
export function benchCrawlOptions(queue: QueueBackend, options: { budgets: Budgets; now: () => Date; concurrency: number }): CrawlOptions {
  const { budgets } = options;
  const telegramUrl = env('TELEGRAM_PREVIEW_URL');
  const pacer = (network: string, key: string, requestsPerSecond: number) => createRequestPacer(queue, { key: `${network}-${fingerprint(key)}`, requestsPerSecond });
  const okApplication = JSON.parse(env('OK_APPLICATION')) as { key: string; secretKey: string };
  return {
    sources: {
      vk: {
        source: createVkSource({ token: BENCH_TOKEN, kind: 'service', baseUrl: env('VK_API_URL'), requestsPerSecond: budgets.vk, acquire: pacer('vk', BENCH_TOKEN, budgets.vk).acquire }),
        tokenFingerprint: fingerprint(BENCH_TOKEN),
        requestsPerSecond: budgets.vk,
      },
      ok: {
        source: createOkSource({
          applicationKey: okApplication.key,
          applicationSecretKey: okApplication.secretKey,
          accessToken: BENCH_TOKEN,
          baseUrl: env('OK_API_URL'),
          requestsPerSecond: budgets.ok,
          acquire: pacer('ok', BENCH_TOKEN, budgets.ok).acquire,
        }),
        tokenFingerprint: fingerprint(BENCH_TOKEN),
        requestsPerSecond: budgets.ok,
      },
      telegram: {
        source: createTelegramSource({ baseUrl: telegramUrl, requestsPerSecond: budgets.telegram, acquire: pacer('telegram', telegramUrl, budgets.telegram).acquire }),
        tokenFingerprint: fingerprint(telegramUrl),
        requestsPerSecond: budgets.telegram,
      },
    },
    pseudonymise: createPseudonymiser(PSEUDONYM_KEY),
    now: options.now,
    // Jobs mostly wait on PostgreSQL and the network: more of them in flight keep the budget busy.
    concurrency: options.concurrency,
  };
}

/** Child role: runs until `stop`. */
export async function runCrawlWorker(options: { concurrency: number; applicationName: string }): Promise<void> {
  const budgets = JSON.parse(env('BENCH_BUDGETS')) as Budgets;
  let now = Number(env('BENCH_NOW'));
  const sql = createSql(env('DATABASE_URL'), { max: 20, applicationName: options.applicationName });
  const queue = createQueueBackend({ redisUrl: env('REDIS_URL'), databaseUrl: env('DATABASE_URL'), namespace: env('QUEUE_NAMESPACE') });
  await queue.prepare();
  const worker = await startWorker({ sql, queue, crawl: benchCrawlOptions(queue, { budgets, now: () => new Date(now), concurrency: options.concurrency }) });
  const readyRssMb = process.memoryUsage().rss / 1024 / 1024;
  const usage = (): WorkerUsage => {
    const u = process.resourceUsage();
    return { cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS, readyRssMb };
  };
  process.stdout.write(`${MARK}ready\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, argument] = line.split(' ');
    if (command === 'now') now = Number(argument);
    if (command === 'stop') break;
    process.stdout.write(`${MARK}${JSON.stringify(usage())}\n`);
  }
  await worker.close();
  await queue.close();
  await sql.end({ timeout: 5 });
  process.stdout.write(`${MARK}${JSON.stringify(usage())}\n`);
  process.exit(0);
}

export interface CrawlWorkerHandle {
  child: ChildProcess;
  /** Sends a command and waits for its JSON answer. */
  command(line: string): Promise<WorkerUsage>;
}

/** Starts `script` again as the worker child with these variables; resolves once it is ready. */
export async function spawnCrawlWorker(script: string, vars: Record<string, string>): Promise<CrawlWorkerHandle> {
  // BENCH_CPU_PROF=<dir>: the worker writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], { env: { ...process.env, ...vars, [ROLE]: 'worker' }, stdio: ['pipe', 'pipe', 'inherit'] });
  const answers: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith(MARK)) return;
    const answer = line.slice(MARK.length);
    const resolve = waiting.shift();
    if (resolve) resolve(answer);
    else answers.push(answer);
  });
  const exited = once(child, 'exit').then(([code]): never => {
    throw new Error(`worker exited with ${code}`);
  });
  exited.catch(() => {});
  const nextLine = () => Promise.race([answers.length > 0 ? Promise.resolve(answers.shift()!) : new Promise<string>((resolve) => waiting.push(resolve)), exited]);
  while ((await nextLine()) !== 'ready');
  return {
    child,
    command: async (line) => {
      child.stdin!.write(`${line}\n`);
      return JSON.parse(await nextLine()) as WorkerUsage;
    },
  };
}

/** Jobs waiting or running on the crawl queues. */
export async function busyJobs(queue: QueueBackend): Promise<number> {
  let total = 0;
  for (const name of ['crawl', 'vk', 'ok', 'telegram'] as const) {
    const counts = await queue.queue(name).getJobCounts('active', 'wait', 'waiting', 'delayed', 'prioritized');
    total += Object.values(counts).reduce((sum, n) => sum + n, 0);
  }
  return total;
}

/** Waits until the crawl queues have been empty for three polls in a row. */
export async function waitForIdle(queue: QueueBackend, pollMs = 100): Promise<void> {
  let quiet = 0;
  while (quiet < 3) {
    quiet = (await busyJobs(queue)) === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
