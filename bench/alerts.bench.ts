/**
 * `npm run bench:alerts`: how soon the platform knows a citizen's new comment, and what that costs.
 *
 * Section "fresh data" (issue 15, item 1): VK simulator on a stepped simulated clock, at the demo
 * region's scale (its VK pages) and at 10× it. An hourly run reads every page first; then, for one
 * simulated hour, the clock moves a minute at a time and each minute the fresh pass plans and runs its
 * re-reads. The token is taken as a 5 req/s VK service token in simulated time; the fresh pass may use
 * 30 % of it (the worker reads through a raised budget so the bench runs faster than real time, and
 * its budget share is scaled to match). Prints the detection delay (comment written → stored, in
 * simulated time) p50/p95 over comments written under known posts early enough to be re-read, the
 * comments not stored yet, and the share of the token's budget the fresh pass used.
 *
 * Section "alert delivery" (issue 15, acceptance): see support/alert-delivery.ts. Its figures are
 * printed beside the demo scale's detection delay: comment → known → alert delivered, against the
 * time a warning leaves to answer (deadline − threshold).
 */
import { createQueueBackend, type QueueBackend } from '@most/queue';
import { freshPassRequests, type Sql } from '@most/db';
import { DEFAULT_FRESH_PASS_POLICY } from '@most/domain/crawl-schedule';
import { percentile } from '@most/domain';
import { createVkSource } from '@most/sources';
import { createPseudonymiser, createRequestPacer, fingerprint, startCrawlRun, startFreshTick, startWorker } from '@most/worker';
import { demoRegistry } from '@most/services';
import { measureAlertDelivery } from './support/alert-delivery';

const TOKEN = 'bench-token';
const PROBE_TOKEN = 'bench-probe-token';
const PSEUDONYM_KEY = 'bench-pseudonym-key-0123456789abcdef0123456789';
const START = new Date('2026-11-20T10:00:00Z');
/** The token's budget as the network sees it (VK service token), and the raised one the bench reads through. */
const SIMULATED_RPS = 5;
const BENCH_RPS = 200;
const STEP_MS = 60_000;
const SPAN_MS = 60 * 60_000;
/** BENCH_SCALES=1 runs the demo scale only. */
const SCALES = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number);

interface Figures {
  pages: number;
  comments: number;
  p50Minutes: number | null;
  p95Minutes: number | null;
  missing: number;
  freshRequests: number;
  budgetShare: number;
  deferred: number;
  wallSeconds: number;
}

