import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDateTime, formatDuration, formatPeriod, formatPeriodMonths } from './format';

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

describe('formatCountdown', () => {
  it('shows hours, minutes and seconds of the magnitude', () => {
    expect(formatCountdown(0)).toBe('0:00:00');
    expect(formatCountdown(22 * 3_600_000 + 5 * 60_000 + 9_999)).toBe('22:05:09');
    expect(formatCountdown(-(30 * 3_600_000 + 1_000))).toBe('30:00:01');
  });
});

describe('formatPeriod', () => {
  const words = { quarter: '{quarter} квартал {year} г.', week: 'неделя с {date}' };
  it('names months, quarters and weeks in Russian, never as ISO dates', () => {
    expect(formatPeriod('month', '2026-11-01', words)).toMatch(/^ноябрь 2026/);
    expect(formatPeriod('quarter', '2026-10-01', words)).toBe('IV квартал 2026 г.');
    expect(formatPeriod('week', '2026-11-02', words)).toMatch(/^неделя с 2 нояб\.? 2026/);
    expect(formatPeriod(null, '2026-12-05', words)).toMatch(/^5 дек\.? 2026/);
  });
});

describe('chart period names', () => {
  it('names a month by its month, a longer period by its first and last month, never by a day', () => {
    expect(formatPeriodMonths('2026-10-01', '2026-10-31')).toMatch(/^окт\.? 2026/);
    expect(formatPeriodMonths('2026-10-01', '2026-12-31')).toMatch(/^окт\.? 2026( г\.)? – дек\.? 2026/);
    expect(formatPeriodMonths('2026-10-01', '2026-10-31')).not.toContain('31');
  });
});
