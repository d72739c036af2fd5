import { beforeAll, describe, expect, it } from 'vitest';
import { generateBulletinDraft, parseBulletinPeriodKey, parseMonthlyPeriodKey } from '@most/domain';
import { loadBulletinDataset } from '@most/db';
import { raiseDispute } from '../scoring/raise-dispute';
import { recordManualAssessment } from '../scoring/record-manual-assessment';
import { scorePeriod } from '../scoring/score-period';
import { type TestDatabase, useTestDatabase } from '@most/db/testing';
import { makeAccount, makeFullProfileSnapshot, makeMarchQuestions } from '@most/db/testing/scoring';
import { acknowledgeBulletin } from './acknowledge';
import { createDraftIssue } from './create-draft';
import { publishIssue } from './publish-issue';
import { submitIssueForReview } from './review-issue';

const monitor = { id: null, label: 'monitor-test' };
const saratov = (local: string) => new Date(`${local}+04:00`);
const statusOf = async (db: TestDatabase, id: number) => (await db.sql<{ status: string }[]>`SELECT status FROM recommendations WHERE id = ${id}`)[0]?.status;
/** The account's total recomputed from its criterion points (earned / possible, one decimal), independent of the stored totals. */
async function totalFromCriteria(db: TestDatabase, accountId: number, periodKind: string, periodStart: string): Promise<number> {
  const [row] = await db.sql<{ earned: number; possible: number }[]>`
    SELECT sum(points)::float8 AS earned, sum(max_points)::float8 AS possible FROM account_criterion_scores
    WHERE account_id = ${accountId} AND period_kind = ${periodKind} AND period_start = ${periodStart}`;
  return Math.round((row!.earned / row!.possible) * 1000) / 10;
}

