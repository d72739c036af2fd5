import { describe, expect, it } from 'vitest';
import type { MethodologyCriterion } from '../../api/public';
import { thresholdText, verdictOf } from './methodology-text';

const criterion = (thresholds: MethodologyCriterion['thresholds']): MethodologyCriterion => ({
  code: 'X',
  title: 'x',
  titleEn: 'x',
  description: '',
  group: 'profile',
  weight: 1,
  kind: 'automatic',
  thresholds,
  applicability: { networks: [], organizationKinds: [], sectors: [] },
});

describe('methodology texts', () => {
  const words = { yesNo: 'да / нет', partly: 'частично' };

  it('describes presence checks as yes/no and numeric thresholds with their direction', () => {
    expect(thresholdText(criterion({ direction: 'higher', pass: 1, partial: 1 }), 'ru', words)).toBe('да / нет');
    expect(thresholdText(criterion({ direction: 'higher', pass: 0.9, partial: 0.6 }), 'ru', words)).toBe('≥ 0,9 (частично ≥ 0,6)');
    expect(thresholdText(criterion({ direction: 'lower', pass: 8, partial: 24 }), 'en', words)).toBe('≤ 8 (частично ≤ 24)');
  });

  it('reads a 0–100 criterion score as met, partly met or not met', () => {
    expect(verdictOf(100)).toBe('pass');
    expect(verdictOf(50)).toBe('partial');
    expect(verdictOf(0)).toBe('fail');
  });
});
