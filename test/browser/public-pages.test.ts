/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { publishDemoEditions, type SeededEditions } from './fixtures';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, startTestPlatform, type TestPlatform, VIEWPORTS } from './harness';

describe('public pages in Chromium: download buttons, monthly trends, a municipality of its own', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let editions: SeededEditions;
  let organization: string;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const editor = await createUserWithPassword(platform, { email: 'editor@pages.test', role: 'monitor' });
    editions = await publishDemoEditions(platform.db.sql, editor);
    organization = editions.rankedCodes[0]!;
    // Monthly scores of September and October for every ranked organization: the region's median per month.
    await platform.db.sql`
      INSERT INTO organization_scores (organization_id, period_kind, period_start, period_end, methodology_version, score, enough_data, accounts_scored, accounts_total, sample_size, computed_at)
      SELECT o.id, 'month', m.start::date, (m.start::date + interval '1 month')::date, 1, 40 + (o.id % 50), true, 1, 1, 12, now()
      FROM organizations o CROSS JOIN (VALUES ('2026-09-01'), ('2026-10-01')) AS m(start)
      WHERE o.code IN ${platform.db.sql(editions.rankedCodes)}`;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const open = async (path: string, options: (typeof VIEWPORTS)[number]['options']): Promise<Page> => {
    const page = await newPage(browser, options);
    await page.goto(`${platform.url}${path}`);
    return page;
  };
  const fitsScreen = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

  for (const { name, options } of VIEWPORTS) {
    it(`${name}: the edition offers CSV, CSV for Excel and XLSX as visible, labelled buttons; XLSX downloads`, async () => {
      const page = await open('/', options);
      const group = page.getByTestId('downloads-edition');
      await group.waitFor();
      expect(await group.getAttribute('aria-label')).toBe('Скачать выпуск');
      for (const label of ['CSV для Excel', 'Таблица Excel (XLSX)', 'CSV для программ']) expect(await group.getByRole('link', { name: label }).isVisible()).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), group.getByRole('link', { name: 'Таблица Excel (XLSX)' }).click()]);
      expect(download.suggestedFilename()).toBe(`${editions.latestSlug}.xlsx`);
      await fitsScreen(page);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });

    it(`${name}: the organization offers its printable card (PDF) and its trends by month beside the region's median`, async () => {
      const page = await open(`/organizations/${encodeURIComponent(organization)}`, options);
      const pdf = page.getByTestId('downloads-organization').getByRole('link', { name: 'Карточка для печати (PDF)' });
      await pdf.waitFor();
      expect(await pdf.getAttribute('href')).toBe(`/api/public/v1/organizations/${encodeURIComponent(organization)}/scorecard.pdf`);
      const pdfResponse = await page.request.get(`${platform.url}${await pdf.getAttribute('href')}`);
      expect(pdfResponse.headers()['content-type']).toBe('application/pdf');

      const trends = page.getByTestId('trends-table');
      await trends.waitFor();
      expect(await trends.locator('tbody tr').count()).toBe(2);
      await Promise.all([page.waitForResponse((r) => r.url().includes('/trends?by=month') && r.ok()), page.getByTestId('trend-step').getByLabel('По месяцам').check()]);
      // The monthly scores seeded above (40 + id % 50), not the editions' scores.
      const [seeded] = await platform.db.sql<{ score: number }[]>`SELECT (40 + id % 50)::int AS score FROM organizations WHERE code = ${organization}`;
      await page.waitForFunction(
        (score) => [...document.querySelectorAll('[data-testid="trends-table"] tbody td[data-label="Балл"]')].map((td) => td.textContent?.trim()).join('|') === `${score}|${score}`,
        seeded!.score,
      );
      const periods = await trends.locator('tbody td[data-label="Период"]').allTextContents();
      expect(periods).toEqual([expect.stringMatching(/^сент\.? 2026/), expect.stringMatching(/^окт\.? 2026/)]);
      const medians = await trends.locator('tbody td[data-label="Медиана области"]').allTextContents();
      expect(medians.every((text) => /^\d+(,\d)?$/.test(text.trim()))).toBe(true);
      await fitsScreen(page);
      await screenshot(page, `pages-organization-months-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });

    it(`${name}: a comparison downloads as XLSX from a labelled button`, async () => {
      const page = await open(`/compare?organizations=${editions.rankedCodes.slice(0, 2).join(',')}`, options);
      await page.getByTestId('compare-table').waitFor();
      const group = page.getByTestId('downloads-comparison');
      const [download] = await Promise.all([page.waitForEvent('download'), group.getByRole('link', { name: 'Таблица Excel (XLSX)' }).click()]);
      expect(download.suggestedFilename()).toBe(`compare-${editions.latestSlug}.xlsx`);
      await fitsScreen(page);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });

    it(`${name}: a district tile leads to the municipality's own page with its figures and organizations`, async () => {
      const page = await open('/municipalities', options);
      const tile = page.locator('[data-testid="tile"][data-code="engels"] a');
      await tile.waitFor();
      await tile.click();
      await page.waitForURL(/\/municipalities\/engels\?edition=/);
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      expect(await heading.textContent()).toMatch(/Энгельс/);
      const figures = page.getByTestId('municipality-figures');
      expect(await figures.getByTestId('figure-average-score').textContent()).toMatch(/\d/);
      expect(await figures.getByTestId('figure-share24h').textContent()).toMatch(/Ответы за 24 часа/);
      expect(await figures.getByTestId('figure-best').getByRole('link').count()).toBe(1);
      const table = page.getByTestId('municipality-organizations');
      await table.waitFor();
      const rows = await table.locator('tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(await figures.getByTestId('figure-organizations').textContent()).toContain(String(rows));
      await fitsScreen(page);
      await screenshot(page, `pages-municipality-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The table beside the tiles leads there too; an unknown code says so.
      await page.getByRole('link', { name: 'Все муниципалитеты' }).click();
      await page.locator('[data-testid="municipality-row"][data-code="engels"] a').first().click();
      await page.waitForURL(/\/municipalities\/engels\?edition=/);
      await page.goto(`${platform.url}/municipalities/nowhere`);
      await page.getByText('Такого муниципалитета нет в этом выпуске').waitFor();
      await page.context().close();
    });
  }
});
