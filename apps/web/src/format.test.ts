import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration } from './format';

describe('formatDateTime', () => {
  it('shows UTC instants in Saratov time (UTC+4)', () => {
    expect(formatDateTime('2026-01-15T20:30:00Z')).toMatch(/16 янв\.? 2026.*00:30/);
    expect(formatDateTime('2026-07-01T08:00:00Z', 'en')).toMatch(/1 Jul 2026.*12:00/);
  });
});

describe('formatDuration', () => {
  it('shows hours and zero-padded minutes, ignoring the sign', () => {
    const units = { hours: 'ч', minutes: 'мин' };
    expect(formatDuration((5 * 60 + 7) * 60_000, units)).toBe('5 ч 07 мин');
    expect(formatDuration(-42 * 60_000, units)).toBe('42 мин');
  });
});
