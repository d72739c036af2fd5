import { describe, expect, it } from 'vitest';
import { findBacklink, type BacklinkTarget } from './backlink';

const byName: BacklinkTarget = { canonicalUrl: 'https://vk.com/adm_balakovo', handle: 'adm_balakovo', externalId: '123456' };
const byId: BacklinkTarget = { canonicalUrl: 'https://vk.com/club123456', handle: 'club123456', externalId: '123456', aliases: ['adm_balakovo'] };
const page = (body: string) => `<html><body><footer>${body}</footer></body></html>`;

describe('findBacklink', () => {
  it.each([
    '<a href="https://vk.com/adm_balakovo">ВКонтакте</a>',
    '<a href="http://m.vk.com/adm_balakovo?from=groups">VK</a>',
    "<a href='https://vk.ru/ADM_Balakovo/'>VK</a>",
    '<a href=//vk.com/adm_balakovo target=_blank>VK</a>',
    '<a href="https://vk.com/public123456">VK</a>',
    '<a href="https://www.vk.com/club123456">VK</a>',
    '<a href="https://vk.com/wall-123456_789">Новость</a>',
    '<a href="https://vk.com/adm_balakovo?w=wall-123456_1&amp;z=1">Новость</a>',
  ])('finds %s for an account stored by screen name', (link) => {
    expect(findBacklink(page(link), byName)).toMatchObject({ found: true, how: 'link' });
  });

  it('matches a screen name alias when the account is stored by club id', () => {
    expect(findBacklink(page('<a href="https://vk.com/adm_balakovo">VK</a>'), byId).found).toBe(true);
    expect(findBacklink(page('<a href="https://vk.com/club123456">VK</a>'), byId).found).toBe(true);
  });

  it('accepts the VK community widget with the page id', () => {
    const html = page('<div id="vk_groups"></div><script>VK.Widgets.Group("vk_groups", {mode: 3}, 123456);</script>');
    expect(findBacklink(html, byName)).toMatchObject({ found: true, how: 'widget' });
  });

  it('does not accept other pages, profiles, look-alike names or plain text', () => {
    const html = page(
      '<a href="https://vk.com/adm_balakovo_news">VK</a><a href="https://vk.com/club1234567">VK</a><a href="https://vk.com/id123456">глава</a>' +
        '<a href="https://notvk.com/adm_balakovo">x</a><p>Мы ВКонтакте: vk.com/adm_balakovo</p><a href="https://ok.ru/adm_balakovo">OK</a>',
    );
    const result = findBacklink(html, byName);
    expect(result.found).toBe(false);
    expect(result.socialLinks).toBe(4);
  });

  it('works for Telegram and OK accounts', () => {
    expect(findBacklink(page('<a href="https://t.me/s/adm_balakovo">TG</a>'), { canonicalUrl: 'https://t.me/adm_balakovo', handle: 'adm_balakovo', externalId: null }).found).toBe(true);
    expect(
      findBacklink(page('<a href="https://ok.ru/group/70000001234567">OK</a>'), { canonicalUrl: 'https://ok.ru/group/70000001234567', handle: '70000001234567', externalId: '70000001234567' }).found,
    ).toBe(true);
  });
});
