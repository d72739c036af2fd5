import { describe, expect, it } from 'vitest';
import { lastFullMonth, monthlyPeriod, parseMonthlyPeriodKey, previousMonth } from './period';

describe('bulletin periods', () => {
  it('describes a calendar month with an exclusive end and a Russian label', () => {
    expect(monthlyPeriod(2026, 12)).toEqual({ key: '2026-12', start: '2026-12-01', end: '2027-01-01', label: 'декабрь 2026' });
    expect(parseMonthlyPeriodKey('2026-02')).toEqual({ key: '2026-02', start: '2026-02-01', end: '2026-03-01', label: 'февраль 2026' });
    expect(() => parseMonthlyPeriodKey('2026-13')).toThrow(RangeError);
  });

  it('reports on the last full month in Europe/Saratov (UTC+4)', () => {
    // 21:00 UTC on 30 November is already 1 December in Saratov.
    expect(lastFullMonth(new Date('2026-11-30T21:00:00Z')).key).toBe('2026-11');
    expect(lastFullMonth(new Date('2026-11-30T19:59:00Z')).key).toBe('2026-10');
    expect(lastFullMonth(new Date('2027-01-05T00:00:00Z')).key).toBe('2026-12');
  });

  it('finds the month before, across a year boundary', () => {
    expect(previousMonth(monthlyPeriod(2027, 1)).key).toBe('2026-12');
    expect(previousMonth(monthlyPeriod(2026, 10)).key).toBe('2026-09');
  });
});
