import { describe, expect, it } from 'vitest';
import { bulletinPeriodKind, lastFullMonth, lastFullPeriod, monthlyPeriod, parseBulletinPeriodKey, parseMonthlyPeriodKey, previousMonth, previousPeriod, quarterlyPeriod } from './period';

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

describe('quarterly bulletin periods', () => {
  it('describes a calendar quarter with an exclusive end and a Russian label', () => {
    expect(quarterlyPeriod(2026, 4)).toEqual({ key: '2026-q4', start: '2026-10-01', end: '2027-01-01', label: 'IV квартал 2026' });
    expect(quarterlyPeriod(2027, 1)).toEqual({ key: '2027-q1', start: '2027-01-01', end: '2027-04-01', label: 'I квартал 2027' });
    expect(() => quarterlyPeriod(2026, 5)).toThrow(RangeError);
  });

  it('parses month and quarter keys and tells their kind', () => {
    expect(parseBulletinPeriodKey('2026-q3')).toEqual(quarterlyPeriod(2026, 3));
    expect(parseBulletinPeriodKey('2026-Q3').key).toBe('2026-q3');
    expect(parseBulletinPeriodKey('2026-07')).toEqual(monthlyPeriod(2026, 7));
    expect(() => parseBulletinPeriodKey('2026-q5')).toThrow(RangeError);
    expect(bulletinPeriodKind(quarterlyPeriod(2026, 3))).toBe('quarter');
    expect(bulletinPeriodKind(monthlyPeriod(2026, 3))).toBe('month');
    expect(bulletinPeriodKind({ key: '2026-10-01_2026-10-15' })).toBeNull();
  });

  it('reports on the last full quarter in Europe/Saratov and finds the one before', () => {
    // 21:00 UTC on 31 December is already 1 January in Saratov.
    expect(lastFullPeriod('quarter', new Date('2026-12-31T21:00:00Z')).key).toBe('2026-q4');
    expect(lastFullPeriod('quarter', new Date('2026-12-31T19:00:00Z')).key).toBe('2026-q3');
    expect(lastFullPeriod('quarter', new Date('2026-02-10T00:00:00Z')).key).toBe('2025-q4');
    expect(lastFullPeriod('month', new Date('2026-02-10T00:00:00Z')).key).toBe('2026-01');
    expect(previousPeriod(quarterlyPeriod(2027, 1))?.key).toBe('2026-q4');
    expect(previousPeriod(quarterlyPeriod(2026, 3))?.key).toBe('2026-q2');
    expect(previousPeriod(monthlyPeriod(2026, 1))?.key).toBe('2025-12');
    expect(previousPeriod({ key: '2026-10-01_2026-10-15', start: '2026-10-01', end: '2026-10-16', label: 'x' })).toBeNull();
  });
});
