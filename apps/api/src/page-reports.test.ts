import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createUser, seedDemoRegistry } from '@most/services';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import { createTestQueueBackend } from '@most/queue/testing';
import type { QueueBackend } from '@most/queue';
import { PAGE_REPORT_LIMITS } from '@most/domain';
import { createApp } from './app';
import { createLogger } from './logger';
import { TestBrowser } from './test-support/http-client';

const PASSWORD = 'correct horse battery';

interface Listed {
  id: number;
  url: string;
  canonicalUrl: string | null;
  reason: string;
  status: string;
  decidedBy: string | null;
  decisionNote: string;
  registry: { official: boolean; organizationCode: string } | null;
}

describe('"report a suspicious page": visitors file, monitors decide', () => {
  let db: TestDatabase;
  let queue: QueueBackend;
  let app: Hono<never>;
  let monitor: TestBrowser;
  const visitor = (ip: string) => new TestBrowser(app, { 'x-forwarded-for': ip });

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = await createTestQueueBackend('redis', db.url);
    await seedDemoRegistry(db.sql);
    await createUser(db.sql, { email: 'monitor@most.test', role: 'monitor', password: PASSWORD }, { label: 'test' });
    app = createApp({ sql: db.sql, queue, logger: createLogger('silent'), databaseMode: 'external', trustProxy: true }) as unknown as Hono<never>;
    monitor = new TestBrowser(app, { 'x-forwarded-for': '10.9.0.1' });
    await monitor.open();
    expect((await monitor.mutate('auth.login', { email: 'monitor@most.test', password: PASSWORD })).status).toBe(200);
  });
  afterAll(async () => {
    await queue?.close();
    await db?.drop();
  });

  it('files a report with the page normalised, keeps no address, and lists it for monitors only', async () => {
    const [official] = await db.sql<{ canonical_url: string; code: string }[]>`
      SELECT a.canonical_url, o.code FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.is_official AND a.network = 'vk' AND a.removed_at IS NULL ORDER BY a.id LIMIT 1`;
    const someone = visitor('10.9.1.1');
    await someone.open();
    const sent = await someone.mutate('pageReports.submit', { url: `  ${official!.canonical_url.replace('https://', 'http://')}  `, reason: 'Просят перевести деньги «на ремонт»' });
    expect(sent.status).toBe(200);
    expect(sent.body.result!.data).toEqual({ received: true });

    const [stored] = await db.sql<{ reporter_hash: string }[]>`SELECT reporter_hash FROM page_reports`;
    expect(stored!.reporter_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.sql`SELECT * FROM page_reports`)).not.toContain('10.9.1.1');

    expect((await someone.query('pageReports.list', {})).status).toBe(401);
    const listed = await monitor.query<Listed[]>('pageReports.list', { status: 'new' });
    expect(listed.status).toBe(200);
    const [report] = listed.body.result!.data;
    expect(report).toMatchObject({
      canonicalUrl: official!.canonical_url,
      reason: 'Просят перевести деньги «на ремонт»',
      status: 'new',
      registry: { official: true, organizationCode: official!.code },
    });
  });

  it('refuses bad input with a reason (4xx), and drops a report whose honeypot is filled', async () => {
    const someone = visitor('10.9.2.1');
    await someone.open();
    const short = await someone.mutate('pageReports.submit', { url: 'https://vk.com/x', reason: 'ой' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.error!.data.details)).toContain('причину');
    const long = await someone.mutate('pageReports.submit', { url: `https://vk.com/${'a'.repeat(600)}`, reason: 'Слишком длинная ссылка' });
    expect(long.status).toBe(400);
    const before = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM page_reports`;
    const robot = await someone.mutate('pageReports.submit', { url: 'https://vk.com/spam', reason: 'Купите наши услуги', website: 'https://spam.example' });
    expect(robot.status).toBe(200);
    const after = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM page_reports`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it(`takes ${PAGE_REPORT_LIMITS.perClientPerHour} reports an hour from one client, then answers 429; another client is not affected`, async () => {
    const busy = visitor('10.9.3.1');
    await busy.open();
    for (let i = 0; i < PAGE_REPORT_LIMITS.perClientPerHour; i += 1) {
      expect((await busy.mutate('pageReports.submit', { url: `https://vk.com/fake_${i}`, reason: 'Похоже на подделку' })).status).toBe(200);
    }
    const refused = await busy.mutate('pageReports.submit', { url: 'https://vk.com/fake_more', reason: 'Похоже на подделку' });
    expect(refused.status).toBe(429);
    expect(refused.body.error!.message).toContain('через час');
    const other = visitor('10.9.3.2');
    await other.open();
    expect((await other.mutate('pageReports.submit', { url: 'https://vk.com/fake_other', reason: 'Похоже на подделку' })).status).toBe(200);
  });

  it('lets a monitor decide each report, writes the audit log, and keeps agencies and visitors out', async () => {
    const [{ id }] = (await monitor.query<Listed[]>('pageReports.list', { status: 'new' })).body.result!.data as [Listed];
    const decided = await monitor.mutate('pageReports.decide', { id, decision: 'not_official', note: 'Клон страницы' });
    expect(decided.status).toBe(200);
    const after = (await monitor.query<Listed[]>('pageReports.list', {})).body.result!.data.find((r) => r.id === id);
    expect(after).toMatchObject({ status: 'not_official', decidedBy: 'monitor@most.test', decisionNote: 'Клон страницы' });
    const audit = await db.sql<{ action: string; actor_label: string; details: { from: string; to: string } }[]>`
      SELECT action, actor_label, details FROM audit_log WHERE entity_type = 'page_report' AND entity_id = ${String(id)}`;
    expect(audit).toEqual([{ action: 'page_report.decide', actor_label: 'monitor@most.test', details: { from: 'new', to: 'not_official', note: 'Клон страницы' } }]);

    expect((await monitor.mutate('pageReports.decide', { id, decision: 'maybe' })).status).toBe(400);
    expect((await monitor.mutate('pageReports.decide', { id: 999_999, decision: 'dismissed' })).status).toBe(404);
    const someone = visitor('10.9.4.1');
    await someone.open();
    expect((await someone.mutate('pageReports.decide', { id, decision: 'dismissed' })).status).toBe(401);
  });
});
