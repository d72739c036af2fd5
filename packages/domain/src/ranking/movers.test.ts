import { describe, expect, it } from 'vitest';
import { biggestMovers } from '../bulletin/ranking';
import { editionMovers, type InsightRow } from './insights';
import { splitMovers } from './movers';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'ru');

describe('the one movers rule', () => {
  it('compares only items with a change, rises largest first, falls deepest first, ties by name, no change is neither', () => {
    const items = [
      { name: 'Вольск', change: 4 },
      { name: 'Аткарск', change: 4 },
      { name: 'Балаково', change: 9 },
      { name: 'Энгельс', change: -7 },
      { name: 'Маркс', change: -2 },
      { name: 'Пугачёв', change: 0 },
      { name: 'Ртищево', change: null },
    ];
    const split = splitMovers(items, (i) => i.change, byName, 2);
    expect(split.improved.map((m) => m.item.name)).toEqual(['Балаково', 'Аткарск']);
    expect(split.fallen.map((m) => m.item.name)).toEqual(['Энгельс', 'Маркс']);
    expect(split.compared).toBe(6);
  });

  it('gives the public headline and the bulletin the same movers for the same changes', () => {
    const changes: [string, number, number | null][] = [
      ['Администрация Энгельса', 70, 61],
      ['Администрация Балакова', 80, 64],
      ['Министерство здравоохранения', 55, 60],
      ['Министерство образования', 90, 90],
      ['Комитет по туризму', 40, null],
    ];
    const rows: InsightRow[] = changes.map(([name, now, before], index) => ({
      organizationCode: `o${index}`,
      organizationName: name,
      municipalityCode: null,
      municipalityName: null,
      score: now,
      rank: index + 1,
      scoreChange: before === null ? null : now - before,
      rankChange: null,
      accountsScored: 1,
      accountsTotal: 1,
      criteria: [],
    }));
    const organizations = changes.map(([name, now, before], index) => ({
      id: index + 1,
      name,
      municipality: null,
      sector: 'other',
      scoreCurrent: now,
      scorePrevious: before,
      notMeasuredReason: null,
    }));
    const headline = editionMovers(rows, true, 3);
    const bulletin = biggestMovers(organizations, 3);
    if (headline.status !== 'ok') throw new Error('movers not stated');
    expect(headline.improved.map((m) => [m.organizationName, m.scoreChange])).toEqual(bulletin.up.map((m) => [m.organization.name, m.delta]));
    expect(headline.fallen.map((m) => [m.organizationName, m.scoreChange])).toEqual(bulletin.down.map((m) => [m.organization.name, m.delta]));
    expect(headline.improved.map((m) => m.organizationName)).toEqual(['Администрация Балакова', 'Администрация Энгельса']);
    expect(headline.fallen.map((m) => m.organizationName)).toEqual(['Министерство здравоохранения']);
  });
});
