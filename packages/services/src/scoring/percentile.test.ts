import { median, parseMonthlyPeriodKey, percentile } from '@most/domain';
import { describe, expect, it } from 'vitest';
import { loadBulletinDataset } from '@most/db';
import { organizationSlaDistribution } from '@most/db/scoring';
import { useTestDatabase } from '@most/db/testing';
import { makeAccount, makeQuestion } from '@most/db/testing/scoring';
import { scorePeriod } from './score-period';

const HOUR = 3_600_000;
const saratov = (local: string) => new Date(`${local}+04:00`);

const db = useTestDatabase();

describe('one percentile definition: SQL percentile_cont agrees with the domain', () => {
  it('on random samples (even and odd sizes, ties, single values)', async () => {
    let seed = 20_261_205;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 60; round += 1) {
      const size = 1 + Math.floor(rand() * 24);
      // Whole minutes make ties likely; seconds keep fractions.
      const values = Array.from({ length: size }, () => (rand() < 0.5 ? Math.floor(rand() * 30) * 60 : Math.floor(rand() * 200_000)));
      const sorted = [...values].sort((a, b) => a - b);
      const [row] = await db.sql<{ p50: number; p90: number; p95: number }[]>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY v) AS p95
        FROM unnest(${values}::float8[]) AS v`;
      expect(row!.p50).toBeCloseTo(median(sorted)!, 6);
      expect(row!.p90).toBeCloseTo(percentile(sorted, 90)!, 6);
      expect(row!.p95).toBeCloseTo(percentile(sorted, 95)!, 6);
    }
  });

  it('an even sample gives the same median on the score, the SLA charts and the bulletin', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    // Ten questions in March 2025: five answered after 1 h, five after 1 h 30 min.
    for (let day = 0; day < 10; day += 1) {
      const at = saratov(`2025-03-${String(day + 2).padStart(2, '0')}T10:00:00`);
      await makeQuestion(db.sql, { accountId, author: `even-${day}`, at, text: 'Когда откроют поликлинику после ремонта?', answeredAfterMs: day < 5 ? HOUR : 1.5 * HOUR });
    }
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now: saratov('2025-04-15T00:00:00') });

    const [criterion] = await db.sql<{ value: number }[]>`
      SELECT value FROM account_criterion_scores WHERE account_id = ${accountId} AND period_kind = 'month' AND criterion_code = 'MEDIAN_FIRST_RESPONSE'`;
    // 1 h 15 min, where a nearest-rank median would say 1 h.
    expect(criterion!.value).toBe(1.25);
    const charts = await organizationSlaDistribution(db.sql, organizationId, { from: saratov('2025-03-01T00:00:00'), to: saratov('2025-04-01T00:00:00') });
    expect(charts.percentiles.p50).toBe(1.25 * 3600);
    expect(charts.percentiles.p90).toBeCloseTo(1.5 * 3600, 6);
    const bulletin = await loadBulletinDataset(db.sql, parseMonthlyPeriodKey('2025-03'));
    const mine = bulletin.sla.organizations.find((o) => o.organizationId === organizationId);
    expect(mine).toMatchObject({ questions: 10, enoughData: true, medianMinutes: 75 });
    expect(mine?.p90Minutes).toBeCloseTo(charts.percentiles.p90! / 60, 6);
  });
});