/** From scored data to a published issue, and from re-measurement to the next issue's "resolved" list. */
describe('bulletin dataset and the recommendation loop on real scoring results', () => {
  const db = useTestDatabase();
  let accountId: number;
  let organizationId: number;
  beforeAll(async () => {
    ({ accountId, organizationId } = await makeAccount(db.sql, { sector: 'health' }));
    await db.sql`UPDATE organizations SET short_name = 'ГУЗ «Поликлиника № 2»' WHERE id = ${organizationId}`;
    await makeFullProfileSnapshot(db.sql, accountId, saratov('2025-02-20T10:00:00'), '2025-02-20');
    await makeMarchQuestions(db.sql, accountId);
    await recordManualAssessment(db.sql, { accountId, criterionCode: 'LITERACY_STYLE', score: 1, validFrom: '2025-01-01' }, monitor);
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now: saratov('2025-04-15T00:00:00') });
    await raiseDispute(
      db.sql,
      { accountId, criterion: { code: 'PROFILE_EMAIL', periodKind: 'month', periodStart: '2025-03-01' }, reason: 'criterion_wrong', text: 'Почта указана в закреплённой записи' },
      monitor,
    );
  });

  it('loads scores, verdicts with evidence, recommendations, SLA figures and open disputes for the month', async () => {
    const dataset = await loadBulletinDataset(db.sql, parseMonthlyPeriodKey('2025-03'));
    // One account: the organization's score is that account's total; the fixture fails the e-mail and the 24-hour rule.
    const march = await totalFromCriteria(db, accountId, 'month', '2025-03-01');
    expect(march).toBeGreaterThan(0);
    expect(march).toBeLessThan(100);
    expect(dataset.organizations).toEqual([
      { id: organizationId, name: 'ГУЗ «Поликлиника № 2»', municipality: null, sector: 'health', scoreCurrent: march, scorePrevious: null, notMeasuredReason: null },
    ]);
    expect(dataset.methodologyVersion).toBe('1');
    const sla = dataset.criterionResults.find((r) => r.criterionCode === 'SLA_WITHIN_24H')!;
    expect(sla).toMatchObject({ met: false, evidence: '67\u00a0% при норме ≥ 90\u00a0%; вопросов: 12, с ответом в срок: 8; без ответа более 24 часов: 2; ответ позже 24 часов: 2' });
    expect(sla.evidenceUrl).toMatch(/^https:\/\/vk\.com\/wall-1_/);
    expect(dataset.criterionResults.find((r) => r.criterionCode === 'PROFILE_EMAIL')).toMatchObject({ met: false, evidence: 'Адрес электронной почты не указан; норма — указан' });
    expect(dataset.criterionResults.find((r) => r.criterionCode === 'PROFILE_HEAD_LINK')?.met).toBe(true);
    expect(dataset.sla.overall).toMatchObject({ questions: 12, answered: 10, answeredWithin24h: 8 });
    expect(dataset.sla.organizations).toMatchObject([{ organizationId, questions: 12, enoughData: true }]);
    const recommendations = await db.sql<{ id: number }[]>`SELECT id FROM recommendations WHERE status = 'new' ORDER BY id`;
    expect(dataset.recommendations.map((r) => r.id)).toEqual(recommendations.map((r) => r.id));
    expect(JSON.stringify(dataset)).not.toContain('89171234567');
    expect(dataset.disputes).toMatchObject([{ organizationId, criterionCode: 'PROFILE_EMAIL', summary: 'Почта указана в закреплённой записи' }]);
    const draft = generateBulletinDraft(dataset);
    expect(draft.sections.map((s) => s.title)).toEqual(['Общий выпуск', 'ГУЗ «Поликлиника № 2»']);
  });

  it('marks carried recommendations sent on publication, acknowledged by the agency, and reports them resolved next month', async () => {
    const march = await loadBulletinDataset(db.sql, parseMonthlyPeriodKey('2025-03'));
    const { issue } = await createDraftIssue(db.sql, { dataset: march, actor: monitor });
    await submitIssueForReview(db.sql, issue.id, monitor);
    const { recommendationIds } = await publishIssue(db.sql, { issueId: issue.id, actor: monitor });
    expect(recommendationIds.length).toBeGreaterThan(0);
    for (const id of recommendationIds) expect(await statusOf(db, id)).toBe('sent');

    const acknowledged = await acknowledgeBulletin(db.sql, { issueId: issue.id, organizationId, actor: { id: null, label: 'acknowledge-link' } });
    expect(acknowledged?.alreadyAcknowledged).toBe(false);
    for (const id of recommendationIds) expect(await statusOf(db, id)).toBe('acknowledged');

    // April: the style is fixed; re-measurement resolves that recommendation.
    const [literacy] = await db.sql<{ id: number }[]>`SELECT id FROM recommendations WHERE criterion_code = 'LITERACY_STYLE' AND period_start = '2025-03-01'`;
    expect(recommendationIds).toContain(literacy!.id);
    await recordManualAssessment(db.sql, { accountId, criterionCode: 'LITERACY_STYLE', score: 2, validFrom: '2025-04-01' }, monitor);
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-04-10', methodologyVersion: 1, accountIds: [accountId], now: saratov('2025-05-05T00:00:00') });
    expect(await statusOf(db, literacy!.id)).toBe('resolved');

    const april = await loadBulletinDataset(db.sql, parseMonthlyPeriodKey('2025-04'));
    expect(april.resolved).toEqual([expect.objectContaining({ recommendationId: literacy!.id, organizationId, sentInIssue: '2025-03' })]);
    expect(april.recommendations.map((r) => r.id)).not.toContain(literacy!.id);
    expect(april.organizations[0]?.scorePrevious).toBe(march.organizations[0]?.scoreCurrent);
    const section = generateBulletinDraft(april).sections.find((s) => s.organizationId === organizationId)!;
    expect(section.blocks.find((b) => b.key === `org-${organizationId}-resolved`)).toMatchObject({ kind: 'list' });

    // Once reported, a resolution is not reported again by a later issue.
    const { issue: aprilIssue } = await createDraftIssue(db.sql, { dataset: april, actor: monitor });
    await submitIssueForReview(db.sql, aprilIssue.id, monitor);
    await publishIssue(db.sql, { issueId: aprilIssue.id, actor: monitor });
    expect((await loadBulletinDataset(db.sql, parseMonthlyPeriodKey('2025-05'))).resolved).toEqual([]);
  });

  it("loads a quarterly issue from the quarter's scores, with the quarter before for comparison", async () => {
    await scorePeriod(db.sql, { periodKind: 'quarter', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now: saratov('2025-04-15T00:00:00') });
    const quarter = await totalFromCriteria(db, accountId, 'quarter', '2025-01-01');
    expect(quarter).toBeGreaterThan(0);
    const dataset = await loadBulletinDataset(db.sql, parseBulletinPeriodKey('2025-q1'));
    expect(dataset.period).toEqual({ key: '2025-q1', start: '2025-01-01', end: '2025-04-01', label: 'I квартал 2025' });
    expect(dataset.previousPeriod?.key).toBe('2024-q4');
    expect(dataset.organizations).toEqual([expect.objectContaining({ id: organizationId, scoreCurrent: quarter, scorePrevious: null })]);
    // The quarter's questions are March's: the SLA figures span the whole quarter.
    expect(dataset.sla.overall).toMatchObject({ questions: 12, answered: 10, answeredWithin24h: 8 });
    const { issue, created } = await createDraftIssue(db.sql, { dataset, actor: monitor });
    expect(created).toBe(true);
    expect(issue).toMatchObject({ periodKey: '2025-q1', periodLabel: 'I квартал 2025' });
  });
});
