/**
 * `npm run bench:api`: the public edition JSON (a page of 100 rows) against the same bytes served
 * as a static file, side by side in one process, on a fresh database on the machine's PostgreSQL
 * (TEST_DATABASE_URL) with the demo registry and a published edition. Prints req/s and p99 for
 * both and their ratio. Targets: ≥ 3,000 req/s, p99 < 50 ms, ratio ≥ 0.8.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import pino from 'pino';
import { createApp, listen } from '@most/api';
import { buildEdition, publishEdition, seedDemoRegistry, type OrganizationScore } from '@most/services';
import { createTestDatabase } from '@most/db/testing';
import type { QueueBackend } from '@most/queue';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; pipelining?: number; workers?: number }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Seconds per side, split over the alternating rounds. */
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const CONNECTIONS = 50;
/** The load generator runs in a worker thread so it does not share the server's event loop. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const TARGET_RPS = 3_000;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.8;

/** The open-data routes never touch the queue; the health check is not exercised here. */
const noQueue = { kind: 'redis', health: async () => ({ ok: true, kind: 'redis' }), close: async () => {} } as unknown as QueueBackend;

const db = await createTestDatabase();
const staticDir = await mkdtemp(join(tmpdir(), 'most-bench-static-'));
let server: Awaited<ReturnType<typeof listen>> | undefined;
try {
  await seedDemoRegistry(db.sql);
  const organizations = await db.sql<{ id: number }[]>`SELECT id FROM organizations ORDER BY id`;
  const criteria = [
    { code: 'PROFILE', name: 'Профиль', weight: 2 },
    { code: 'REGULARITY', name: 'Регулярность', weight: 1 },
    { code: 'SLA', name: 'Ответ за 24 часа', weight: 3 },
  ];
  const scores = (seed: number): OrganizationScore[] =>
    organizations.map(({ id }, i) => {
      const values = criteria.map((c, k) => ({ code: c.code, weight: c.weight, score: (i * 37 + k * 13 + seed * 7) % 101 }));
      const total = values.reduce((s, v) => s + v.score * v.weight, 0) / values.reduce((s, v) => s + v.weight, 0);
      return { organizationId: id, score: total, enoughData: i % 17 !== 0, criteria: values, accountsScored: 1 + (i % 3), accountsTotal: 3, sampleSize: 20 + (i % 50) };
    });
  const actor = { id: null, label: 'bench' };
  const first = await buildEdition(db.sql, { title: 'Рейтинг за сентябрь 2026', periodStart: '2026-09-01', periodEnd: '2026-09-30', methodologyVersion: '1', criteria }, scores(1), actor);
  await publishEdition(db.sql, first.id, actor);
  const second = await buildEdition(
    db.sql,
    { title: 'Рейтинг за октябрь 2026', periodStart: '2026-10-01', periodEnd: '2026-10-31', methodologyVersion: '1', criteria, slug: 'oktyabr-2026' },
    scores(2),
    actor,
  );
  await publishEdition(db.sql, second.id, actor);

  // Request logs go to /dev/null: both routes pay the same logging cost, the console stays readable.
  const logger = pino({ level: 'info', base: { service: 'tsifrovoy-most' } }, pino.destination('/dev/null'));
  const app = createApp({ sql: db.sql, queue: noQueue, logger, databaseMode: 'external', publicRateLimitPerMinute: 100_000_000 });
  // Served like the dashboard's own files under /assets (no cookies, same middleware chain).
  app.use('/assets/bench/*', serveStatic({ root: staticDir, rewriteRequestPath: (path) => path.replace(/^\/assets\/bench/, '') }));
  server = await listen(app as never, { port: 0, host: '127.0.0.1' });

  const apiPath = '/api/public/v1/editions/oktyabr-2026?page=1&pageSize=100';
  const first200 = await fetch(`${server.url}${apiPath}`);
  const bytes = new Uint8Array(await first200.arrayBuffer());
  const rows = (JSON.parse(new TextDecoder().decode(bytes)) as { ranked: { rows: unknown[] } }).ranked.rows.length;
  await writeFile(join(staticDir, 'edition.json'), bytes);
  const staticBytes = new Uint8Array(await (await fetch(`${server.url}/assets/bench/edition.json`)).arrayBuffer());
  if (Buffer.compare(Buffer.from(bytes), Buffer.from(staticBytes)) !== 0) throw new Error('the static file does not hold the same bytes');

  const ROUNDS = 3;
  const once = async (path: string, duration: number) => {
    const result = await autocannon({ url: `${server!.url}${path}`, connections: CONNECTIONS, duration, ...(WORKERS > 0 ? { workers: WORKERS } : {}) });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return result;
  };
  const staticPath = '/assets/bench/edition.json';
  await once(apiPath, 2); // warm-up
  await once(staticPath, 2);
  // Alternating rounds, so a change in the machine's load affects both sides alike.
  const totals = { api: { requests: 0, p99: [] as number[] }, file: { requests: 0, p99: [] as number[] } };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [side, path] of [
      ['api', apiPath],
      ['file', staticPath],
    ] as const) {
      const result = await once(path, DURATION_SECONDS / ROUNDS);
      totals[side].requests += result.requests.total;
      totals[side].p99.push(result.latency.p99);
    }
  }
  const rate = (side: 'api' | 'file') => totals[side].requests / DURATION_SECONDS;
  const p99 = (side: 'api' | 'file') => [...totals[side].p99].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;

  console.log(
    `${organizations.length} organizations; edition page: ${rows} rows, ${bytes.byteLength} bytes; ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${(DURATION_SECONDS / ROUNDS).toFixed(1)} s per side, load generator in ${WORKERS} worker thread(s); machine load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(`edition JSON (API)        ${Math.round(rate('api')).toString().padStart(6)} req/s   p99 ${p99('api')} ms (median of rounds)`);
  console.log(`same bytes, static file   ${Math.round(rate('file')).toString().padStart(6)} req/s   p99 ${p99('file')} ms (median of rounds)`);
  const ratio = rate('api') / rate('file');
  console.log(`ratio API / static: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`);
  console.log(`API vs targets: ${Math.round(rate('api'))} req/s (target ≥ ${TARGET_RPS}), p99 ${p99('api')} ms (target < ${TARGET_P99_MS})`);
} finally {
  await server?.close();
  await rm(staticDir, { recursive: true, force: true });
  await db.drop();
}
