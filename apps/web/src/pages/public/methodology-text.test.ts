import { describe, expect, it } from 'vitest';
import { verdictOf } from './methodology-text';

describe('methodology texts', () => {
  it('reads a 0–100 criterion score as met, partly met or not met', () => {
    expect(verdictOf(100)).toBe('pass');
    expect(verdictOf(50)).toBe('partial');
    expect(verdictOf(0)).toBe('fail');
  });
});
