import { describe, expect, it } from 'vitest';
import { slaSummary } from '../ranking/insights';
import { bulletinSlaFigures } from './sla';

describe("the bulletin's SLA figures", () => {
  it('are shares over decided questions, as the public headline states them', () => {
    // 20 asked: 12 in time, 3 late, 2 breached, 3 still inside their window.
    const figures = bulletinSlaFigures({ questions: 20, decided: 17, answered: 15, answeredWithin24h: 12, medianMinutes: 90, p90Minutes: 600 })!;
    expect(figures).toMatchObject({ decided: 17, answeredInTime: 12, answeredLate: 3, breached: 2, medianFirstResponseMs: 90 * 60_000 });
    expect(figures.shareWithinSla).toBe(12 / 17);
    expect(figures.responseRate).toBe(15 / 17);
    const headline = slaSummary(
      [{ answeredInTime: 12, answeredLate: 3, breached: 2, openWithinWindow: 3, excludedDeleted: 0, medianFirstResponseMs: null, p90FirstResponseMs: null, substantive: null }],
      1,
      null,
    );
    expect(headline).toMatchObject({ status: 'ok', shareWithin24h: figures.shareWithinSla });
  });

  it('states no share when no question is decided yet', () => {
    expect(bulletinSlaFigures({ questions: 4, decided: 0, answered: 0, answeredWithin24h: 0, medianMinutes: null, p90Minutes: null })).toBeNull();
  });
});
