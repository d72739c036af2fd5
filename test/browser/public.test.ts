/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild, launchChromium, screenshot, seriousA11yViolations, startTestPlatform, type TestPlatform } from './harness';

describe('public pages in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    page = await browser.newPage({ locale: 'ru-RU' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('serves the dashboard shell with landmarks, a skip link and the platform health', async () => {
    await page.goto(platform.url);
    await page.getByRole('heading', { level: 1, name: 'Рейтинг официальных страниц' }).waitFor();
    await page.getByTestId('health').waitFor();
    expect(await page.getByTestId('health').textContent()).toContain('Платформа работает');
    expect(await page.locator('main#main').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Основная навигация' }).count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Перейти к содержанию');
    await screenshot(page, 'public-home');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('switches the interface to English and back', async () => {
    await page.goto(platform.url);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ranking of official pages' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Переключить на русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Рейтинг официальных страниц' }).waitFor();
  });

  it('shows the phone layout with a menu button', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true });
    await phone.goto(platform.url);
    const menu = phone.getByRole('button', { name: 'Меню' });
    await menu.waitFor();
    expect(await phone.getByRole('link', { name: 'Методика' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await phone.getByRole('link', { name: 'Методика' }).waitFor({ state: 'visible' });
    await screenshot(phone, 'public-phone-menu');
    await phone.close();
  });

  for (const [path, heading] of [
    ['/methodology', 'Методика оценки'],
    ['/check', 'Эта страница официальная?'],
    ['/embed', 'Виджет рейтинга для вашего сайта'],
    ['/login', 'Вход'],
  ] as const) {
    it(`renders ${path} accessibly`, async () => {
      await page.goto(`${platform.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await screenshot(page, `public${path.replace(/\//g, '-')}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  }
});
