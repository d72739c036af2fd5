/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { publishDemoEditions, seedScoredAccount } from './fixtures';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, signIn, startTestPlatform, type TestPlatform, VIEWPORTS } from './harness';

type Role = 'admin' | 'monitor' | 'agency' | 'instructor' | 'trainee' | 'anonymous';

const PUBLIC = ['/', '/methodology', '/check', '/embed', '/bulletins'];
const MONITORING = ['/monitor/registry', '/monitor/import', '/monitor/crawl', '/monitor/review', '/monitor/scoring', '/monitor/disputes', '/monitor/editions'];
const MANAGING = ['/monitor/bulletins', '/monitor/alerts', '/monitor/page-reports', '/training/teach', '/training/manage', '/training/enrolments'];
/** Roles that receive alerts: their notification list and profile (subscriptions). */
const ALERTS = ['/notifications', '/profile'];

/** What each role must be offered (and nothing else), and where it lands after signing in. */
const ROLES: Record<Role, { home: string; links: string[] }> = {
  anonymous: { home: '/', links: PUBLIC },
  admin: { home: '/monitor/review', links: [...PUBLIC, ...MONITORING, '/monitor/users', ...MANAGING, ...ALERTS] },
  monitor: { home: '/monitor/review', links: [...PUBLIC, ...MONITORING, ...MANAGING, ...ALERTS] },
  agency: { home: '/agency', links: [...PUBLIC, '/agency', '/agency/recommendations', '/agency/sla', '/agency/disputes', '/agency/bulletins', '/training', ...ALERTS] },
  instructor: { home: '/training/teach', links: [...PUBLIC, '/training/teach'] },
  trainee: { home: '/training', links: [...PUBLIC, '/training'] },
};

