import { describe, expect, it } from 'vitest';
import type { EditionRow } from '../../api/public';
import { distinct, viewRows } from './ranking-view';

const row = (name: string, rank: number | null, extra: Partial<EditionRow> = {}): EditionRow => ({
  rank,
  organizationId: name,
  organizationName: name,
  category: 'subordinate_institution',
  sector: 'education',
  municipality: 'Энгельсский',
  score: rank === null ? null : 100 - rank,
  rankChange: null,
  scoreChange: null,
  accountsScored: 1,
  accountsTotal: 1,
  sampleSize: 10,
  notEnoughData: rank === null,
  ...extra,
});

describe('viewRows', () => {
  const rows = [
    row('Школа № 5', 2, { rankChange: 3 }),
    row('Больница', 1, { sector: 'health', municipality: 'Саратов' }),
    row('Библиотека', 2, { sector: 'culture', rankChange: -1 }),
  ];

  it('filters by sector, municipality and a case-insensitive search', () => {
    expect(viewRows(rows, { sector: 'education' }).map((r) => r.organizationName)).toEqual(['Школа № 5']);
    expect(viewRows(rows, { municipality: 'Энгельсский' })).toHaveLength(2);
    expect(viewRows(rows, { search: 'шКОЛА' }).map((r) => r.organizationName)).toEqual(['Школа № 5']);
  });

  it('sorts by rank with ties by name, and by change', () => {
    expect(viewRows(rows, {}).map((r) => r.organizationName)).toEqual(['Больница', 'Библиотека', 'Школа № 5']);
    expect(viewRows(rows, { sort: 'change' }).map((r) => r.organizationName)).toEqual(['Школа № 5', 'Библиотека', 'Больница']);
  });

  it('lists distinct municipalities', () => {
    expect(distinct(rows, (r) => r.municipality)).toEqual(['Саратов', 'Энгельсский']);
  });
});
