import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, seedDemoRegistry } from '@most/db';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import { publishDemoEditionIfDue } from './demo-edition';
import { ensureDemoUsers } from './demo-users';

const NOW = new Date('2026-12-02T10:00:00Z');

describe('demo mode of npm start', () => {
  let db: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoRegistry(db.sql);
    dataDir = await mkdtemp(join(tmpdir(), 'most-demo-'));
  });
  afterAll(async () => {
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('creates one user per role once, with a random password kept in DATA_DIR', async () => {
    const first = await ensureDemoUsers(db.sql, dataDir);
    expect(first.users.map((u) => u.role)).toEqual(['admin', 'monitor', 'agency', 'instructor', 'trainee']);
    expect(first.users.find((u) => u.role === 'agency')?.organizationCode).toBeTruthy();
    expect(first.password.length).toBeGreaterThanOrEqual(16);
    expect((await stat(first.file)).mode & 0o077).toBe(0);
    expect(JSON.parse(await readFile(first.file, 'utf8'))).toEqual({ password: first.password, users: first.users });

    const again = await ensureDemoUsers(db.sql, dataDir);
    expect(again.password).toBe(first.password);
    const [count] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@demo.local'`;
    expect(count!.n).toBe(5);
    const user = await authenticate(db.sql, { email: 'monitor@demo.local', password: first.password, ip: '127.0.0.1' });
    expect(user.role).toBe('monitor');
  });

  it('waits for the first crawl, then scores and publishes the current quarter once', async () => {
    expect(await publishDemoEditionIfDue(db.sql, { now: NOW })).toMatchObject({ status: 'waiting_for_crawl', crawled: 0 });

    await db.sql`
      INSERT INTO crawl_health (account_id, last_posts_at)
      SELECT id, ${NOW} FROM accounts WHERE network = 'vk' AND status = 'active'
      ON CONFLICT (account_id) DO UPDATE SET last_posts_at = EXCLUDED.last_posts_at`;
    // Nothing was really crawled, so no organization has enough data for a ranking worth showing.
    expect(await publishDemoEditionIfDue(db.sql, { now: NOW })).toEqual({ status: 'not_enough_data', ranked: 0 });

    const published = await publishDemoEditionIfDue(db.sql, { now: NOW, minRanked: 0 });
    expect(published).toEqual({ status: 'published', slug: 'demo-2026-q4', ranked: 0 });
    const [edition] = await db.sql<{ title: string; period_start: string; period_end: string; status: string }[]>`
      SELECT title, period_start::text, period_end::text, status FROM ranking_editions WHERE slug = 'demo-2026-q4'`;
    expect(edition).toEqual({ title: 'Рейтинг за IV квартал 2026 (демонстрационные данные)', period_start: '2026-10-01', period_end: '2026-12-31', status: 'published' });
    expect(await publishDemoEditionIfDue(db.sql, { now: NOW, minRanked: 0 })).toEqual({ status: 'exists' });
  });
});
