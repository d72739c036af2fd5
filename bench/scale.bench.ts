/**
 * `npm run bench:scale [-- --scale 0.1]`: the whole pipeline on a simulated registry 100× the demo
 * region (23,100 pages: 14,000 VK, 6,000 OK, 3,100 Telegram at --scale 1), the simulators' rate
 * limits raised as if many tokens were pooled: registry import (CSV) → profiles → posts → comments
 * (one worker in a child process, real PostgreSQL and Redis) → classification → scoring → an
 * edition built and published. Then an hourly pass: the simulated clock moves one hour (a few new
 * posts and comments appear), the posts run re-reads every page, and the incremental rescore runs.
 * Prints the figures and their ratios to the targets (≤ 10 ms worker CPU and ≤ 10 ms database CPU
 * per page for the hourly re-read; an incremental rescore after 5 % of accounts changed ≤ 10 % of a
 * full one). Database CPU is the /proc CPU of the database's backends (see support/process-cpu.ts).
 * BENCH_EXPLAIN=0 skips the EXPLAIN of the dashboard's and the API's queries (support/explain.ts).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { ensureMonthlyPartitions, type Sql } from '@most/db';
import { createQueueBackend } from '@most/queue';
import type { Network } from '@most/shared';
import { startCrawlRun } from '@most/worker';
import { BENCH_TOKEN, isCrawlWorkerChild, runCrawlWorker, spawnCrawlWorker, waitForIdle, type Budgets, type CrawlWorkerHandle } from './support/crawl-worker';
import { meterBackends } from './support/process-cpu';
import { buildEdition, importRegistry, loadOrganizationScores, parseCsv, publishEdition, SARATOV_MUNICIPALITIES, upsertMunicipalities, scorePeriod, scorePeriodIncremental } from '@most/services';

const scaleArg = process.argv.indexOf('--scale');
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : Number(process.env.BENCH_SCALE ?? 1);
/** The demo region's 231 pages, 100 times. */
const PAGES: Record<Network, number> = { vk: Math.round(14_000 * SCALE), ok: Math.round(6_000 * SCALE), telegram: Math.round(3_100 * SCALE) };
/** As if ~40 VK, ~25 OK tokens and ~50 Telegram preview addresses were pooled. */
const BUDGETS: Budgets = { vk: 2_000, ok: 500, telegram: 100 };
const HISTORY_DAYS = 5;
const COMMENTS_PER_POST = 4;
const NOW = new Date('2026-11-20T08:00:00Z');
const HOUR = 3_600_000;
const TARGETS = { workerCpuMsPerPage: 10, dbCpuMsPerPage: 10, rescoreShare: 0.1, minutes: 20 };
const SECTORS = ['education', 'health', 'culture', 'sport', 'social_protection', 'other'];

const seconds = (since: number) => (performance.now() - since) / 1000;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const ratio = (value: number, target: number) => `ratio ${(value / target).toFixed(2)}`;

/** Organizations with one to three pages each, in the registry's CSV format. */
function registryCsv(): string {
  const organizations = PAGES.vk;
  const urls: string[][] = Array.from({ length: organizations }, () => []);
  for (let i = 0; i < PAGES.vk; i += 1) urls[i]!.push(`https://vk.com/scale_vk_${i}`);
  for (let i = 0; i < PAGES.ok; i += 1) urls[(i * 7) % organizations]!.push(`https://ok.ru/scale_ok_${i}`);
  for (let i = 0; i < PAGES.telegram; i += 1) urls[(i * 11 + 3) % organizations]!.push(`https://t.me/scale_tg_${i}`);
  const lines = ['code,full_name,kind,sector,municipality,parent_code,website,accounts'];
  urls.forEach((list, i) => {
    const municipality = SARATOV_MUNICIPALITIES[1 + (i % (SARATOV_MUNICIPALITIES.length - 1))]!.code;
    lines.push(`scale${i},"Учреждение № ${i}",subordinate_institution,${SECTORS[i % SECTORS.length]},${municipality},,https://org${i}.example.ru,"${list.join(' ')}"`);
  });
  return lines.join('\n');
}

