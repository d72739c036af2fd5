/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedMeasuredQuestions } from '@most/db/testing';
import { publishDemoEditions, type SeededEditions } from './fixtures';
import { join } from 'node:path';
import { ARTIFACTS_DIR, createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, startTestPlatform, type TestPlatform } from './harness';

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true };

describe('public insights in Chromium: headline, organization trends, comparison, municipalities', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let editions: SeededEditions;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const editor = await createUserWithPassword(platform, { email: 'editor@most.test', role: 'monitor' });
    editions = await publishDemoEditions(platform.db.sql, editor);
    // October's questions on one page: 9 answered within 24 hours (after 30 minutes), 1 late, 2 never.
    const [account] = await platform.db.sql<{ id: number }[]>`SELECT id FROM accounts WHERE removed_at IS NULL ORDER BY id LIMIT 1`;
    await seedMeasuredQuestions(platform.db.sql, account!.id, new Date('2026-10-12T08:00:00Z'), [
      ...Array.from({ length: 9 }, () => ({ state: 'answered_in_time' as const, seconds: 1800 })),
      { state: 'answered_late', seconds: 100_000 },
      { state: 'breached' },
      { state: 'breached' },
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const open = async (path: string, options: { phone?: boolean } = {}): Promise<Page> => {
    const page = await newPage(browser, options.phone ? PHONE : {});
    await page.goto(`${platform.url}${path}`);
    return page;
  };

  it('home: headline figures with coverage and the region answer speed, movers, unranked organizations folded apart with reasons', async () => {
    const page = await open('/');
    await page.getByTestId('figure-share24h').getByText('75 %').waitFor();
    expect(await page.getByTestId('figure-median-response').textContent()).toContain('30 мин');
    const organizations = await platform.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM organizations`;
    expect(await page.getByTestId('figure-organizations').textContent()).toContain(String(organizations[0]!.n));
    expect(await page.getByTestId('figure-organizations').textContent()).toContain(`в рейтинге: ${editions.rankedCodes.length}`);
    const improved = page.getByTestId('figure-most-improved').getByRole('link');
    await improved.waitFor();
    expect(await page.getByTestId('figure-biggest-fall').getByRole('link').count()).toBe(1);

    // Movers: folded; opened, each list is ordered by the size of the change.
    await page.getByTestId('movers').locator('summary').click();
    const ups = await page.getByTestId('movers-up').locator('tbody td[data-label="Изменение балла"]').allTextContents();
    const values = ups.map((v) => Number(v.replace('+', '').replace(',', '.')));
    expect(values.length).toBeGreaterThan(0);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // Unranked organizations: their own closed section; opened, each row says why.
    const unranked = page.getByTestId('unranked-section');
    expect(await unranked.getAttribute('open')).toBeNull();
    expect(await page.getByTestId('not-enough-table').isVisible()).toBe(false);
    await unranked.locator('summary').click();
    const reasons = await page.getByTestId('unranked-reason').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r.length > 10 && !/[a-z_]{4,}/.test(r))).toBe(true);
    await screenshot(page, 'insights-home');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('an older edition without a previous one says so instead of inventing movers; SLA without questions is not stated', async () => {
    const page = await open(`/rankings/${editions.previousSlug}`);
    await page.getByTestId('figure-most-improved').getByText('Нет предыдущего выпуска для сравнения').waitFor();
    expect(await page.getByTestId('figure-share24h').textContent()).toContain('Слишком мало вопросов жителей');
    expect(await page.getByTestId('movers').count()).toBe(0);
    await page.close();
  });

  it('journey: home → organization (score and rank on top, trends, every criterion) → compare → municipalities', async () => {
    const page = await open('/');
    const link = page.getByTestId('ranking-table').locator('tbody tr').first().getByRole('link');
    const name = (await link.textContent())!;
    await link.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const scoreLine = page.getByTestId('score-line');
    await scoreLine.waitFor();
    expect(await scoreLine.textContent()).toMatch(/1 место из \d+/);
    const trends = page.getByTestId('trends-table');
    await trends.waitFor();
    expect(await trends.locator('tbody tr').count()).toBe(2);
    const periods = await trends.locator('tbody td[data-label="Период"]').allTextContents();
    expect(periods).toEqual([expect.stringMatching(/^сент\.? 2026/), expect.stringMatching(/^окт\.? 2026/)]);
    await page.locator('.chart canvas').first().waitFor();
    expect(await page.locator('.u-legend').first().textContent()).not.toMatch(/Value|--/);
    expect(await page.locator('.u-legend').first().textContent()).toContain('Медиана области');
    const methodology = (await (await fetch(`${platform.url}/api/public/v1/methodology`)).json()) as { versions: { version: number; criteria: unknown[] }[] };
    expect(await page.getByTestId('criterion-row').count()).toBe(methodology.versions.find((v) => v.version === 1)!.criteria.length);
    await screenshot(page, 'insights-organization');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Сравнить с другими' }).click();
    await page.getByRole('heading', { level: 1, name: 'Сравнение' }).waitFor();
    await page.getByText('Добавьте ещё хотя бы одну').waitFor();
    const other = editions.rankedCodes[3]!;
    await page.getByLabel('Выберите организацию').selectOption(other);
    await page.getByRole('button', { name: 'Добавить' }).click();
    await page.getByTestId('compare-table').waitFor();
    expect(page.url()).toContain(`organizations=${encodeURIComponent(`${new URL(page.url()).searchParams.get('organizations')!.split(',')[0]},${other}`)}`);
    expect(await page.getByTestId('compare-table').locator('thead th').count()).toBe(3);
    expect(await page.getByTestId('compare-criterion').count()).toBeGreaterThan(5);
    await screenshot(page, 'insights-compare');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The URL is the comparison: opened afresh, it shows the same table.
    const shared = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await shared.getByTestId('compare-table').waitFor();
    expect(await shared.getByTestId('compare-table').locator('thead th').allTextContents()).toEqual(await page.getByTestId('compare-table').locator('thead th').allTextContents());
    await shared.close();

    await page.goto(`${platform.url}/`);
    await page.getByRole('link', { name: 'Муниципалитеты на карте' }).click();
    await page.getByRole('heading', { level: 1, name: 'Муниципалитеты' }).waitFor();
    const rows = page.getByTestId('municipality-row');
    await rows.first().waitFor();
    const tiles = await page.getByTestId('tile').count();
    expect(tiles).toBeGreaterThan(30);
    expect(tiles).toBeLessThanOrEqual(await rows.count());
    expect(await page.getByText('Схема, а не карта').count()).toBe(1);
    const engels = page.locator('[data-testid="municipality-row"][data-code="engels"]');
    expect(await engels.locator('td[data-label="Лучшая организация"] a').count()).toBe(1);
    await screenshot(page, 'insights-municipalities');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('phone: the first screen shows the top of the ranking in one-line rows, filters behind one button', async () => {
    const page = await open('/', { phone: true });
    const table = page.getByTestId('ranking-table');
    await table.waitFor();
    await page.getByTestId('figure-share24h').getByText('75 %').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'insights-phone-first-screen.png') });
    const first = await table.locator('tbody tr').first().boundingBox();
    expect(first!.y + first!.height).toBeLessThan(740);
    const heights = await table.locator('tbody tr').evaluateAll((rows) => rows.slice(0, 10).map((row) => row.getBoundingClientRect().height));
    // One line of figures beside a name of up to three lines (a stacked card took ~300 px).
    expect(Math.max(...heights)).toBeLessThan(100);
    const sector = page.getByLabel('Отрасль');
    expect(await sector.isVisible()).toBe(false);
    const toggle = page.getByRole('button', { name: 'Фильтры и поиск' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await sector.waitFor({ state: 'visible' });
    await screenshot(page, 'insights-phone-home');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  for (const path of ['/compare?organizations=', '/municipalities']) {
    it(`phone: ${path} fits the screen and passes axe`, async () => {
      const page = await open(path === '/compare?organizations=' ? `${path}${editions.rankedCodes.slice(0, 2).join(',')}` : path, { phone: true });
      await page.getByTestId(path.startsWith('/compare') ? 'compare-table' : 'municipalities-table').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await screenshot(page, `insights-phone${path.split('?')[0]!.replace('/', '-')}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
