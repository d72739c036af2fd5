/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedOpenQuestions, seedScoredAccount } from './fixtures';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, signIn, startTestPlatform, type TestPlatform } from './harness';

describe('agency member and the monitors answering them, in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let agency: Page;
  let account: { id: number; canonical_url: string; short_name: string };
  let other: { id: number };
  let recommendationId: number;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const accounts = await platform.db.sql<{ id: number; canonical_url: string; code: string; short_name: string }[]>`
      SELECT DISTINCT ON (a.organization_id) a.id, a.canonical_url, o.code, o.short_name
      FROM accounts a JOIN organizations o ON o.id = a.organization_id
      WHERE a.removed_at IS NULL ORDER BY a.organization_id, a.id LIMIT 2`;
    account = accounts[0]!;
    other = accounts[1]!;
    ({ recommendationId } = await seedScoredAccount(platform.db.sql, account.id));
    await seedScoredAccount(platform.db.sql, other.id);
    await createUserWithPassword(platform, { email: 'smm@agency.test', role: 'agency', displayName: 'Ольга', organizationCode: accounts[0]!.code });
    await createUserWithPassword(platform, { email: 'monitor@most.test', role: 'monitor' });
    agency = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('signs in to the agency area and sees only its own pages with scores and evidence', async () => {
    await signIn(agency, platform.url, 'smm@agency.test');
    await agency.waitForURL(/\/agency$/);
    const mine = agency.getByTestId('my-accounts');
    await mine.waitFor();
    expect(await mine.textContent()).toContain(account.canonical_url);
    expect(await agency.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Реестр' }).count()).toBe(0);
    // Heading and tab name the organization, not a generic "my organization".
    await agency.getByRole('heading', { level: 1, name: `Оценки: ${account.short_name}` }).waitFor();
    expect(await agency.title()).toBe(`Оценки: ${account.short_name} — Цифровой мост`);

    const scores = agency.getByTestId('account-scores').first();
    await scores.waitFor();
    await scores.getByRole('button', { name: 'Подробно' }).first().click();
    const detail = agency.getByTestId('score-detail');
    await detail.waitFor();
    const slaRow = detail.getByTestId('criterion-row').filter({ hasText: 'Не выполнен' });
    await slaRow.waitFor();
    expect(await slaRow.textContent()).toContain('ответ дан позже срока');
    expect(await slaRow.getByRole('link', { name: /Открыть/ }).getAttribute('href')).toBe('https://vk.com/wall-1_1?reply=7');
    await screenshot(agency, 'agency-scores');
    expect(await seriousA11yViolations(agency)).toEqual([]);
  });

  it('disputes a finding with a reason', async () => {
    const detail = agency.getByTestId('score-detail');
    const slaRow = detail.getByTestId('criterion-row').filter({ hasText: 'Не выполнен' });
    await slaRow.getByRole('button', { name: /^Оспорить/ }).click();
    await agency.getByLabel('Основание').selectOption('answered_elsewhere');
    await agency.getByLabel('Почему вы не согласны').fill('Ответили жителю в личных сообщениях через 2 часа, скриншот приложим.');
    await agency.getByRole('button', { name: 'Отправить спор' }).click();
    await agency.getByText('Спор отправлен мониторам.').waitFor();
    const [dispute] = await platform.db.sql`SELECT account_id, criterion_code, reason_kind, status FROM disputes ORDER BY id DESC LIMIT 1`;
    expect(dispute).toMatchObject({ account_id: account.id, criterion_code: 'SLA_WITHIN_24H', reason_kind: 'answered_elsewhere', status: 'open' });
    await agency.goto(`${platform.url}/agency/disputes`);
    await agency.getByTestId('disputes-table').getByText('На рассмотрении').waitFor();
  });

  it('acknowledges a recommendation', async () => {
    await agency.goto(`${platform.url}/agency/recommendations`);
    const card = agency.getByTestId('recommendation');
    await card.waitFor();
    expect(await agency.getByTestId('recommendation').count()).toBe(1);
    expect(await card.textContent()).toContain('Отвечайте на вопросы жителей в течение 24 часов');
    await card.getByRole('button', { name: 'Принять к сведению' }).click();
    await card.getByTestId('recommendation-status').filter({ hasText: 'Принята к сведению' }).waitFor();
    const [stored] = await platform.db.sql`SELECT status FROM recommendations WHERE id = ${recommendationId}`;
    expect(stored?.status).toBe('acknowledged');
    await screenshot(agency, 'agency-recommendations');
    expect(await seriousA11yViolations(agency)).toEqual([]);
  });

  it('watches open questions with a live countdown to the 24-hour deadline and sees response-speed charts', async () => {
    await seedOpenQuestions(platform.db.sql, account.id);
    await agency.goto(`${platform.url}/agency/sla`);
    const table = agency.getByTestId('sla-watch');
    await table.waitFor();
    const rows = table.getByTestId('sla-question');
    expect(await rows.count()).toBe(2);
    // Most urgent first: the overdue question, highlighted, then the one with about 22 h left.
    const overdue = rows.nth(0);
    expect(await overdue.getAttribute('class')).toContain('sla-overdue');
    expect(await overdue.getByTestId('sla-countdown').textContent()).toMatch(/^Просрочено на 6:0\d:\d{2}$/);
    expect(await overdue.textContent()).toContain('Когда включат отопление');
    expect(await overdue.getByRole('link', { name: 'Комментарий' }).getAttribute('href')).toMatch(/^https:\/\/vk\.com\/wall-1_900\?reply=\d+$/);
    expect(await overdue.getByRole('link', { name: 'Запись' }).getAttribute('href')).toBe('https://vk.com/wall-1_900');
    const fresh = rows.nth(1);
    expect(await fresh.getByTestId('sla-countdown').textContent()).toMatch(/^Осталось 2[12]:\d{2}:\d{2}$/);
    // Citizens appear only as pseudonym labels, and their contacts are redacted.
    expect(await fresh.textContent()).toContain('[телефон скрыт]');
    expect(await fresh.textContent()).not.toContain('917');
    const citizen = async (row: typeof fresh) => (await row.textContent())?.match(/Житель ([0-9A-F]{6})/)?.[1];
    expect(await citizen(fresh)).toMatch(/^[0-9A-F]{6}$/);
    expect(await citizen(overdue)).not.toBe(await citizen(fresh));
    expect(await table.textContent()).not.toContain('Когда откроют каток');
    expect(await agency.getByTestId('sla-summary').textContent()).toBe('Открытых вопросов: 2, из них просрочено: 1');

    // The countdown is live: it moves without a reload.
    const seconds = await agency.evaluate(() => {
      const cells = [...document.querySelectorAll('[data-testid="sla-countdown"]')];
      return cells.map((cell) => cell.textContent);
    });
    await agency.waitForFunction((before) => [...document.querySelectorAll('[data-testid="sla-countdown"]')].some((cell, i) => cell.textContent !== before[i]), seconds);

    const charts = agency.getByTestId('sla-distribution');
    await charts.locator('canvas').first().waitFor();
    const distribution = charts.getByTestId('sla-distribution-table');
    await distribution.waitFor();
    const cells = await distribution.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(cells.map((c) => c[1])).toEqual(['1', '2', '1', '1', '2']);
    const percentiles = await charts.getByTestId('sla-percentiles-table').locator('tbody td').allTextContents();
    // Answered after 0.5, 1, 2, 6 and 30 h: percentiles interpolate between ranks (one definition with the score).
    expect(percentiles).toEqual(['2', '2 ч 00 мин', '20,4', '20 ч 24 мин', '25,2', '25 ч 12 мин']);
    await screenshot(agency, 'agency-sla-watch');
    expect(await seriousA11yViolations(agency)).toEqual([]);
  });

  it('lets a monitor decide the dispute in the inbox, and the agency sees the outcome', async () => {
    const monitor = await newPage(browser);
    await signIn(monitor, platform.url, 'monitor@most.test');
    await monitor.goto(`${platform.url}/monitor/disputes`);
    const dispute = monitor.getByTestId('dispute').first();
    await dispute.waitFor();
    expect(await dispute.textContent()).toContain('Ответили жителю в личных сообщениях');
    await dispute.getByLabel('Обоснование решения').fill('Ответ в личных сообщениях снаружи не виден; оценка остаётся.');
    await dispute.getByRole('button', { name: 'Отклонить' }).click();
    await monitor.getByTestId('no-data').waitFor();
    await screenshot(monitor, 'monitor-disputes');
    const [stored] = await platform.db.sql`SELECT status FROM disputes ORDER BY id DESC LIMIT 1`;
    expect(stored?.status).toBe('rejected');

    await agency.goto(`${platform.url}/agency/disputes`);
    await agency.getByTestId('disputes-table').getByText('Отклонён').waitFor();
    expect(await agency.getByTestId('disputes-table').textContent()).toContain('оценка остаётся');
  });
});
