import { describe, expect, it } from 'vitest';
import { normalizeAccountUrl } from './account-url';

const canonical = (input: string) => {
  const result = normalizeAccountUrl(input);
  if (!result.ok) throw new Error(`expected ${input} to normalize, got: ${result.reason}`);
  return result.account;
};

describe('normalizeAccountUrl', () => {
  it.each([
    ['https://vk.com/club123', 'https://vk.com/club123', '123'],
    ['http://m.vk.com/public000123?w=wall', 'https://vk.com/public123', '123'],
    ['vk.ru/club42', 'https://vk.com/club42', '42'],
    ['https://www.vk.com/MinObr_Saratov/', 'https://vk.com/minobr_saratov', null],
    ['  VK.COM/saratov.gov  ', 'https://vk.com/saratov.gov', null],
    ['https://ok.ru/group/70000001234567', 'https://ok.ru/group/70000001234567', '70000001234567'],
    ['https://m.ok.ru/saratovmin', 'https://ok.ru/saratovmin', null],
    ['https://t.me/saratov_gov', 'https://t.me/saratov_gov', null],
    ['https://t.me/s/Saratov_Gov', 'https://t.me/saratov_gov', null],
    ['https://t.me/s/saratov_gov/1234', 'https://t.me/saratov_gov', null],
    ['@saratov_gov', 'https://t.me/saratov_gov', null],
  ])('%s → %s', (input, url, externalId) => {
    const account = canonical(input);
    expect(account.canonicalUrl).toBe(url);
    expect(account.externalId).toBe(externalId);
  });

  it('gives the same key to every form of one page', () => {
    const forms = ['https://vk.com/club5', 'm.vk.com/club5', 'https://vk.ru/club05/', 'HTTP://VK.COM/CLUB5'];
    expect(new Set(forms.map((f) => canonical(f).canonicalUrl)).size).toBe(1);
  });

  it.each([
    ['', 'not a web address'],
    ['not a url at all', 'not a web address'],
    ['ftp://vk.com/club1', 'not a web address'],
    ['https://facebook.com/page', 'facebook.com is not VK, OK or Telegram'],
    ['https://vk.com/', 'no page name'],
    ['https://vk.com/id12345', 'personal profile'],
    ['https://vk.com/wall-123_45', 'VK section'],
    ['https://vk.com/club123/photos', 'inside a page'],
    ['https://vk.com/club0', 'positive'],
    ['https://ok.ru/profile/123', 'personal profile'],
    ['https://t.me/+AbCdEf', 'private'],
    ['https://t.me/ab', 'not a valid Telegram channel name'],
    ['https://vk.com/%E0%A4%A', 'percent-encoding'],
  ])('rejects %j with a reason', (input, reason) => {
    const result = normalizeAccountUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