/** used_memory and its peak from the shared Redis server's INFO. */
function redisMemory(): string {
  try {
    const info = execFileSync('redis-cli', ['-u', process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', 'info', 'memory'], { encoding: 'utf8' });
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '?';
    return `used ${field('used_memory_human')}, peak ${field('used_memory_peak_human')}`;
  } catch (error) {
    return `not measured: ${(error as Error).message}`;
  }
}

/** Bytes of each table with its indexes and TOAST. */
async function tableBytes(sql: Sql): Promise<Map<string, number>> {
  const rows = await sql<{ name: string; bytes: string }[]>`
    SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'`;
  return new Map(rows.map((r) => [r.name, Number(r.bytes)]));
}

async function databaseBytes(sql: Sql): Promise<number> {
  const [row] = await sql<{ bytes: string }[]>`SELECT pg_database_size(current_database())::text AS bytes`;
  return Number(row!.bytes);
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const [{ createTestDatabase }, { TEST_REDIS_URL, uniqueNamespace }, simulators] = await Promise.all([import('@most/db/testing'), import('@most/queue/testing'), import('@most/sources/simulator')]);
  const db = await createTestDatabase();
  const { sql } = db;
  const world = { seed: 'scale', now: NOW, anchor: NOW, historyDays: HISTORY_DAYS, commentsPerPost: COMMENTS_PER_POST };
  const vk = await simulators.startVkSimulator({ ...world, tokens: { [BENCH_TOKEN]: { kind: 'service', requestsPerSecond: BUDGETS.vk } } });
  const ok = await simulators.startOkSimulator({ ...world, tokens: { [BENCH_TOKEN]: { requestsPerSecond: BUDGETS.ok } } });
  const telegram = await simulators.startTelegramSimulator({ ...world, requestsPerSecond: BUDGETS.telegram });
  const all = [vk, ok, telegram];
  const requests = () => all.reduce((sum, s) => sum + s.stats().requests, 0);
  const namespace = uniqueNamespace('scale');
  const queue = createQueueBackend({ redisUrl: TEST_REDIS_URL, databaseUrl: db.url, namespace });
  const backends = meterBackends(sql, db.name);
  let worker: CrawlWorkerHandle | undefined;
  try {
    await queue.prepare();
    console.log(
      `bench:scale at --scale ${SCALE}: ${PAGES.vk} VK + ${PAGES.ok} OK + ${PAGES.telegram} Telegram pages, ${HISTORY_DAYS} days of history, ${COMMENTS_PER_POST} comments a post; budgets VK ${BUDGETS.vk}, OK ${BUDGETS.ok}, Telegram ${BUDGETS.telegram} req/s; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );

    // 1. Registry import.
    let started = performance.now();
    await upsertMunicipalities(sql, SARATOV_MUNICIPALITIES);
    const imported = await importRegistry(sql, parseCsv(registryCsv()), { label: 'bench-scale' });
    const pages = imported.accounts.created;
    // The simulated month's partitions, as the daily maintenance job keeps them ahead in production.
    await ensureMonthlyPartitions(sql, NOW);
    console.log(`import:             ${imported.organizations.created} organizations, ${pages} pages in ${seconds(started).toFixed(1)} s (${imported.errors.length} errors)`);

    worker = await spawnCrawlWorker(fileURLToPath(import.meta.url), {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_NAMESPACE: namespace,
      BENCH_BUDGETS: JSON.stringify(BUDGETS),
      BENCH_NOW: String(NOW.getTime()),
      VK_API_URL: vk.url,
      OK_API_URL: ok.url,
      OK_APPLICATION: JSON.stringify(simulators.OK_SIMULATOR_APPLICATION),
      TELEGRAM_PREVIEW_URL: telegram.url,
    });

    // 2. First full pass: profiles, then posts and comments, of every network at once.
    const crawl = async (part: 'profiles' | 'posts', at: number) => {
      const t0 = performance.now();
      await startCrawlRun(queue, part, at, ['vk', 'ok', 'telegram']);
      await waitForIdle(queue, 250);
      return seconds(t0);
    };
    const cpu0 = await worker.command('usage');
    await backends.start();
    const requests0 = requests();
    started = performance.now();
    const profilesSeconds = await crawl('profiles', NOW.getTime());
    const postsSeconds = await crawl('posts', NOW.getTime() + 1);
    const firstSeconds = seconds(started);
    const firstRequests = requests() - requests0;
    const firstDbCpu = await backends.stop();
    const cpu1 = await worker.command('usage');
    const [stored] = await sql<{ posts: number; comments: number; snapshots: number; failing: number }[]>`
      SELECT (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM comments) AS comments,
             (SELECT count(*)::int FROM account_snapshots) AS snapshots, (SELECT count(*)::int FROM crawl_health WHERE consecutive_failures > 0) AS failing`;
    console.log(
      `first full pass:    ${firstSeconds.toFixed(0)} s (profiles ${profilesSeconds.toFixed(0)} s, posts and comments ${postsSeconds.toFixed(0)} s), ${firstRequests} requests (${(firstRequests / pages).toFixed(2)} a page, ${(firstRequests / firstSeconds).toFixed(0)} req/s)`,
    );
    console.log(`                    stored ${stored!.snapshots} profiles, ${stored!.posts} posts, ${stored!.comments} comments; ${stored!.failing} pages failing`);
    console.log(`                    worker CPU ${((cpu1.cpuMs - cpu0.cpuMs) / pages).toFixed(1)} ms a page, database CPU ${(firstDbCpu / pages).toFixed(1)} ms a page`);

    // 3. Classification, scoring of the month, an edition.
    started = performance.now();
    const scored = await scorePeriodIncremental(sql, { periodKind: 'month', date: '2026-11-15', now: NOW });
    const firstScoreSeconds = seconds(started);
    started = performance.now();
    const query = { periodStart: scored.period.start, periodEnd: '2026-11-30', methodologyVersion: String(scored.methodologyVersion) };
    const { criteria, scores } = await loadOrganizationScores(sql, query);
    const actor = { id: null, label: 'bench-scale' };
    const draft = await buildEdition(sql, { ...query, title: 'Рейтинг за ноябрь 2026', criteria, slug: 'scale-2026-11' }, scores, actor);
    const edition = await publishEdition(sql, draft.id, actor);
    console.log(
      `classify and score: ${scored.commentsClassified} comments classified, ${scored.questionsMeasured} questions, ${scored.accounts} pages, ${scored.organizations} organizations in ${firstScoreSeconds.toFixed(1)} s (${scored.mode})`,
    );
    console.log(`edition:            ${edition.slug}: ${scores.filter((s) => s.enoughData).length} of ${scores.length} organizations ranked, built and published in ${seconds(started).toFixed(1)} s`);
    const bytesAfterFirst = await databaseBytes(sql);
    const tablesAfterFirst = await tableBytes(sql);

    // 4. An hourly pass: one hour later, the posts run re-reads every page.
    for (const simulator of all) simulator.clock.advance(HOUR);
    await worker.command(`now ${NOW.getTime() + HOUR}`);
    const hourRequests0 = requests();
    const cpu2 = await worker.command('usage');
    await backends.start();
    const hourSeconds = await crawl('posts', NOW.getTime() + HOUR);
    const hourDbCpu = await backends.stop();
    const cpu3 = await worker.command('usage');
    const hourRequests = requests() - hourRequests0;
    const bytesAfterHour = await databaseBytes(sql);
    const tablesAfterHour = await tableBytes(sql);
    const [fresh] = await sql<{ posts: number; comments: number }[]>`
      SELECT (SELECT count(*)::int FROM posts WHERE first_seen_at >= ${new Date(NOW.getTime() + HOUR)}) AS posts,
             (SELECT count(*)::int FROM comments WHERE first_seen_at >= ${new Date(NOW.getTime() + HOUR)}) AS comments`;
    const workerMs = (cpu3.cpuMs - cpu2.cpuMs) / pages;
    const dbMs = hourDbCpu / pages;
    console.log(`hourly pass:        ${hourSeconds.toFixed(0)} s, ${hourRequests} requests (${(hourRequests / pages).toFixed(2)} a page); ${fresh!.posts} new posts, ${fresh!.comments} new comments`);
    console.log(`                    worker CPU ${workerMs.toFixed(2)} ms a page (target ≤ ${TARGETS.workerCpuMsPerPage}: ${ratio(workerMs, TARGETS.workerCpuMsPerPage)})`);
    console.log(`                    database CPU ${dbMs.toFixed(2)} ms a page (target ≤ ${TARGETS.dbCpuMsPerPage}: ${ratio(dbMs, TARGETS.dbCpuMsPerPage)}), backends' /proc CPU`);

    // 5. Rescores: the hourly incremental one, a full one, and one after exactly 5 % of pages changed.
    const rescore = async () => {
      const t0 = performance.now();
      const phases = new Map<string, number>();
      const onPhase = (name: string, s: number) => phases.set(name, (phases.get(name) ?? 0) + s);
      const result = await scorePeriodIncremental(sql, { periodKind: 'month', date: '2026-11-15', now: new Date(NOW.getTime() + HOUR), onPhase });
      return { result, seconds: seconds(t0), phases: [...phases].map(([name, s]) => `${name} ${s.toFixed(2)} s`).join(', ') };
    };
    const hourly = await rescore();
    started = performance.now();
    await scorePeriod(sql, { periodKind: 'month', date: '2026-11-15', now: new Date(NOW.getTime() + HOUR) });
    const fullSeconds = seconds(started);
    const fivePercent = Math.max(1, Math.round(pages * 0.05));
    await sql`
      UPDATE posts p SET likes = p.likes + 1 FROM (
        SELECT DISTINCT ON (account_id) id FROM posts WHERE account_id IN (SELECT id FROM accounts ORDER BY id % 20, id LIMIT ${fivePercent}) ORDER BY account_id, published_at DESC
      ) x WHERE p.id = x.id`;
    const controlled = await rescore();
    const share = controlled.seconds / fullSeconds;
    console.log(
      `hourly rescore:     ${hourly.seconds.toFixed(1)} s (${hourly.result.mode}, ${hourly.result.changedAccounts} pages changed → ${hourly.result.accounts} rescored with their organizations)`,
    );
    console.log(`full rescore:       ${fullSeconds.toFixed(1)} s for ${pages} pages (classification done)`);
    console.log(
      `5 % changed:        ${controlled.seconds.toFixed(1)} s (${controlled.result.changedAccounts} pages changed → ${controlled.result.accounts} rescored) = ${(share * 100).toFixed(1)} % of a full rescore (target ≤ ${TARGETS.rescoreShare * 100} %: ${ratio(share, TARGETS.rescoreShare)})`,
    );
    console.log(`                    phases: ${controlled.phases}`);

    // 6. Storage and memory.
    const monthBytes = (bytesAfterHour - bytesAfterFirst) * 24 * 30;
    console.log(
      `database:           ${mb(bytesAfterFirst)} after the first pass = ${(bytesAfterFirst / pages / 1024).toFixed(1)} kB a page (${HISTORY_DAYS} days of history); hourly pass +${mb(bytesAfterHour - bytesAfterFirst)} → ${(monthBytes / pages / 1024).toFixed(1)} kB a page a month at 720 passes (before the text purge and vacuum)`,
    );
    const growth = [...tablesAfterHour]
      .map(([name, bytes]) => [name, bytes - (tablesAfterFirst.get(name) ?? 0)] as const)
      .filter(([, b]) => b > 0)
      .sort((a, b) => b[1] - a[1]);
    console.log(
      `                    hourly growth by table (new rows, and updated rows' old versions until vacuum): ${growth
        .slice(0, 6)
        .map(([name, b]) => `${name} ${(b / pages).toFixed(0)} B a page`)
        .join(', ')}`,
    );
    if (process.env.BENCH_EXPLAIN !== '0') {
      const { explainMainQueries } = await import('./support/explain');
      const explained = await explainMainQueries({
        databaseUrl: db.url,
        organizationId: scores[0]?.organizationId ?? 1,
        editionSlug: edition.slug,
        periodStart: scored.period.start,
        periodEnd: query.periodEnd,
        methodologyVersion: scored.methodologyVersion,
        now: new Date(NOW.getTime() + HOUR),
      });
      console.log(
        `EXPLAIN:            slowest of the dashboard's and public API's queries: ${explained.slowest
          .slice(0, 5)
          .map((q) => `${q.use} ${q.ms.toFixed(1)} ms`)
          .join('; ')}; ten with plans in ${explained.file}`,
      );
    }
    const final = await worker.command('stop');
    worker = undefined;
    const redis = redisMemory();
    console.log(
      `peak RSS:           worker ${(final.maxRssKb / 1024).toFixed(0)} MB (at start ${final.readyRssMb.toFixed(0)} MB); bench process with the three simulators and scoring ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; largest database backend ${backends.peakRssMb().toFixed(0)} MB`,
    );
    console.log(`redis:              ${redis} (the machine's shared server: other work counts too)`);
    const totalMinutes = seconds(benchStarted) / 60;
    console.log(
      `bench time:         ${totalMinutes.toFixed(1)} min (target < ${TARGETS.minutes} min: ${ratio(totalMinutes, TARGETS.minutes)}); load average now ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    if (worker && worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await queue.close();
    for (const simulator of all) await simulator.close();
    if (process.env.BENCH_KEEP) {
      console.log(`kept database ${db.name}`);
      await sql.end({ timeout: 5 });
    } else await db.drop();
  }
}

if (isCrawlWorkerChild()) await runCrawlWorker({ concurrency: 48, applicationName: 'bench-scale-worker' });
else await main();
