import { describe, expect, it } from 'vitest';
import { UNRANKED_REASON_CODES, unrankedReason } from './unranked';

const rules = { minimumSample: 10, minimumCoverage: 0.5 };

describe('why an organization is not ranked', () => {
  it('ranked organizations have no reason', () => {
    expect(unrankedReason({ enoughData: true, sampleSize: 3, accountsTotal: 1 }, rules)).toBeNull();
  });

  it('below the minimum sample it reports the real count with Russian plurals', () => {
    const reason = unrankedReason({ enoughData: false, sampleSize: 3, accountsTotal: 2 }, rules);
    expect(reason?.code).toBe('below_minimum_sample');
    expect(reason?.text).toContain('за период 3 вопроса');
    expect(reason?.text).toContain('не меньше 10');
    expect(unrankedReason({ enoughData: false, sampleSize: 1, accountsTotal: 1 }, rules)?.text).toContain('1 вопрос с ответом');
    expect(unrankedReason({ enoughData: false, sampleSize: 0, accountsTotal: 1 }, rules)?.text).toContain('0 вопросов');
  });

  it('with enough questions it names the coverage rule; without pages or rules it says so', () => {
    expect(unrankedReason({ enoughData: false, sampleSize: 40, accountsTotal: 1 }, rules)).toEqual({ code: 'low_coverage', text: expect.stringContaining('50 %') });
    expect(unrankedReason({ enoughData: false, sampleSize: 0, accountsTotal: 0 }, rules)?.code).toBe('no_accounts');
    expect(unrankedReason({ enoughData: false, sampleSize: 0, accountsTotal: 1 }, null)?.code).toBe('not_enough_data');
  });

  it('every code has Russian text only', () => {
    const seen = new Set<string>();
    for (const [row, r] of [
      [{ enoughData: false, sampleSize: 0, accountsTotal: 0 }, rules],
      [{ enoughData: false, sampleSize: 5, accountsTotal: 1 }, rules],
      [{ enoughData: false, sampleSize: 50, accountsTotal: 1 }, rules],
      [{ enoughData: false, sampleSize: 5, accountsTotal: 1 }, null],
    ] as const) {
      const reason = unrankedReason(row, r)!;
      seen.add(reason.code);
      expect(reason.text).not.toMatch(/[a-z]/i);
    }
    expect([...seen].sort()).toEqual([...UNRANKED_REASON_CODES].sort());
  });
});
