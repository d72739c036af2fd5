import { describe, expect, it } from 'vitest';
import { changesAgainstPrevious, competitionRanks, rankEntries, weightedScore, type RankingEntry } from './ranking';

const entry = (organizationId: number, criteria: Record<string, number>, weights: Record<string, number> = {}, enoughData = true): RankingEntry => {
  const list = Object.entries(criteria).map(([code, score]) => ({ code, score, weight: weights[code] ?? 1 }));
  return { organizationId, criteria: list, enoughData, score: enoughData ? weightedScore(list) : null };
};

describe('competitionRanks', () => {
  it('gives ties the same rank and skips the next places (1, 2, 2, 4)', () => {
    const ranks = competitionRanks([{ s: 50 }, { s: 90 }, { s: 70 }, { s: 70 }], (x) => x.s).map((r) => [r.item.s, r.rank]);
    expect(ranks).toEqual([
      [90, 1],
      [70, 2],
      [70, 2],
      [50, 4],
    ]);
  });

  it('treats scores equal at display precision as a tie', () => {
    const ranks = competitionRanks([{ s: 71.004 }, { s: 70.996 }, { s: 10 }], (x) => x.s).map((r) => r.rank);
    expect(ranks).toEqual([1, 1, 3]);
  });

  it('handles a three-way tie at the top and an empty list', () => {
    expect(competitionRanks([{ s: 5 }, { s: 5 }, { s: 5 }, { s: 1 }], (x) => x.s).map((r) => r.rank)).toEqual([1, 1, 1, 4]);
    expect(competitionRanks([], () => 0)).toEqual([]);
  });

  it('orders tied items by the tie order without changing their rank', () => {
    const ranked = competitionRanks(
      [
        { s: 1, n: 'б' },
        { s: 1, n: 'а' },
      ],
      (x) => x.s,
      (a, b) => a.n.localeCompare(b.n, 'ru'),
    );
    expect(ranked.map((r) => [r.item.n, r.rank])).toEqual([
      ['а', 1],
      ['б', 1],
    ]);
  });
});

describe('weightedScore', () => {
  it('weights criteria and can be limited to a set of codes', () => {
    const criteria = [
      { code: 'a', score: 100, weight: 3 },
      { code: 'b', score: 0, weight: 1 },
    ];
    expect(weightedScore(criteria)).toBe(75);
    expect(weightedScore(criteria, new Set(['b']))).toBe(0);
    expect(weightedScore(criteria, new Set(['z']))).toBeNull();
  });
});

describe('changesAgainstPrevious', () => {
  it('compares on criteria present in both versions only', () => {
    // Version 2 adds criterion "sla"; organization 1 is great at it, which must not count as progress.
    const previous = { criteriaCodes: ['profile', 'regularity'], entries: [entry(1, { profile: 50, regularity: 50 }), entry(2, { profile: 80, regularity: 80 })] };
    const current = {
      criteriaCodes: ['profile', 'regularity', 'sla'],
      entries: [entry(1, { profile: 50, regularity: 50, sla: 100 }), entry(2, { profile: 80, regularity: 70, sla: 0 })],
    };
    const changes = changesAgainstPrevious(current, previous);
    expect(changes.get(1)).toEqual({ rankChange: 0, scoreChange: 0, previousRank: 2, previousScore: 50 });
    expect(changes.get(2)).toEqual({ rankChange: 0, scoreChange: -5, previousRank: 1, previousScore: 80 });
  });

  it('reports moves up as positive and skips organizations absent or without data before', () => {
    const previous = { criteriaCodes: ['a'], entries: [entry(1, { a: 90 }), entry(2, { a: 50 }), entry(3, { a: 10 }, {}, false)] };
    const current = { criteriaCodes: ['a'], entries: [entry(1, { a: 40 }), entry(2, { a: 60 }), entry(3, { a: 70 }), entry(4, { a: 99 })] };
    const changes = changesAgainstPrevious(current, previous);
    // Current ranks: 4 → 1, 3 → 2, 2 → 3, 1 → 4; previous: 1 → 1, 2 → 2.
    expect(changes.get(2)?.rankChange).toBe(-1);
    expect(changes.get(1)?.rankChange).toBe(-3);
    expect(changes.get(2)?.scoreChange).toBe(10);
    expect(changes.has(3)).toBe(false);
    const swapped = changesAgainstPrevious({ criteriaCodes: ['a'], entries: [entry(1, { a: 40 }), entry(2, { a: 60 })] }, previous);
    expect(swapped.get(2)?.rankChange).toBe(1);
    expect(swapped.get(1)?.rankChange).toBe(-1);
    expect(changes.has(4)).toBe(false);
  });

  it('returns nothing when the versions share no criterion', () => {
    expect(changesAgainstPrevious({ criteriaCodes: ['x'], entries: [entry(1, { x: 1 })] }, { criteriaCodes: ['y'], entries: [entry(1, { y: 1 })] }).size).toBe(0);
  });
});

describe('rankEntries', () => {
  it('ranks rows with enough data and lists the others apart', () => {
    const { ranked, notEnoughData } = rankEntries([entry(1, { a: 70 }), entry(2, { a: 90 }), entry(3, { a: 70 }), entry(4, { a: 100 }, {}, false), entry(5, { a: 10 })], { criteriaCodes: ['a'] });
    expect(ranked.map((r) => [r.entry.organizationId, r.rank])).toEqual([
      [2, 1],
      [1, 2],
      [3, 2],
      [5, 4],
    ]);
    expect(notEnoughData.map((e) => e.organizationId)).toEqual([4]);
    expect(ranked.every((r) => r.change === null)).toBe(true);
  });
});