async function waitForIdle(queue: QueueBackend): Promise<void> {
  let quiet = 0;
  for (;;) {
    let pending = 0;
    for (const name of ['crawl', 'vk'] as const) {
      const counts = await queue.queue(name).getJobCounts('active', 'wait', 'waiting', 'delayed', 'prioritized');
      pending += Object.values(counts).reduce((sum, n) => sum + n, 0);
    }
    quiet = pending === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function addPages(sql: Sql, count: number): Promise<void> {
  const municipalities = await sql<{ id: number }[]>`SELECT id FROM municipalities ORDER BY id`;
  for (let i = 0; i < count; i += 500) {
    const rows = Array.from({ length: Math.min(500, count - i) }, (_, k) => i + k);
    const orgs = await sql<{ id: number }[]>`
      INSERT INTO organizations ${sql(rows.map((n) => ({ code: `bench_${n}`, full_name: `Учреждение ${n}`, short_name: `Учр. ${n}`, kind: 'subordinate_institution', sector: 'education', municipality_id: municipalities[n % Math.max(1, municipalities.length)]?.id ?? null })))}
      RETURNING id`;
    await sql`INSERT INTO accounts ${sql(orgs.map((org, k) => ({ organization_id: org.id, network: 'vk', canonical_url: `https://vk.com/bench_page_${i + k}`, handle: `bench_page_${i + k}` })))}`;
  }
}

async function freshData(scale: number): Promise<Figures> {
  const [{ createTestDatabase }, { TEST_REDIS_URL, uniqueNamespace }, { startVkSimulator }] = await Promise.all([
    import('@most/db/testing'),
    import('@most/queue/testing'),
    import('@most/sources/simulator'),
  ]);
  const pages = demoVkPages() * scale;
  const db = await createTestDatabase();
  const simulator = await startVkSimulator({
    seed: `bench-alerts-${scale}`,
    now: START,
    anchor: START,
    historyDays: 4,
    tokens: { [TOKEN]: { kind: 'service', requestsPerSecond: BENCH_RPS }, [PROBE_TOKEN]: { kind: 'service', requestsPerSecond: null } },
  });
  const queue = createQueueBackend({ redisUrl: TEST_REDIS_URL, databaseUrl: db.url, namespace: uniqueNamespace('bench_alerts') });
  await queue.prepare();
  await addPages(db.sql, pages);
  const pacer = createRequestPacer(queue, { key: `vk-${fingerprint(TOKEN)}`, requestsPerSecond: BENCH_RPS });
  const worker = await startWorker({
    sql: db.sql,
    queue,
    crawl: {
      sources: {
        vk: {
          source: createVkSource({ token: TOKEN, kind: 'service', baseUrl: simulator.url, requestsPerSecond: BENCH_RPS, acquire: pacer.acquire }),
          tokenFingerprint: fingerprint(TOKEN),
          requestsPerSecond: BENCH_RPS,
        },
      },
      pseudonymise: createPseudonymiser(PSEUDONYM_KEY),
      now: () => simulator.clock.now(),
      historyDays: 3,
      concurrency: 32,
      freshEveryMs: STEP_MS,
      // The tick's capacity is share × budget × tick: scaled so it is 30 % of the simulated token's.
      freshBudgetShare: (DEFAULT_FRESH_PASS_POLICY.budgetShare * SIMULATED_RPS) / BENCH_RPS,
    },
  });
  const wallStart = performance.now();
  try {
    await startCrawlRun(queue, 'profiles', START.getTime(), ['vk']);
    await waitForIdle(queue);
    await startCrawlRun(queue, 'posts', START.getTime() + 1, ['vk']);
    await waitForIdle(queue);
    for (let t = STEP_MS; t <= SPAN_MS; t += STEP_MS) {
      simulator.clock.set(START.getTime() + t);
      await startFreshTick(queue, 'vk', START.getTime() + t);
      await waitForIdle(queue);
    }
    // Comments written after the hourly run under posts it stored, early enough to be re-read (half an hour before the end).
    const cutoff = new Date(START.getTime() + SPAN_MS - 30 * 60_000);
    const written = await writtenComments(simulator, db.sql, START, cutoff);
    const stored = new Map(
      (
        await db.sql<{ key: string; firstSeenAt: Date }[]>`
      SELECT a.handle || '/' || p.external_id || '/' || c.external_id AS key, c.first_seen_at AS "firstSeenAt"
      FROM comments c JOIN posts p ON p.id = c.post_id JOIN accounts a ON a.id = p.account_id
      WHERE c.published_at > ${START}`
      ).map((row) => [row.key, row.firstSeenAt.getTime()]),
    );
    const delays = written.flatMap((c) => (stored.has(c.key) ? [stored.get(c.key)! - c.writtenAt] : [])).sort((a, b) => a - b);
    const fresh = await freshPassRequests(db.sql, { network: 'vk', from: START, to: new Date(START.getTime() + SPAN_MS + 1) });
    return {
      pages,
      comments: written.length,
      p50Minutes: minutes(percentile(delays, 50)),
      p95Minutes: minutes(percentile(delays, 95)),
      missing: written.length - delays.length,
      freshRequests: fresh.requests,
      budgetShare: fresh.requests / ((SIMULATED_RPS * SPAN_MS) / 1000),
      deferred: fresh.deferred,
      wallSeconds: (performance.now() - wallStart) / 1000,
    };
  } finally {
    await worker.close();
    await queue.close();
    await simulator.close();
    await db.drop();
  }
}

const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);

/** Comments the simulator shows now, written in (from, to], under posts the platform stored (read with an unlimited probe token). */
async function writtenComments(simulator: { url: string }, sql: Sql, from: Date, to: Date): Promise<{ key: string; writtenAt: number }[]> {
  const probe = createVkSource({ token: PROBE_TOKEN, kind: 'service', baseUrl: simulator.url, requestsPerSecond: 1_000 });
  const posts = await sql<{ handle: string; externalId: string }[]>`
    SELECT a.handle, p.external_id AS "externalId" FROM posts p JOIN accounts a ON a.id = p.account_id
    WHERE p.published_at >= ${new Date(from.getTime() - DEFAULT_FRESH_PASS_POLICY.windowMs)} AND p.comments_open IS NOT FALSE`;
  const out: { key: string; writtenAt: number }[] = [];
  for (const post of posts) {
    const comments = await probe.getComments({ network: 'vk', handle: post.handle, externalId: null }, post.externalId);
    for (const c of comments) {
      const at = c.publishedAt.getTime();
      if (at > from.getTime() && at <= to.getTime()) out.push({ key: `${post.handle}/${post.externalId}/${c.externalId}`, writtenAt: at });
    }
  }
  return out;
}

const demoVkPages = () =>
  demoRegistry()
    .flatMap((row) => row.accounts.split(' '))
    .filter((url) => url.startsWith('https://vk.com/')).length;

const format = (value: number | null, digits = 1) => (value === null ? 'n/a (no comments)' : value.toFixed(digits));

/** What one section leaves for the next: the demo scale's detection figures. */
interface Report {
  demoDetection?: Figures;
}

async function freshDataSection(report: Report): Promise<void> {
  console.log('== Fresh data: comment written → stored (simulated time) ==');
  console.log(
    `token ${SIMULATED_RPS} req/s, fresh pass share ≤ ${DEFAULT_FRESH_PASS_POLICY.budgetShare * 100} %, tick ${STEP_MS / 60_000} min, window ${DEFAULT_FRESH_PASS_POLICY.windowMs / 3_600_000} h, ${SPAN_MS / 60_000} simulated minutes after an hourly run`,
  );
  for (const scale of SCALES) {
    const f = await freshData(scale);
    if (scale === 1) report.demoDetection = f;
    console.log(
      `${scale === 1 ? 'demo region' : `${scale}× demo`}: ${f.pages} pages, ${f.comments} new comments; detection delay p50 ${format(f.p50Minutes)} min, p95 ${format(f.p95Minutes)} min; ` +
        `not stored yet ${f.missing}; fresh pass ${f.freshRequests} requests = ${(f.budgetShare * 100).toFixed(1)} % of the token's budget (re-reads deferred by the cap: ${f.deferred}); wall ${f.wallSeconds.toFixed(0)} s`,
    );
  }
}

const share = (part: number, whole: number) => (whole === 0 ? 'n/a (none)' : `${((part / whole) * 100).toFixed(1)} %`);

async function alertDeliverySection(report: Report): Promise<void> {
  console.log('== Alert delivery: threshold crossed → in the mailbox (real SMTP) and the chat (Bot API test server), simulated time ==');
  const d = await measureAlertDelivery(demoRegistry().length);
  const marginMinutes = (d.deadlineHours - d.thresholdHours) * 60;
  console.log(
    `demo region: ${d.agencies} agencies, ${d.questions} questions, ${d.openAtThreshold} still open at ${d.thresholdHours} h; sweep every minute (${d.sweeps} sweeps, p95 ${d.sweepP95Ms.toFixed(0)} ms wall); ` +
      `${d.retried} warnings needed a retry (451 from the mail server, 500 from the Bot API); wall ${d.wallSeconds.toFixed(0)} s`,
  );
  console.log(
    `alert latency: e-mail p50 ${d.latencyP50Minutes.toFixed(2)} min, p95 ${d.latencyP95Minutes.toFixed(2)} min (${share(d.latencyP95Minutes, marginMinutes)} of the ${marginMinutes / 60} h a warning leaves to answer); ` +
      `Telegram p95 ${d.telegramLatencyP95Minutes.toFixed(2)} min (${share(d.telegramLatencyP95Minutes, marginMinutes)})`,
  );
  console.log(
    `warned before the deadline: e-mail ${d.warnedByEmail}/${d.openAtThreshold} = ${share(d.warnedByEmail, d.openAtThreshold)}, ` +
      `Telegram ${d.warnedByTelegram}/${d.telegramOpenAtThreshold} = ${share(d.warnedByTelegram, d.telegramOpenAtThreshold)} (target ≥ 99 %)`,
  );
  const detection = report.demoDetection?.p95Minutes;
  if (detection === null || detection === undefined) {
    console.log('beside detection: n/a (the demo scale of the fresh-data section did not run or saw no comments)');
    return;
  }
  const total = detection + d.latencyP95Minutes;
  console.log(
    `beside detection (demo region): detection p95 ${format(detection)} min + alert latency p95 ${d.latencyP95Minutes.toFixed(2)} min = ${total.toFixed(1)} min comment → warning delivered; ` +
      `alert latency / detection delay = ${(d.latencyP95Minutes / detection).toFixed(2)}; the sum is ${share(total, marginMinutes)} of the warning's ${marginMinutes / 60} h`,
  );
}

/** One entry per section of the report, run in order. BENCH_SECTIONS=delivery runs only the named ones (fresh, delivery). */
const SECTIONS: Record<string, (report: Report) => Promise<void>> = { fresh: freshDataSection, delivery: alertDeliverySection };
const chosen = (process.env.BENCH_SECTIONS ?? Object.keys(SECTIONS).join(',')).split(',');

const report: Report = {};
for (const [name, section] of Object.entries(SECTIONS)) if (chosen.includes(name)) await section(report);
process.exit(0);
