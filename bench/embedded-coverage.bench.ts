/**
 * `npm run bench:coverage`: the acceptance check of a fresh embedded start. Runs the platform exactly as
 * `npm start` does (embedded PostgreSQL, queue and the three network simulators; the web build is not
 * needed) in a child process with an empty data directory, and every 30 s prints per network how many
 * of the demo region's pages are read: posts read of the pages the network shows as active (target ≥ 80 %
 * within 10 minutes), pages found unavailable, pages not read yet. Ends at the first minute every network
 * reaches the target or after 10 minutes, then prints recommendations standing on a never-read page (target 0).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSql } from '@most/db';

const LIMIT_MS = 10 * 60_000;
const TARGET = 0.8;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface NetworkRow {
  network: string;
  pages: number;
  unavailable: number;
  active: number;
  read: number;
}

const dataDir = await mkdtemp(join(tmpdir(), 'most-coverage-'));
const started = performance.now();
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VK|OK|TELEGRAM)_|^(DATABASE_URL|REDIS_URL)$/.test(name)));
const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/start-embedded.ts'], {
  cwd: ROOT,
  env: { ...env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
const databaseUrl = await new Promise<string>((resolve, reject) => {
  const timer = setInterval(() => {
    const match = /Embedded PostgreSQL \(psql-compatible, loopback only\): (\S+)/.exec(output);
    if (match?.[1]) {
      clearInterval(timer);
      resolve(match[1]);
    }
  }, 200);
  child.once('exit', (code) => {
    clearInterval(timer);
    reject(new Error(`the platform exited with ${code}:\n${output}`));
  });
});
const readyAt = (performance.now() - started) / 1000;
const sql = createSql(databaseUrl, { max: 1, applicationName: 'coverage-bench' });

const coverage = () => sql<NetworkRow[]>`
  SELECT a.network, count(*)::int AS pages,
         count(*) FILTER (WHERE a.status <> 'active')::int AS unavailable,
         count(*) FILTER (WHERE a.status = 'active')::int AS active,
         count(*) FILTER (WHERE a.status = 'active' AND h.last_posts_at IS NOT NULL)::int AS read
  FROM accounts a LEFT JOIN crawl_health h ON h.account_id = a.id
  WHERE a.removed_at IS NULL GROUP BY a.network ORDER BY a.network`;
const share = (row: NetworkRow) => (row.active === 0 ? 0 : row.read / row.active);
const line = (rows: NetworkRow[]) =>
  rows.map((r) => `${r.network} ${r.read}/${r.active} read (${(share(r) * 100).toFixed(1)} %), ${r.unavailable} unavailable of ${r.pages}`).join('; ');

try {
  console.log(`platform up in ${readyAt.toFixed(1)} s (migrations, demo registry, simulators); reading for up to ${LIMIT_MS / 60_000} minutes`);
  let rows: NetworkRow[] = [];
  const firstReached = new Map<string, number>();
  while (performance.now() - started < LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    rows = await coverage();
    const minutes = (performance.now() - started) / 60_000;
    for (const row of rows) if (share(row) >= TARGET && !firstReached.has(row.network)) firstReached.set(row.network, minutes);
    console.log(`${minutes.toFixed(1)} min: ${line(rows)}`);
    if (rows.length > 0 && rows.every((row) => share(row) >= TARGET)) break;
  }
  const [stale] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM recommendations r
    WHERE r.status IN ('new', 'sent', 'acknowledged')
      AND NOT EXISTS (SELECT 1 FROM crawl_health h WHERE h.account_id = r.account_id AND h.last_posts_at IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.account_id = r.account_id)`;
  console.log('result per network (target ≥ 80 % of active pages read within 10 minutes):');
  for (const row of rows) {
    const reached = firstReached.get(row.network);
    console.log(`  ${row.network.padEnd(9)} ${(share(row) * 100).toFixed(1)} % (${row.read} of ${row.active} active; ${row.unavailable} unavailable)${reached === undefined ? ' — target not reached' : `, ≥ 80 % after ${reached.toFixed(1)} min`}`);
  }
  console.log(`recommendations standing on a page whose posts were never read: ${stale!.n} (target 0)`);
} finally {
  await sql.end({ timeout: 5 });
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await rm(dataDir, { recursive: true, force: true });
}