describe('every role walks its whole navigation, in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let account: { id: number; code: string };

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const admin = await createUserWithPassword(platform, { email: 'admin@nav.test', role: 'admin', displayName: 'Анна Админ' });
    await publishDemoEditions(platform.db.sql, admin);
    const [first] = await platform.db.sql<{ id: number; code: string }[]>`
      SELECT a.id, o.code FROM accounts a JOIN organizations o ON o.id = a.organization_id
      WHERE a.removed_at IS NULL AND a.network = 'vk' ORDER BY a.id LIMIT 1`;
    account = first!;
    await seedScoredAccount(platform.db.sql, account.id);
    await createUserWithPassword(platform, { email: 'monitor@nav.test', role: 'monitor', displayName: 'Михаил Монитор' });
    await createUserWithPassword(platform, { email: 'agency@nav.test', role: 'agency', displayName: 'Ольга', organizationCode: account.code });
    await createUserWithPassword(platform, { email: 'instructor@nav.test', role: 'instructor', displayName: 'Пётр' });
    await createUserWithPassword(platform, { email: 'trainee@nav.test', role: 'trainee', displayName: 'Софья' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  /** Every answer of our own server that is 4xx/5xx, while `page` is open. */
  const failures = (page: Page) => {
    const failed: string[] = [];
    page.on('response', (response: Response) => {
      if (response.url().startsWith(platform.url) && response.status() >= 400) failed.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    return failed;
  };

  /** The page has settled: a main heading and no loading indicator. */
  const settled = async (page: Page) => {
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Загрузка…'));
  };

  const navHrefs = (page: Page) => page.locator('#main-nav a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname).filter((path) => path !== '/login'));

  for (const viewport of VIEWPORTS) {
    for (const role of Object.keys(ROLES) as Role[]) {
      it(`${role} (${viewport.name}): lands on its home and every navigation link renders, with no failed request and its own title`, async () => {
        const page = await newPage(browser, viewport.options);
        const failed = failures(page);
        if (role === 'anonymous') await page.goto(platform.url);
        else await signIn(page, platform.url, `${role}@nav.test`);
        await page.waitForURL(`${platform.url}${ROLES[role].home}`);
        await settled(page);

        const offered = await navHrefs(page);
        expect(offered).toEqual(ROLES[role].links);

        const titles = new Map<string, string>();
        for (const href of offered) {
          const menu = page.getByRole('button', { name: 'Меню' });
          if (await menu.isVisible()) {
            if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
          }
          await page.locator(`#main-nav a[href="${href}"]`).click();
          await page.waitForURL(`${platform.url}${href}`);
          await settled(page);
          const main = (await page.locator('main').textContent()) ?? '';
          expect(await page.locator('main h1').first().textContent(), href).not.toBe('Страница не найдена');
          expect(main, href).not.toContain('У вашей роли нет доступа');
          expect(main, href).not.toContain('Войдите, чтобы открыть этот раздел');
          expect(main, href).not.toContain('раздел пока недоступен');
          const title = await page.title();
          expect(title, href).toMatch(/^.+ — Цифровой мост$/);
          titles.set(href, title);
        }
        const distinct = new Set(titles.values());
        expect(distinct.size, JSON.stringify(Object.fromEntries(titles), null, 1)).toBe(titles.size);
        // Visitors see no database or queue modes; staff may.
        if (!['admin', 'monitor'].includes(role)) expect(await page.locator('footer').textContent()).not.toMatch(/база данных|очередь/);
        expect(failed).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('names organizations and editions in the tab, and says when they do not exist', async () => {
    const page = await newPage(browser);
    const [org] = await platform.db.sql<{ short_name: string }[]>`SELECT short_name FROM organizations WHERE code = ${account.code}`;
    await page.goto(`${platform.url}/organizations/${encodeURIComponent(account.code)}`);
    await page.getByRole('heading', { level: 1, name: org!.short_name }).waitFor();
    expect(await page.title()).toBe(`${org!.short_name} — Цифровой мост`);
    await page.goto(`${platform.url}/rankings/rating-2026-09`);
    await page.getByRole('heading', { level: 2, name: 'Рейтинг за сентябрь 2026' }).waitFor();
    await page.waitForFunction(() => document.title === 'Рейтинг за сентябрь 2026 — Цифровой мост');

    await page.goto(`${platform.url}/organizations/no-such-organization`);
    await page.getByRole('heading', { level: 1, name: 'Организация не найдена' }).waitFor();
    expect(await page.title()).toBe('Организация не найдена — Цифровой мост');
    expect(await page.locator('main').textContent()).not.toContain('раздел пока недоступен');
    await page.goto(`${platform.url}/rankings/no-such-edition`);
    await page.getByRole('heading', { name: 'Выпуск рейтинга не найден' }).waitFor();
  });

  it('agency: acknowledges a new recommendation (once offered only) and disputes a finding', async () => {
    const [fresh] = await platform.db.sql<{ id: number }[]>`
      INSERT INTO recommendations (account_id, period_kind, period_start, methodology_version, criterion_code, generated_text, potential_points, status)
      VALUES (${account.id}, 'month', '2026-10-01', 1, 'PROFILE_PHONE', 'Укажите телефон в профиле страницы', 2, 'new') RETURNING id`;
    const page = await newPage(browser);
    const failed = failures(page);
    await signIn(page, platform.url, 'agency@nav.test');
    await page.goto(`${platform.url}/agency/recommendations`);
    const card = page.getByTestId('recommendation').filter({ hasText: 'Укажите телефон в профиле страницы' });
    await card.getByRole('button', { name: 'Принять к сведению' }).click();
    await card.getByTestId('recommendation-status').filter({ hasText: 'Принята к сведению' }).waitFor();
    // Once acknowledged, nothing more is offered on that card.
    expect(await card.getByRole('button').count()).toBe(0);
    const [stored] = await platform.db.sql<{ status: string }[]>`SELECT status FROM recommendations WHERE id = ${fresh!.id}`;
    expect(stored!.status).toBe('acknowledged');

    // A refusal shows beside the button that caused it, not at the top of the page.
    const other = page.getByTestId('recommendation').filter({ hasText: 'Отвечайте на вопросы жителей' });
    await platform.db.sql`UPDATE recommendations SET status = 'resolved' WHERE account_id = ${account.id} AND criterion_code = 'SLA_WITHIN_24H'`;
    await other.getByRole('button', { name: 'Принять к сведению' }).click();
    await other.getByRole('alert').filter({ hasText: 'Рекомендацию в статусе «Выполнена» нельзя перевести в «Принята к сведению»' }).waitFor();
    expect(failed.filter((f) => !f.startsWith('409 '))).toEqual([]);

    await page.goto(`${platform.url}/agency`);
    await page.getByTestId('account-scores').first().getByRole('button', { name: 'Подробно' }).first().click();
    const row = page.getByTestId('score-detail').getByTestId('criterion-row').filter({ hasText: 'Не выполнен' });
    await row.getByRole('button', { name: /^Оспорить/ }).click();
    await page.getByLabel('Почему вы не согласны').fill('Ответили жителю в личных сообщениях.');
    await page.getByRole('button', { name: 'Отправить спор' }).click();
    await page.getByText('Спор отправлен мониторам.').waitFor();
    const [dispute] = await platform.db.sql<{ status: string }[]>`SELECT status FROM disputes WHERE account_id = ${account.id} ORDER BY id DESC LIMIT 1`;
    expect(dispute!.status).toBe('open');
  });
});
