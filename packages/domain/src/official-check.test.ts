import { describe, expect, it } from 'vitest';
import { normalizeAccountUrl } from './account-url';
import { OFFICIAL_CHECK_REASON_RU } from './official-check';

const problem = (input: string) => {
  const result = normalizeAccountUrl(input);
  return result.ok ? null : result.code;
};

describe('reasons of the official-page check', () => {
  it('gives each kind of bad link its own code', () => {
    expect(problem('https://facebook.com/page')).toBe('unsupported_site');
    expect(problem('https://vk.com/id12345')).toBe('personal_profile');
    expect(problem('https://vk.com/wall-1_2')).toBe('site_section');
    expect(problem('https://vk.com/club1/photos')).toBe('inside_page');
    expect(problem('https://t.me/+abcdef')).toBe('private_link');
    expect(problem('не ссылка')).toBe('not_a_url');
  });

  it('explains every code in Russian, without Latin words', () => {
    for (const text of Object.values(OFFICIAL_CHECK_REASON_RU)) {
      expect(text).toMatch(/[а-яё]/i);
      expect(text.replace(/https:\/\/vk\.com\/\S*/g, '').replace(/Telegram/g, '')).not.toMatch(/[a-z]{3,}/i);
    }
  });
});
