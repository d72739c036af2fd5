/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, signIn, startTestPlatform, type TestPlatform, VIEWPORTS } from './harness';

describe('"report a suspicious page" in Chromium: a visitor reports from the check result, a monitor decides', () => {
  let platform: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    await createUserWithPassword(platform, { email: 'monitor@reports.test', role: 'monitor' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const reportFrom = async (page: Page, pageName: string, reason: string) => {
    await page.goto(`${platform.url}/check`);
    await page.getByLabel('Ссылка на страницу или название организации').fill(`https://vk.com/${pageName}`);
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByText('Этой страницы нет в реестре официальных').waitFor();
    await page.getByTestId('report-page').locator('summary').click();
    expect(await page.getByLabel('Адрес подозрительной страницы').inputValue()).toBe(`https://vk.com/${pageName}`);
    // Too short a reason is stopped in the form, before anything is sent.
    await page.getByLabel('Что не так со страницей').fill('ой');
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    expect(await page.getByTestId('report-sent').count()).toBe(0);
    await page.getByLabel('Что не так со страницей').fill(reason);
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.getByTestId('report-sent').getByText('Сообщение получено').waitFor();
  };

  for (const { name, options } of VIEWPORTS) {
    it(`${name}: a visitor reports a page that is not in the registry`, async () => {
      const page = await newPage(browser, options);
      await reportFrom(page, `fake_${name}_page`, `Выдаёт себя за администрацию (${name})`);
      await screenshot(page, `page-report-sent-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('a monitor sees the reports in the queue and marks one «не официальная», with an audit entry', async () => {
    const stored = await platform.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM page_reports WHERE status = 'new'`;
    expect(stored[0]!.n).toBe(VIEWPORTS.length);
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await signIn(page, platform.url, 'monitor@reports.test');
    await page.getByRole('link', { name: 'Сообщения о страницах' }).first().click();
    await page.getByRole('heading', { name: 'Сообщения о подозрительных страницах' }).waitFor();
    const reports = page.getByTestId('page-report');
    await reports.first().waitFor();
    expect(await reports.count()).toBe(VIEWPORTS.length);
    expect(await reports.first().textContent()).toContain('Нет в реестре');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const first = reports.filter({ hasText: 'fake_desktop_page' });
    await first.getByLabel('Комментарий к решению').fill('Клон страницы администрации');
    await first.getByRole('button', { name: 'Не официальная' }).click();
    // Decided: it leaves the list of new reports.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="page-report"]').length === 1);
    await page.getByLabel('Статус').selectOption({ label: 'Не официальная' });
    const decided = page.getByTestId('page-report').filter({ hasText: 'fake_desktop_page' });
    await decided.getByTestId('page-report-status').getByText('Не официальная').waitFor();
    expect(await decided.textContent()).toContain('Клон страницы администрации');
    expect(await decided.textContent()).toContain('monitor@reports.test');
    expect(await decided.getByRole('button').count()).toBe(0);
    await screenshot(page, 'page-reports-monitor');
    const audit = await platform.db.sql<{ actor_label: string; details: { to: string } }[]>`SELECT actor_label, details FROM audit_log WHERE action = 'page_report.decide'`;
    expect(audit).toEqual([expect.objectContaining({ actor_label: 'monitor@reports.test', details: expect.objectContaining({ to: 'not_official' }) })]);
    await page.context().close();
  });
});
