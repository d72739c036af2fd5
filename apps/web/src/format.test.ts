import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format';

describe('formatDateTime', () => {
  it('shows UTC instants in Saratov time (UTC+4)', () => {
    expect(formatDateTime('2026-01-15T20:30:00Z')).toMatch(/16 янв\.? 2026.*00:30/);
    expect(formatDateTime('2026-07-01T08:00:00Z', 'en')).toMatch(/1 Jul 2026.*12:00/);
  });
});
