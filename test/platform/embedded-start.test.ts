import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 240_000;

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Runs the real `npm start` entry point (without the web build) and waits for the URL it prints. */
function startEmbedded(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/start-embedded.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // A fresh PGlite runs initdb in WebAssembly: seconds on an idle machine, minutes on a loaded CI box.
    const timer = setTimeout(() => reject(new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code));
    started.child.kill('SIGTERM');
  });
}

describe('npm start (embedded mode)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('serves /healthz, stops cleanly on SIGTERM and keeps data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'most-start-'));
    dirs.push(dataDir);

    const first = await startEmbedded(dataDir);
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: { ok: true, mode: 'embedded' }, queue: { ok: true, kind: 'postgres' } });
    expect((await fetch(`${first.url}/healthz`)).headers.get('x-request-id')).toBeTruthy();
    // Without VK_TOKEN the demo prints a user per role with a password generated on first start.
    const demoPassword = /Demo users \(password (\S+),/.exec(first.output())?.[1];
    expect(demoPassword, `demo users are printed at start:\n${first.output()}`).toBeTruthy();
    expect(first.output()).toContain('monitor@demo.local');

    // Write through the wire protocol the running process exposes to its own clients.
    const dbUrl = /postgres:\/\/[^\s"]+/.exec(first.output());
    expect(dbUrl, 'the embedded database URL is logged at start').toBeTruthy();
    const sql = postgres(dbUrl![0], { max: 1 });
    const [seeded] = await sql`SELECT count(*)::int AS n FROM organizations`;
    expect(seeded?.n).toBeGreaterThan(150);
    await sql`INSERT INTO municipalities (code, name, kind) VALUES ('restart_probe', 'Проверка перезапуска', 'municipal_district')`;
    await sql.end();
    expect(await stop(first)).toBe(0);

    const second = await startEmbedded(dataDir);
    const sql2 = postgres(/postgres:\/\/[^\s"]+/.exec(second.output())![0], { max: 1 });
    const rows = await sql2`SELECT name FROM municipalities WHERE code = 'restart_probe'`;
    const [orgs] = await sql2`SELECT count(*)::int AS n FROM organizations`;
    await sql2.end();
    expect(rows.map((r) => r.name)).toEqual(['Проверка перезапуска']);
    expect(orgs?.n).toBe(seeded?.n);
    expect(second.output()).toContain(`password ${demoPassword},`);
    expect(await stop(second)).toBe(0);
  }, 600_000);

  it('refuses to start with an invalid variable and names it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/start-embedded.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    expect(stderr).toContain('PORT:');
  });
});
