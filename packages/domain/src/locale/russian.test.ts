import { describe, expect, it } from 'vitest';
import { numberRu, pluralRu, quantityRu } from './russian';

const DAYS = ['день', 'дня', 'дней'] as const;

describe('Russian numbers and plurals', () => {
  it('chooses the form by the number, fractions taking the genitive singular', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111, 1001].map((n) => pluralRu(n, ...DAYS))).toEqual(['день', 'дня', 'дней', 'дней', 'дней', 'день', 'дня', 'дней', 'дней', 'день']);
    expect(quantityRu(65.3, DAYS)).toBe('65,3 дня');
    expect(quantityRu(0.5, DAYS)).toBe('0,5 дня');
  });

  it('decides the form from the number as shown, not as stored', () => {
    expect(quantityRu(7.04, DAYS)).toBe('7 дней');
    expect(quantityRu(20.96, DAYS)).toBe('21 день');
  });

  it('writes numbers with a decimal comma and a non-breaking space between thousands', () => {
    expect(numberRu(12345.678)).toBe('12\u00a0345,7');
    expect(numberRu(0.125, 2)).toBe('0,13');
    expect(quantityRu(12345, ['вопрос', 'вопроса', 'вопросов'], 0)).toBe('12\u00a0345 вопросов');
  });
});
