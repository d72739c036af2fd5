import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { seedDemoRegistry, scorePeriod } from '@most/services';
import { createTestApp, createTestUser, testBrowsers, useAppServices } from './test-support/app';
/** Words that state a success or a failure: none may be said about data that was never read. */
const VERDICTS = /Выполнен|Не выполнен|выполнены|Частично|вошли в верхнюю часть|Открытых рекомендаций нет|публикаций|перерыв/;

interface CriterionRow {
  criterionCode: string;
  status: string;
  statusText: string;
  result: string;
  rule: string;
  points: number;
  maxPoints: number;
}

describe('an organization with no measured data (its pages were never read)', () => {
  const { db, queue } = useAppServices();
  let app: Hono<never>;
  let organizationId: number;
  let accountId: number;
  const { signedIn } = testBrowsers(() => app, '10.7.0');

  beforeAll(async () => {
    await seedDemoRegistry(db.sql);
    const [account] = await db.sql<{ id: number; organization_id: number; code: string }[]>`
      SELECT a.id, a.organization_id, o.code FROM accounts a JOIN organizations o ON o.id = a.organization_id ORDER BY a.id LIMIT 1`;
    ({ id: accountId, organization_id: organizationId } = account!);
    await createTestUser(db.sql, 'monitor@truth.test', 'monitor');
    await createTestUser(db.sql, 'agency@truth.test', 'agency', account!.code);
    // A recommendation written by an earlier version from a page nobody read: the rerun withdraws it.
    await db.sql`
      INSERT INTO recommendations (account_id, period_kind, period_start, methodology_version, criterion_code, generated_text, potential_points)
      VALUES (${accountId}, 'month', '2026-10-01', 1, 'POSTING_REGULARITY', 'За период 0 публикаций — 0 в неделю; самый длинный перерыв — 65,3 дней', 10)`;
    // Scoring runs, but no page was ever crawled.
    await scorePeriod(db.sql, { periodKind: 'month', date: '2026-10-10', methodologyVersion: 1, now: new Date('2026-11-05T00:00:00Z') });
    app = createTestApp({ sql: db.sql, queue, trustProxy: true });
  }, 120_000);

  it('shows every criterion of the page as not measured, with the reason, and no score', async () => {
    const agency = await signedIn('agency@truth.test');
    const scores = await agency.query<{ periodStart: string; status: string; total: number | null; reason: string | null }[]>('accounts.scores', { accountId });
    expect(scores.status).toBe(200);
    const month = scores.body.result!.data.find((s) => s.periodStart === '2026-10-01')!;
    expect(month).toMatchObject({ status: 'not_enough_data', total: null, reason: 'page_not_read' });

    const detail = await agency.query<{ reasonText: string; criteria: CriterionRow[] }>('accounts.scoreDetail', { accountId, periodKind: 'month', periodStart: '2026-10-01', methodologyVersion: 1 });
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    const { criteria, reasonText } = detail.body.result!.data;
    expect(reasonText).toBe('страница не читалась');
    expect(criteria.length).toBeGreaterThan(10);
    expect(criteria.filter((c) => ['pass', 'partial', 'fail'].includes(c.status))).toEqual([]);
    expect(criteria.every((c) => c.maxPoints === 0)).toBe(true);
    const byCode = new Map(criteria.map((c) => [c.criterionCode, c]));
    expect(byCode.get('POSTING_REGULARITY')).toMatchObject({ status: 'not_measured', statusText: 'Не измерялся', result: 'Не измерялся: страница не читалась' });
    expect(byCode.get('POSTING_REGULARITY')!.rule).toBe(
      'Выполнен, если за период в среднем не менее 3 публикаций в неделю и ни одного перерыва дольше 7 дней; частично — если выполнено одно из двух условий.',
    );
    expect(byCode.get('LITERACY_STYLE')).toMatchObject({ status: 'not_measured', statusText: 'Ещё не оценивался', result: 'Критерий ещё не оценивался' });
    for (const c of criteria) expect(`${c.statusText} ${c.result}`).not.toMatch(VERDICTS);

    const trend = await agency.query<{ periodStart: string; score: number | null; pages: { accountId: number; measured: boolean; reasonText: string | null }[] }[]>('accounts.organizationScores', {
      organizationId,
    });
    const org = trend.body.result!.data.find((s) => s.periodStart === '2026-10-01')!;
    expect(org.score).toBeNull();
    expect(org.pages.length).toBeGreaterThan(0);
    expect(org.pages.every((p) => !p.measured && p.reasonText === 'страница не читалась')).toBe(true);
  });

  it('makes no recommendation from data that was never read, and withdraws one made earlier', async () => {
    const agency = await signedIn('agency@truth.test');
    const mine = await agency.query<unknown[]>('recommendations.mine', {});
    expect(mine.status).toBe(200);
    expect(mine.body.result!.data).toEqual([]);
    const [count] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM recommendations`;
    expect(count!.n).toBe(0);
  });

  it('drafts a bulletin that says nothing was measured and why, in the public part and in every agency section', async () => {
    const monitor = await signedIn('monitor@truth.test');
    for (const periodKey of ['2026-10', '2026-09']) {
      const created = await monitor.mutate<{ issue: { id: number } }>('bulletin.createDraft', { periodKey });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const issue = await monitor.query<{ view: { sections: { key: string; audience: string; organizationId: number | null; blocks: unknown[] }[] } }>('bulletin.get', {
        id: created.body.result!.data.issue.id,
      });
      const sections = issue.body.result!.data.view.sections;
      const [publicPart, ...agencies] = sections;
      expect(publicPart!.audience).toBe('public');
      // October was scored (pages never read); September was never scored at all.
      const why = periodKey === '2026-10' ? 'ни одна страница не измерена — страница не читалась' : 'оценки за этот период ещё не рассчитаны';
      expect(JSON.stringify(publicPart)).toContain(`За этот период ничего не измерено: ${why}.`);
      expect(agencies.length).toBeGreaterThan(100);
      for (const agency of agencies) {
        const text = JSON.stringify(agency);
        expect(text).toContain('За этот период страницы организации не измерены');
        expect(text).not.toMatch(VERDICTS);
      }
      expect(JSON.stringify(publicPart)).not.toMatch(VERDICTS);
      if (periodKey === '2026-10') {
        const own = agencies.find((s) => s.organizationId === organizationId)!;
        expect(JSON.stringify(own)).toContain('не измерены: страница не читалась.');
      }
    }
  });
});
