import { beforeAll, describe, expect, it } from 'vitest';
import { seedMeasuredQuestions, useTestDatabase } from '@most/db/testing';
import { seedDemoRegistry } from '../seed/seed';
import { buildEdition, publishEdition } from './editions';
import { editionInsights, organizationTrends, slaCountsByPeriod } from './insights';
import type { OrganizationScore } from './types';

const actor = { id: null, label: 'test' };
const HOUR = 3600;

describe('edition insights', () => {
  const db = useTestDatabase();
  let orgs: { id: number; code: string; account_id: number }[];

  const score = (organizationId: number, value: number | null): OrganizationScore => ({
    organizationId,
    score: value,
    enoughData: value !== null,
    criteria: value === null ? [] : [{ code: 'profile', score: value, weight: 1 }],
    accountsScored: value === null ? 0 : 1,
    accountsTotal: 2,
    sampleSize: value === null ? 0 : 12,
  });
  const edition = async (month: string, scores: OrganizationScore[]) => {
    const draft = await buildEdition(
      db.sql,
      {
        title: `Рейтинг ${month}`,
        periodStart: `${month}-01`,
        periodEnd: `${month}-30`,
        methodologyVersion: '1',
        criteria: [{ code: 'profile', name: 'Профиль', weight: 1 }],
        slug: `insights-${month}`,
      },
      scores,
      actor,
    );
    return publishEdition(db.sql, draft.id, actor);
  };

  beforeAll(async () => {
    await seedDemoRegistry(db.sql);
    // Three organizations of one municipality, each with a page.
    orgs = await db.sql`
      SELECT DISTINCT ON (o.id) o.id, o.code, a.id AS account_id FROM organizations o
      JOIN municipalities m ON m.id = o.municipality_id AND m.code = 'engels'
      JOIN accounts a ON a.organization_id = o.id
      ORDER BY o.id, a.id LIMIT 3`;
    const [a, b] = orgs;
    // September, Saratov time: a answers 8 of 10 in time (medians 1 h), b answers 2 in time and 2 late.
    const september = new Date('2026-09-10T09:00:00Z');
    await seedMeasuredQuestions(db.sql, a!.account_id, september, [
      ...Array.from({ length: 8 }, () => ({ state: 'answered_in_time' as const, seconds: HOUR })),
      { state: 'breached' },
      { state: 'breached' },
      { state: 'excluded' },
      { state: 'open_within_window' },
    ]);
    await seedMeasuredQuestions(db.sql, b!.account_id, september, [
      { state: 'answered_in_time', seconds: 2 * HOUR },
      { state: 'answered_in_time', seconds: 2 * HOUR },
      { state: 'answered_late', seconds: 30 * HOUR },
      { state: 'answered_late', seconds: 30 * HOUR },
    ]);
    // Asked at 23:30 on 30 September in Saratov (19:30 UTC) counts in September; 00:30 on 1 October does not.
    await seedMeasuredQuestions(db.sql, b!.account_id, new Date('2026-09-30T19:30:00Z'), [{ state: 'breached' }]);
    await seedMeasuredQuestions(db.sql, b!.account_id, new Date('2026-09-30T20:30:00Z'), [{ state: 'breached' }]);
  });

  it('counts outcomes per organization and for the region within the period in Saratov days', async () => {
    const byPeriod = await slaCountsByPeriod(db.sql, [
      { key: 'sep', start: '2026-09-01', end: '2026-09-30' },
      { key: 'aug', start: '2026-08-01', end: '2026-08-31' },
    ]);
    const sep = byPeriod.get('sep')!;
    expect(sep.byOrganization.get(orgs[0]!.code)).toMatchObject({ answeredInTime: 8, answeredLate: 0, breached: 2, openWithinWindow: 1, medianFirstResponseMs: HOUR * 1000 });
    expect(sep.byOrganization.get(orgs[1]!.code)).toMatchObject({ answeredInTime: 2, answeredLate: 2, breached: 1 });
    // Region median over the 12 answered: 8 × 1 h, 2 × 2 h, 2 × 30 h → 1 h (percentile_cont, as the domain's median).
    expect(sep.region).toMatchObject({ answeredInTime: 10, answeredLate: 2, breached: 3, medianFirstResponseMs: HOUR * 1000 });
    expect(byPeriod.get('aug')!.region).toMatchObject({ answeredInTime: 0, breached: 0 });
  });

  it('states headline figures, municipality figures and "not enough data" where it applies', async () => {
    const [a, b, c] = orgs;
    const first = await edition('2026-09', [score(a!.id, 80), score(b!.id, 40), score(c!.id, null)]);
    const insights = await editionInsights(db.sql, first, null);
    expect(insights.headline).toMatchObject({ organizations: 3, rankedOrganizations: 2, unrankedOrganizations: 1, pagesMonitored: 6, pagesScored: 2 });
    expect(insights.headline.medianScore).toEqual({ status: 'ok', value: 60 });
    expect(insights.headline.sla).toEqual({ status: 'ok', decided: 15, shareWithin24h: 10 / 15, medianFirstResponseMs: HOUR * 1000 });
    expect(insights.headline.movers).toMatchObject({ status: 'not_enough_data', code: 'no_previous_edition' });
    const engels = insights.municipalities.find((m) => m.code === 'engels')!;
    expect(engels).toMatchObject({ organizations: 3, rankedOrganizations: 2, averageScore: { status: 'ok', value: 60 }, sla: { status: 'ok', decided: 15 } });
    expect(engels.best?.organizationCode).toBe(a!.code);
    expect(engels.worst?.organizationCode).toBe(b!.code);
    expect(insights.municipalities.map((m) => m.code)).not.toContain('region');

    // October: nobody answered anything, b overtakes a.
    const second = await edition('2026-10', [score(a!.id, 50), score(b!.id, 70), score(c!.id, null)]);
    const next = await editionInsights(db.sql, second, first);
    expect(next.headline.sla).toMatchObject({ status: 'not_enough_data', code: 'below_minimum_sample' });
    expect(next.headline.movers).toMatchObject({ status: 'ok', improved: [{ organizationCode: b!.code, scoreChange: 30 }], fallen: [{ organizationCode: a!.code, scoreChange: -30 }] });

    const trend = await organizationTrends(db.sql, b!.id);
    expect(trend.map((p) => [p.editionSlug, p.score, p.rank, p.rankedCount, p.regionMedianScore])).toEqual([
      ['insights-2026-09', 40, 2, 2, 60],
      ['insights-2026-10', 70, 1, 2, 60],
    ]);
    // b alone has 5 decided questions in September: below the minimum sample, while the region has enough.
    expect(trend[0]!.sla).toMatchObject({ status: 'not_enough_data' });
    expect(trend[0]!.regionSla).toMatchObject({ status: 'ok', shareWithin24h: 10 / 15 });
  });
});
