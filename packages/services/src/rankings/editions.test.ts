import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@most/db/testing';
import { seedDemoRegistry } from '../seed/seed';
import { buildEdition, getEdition, listEditions, organizationRankingHistory, publishEdition, deleteDraftEdition } from './editions';
import { viewEdition } from './view';
import type { OrganizationScore } from './types';

const actor = { id: null, label: 'test' };

describe('ranking editions', () => {
  const db = useTestDatabase();
  let orgs: { id: number; kind: string }[];

  const score = (organizationId: number, criteria: Record<string, number>, extra: Partial<OrganizationScore> = {}): OrganizationScore => {
    const list = Object.entries(criteria).map(([code, value]) => ({ code, score: value, weight: 1 }));
    return {
      organizationId,
      score: list.reduce((s, c) => s + c.score, 0) / list.length,
      enoughData: true,
      criteria: list,
      accountsScored: 2,
      accountsTotal: 3,
      sampleSize: 40,
      ...extra,
    };
  };

  beforeAll(async () => {
    await seedDemoRegistry(db.sql);
    orgs = await db.sql<{ id: number; kind: string }[]>`SELECT id, kind FROM organizations ORDER BY id LIMIT 5`;
  });

  it('builds a draft, ranks with shared ranks, lists "not enough data" apart, publishes and freezes it', async () => {
    const [a, b, c, d, e] = orgs.map((o) => o.id) as [number, number, number, number, number];
    const draft = await buildEdition(
      db.sql,
      {
        title: 'Рейтинг за сентябрь',
        periodStart: '2026-09-01',
        periodEnd: '2026-09-30',
        methodologyVersion: '1',
        criteria: [
          { code: 'profile', name: 'Профиль', weight: 1 },
          { code: 'sla', name: '24 часа', weight: 1 },
        ],
      },
      [
        score(a, { profile: 90, sla: 90 }),
        score(b, { profile: 70, sla: 70 }),
        score(c, { profile: 60, sla: 80 }),
        score(d, { profile: 10, sla: 10 }),
        score(e, { profile: 100, sla: 100 }, { enoughData: false, score: null, sampleSize: 2 }),
      ],
      actor,
    );
    expect(draft.status).toBe('draft');
    expect(draft.slug).toBe('2026-09-01-2026-09-30-v1');
    const rankOf = new Map(draft.rows.map((r) => [r.organizationId, r.rank]));
    expect([a, b, c, d, e].map((id) => rankOf.get(id))).toEqual([1, 2, 2, 4, null]);
    expect(draft.rows.at(-1)?.organizationId).toBe(e); // "not enough data" comes after the ranked rows
    expect(await listEditions(db.sql)).toEqual([]);
    await expect(getEdition(db.sql, { slug: draft.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const published = await publishEdition(db.sql, draft.id, actor);
    expect(published.status).toBe('published');
    expect(published.publishedAt).toBeInstanceOf(Date);
    await expect(db.sql`UPDATE ranking_edition_rows SET score = 99 WHERE edition_id = ${draft.id}`).rejects.toThrow(/published/);
    await expect(db.sql`DELETE FROM ranking_edition_rows WHERE edition_id = ${draft.id}`).rejects.toThrow(/published/);
    await expect(db.sql`UPDATE ranking_editions SET title = 'Подмена' WHERE id = ${draft.id}`).rejects.toThrow(/published/);
    await expect(db.sql`DELETE FROM ranking_editions WHERE id = ${draft.id}`).rejects.toThrow(/published/);
    await expect(publishEdition(db.sql, draft.id, actor)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(deleteDraftEdition(db.sql, draft.id, actor)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('compares with the previous edition on common criteria only and re-ranks within filters', async () => {
    const [a, b, c, d] = orgs.map((o) => o.id) as [number, number, number, number];
    // Version 2 adds "engagement"; organization d is excellent at it, which is not progress on the old criteria.
    const draft = await buildEdition(
      db.sql,
      {
        title: 'Рейтинг за октябрь',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        methodologyVersion: '2',
        criteria: [
          { code: 'profile', name: '', weight: 1 },
          { code: 'sla', name: '', weight: 1 },
          { code: 'engagement', name: '', weight: 1 },
        ],
      },
      [
        score(a, { profile: 80, sla: 80, engagement: 0 }),
        score(b, { profile: 95, sla: 95, engagement: 50 }),
        score(c, { profile: 60, sla: 80, engagement: 0 }),
        score(d, { profile: 10, sla: 10, engagement: 100 }),
      ],
      actor,
    );
    const published = await publishEdition(db.sql, draft.id, actor);
    expect(published.previousEditionSlug).toBe('2026-09-01-2026-09-30-v1');
    const byOrg = new Map(published.rows.map((r) => [r.organizationId, r]));
    expect(byOrg.get(b)).toMatchObject({ rank: 1, rankChange: 1, previousRank: 2, scoreChange: 25 });
    expect(byOrg.get(a)).toMatchObject({ rankChange: -1, scoreChange: -10 });
    expect(byOrg.get(d)).toMatchObject({ scoreChange: 0, rankChange: 0 });

    const previous = await getEdition(db.sql, { slug: '2026-09-01-2026-09-30-v1' });
    const all = viewEdition(published, previous, {});
    expect(all.ranked.rows.map((r) => r.rank)).toEqual(published.rows.filter((r) => r.rank !== null).map((r) => r.rank));
    const kind = orgs.find((o) => o.id === d)!.kind;
    const filtered = viewEdition(published, previous, { kind: kind as never, pageSize: 2 });
    expect(filtered.ranked.rows.every((r) => r.kind === kind)).toBe(true);
    expect(filtered.ranked.rows[0]?.rank).toBe(1);
    expect(filtered.ranked.rows.length).toBeLessThanOrEqual(2);

    const history = await organizationRankingHistory(db.sql, b);
    expect(history.map((h) => [h.editionSlug, h.rank])).toEqual([
      ['2026-10-01-2026-10-31-v2', 1],
      ['2026-09-01-2026-09-30-v1', 2],
    ]);
  });

  it('refuses a duplicate slug and lets a draft be dropped', async () => {
    const input = { title: 'Черновик', periodStart: '2026-11-01', periodEnd: '2026-11-30', methodologyVersion: '2', criteria: [] };
    const draft = await buildEdition(db.sql, input, [], actor);
    await expect(buildEdition(db.sql, input, [], actor)).rejects.toMatchObject({ code: 'CONFLICT' });
    await deleteDraftEdition(db.sql, draft.id, actor);
    expect((await listEditions(db.sql, { includeDrafts: true })).map((e) => e.slug)).not.toContain(draft.slug);
  });
});
