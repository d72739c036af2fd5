/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { publishDemoEditions, type SeededEditions } from './fixtures';
import { createUserWithPassword, ensureWebBuild, newPage, launchChromium, screenshot, seriousA11yViolations, startTestPlatform, type TestPlatform } from './harness';

describe('public pages in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let editions: SeededEditions;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const editor = await createUserWithPassword(platform, { email: 'editor@most.test', role: 'monitor' });
    editions = await publishDemoEditions(platform.db.sql, editor);
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('serves the dashboard shell with landmarks and a skip link; the platform health is for operators (/healthz), not visitors', async () => {
    await page.goto(platform.url);
    await page.getByRole('heading', { level: 1, name: 'Рейтинг официальных страниц' }).waitFor();
    expect(await page.getByTestId('health').count()).toBe(0);
    expect(await page.locator('footer').textContent()).not.toMatch(/база данных|очередь/);
    expect(await (await page.request.get(`${platform.url}/healthz`)).json()).toMatchObject({ ok: true });
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
    const phone = await newPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
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

  it('lets an anonymous visitor filter, search and sort the latest ranking and download it as CSV', async () => {
    await page.goto(platform.url);
    await page.getByRole('heading', { level: 2, name: 'Рейтинг за октябрь 2026' }).waitFor();
    await page.getByTestId('ranking-table').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const api = async (query: string) =>
      (await (await fetch(`${platform.url}/api/public/v1/editions/${editions.latestSlug}?pageSize=1000${query}`)).json()) as {
        ranked: { total: number; rows: { organizationName: string; rank: number }[] };
        notEnoughData: unknown[];
      };
    const whole = await api('');
    await page.waitForFunction((n) => document.querySelector('[data-testid="row-count"]')?.textContent?.includes(`: ${n}`), whole.ranked.total + whole.notEnoughData.length);

    // Sector filter: the API re-ranks within the filter; the page shows exactly its rows.
    await page.getByRole('search', { name: 'Фильтры' }).getByLabel('Отрасль').selectOption('education');
    await page.waitForURL(/sector=education/);
    const education = await api('&sector=education');
    expect(education.ranked.total).toBeGreaterThan(0);
    expect(education.ranked.total).toBeLessThan(whole.ranked.total);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="ranking-table"] tbody tr').length === n, education.ranked.total);
    const firstRow = page.getByTestId('ranking-table').locator('tbody tr').first();
    expect(await firstRow.locator('td').first().textContent()).toBe('1');
    expect(await firstRow.getByRole('link').textContent()).toBe(education.ranked.rows.find((r) => r.rank === 1)!.organizationName);

    // Search narrows the filtered list by name.
    const needle = education.ranked.rows[0]!.organizationName.slice(0, 12);
    await page.getByLabel('Поиск по названию').fill(needle);
    await page.waitForFunction((text) => [...document.querySelectorAll('[data-testid="ranking-table"] tbody tr a')].every((a) => a.textContent!.toLowerCase().includes(text.toLowerCase())), needle);
    await page.getByLabel('Поиск по названию').fill('');

    // Sort by name.
    await page.getByLabel('Сортировка').selectOption('name');
    await page.waitForURL(/sort=name/);
    const names = await page.getByTestId('ranking-table').locator('tbody tr a').allTextContents();
    expect(names).toEqual([...names].sort(new Intl.Collator('ru').compare));
    await screenshot(page, 'public-ranking-filtered');

    // CSV of the filtered view: UTF-8 with BOM, one line per organization of the filter.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('downloads-edition').getByRole('link', { name: 'CSV для программ' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toContain('organization_name');
    expect(lines.length - 1).toBe(education.ranked.total + education.notEnoughData.length);
    expect(download.suggestedFilename()).toBe(`${editions.latestSlug}.csv`);
  });

  it('opens an organization page with its score history chart, criteria and accounts', async () => {
    await page.goto(`${platform.url}/rankings/${editions.latestSlug}`);
    const link = page.getByTestId('ranking-table').locator('tbody tr').first().getByRole('link');
    const name = await link.textContent();
    await link.click();
    await page
      .getByRole('heading', { level: 1, name: name! })
      .waitFor({ state: 'attached' })
      .catch(() => undefined);
    await page.getByTestId('criteria-table').waitFor();
    expect(await page.getByTestId('history-table').locator('tbody tr').count()).toBe(2);
    await page.locator('.chart canvas').first().waitFor();
    const verdicts = await page.getByTestId('criteria-table').locator('tbody td[data-label="Результат"]').allTextContents();
    expect(verdicts.length).toBeGreaterThan(5);
    expect(verdicts.every((v) => /Выполнен|Частично|Не выполнен/.test(v))).toBe(true);
    // Each page says whether its posts were read: which networks the score covers.
    const reads = await page.getByTestId('account-read').allTextContents();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((text) => /· записи (прочитаны|ещё не читались)\)$/.test(text.replace(/\s+/g, ' ').trim()))).toBe(true);
    await screenshot(page, 'public-organization');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('checks whether an account is official', async () => {
    const [account] = await platform.db.sql<{ canonical_url: string; short_name: string }[]>`
      SELECT a.canonical_url, o.short_name FROM accounts a JOIN organizations o ON o.id = a.organization_id
      WHERE a.is_official AND a.removed_at IS NULL ORDER BY a.id LIMIT 1`;
    await page.goto(`${platform.url}/check`);
    await page.getByLabel('Ссылка на страницу').fill(account!.canonical_url);
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByText('Да, это официальная страница').waitFor();
    expect(await page.getByTestId('check-result').textContent()).toContain(account!.short_name);
    await page.getByLabel('Ссылка на страницу').fill('https://vk.com/definitely_not_registered_page');
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByText('Этой страницы нет в реестре официальных').waitFor();
    expect(await page.getByTestId('check-result').textContent()).toContain('Реестр ведут по сведениям самих органов власти');
    await page.getByLabel('Ссылка на страницу').fill('https://vk.com/id12345');
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByText('Это личная страница человека, а не сообщество.', { exact: false }).waitFor();
    expect(await page.getByTestId('check-result').textContent()).not.toMatch(/[a-z]{4,}/);
  });

  it('gives widget code that follows the newest edition by default', async () => {
    await page.goto(`${platform.url}/embed`);
    const code = await page.getByTestId('embed-code').inputValue();
    expect(code).toContain('/embed/rankings/latest"');
    await page.frameLocator('iframe[title^="Предпросмотр"]').getByText('Рейтинг за октябрь 2026').first().waitFor();
  });

  it('gives embed code for the widget that loads the published edition', async () => {
    await page.goto(`${platform.url}/embed?edition=${editions.latestSlug}&sector=health`);
    const code = await page.getByTestId('embed-code').inputValue();
    expect(code).toContain(`/embed/rankings/${editions.latestSlug}?sector=health`);
    const widget = page.frameLocator('iframe[title^="Предпросмотр"]');
    await widget.locator('table').waitFor();
  });

  it('states on the methodology page why a criterion does not apply to Telegram', async () => {
    await page.goto(`${platform.url}/methodology`);
    const row = page
      .getByTestId('methodology-version')
      .last()
      .locator('tbody tr')
      .filter({ has: page.locator('strong', { hasText: /^Режим работы$/ }) });
    // The page loads the methodology after navigation: wait for the row before reading it.
    await row.getByTestId('criterion-network-limit').first().waitFor();
    expect(await row.getByTestId('criterion-network-limit').allTextContents()).toEqual(['Telegram: не применяется — в этой сети у страницы нет такого поля']);
    expect((await row.getByTestId('criterion-networks').textContent())!.startsWith('ВКонтакте, Одноклассники')).toBe(true);
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
