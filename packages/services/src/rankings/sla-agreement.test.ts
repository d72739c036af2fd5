import { beforeAll, describe, expect, it } from 'vitest';
import { bulletinSlaFigures, formatShare, generateBulletinDraft, parseMonthlyPeriodKey, slaSummary } from '@most/domain';
import { loadBulletinDataset, slaCountsByPeriod } from '@most/db';
import { scorePeriod } from '../scoring';
import { seedMeasuredQuestions, useTestDatabase } from '@most/db/testing';
import { makeAccount, makeFullProfileSnapshot, makeMarchQuestions } from '@most/db/testing/scoring';
import { buildEdition, publishEdition } from './editions';
import { editionInsights } from './insights';

const actor = { id: null, label: 'test' };
const saratov = (local: string) => new Date(`${local}+04:00`);
const MARCH = { key: '2025-03', start: '2025-03-01', end: '2025-03-31' };

/** The bulletin's regional 24-hour share and the public headline's are one figure, computed by one rule. */
describe('SLA share agreement between the bulletin and the public headline', () => {
  const db = useTestDatabase();
  let scored: { accountId: number; organizationId: number };
  let unscored: { accountId: number; organizationId: number };

  beforeAll(async () => {
    scored = await makeAccount(db.sql);
    await makeFullProfileSnapshot(db.sql, scored.accountId, saratov('2025-02-20T10:00:00'), '2025-02-20');
    await makeMarchQuestions(db.sql, scored.accountId);
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [scored.accountId], now: saratov('2025-04-15T00:00:00') });
    // Two questions still inside their window: asked, not decided, so outside every share's denominator.
    await seedMeasuredQuestions(db.sql, scored.accountId, saratov('2025-03-31T20:00:00'), [{ state: 'open_within_window' }, { state: 'open_within_window' }]);
    unscored = await makeAccount(db.sql);
  });

  const headlineOf = async (organizationIds: number[]) => {
    const slug = `agreement-${organizationIds.length}-${Date.now()}`;
    const draft = await buildEdition(
      db.sql,
      { title: 'Рейтинг март', periodStart: MARCH.start, periodEnd: MARCH.end, methodologyVersion: '1', criteria: [{ code: 'profile', name: 'Профиль', weight: 1 }], slug },
      organizationIds.map((organizationId) => ({
        organizationId,
        score: 50,
        enoughData: true,
        criteria: [{ code: 'profile', score: 50, weight: 1 }],
        accountsScored: 1,
        accountsTotal: 1,
        sampleSize: 12,
      })),
      actor,
    );
    const edition = await publishEdition(db.sql, draft.id, actor);
    return (await editionInsights(db.sql, edition, null)).headline.sla;
  };

  it('states the same share and median for the same period and organizations', async () => {
    const dataset = await loadBulletinDataset(db.sql, parseMonthlyPeriodKey('2025-03'));
    const bulletin = bulletinSlaFigures(dataset.sla.overall)!;
    const headline = await headlineOf([scored.organizationId]);
    if (headline.status !== 'ok') throw new Error(`headline SLA not stated: ${headline.text}`);
    // 14 questions asked, 12 decided (8 in time, 2 late, 2 breached): 8 / 12, not 8 / 14.
    expect(dataset.sla.overall).toMatchObject({ questions: 14, decided: 12, answeredWithin24h: 8 });
    expect(bulletin.shareWithinSla).toBeCloseTo(8 / 12, 10);
    expect(headline.shareWithin24h).toBe(bulletin.shareWithinSla);
    expect(headline.decided).toBe(bulletin.decided);
    expect(headline.medianFirstResponseMs).toBe(bulletin.medianFirstResponseMs);
    const text = JSON.stringify(generateBulletinDraft(dataset).sections[0]);
    expect(text).toContain(`в течение 24 часов — ${formatShare(headline.shareWithin24h)} (по организациям, оценённым в этом периоде)`);
  });

  it('restricts the bulletin to scored organizations through the same function, and says so', async () => {
    // An organization not scored in March whose questions all breached: in the region, not in the bulletin.
    await seedMeasuredQuestions(db.sql, unscored.accountId, saratov('2025-03-15T10:00:00'), [{ state: 'breached' }, { state: 'breached' }, { state: 'breached' }, { state: 'breached' }]);
    const dataset = await loadBulletinDataset(db.sql, parseMonthlyPeriodKey('2025-03'));
    const whole = (await slaCountsByPeriod(db.sql, [MARCH])).get(MARCH.key)!.region;
    const scoredOnly = (await slaCountsByPeriod(db.sql, [MARCH], { organizationIds: [scored.organizationId] })).get(MARCH.key)!.region;
    const wholeShare = slaSummary([whole], 1, null);
    const scoredShare = slaSummary([scoredOnly], 1, null);
    if (wholeShare.status !== 'ok' || scoredShare.status !== 'ok') throw new Error('shares not stated');
    expect(wholeShare.shareWithin24h).toBeCloseTo(8 / 16, 10);
    expect(bulletinSlaFigures(dataset.sla.overall)!.shareWithinSla).toBe(scoredShare.shareWithin24h);
    // The public headline over both organizations reads the whole region from the same function.
    const headline = await headlineOf([scored.organizationId, unscored.organizationId]);
    expect(headline).toMatchObject({ status: 'ok', shareWithin24h: wholeShare.shareWithin24h, decided: 16 });
  });

  it('says questions were not counted when an issue has only a published edition to draw on, rather than «0» questions', async () => {
    // April was never scored: the issue takes its scores from the edition, which counts no questions.
    const april = await buildEdition(
      db.sql,
      { title: 'Рейтинг апрель', periodStart: '2025-04-01', periodEnd: '2025-04-30', methodologyVersion: '1', criteria: [{ code: 'profile', name: 'Профиль', weight: 1 }], slug: 'agreement-april' },
      [{ organizationId: scored.organizationId, score: 50, enoughData: true, criteria: [{ code: 'profile', score: 50, weight: 1 }], accountsScored: 1, accountsTotal: 1, sampleSize: 12 }],
      actor,
    );
    await publishEdition(db.sql, april.id, actor);
    const dataset = await loadBulletinDataset(db.sql, parseMonthlyPeriodKey('2025-04'));
    expect(dataset.sla.notCountedReason).toBe('оценки за этот период ещё не рассчитаны');
    const draft = generateBulletinDraft(dataset);
    const why = 'Вопросы жителей за период не подсчитывались: оценки за этот период ещё не рассчитаны';
    expect(JSON.stringify(draft.sections[0])).toContain(why);
    expect(JSON.stringify(draft.sections[0])).not.toContain('Вопросов жителей в комментариях: 0');
    expect(JSON.stringify(draft.sections.find((s) => s.organizationId === scored.organizationId))).toContain(why);
  });
});
