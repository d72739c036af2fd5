import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createTestDatabase, seedMeasuredQuestions, type TestDatabase } from '@most/db/testing';
import { createTestQueueBackend } from '@most/queue/testing';
import type { QueueBackend } from '@most/queue';
import { createApp } from '../app';
import { createLogger } from '../logger';
import { buildEdition, publishEdition, seedDemoRegistry } from '@most/services';

describe('public insights API: headline figures, trends and comparisons', () => {
  let db: TestDatabase;
  let queue: QueueBackend;
  let app: Hono<never>;
  let orgs: { id: number; code: string; account_id: number; municipality: string }[];
  const get = (path: string) => app.request(path, { headers: { 'x-forwarded-for': '198.51.100.7' } });
  const actor = { id: null, label: 'test' };

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = await createTestQueueBackend('redis', db.url);
    await seedDemoRegistry(db.sql);
    orgs = await db.sql`
      SELECT DISTINCT ON (o.id) o.id, o.code, a.id AS account_id, m.code AS municipality FROM organizations o
      JOIN municipalities m ON m.id = o.municipality_id AND m.code IN ('engels', 'marks')
      JOIN accounts a ON a.organization_id = o.id
      ORDER BY o.id, a.id LIMIT 8`;
    const criteria = [
      { code: 'PROFILE', name: 'Профиль', weight: 1 },
      { code: 'SLA', name: 'Ответы за 24 часа', weight: 1 },
    ];
    const scores = (shift: number) =>
      orgs.map((o, i) => {
        const value = 20 + ((i * 13 + shift) % 70);
        const enoughData = i !== 7;
        // The first organization has no SLA criterion measured: a comparison must say so.
        const measured = i === 0 ? criteria.slice(0, 1) : criteria;
        return {
          organizationId: o.id,
          score: enoughData ? value : null,
          enoughData,
          criteria: measured.map((c) => ({ code: c.code, score: value, weight: 1 })),
          accountsScored: 1,
          accountsTotal: 1,
          sampleSize: enoughData ? 20 : 0,
        };
      });
    for (const [month, shift] of [
      ['09', 0],
      ['10', 25],
    ] as const) {
      const draft = await buildEdition(
        db.sql,
        { title: `Рейтинг 2026-${month}`, periodStart: `2026-${month}-01`, periodEnd: `2026-${month}-30`, methodologyVersion: '1', criteria, slug: `r-2026-${month}` },
        scores(shift),
        actor,
      );
      await publishEdition(db.sql, draft.id, actor);
    }
    await seedMeasuredQuestions(db.sql, orgs[1]!.account_id, new Date('2026-10-05T10:00:00Z'), [
      ...Array.from({ length: 9 }, () => ({ state: 'answered_in_time' as const, seconds: 1800 })),
      { state: 'answered_late', seconds: 100_000 },
      { state: 'breached' },
      { state: 'breached' },
    ]);
    app = createApp({ sql: db.sql, queue, logger: createLogger('silent'), databaseMode: 'external', trustProxy: true }) as unknown as Hono<never>;
  });
  afterAll(async () => {
    await queue?.close();
    await db?.drop();
  });

  it('states the headline of the latest edition with the region figures, movers and municipalities', async () => {
    const response = await get('/api/public/v1/editions/latest/insights');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      edition: { slug: string };
      headline: {
        organizations: number;
        rankedOrganizations: number;
        sla: { status: string; shareWithin24h: number; medianFirstResponseMs: number };
        movers: { status: string; improved: unknown[]; fallen: unknown[] };
      };
      municipalities: { code: string; sla: { status: string } }[];
    };
    expect(body.edition.slug).toBe('r-2026-10');
    expect(body.headline).toMatchObject({ organizations: 8, rankedOrganizations: 7, sla: { status: 'ok', shareWithin24h: 9 / 12, medianFirstResponseMs: 1_800_000 }, movers: { status: 'ok' } });
    expect(body.headline.movers.improved.length + body.headline.movers.fallen.length).toBeGreaterThan(0);
    expect(body.municipalities.map((m) => m.code).sort()).toEqual([...new Set(orgs.map((o) => o.municipality))].sort());

    const first = (await (await get('/api/public/v1/editions/r-2026-09/insights')).json()) as { headline: { sla: { code: string }; movers: { code: string } } };
    expect(first.headline).toMatchObject({ sla: { code: 'below_minimum_sample' }, movers: { code: 'no_previous_edition' } });
    expect((await get('/api/public/v1/editions/none/insights')).status).toBe(404);
  });

  it('gives an organization its score and 24-hour share beside the region, oldest first', async () => {
    const response = await get(`/api/public/v1/organizations/${orgs[1]!.code}/trends`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { by: string; points: { editionSlug: string; score: number; regionMedianScore: number; sla: { status: string; shareWithin24h?: number } }[] };
    expect(body.by).toBe('edition');
    expect(body.points.map((p) => p.editionSlug)).toEqual(['r-2026-09', 'r-2026-10']);
    expect(body.points[1]!.sla).toMatchObject({ status: 'ok', shareWithin24h: 0.75 });
    expect(body.points[0]!.sla.status).toBe('not_enough_data');
    expect(typeof body.points[0]!.regionMedianScore).toBe('number');
    expect((await get('/api/public/v1/organizations/nobody/trends')).status).toBe(404);
    // By month: the same route and the same points, keyed by month (no monthly scores seeded here: none).
    const byMonth = (await (await get(`/api/public/v1/organizations/${orgs[1]!.code}/trends?by=month`)).json()) as { by: string; points: unknown[] };
    expect(byMonth).toEqual({ organizationCode: orgs[1]!.code, by: 'month', points: [] });
    expect((await get(`/api/public/v1/organizations/${orgs[1]!.code}/trends?by=year`)).status).toBe(400);
  });

  it('compares organizations or municipalities criterion by criterion and refuses bad lists with a reason', async () => {
    const codes = orgs
      .slice(0, 3)
      .map((o) => o.code)
      .join(',');
    const response = await get(`/api/public/v1/compare?organizations=${codes}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { kind: string; columns: { code: string }[]; criteria: { code: string; cells: { status: string }[] }[] };
    expect(body.kind).toBe('organizations');
    expect(body.columns.map((c) => c.code)).toEqual(orgs.slice(0, 3).map((o) => o.code));
    expect(body.criteria.find((c) => c.code === 'SLA')!.cells.map((cell) => cell.status)).toEqual(['not_measured', 'measured', 'measured']);

    const towns = (await (await get('/api/public/v1/compare?edition=r-2026-09&municipalities=engels,marks')).json()) as { columns: { code: string; score: number | null }[] };
    expect(towns.columns.map((c) => c.code)).toEqual(['engels', 'marks']);

    for (const bad of ['?organizations=one', `?organizations=${'a,'.repeat(3)}b,c,d,e,f`, '?organizations=a,b&municipalities=c,d', '']) {
      const refused = await get(`/api/public/v1/compare${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Проверьте параметры/);
    }
    expect((await get(`/api/public/v1/compare?organizations=${orgs[0]!.code},unknown`)).status).toBe(404);
  });
});
