import { describe, expect, it } from 'vitest';
import { formatSnils, isValidSnils, normalizeSnils, snilsChecksum } from './snils';

describe('СНИЛС', () => {
  it.each([
    ['112-233-445 95', 'sum below 100 is the checksum'],
    ['12345678964', 'sum above 101 is taken modulo 101'],
    ['987-654-321 83', 'modulo 101 again'],
    ['050-234-316 00', 'sum of exactly 100 gives 00'],
    ['016-103-396 00', 'sum of exactly 101 gives 00'],
    ['820 981 233 00', 'a remainder of 100 gives 00'],
  ])('accepts %s (%s)', (snils) => {
    expect(isValidSnils(snils)).toBe(true);
  });

  it.each([
    ['112-233-445 96', 'wrong checksum'],
    ['123-456-789 65', 'off by one'],
    ['050-234-316 100', 'too many digits'],
    ['12345678', 'too short'],
    ['1234567896a', 'a letter'],
    ['000-000-000 00', 'all zeros'],
    ['', 'empty'],
  ])('rejects %s (%s)', (snils) => {
    expect(isValidSnils(snils)).toBe(false);
  });

  it('computes the checksum of the first nine digits', () => {
    expect(snilsChecksum('112233445')).toBe(95);
    expect(snilsChecksum('123456789')).toBe(64);
  });

  it('normalizes and formats', () => {
    expect(normalizeSnils(' 112-233-445 95 ')).toBe('11223344595');
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
    expect(formatSnils('abc')).toBeNull();
  });
});
