import { describe, expect, it } from 'vitest';
import { pickPoolToken, regionTurnPriority, type PoolToken } from './fair-share';

describe('fair shares', () => {
  it('lets every region take its turn: rank n in any region runs before rank n+1 in any other', () => {
    const big = Array.from({ length: 50 }, (_, rank) => ({ region: 'big', rank }));
    const small = [
      { region: 'small', rank: 0 },
      { region: 'small', rank: 1 },
    ];
    const order = [...big, ...small].sort((a, b) => regionTurnPriority(a.rank) - regionTurnPriority(b.rank));
    expect(
      order
        .slice(0, 4)
        .map((o) => o.region)
        .sort(),
    ).toEqual(['big', 'big', 'small', 'small']);
    expect(regionTurnPriority(0)).toBe(1);
    expect(regionTurnPriority(10_000_000)).toBe(2_097_152);
  });

  it('spreads requests over pooled tokens in proportion to their budgets and skips refused ones', () => {
    const tokens: PoolToken[] = [
      { id: 'a', requestsPerSecond: 3, used: 0, refused: false },
      { id: 'b', requestsPerSecond: 1, used: 0, refused: false },
      { id: 'c', requestsPerSecond: 5, used: 0, refused: true },
    ];
    const counts: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const token = pickPoolToken(tokens)!;
      token.used += 1;
      counts[token.id] = (counts[token.id] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 300, b: 100 });
    expect(pickPoolToken(tokens.map((t) => ({ ...t, refused: true })))).toBeNull();
  });
});
