import { describe, expect, it } from 'vitest';
import type { EditionRow } from '../../api/public';
import { options, viewRows } from './ranking-view';

const row = (name: string, rank: number | null, extra: Partial<EditionRow> = {}): EditionRow => ({
  rank,
  overallRank: rank,
  organizationCode: name,
  organizationName: name,
  kind: 'subordinate_institution',
  sector: 'education',
  municipalityCode: 'engels',
  municipalityName: 'Энгельсский',
  score: rank === null ? null : 100 - rank,
  rankChange: null,
  scoreChange: null,
  coverage: { accountsScored: 1, accountsTotal: 1 },
  sampleSize: 10,
  unranked: null,
  criteria: [],
  ...extra,
});

describe('viewRows', () => {
  const rows = [
    row('Школа № 5', 2, { rankChange: 3 }),
    row('Больница', 1, { sector: 'health', municipalityCode: 'saratov', municipalityName: 'Саратов' }),
    row('Библиотека', 2, { sector: 'culture', rankChange: -1 }),
  ];

  it('searches names case-insensitively', () => {
    expect(viewRows(rows, { search: 'шКОЛА' }).map((r) => r.organizationName)).toEqual(['Школа № 5']);
    expect(viewRows(rows, { search: '  ' })).toHaveLength(3);
  });

  it('sorts by rank with ties by name, by change and by score', () => {
    expect(viewRows(rows, {}).map((r) => r.organizationName)).toEqual(['Больница', 'Библиотека', 'Школа № 5']);
    expect(viewRows(rows, { sort: 'change' }).map((r) => r.organizationName)).toEqual(['Школа № 5', 'Библиотека', 'Больница']);
    expect(viewRows(rows, { sort: 'score' }).map((r) => r.organizationName)[0]).toBe('Больница');
  });

  it('lists distinct municipalities by name', () => {
    expect(options(rows, (r) => (r.municipalityCode ? [r.municipalityCode, r.municipalityName ?? ''] : null))).toEqual([
      ['saratov', 'Саратов'],
      ['engels', 'Энгельсский'],
    ]);
  });
});
