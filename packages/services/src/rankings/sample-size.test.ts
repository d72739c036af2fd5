import { describe, expect, it } from 'vitest';
import { buildEdition, loadOrganizationScores, viewEdition } from './index';
import { useTestDatabase } from '@most/db/testing';
import { makeAccount, makeQuestion } from '@most/db/testing/scoring';
import { scorePeriod } from '../scoring/score-period';

const HOUR = 3_600_000;
const saratov = (local: string) => new Date(`${local}+04:00`);

const db = useTestDatabase();

describe('an organization below the minimum sample', () => {
  it('keeps its real count of decided questions and says why it is not ranked', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    // Three decided questions in March (two answered, one never): below the minimum sample of 10.
    for (let day = 0; day < 3; day += 1) {
      const at = saratov(`2025-03-${String(day + 2).padStart(2, '0')}T10:00:00`);
      await makeQuestion(db.sql, { accountId, author: `few-${day}`, at, text: 'Когда починят лифт в доме?', answeredAfterMs: day < 2 ? 3 * HOUR : null });
    }
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now: saratov('2025-04-15T00:00:00') });
    const [stored] = await db.sql<{ enoughData: boolean; sampleSize: number }[]>`
      SELECT enough_data AS "enoughData", sample_size AS "sampleSize" FROM organization_scores WHERE organization_id = ${organizationId} AND period_kind = 'month'`;
    // Before: 0, as if nothing had been measured.
    expect(stored).toEqual({ enoughData: false, sampleSize: 3 });

    const { criteria, scores } = await loadOrganizationScores(db.sql, { periodStart: '2025-03-01', periodEnd: '2025-03-31', methodologyVersion: '1' });
    const edition = await buildEdition(db.sql, { title: 'Рейтинг за март 2025', periodStart: '2025-03-01', periodEnd: '2025-03-31', methodologyVersion: '1', criteria }, scores, {
      id: null,
      label: 'test',
    });
    expect(edition.rules).toEqual({ minimumSample: 10, minimumCoverage: 0.5 });
    const [org] = await db.sql<{ code: string }[]>`SELECT code FROM organizations WHERE id = ${organizationId}`;
    const row = viewEdition(edition, null).notEnoughData.find((r) => r.organizationCode === org!.code);
    expect(row).toMatchObject({ rank: null, sampleSize: 3, unranked: { code: 'below_minimum_sample' } });
    expect(row!.unranked!.text).toContain('за период 3 вопроса');
  });
});
