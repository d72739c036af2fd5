import { describe, expect, it } from 'vitest';
import { verdictOfScore } from './verdict';

describe('criterion score verdict', () => {
  it('reads a 0–100 criterion score as met, partly met or not met', () => {
    expect(verdictOfScore(100)).toBe('pass');
    expect(verdictOfScore(99.99)).toBe('partial');
    expect(verdictOfScore(50)).toBe('partial');
    expect(verdictOfScore(0.01)).toBe('partial');
    expect(verdictOfScore(0)).toBe('fail');
  });
});
