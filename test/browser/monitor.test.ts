/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildDraftEdition, publishDemoEditions, seedCommentsForReview } from './fixtures';
import {
  createUserWithPassword,
  ensureWebBuild,
  MONITOR_PAGES,
  newPage,
  launchChromium,
  screenshot,
  seriousA11yViolations,
  signIn,
  startTestPlatform,
  submitLogin,
  type TestPlatform,
} from './harness';

describe('monitor and administrator journeys in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let admin: { id: number; label: string };

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    admin = await createUserWithPassword(platform, { email: 'admin@most.test', role: 'admin', displayName: 'Анна Админ' });
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('refuses a wrong password with a readable message', async () => {
    await submitLogin(page, platform.url, 'admin@most.test', 'not-the-password');
    const alert = page.locator('#login-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Неверная почта или пароль');
  });

  it('signs in, sees the monitoring navigation and keeps the session across a reload', async () => {
    await signIn(page, platform.url, 'admin@most.test');
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Анна Админ');
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    await nav.getByRole('link', { name: 'Реестр' }).waitFor();
    await page.reload();
    await page.getByTestId('signed-in-as').waitFor();
    await screenshot(page, 'monitor-after-login');
  });

  it('browses the registry, filters by sector and adds an account to an organization', async () => {
    await page.goto(`${platform.url}/monitor/registry`);
    const table = page.getByTestId('registry-table');
    await table.waitFor();
    await page.getByRole('search', { name: 'Фильтры' }).getByLabel('Отрасль').selectOption('health');
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid="registry-table"] tbody td[data-label="Отрасль"]')];
      return cells.length > 0 && cells.every((cell) => cell.textContent === 'Здравоохранение');
    });
    await table.locator('tbody tr').first().getByRole('button').click();
    const detail = page.getByTestId('organization-detail');
    await detail.waitFor();
    const accountsBefore = await detail.locator('tbody tr').count();
    await detail.getByLabel('Добавить страницу').fill('https://vk.com/browser_test_clinic');
    await detail.getByRole('button', { name: 'Добавить страницу' }).click();
    await detail.getByRole('link', { name: 'https://vk.com/browser_test_clinic' }).waitFor();
    expect(await detail.locator('tbody tr').count()).toBe(accountsBefore + 1);
    const [stored] = await platform.db.sql`SELECT a.canonical_url, a.organization_id FROM accounts a WHERE a.handle = 'browser_test_clinic'`;
    expect(stored?.canonical_url).toBe('https://vk.com/browser_test_clinic');

    await detail.getByText('Изменить сведения об организации').click();
    await detail.getByLabel('Сайт').fill('https://clinic.example.ru');
    await detail.getByRole('button', { name: 'Сохранить' }).click();
    await detail.locator('dd').filter({ hasText: 'https://clinic.example.ru' }).waitFor();
    const [edited] = await platform.db.sql`SELECT website FROM organizations WHERE id = ${stored!.organization_id}`;
    expect(edited?.website).toBe('https://clinic.example.ru');
    await screenshot(page, 'monitor-registry');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('imports a registry CSV and shows the per-row error report', async () => {
    const [municipality] = await platform.db.sql<{ code: string }[]>`SELECT code FROM municipalities ORDER BY id LIMIT 1`;
    const csv = [
      'code,full_name,kind,sector,municipality,parent_code,website,accounts',
      `browser_import_1,"МБОУ «Тестовая школа № 1»",subordinate_institution,education,${municipality!.code},,https://school1.example.ru,https://vk.com/browser_import_school`,
      `browser_import_2,"Учреждение с ошибкой",subordinate_institution,not_a_sector,${municipality!.code},,,`,
    ].join('\n');
    await page.goto(`${platform.url}/monitor/import`);
    await page.getByLabel('Файл реестра').setInputFiles({ name: 'registry.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Загрузить' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.locator('tbody tr').count()).toBe(1);
    expect(await errors.locator('tbody tr td').first().textContent()).toBe('3');
    const [imported] = await platform.db.sql`SELECT short_name FROM organizations WHERE code = 'browser_import_1'`;
    expect(imported).toBeTruthy();
    const [rejected] = await platform.db.sql`SELECT 1 FROM organizations WHERE code = 'browser_import_2'`;
    expect(rejected).toBeUndefined();
    await screenshot(page, 'monitor-import');
  });

  it('shows crawl health for every account', async () => {
    await page.goto(`${platform.url}/monitor/crawl`);
    await page.getByTestId('crawl-table').waitFor();
    const [{ n }] = (await platform.db.sql`SELECT count(*)::int AS n FROM accounts WHERE removed_at IS NULL`) as unknown as [{ n: number }];
    expect(await page.getByRole('status').filter({ hasText: 'Строк:' }).textContent()).toContain(String(n));
    // Queue status from the platform's own queue backend: one row per queue with counts per state.
    const counts = page.getByTestId('queue-counts');
    await counts.waitFor();
    expect(await counts.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-queue')))).toEqual(['system', 'crawl', 'vk', 'ok', 'telegram']);
    expect(await counts.locator('tbody tr[data-queue="vk"] td[data-state="failed"]').textContent()).toMatch(/^\d+$/);
    expect(await page.getByTestId('queue-status').textContent()).toMatch(/Механизм очереди: (Redis|PostgreSQL)/);
    await screenshot(page, 'monitor-crawl');
  });

  it('reviews detected questions with the keyboard and with buttons', async () => {
    const [account] = await platform.db.sql<{ id: number }[]>`SELECT id FROM accounts WHERE network = 'vk' ORDER BY id LIMIT 1`;
    const commentIds = await seedCommentsForReview(platform.db.sql, account!.id);
    expect(commentIds.length).toBe(4);
    await page.goto(`${platform.url}/monitor/review`);
    const current = page.getByTestId('review-current');
    await current.waitFor();
    await page.getByTestId('review-list').locator('li').nth(3).waitFor();
    await screenshot(page, 'monitor-review');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const heading = async () => (await current.getByRole('heading', { level: 2 }).textContent()) ?? '';
    expect(await heading()).toContain('1 / 4');
    // Single-key decision: Q confirms the current comment is a question.
    await page.locator('body').press('q');
    await page.waitForFunction(() => document.querySelector('[data-testid="review-current"] h2')?.textContent?.includes('/ 3'));
    // Buttons work too: the next one is not a question.
    await current.getByRole('button', { name: /Не вопрос/ }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="review-current"] h2')?.textContent?.includes('/ 2'));
    // J moves to the next item without deciding; E marks it answered elsewhere.
    await page.locator('body').press('j');
    await page.waitForFunction(() => document.querySelector('[data-testid="review-current"] h2')?.textContent?.startsWith('Комментарий 2'));
    await page.locator('body').press('e');
    await page.waitForFunction(() => document.querySelector('[data-testid="review-current"] h2')?.textContent?.includes('/ 1'));

    const decided = await platform.db.sql<{ override_needs_answer: boolean; override_reason: string }[]>`
      SELECT override_needs_answer, override_reason FROM comment_classifications
      WHERE account_id = ${account!.id} AND overridden_at IS NOT NULL ORDER BY overridden_at`;
    expect(decided.map((d) => d.override_needs_answer)).toEqual([true, false, false]);
    expect(decided.map((d) => d.override_reason)).toEqual(['Это вопрос', 'Не вопрос', 'Ответ дан в другом месте']);
  });

  it('records a manual criterion score and the rescore shows it in the account score', async () => {
    const [account] = await platform.db.sql<{ id: number; canonical_url: string; short_name: string }[]>`
      SELECT a.id, a.canonical_url, o.short_name FROM accounts a JOIN organizations o ON o.id = a.organization_id
      WHERE a.network = 'vk' AND a.removed_at IS NULL ORDER BY a.id DESC LIMIT 1`;
    await page.goto(`${platform.url}/monitor/scoring`);
    await page.getByTestId('manual-accounts').waitFor();
    await page.getByRole('search', { name: 'Поиск организации или страницы' }).getByLabel('Поиск организации или страницы').fill(account!.canonical_url);
    const choose = page.getByRole('button', { name: `Оценить: ${account!.canonical_url}` });
    await choose.click();
    const criteria = page.getByTestId('manual-criteria');
    await criteria.waitFor();
    const badge = criteria.locator('[data-testid="manual-criterion"][data-code="GOV_BADGE"]');
    await badge.getByText('Ещё не оценивался').waitFor();
    expect(await badge.textContent()).toContain('Страница имеет отметку «Госорганизация»');
    await badge.getByRole('radio', { name: 'Выполнен (1)' }).check();
    await badge.getByLabel('Комментарий').fill('Отметка «Госорганизация» есть на странице');
    await screenshot(page, 'monitor-manual-scoring');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await badge.getByRole('button', { name: 'Сохранить оценку' }).click();
    await badge.getByText(/Оценка сохранена; пересчитано периодов: \d+\./).waitFor();
    await badge.getByTestId('manual-current').getByText('Выполнен (1)').waitFor();

    const [stored] = await platform.db.sql`SELECT criterion_code, score, note, assessed_by FROM manual_assessments WHERE account_id = ${account!.id}`;
    expect(stored).toMatchObject({ criterion_code: 'GOV_BADGE', score: 1, note: 'Отметка «Госорганизация» есть на странице', assessed_by: admin.id });
    const scored = await platform.db.sql<{ status: string; evidence: { kind: string }[] }[]>`
      SELECT status, evidence FROM account_criterion_scores WHERE account_id = ${account!.id} AND criterion_code = 'GOV_BADGE' AND period_kind = 'month'`;
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.every((s) => s.status === 'pass' && s.evidence.some((e) => e.kind === 'manual'))).toBe(true);
    const row = page.getByTestId('manual-accounts').locator('tbody tr').filter({ hasText: account!.canonical_url });
    await row.getByText('1 / 5').waitFor();

    // "Does not apply" needs a reason, and takes the criterion out of the score.
    const widget = criteria.locator('[data-testid="manual-criterion"][data-code="LITERACY_STYLE"]');
    await widget.getByRole('radio', { name: 'Не применим к этой странице' }).check();
    const save = widget.getByRole('button', { name: 'Сохранить оценку' });
    expect(await save.isDisabled()).toBe(true);
    await widget.getByLabel('Почему не применим (обязательно)').fill('Страница только для объявлений, без текстов');
    await save.click();
    await widget.getByTestId('manual-current').getByText('Не применим к этой странице').waitFor();
    const literacy = await platform.db.sql<{ status: string }[]>`
      SELECT status FROM account_criterion_scores WHERE account_id = ${account!.id} AND criterion_code = 'LITERACY_STYLE' AND period_kind = 'month'`;
    expect(literacy.length).toBeGreaterThan(0);
    expect(literacy.every((s) => s.status === 'not_applicable')).toBe(true);
  });

  it('invites an agency member bound to an organization', async () => {
    await page.goto(`${platform.url}/monitor/users`);
    await page.getByTestId('users-table').waitFor();
    await page.getByLabel('Электронная почта').fill('smm@school.test');
    await page.getByLabel('Имя').fill('Ольга СММ');
    await page.getByLabel('Роль').selectOption('agency');
    await page.getByLabel('Поиск', { exact: true }).fill('школ');
    const orgSelect = page.getByLabel('Организация', { exact: true });
    await page.waitForFunction(() => ((document.querySelector('#invite-org') as HTMLSelectElement | null)?.options.length ?? 0) > 1);
    const value = await orgSelect.locator('option').nth(1).getAttribute('value');
    await orgSelect.selectOption(value!);
    await page.getByRole('button', { name: 'Пригласить' }).click();
    await page.getByText('Приглашение отправлено на smm@school.test').waitFor();
    await page.getByTestId('users-table').getByText('smm@school.test').waitFor();
    const [user] = await platform.db.sql`SELECT role, organization_id FROM users WHERE email = 'smm@school.test'`;
    expect(user).toMatchObject({ role: 'agency', organization_id: Number(value) });
    await screenshot(page, 'admin-users');
  });

  it('previews a draft ranking edition and publishes it at its public permalink', async () => {
    await publishDemoEditions(platform.db.sql, admin);
    const draft = await buildDraftEdition(platform.db.sql, admin);
    await page.goto(`${platform.url}/`);
    await page.getByRole('heading', { level: 2, name: 'Рейтинг за октябрь 2026' }).waitFor();

    await page.goto(`${platform.url}/monitor/editions`);
    const table = page.getByTestId('editions-table');
    await table.waitFor();
    await table.getByRole('button', { name: `Предпросмотр: ${draft.title}` }).click();
    const preview = page.getByTestId('edition-preview');
    await preview.getByTestId('ranking-table').waitFor();
    expect(await preview.getByTestId('edition-status').textContent()).toBe('Черновик');
    await screenshot(page, 'monitor-edition-preview');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await preview.getByRole('button', { name: 'Опубликовать' }).click();
    await preview.getByRole('button', { name: 'Да, опубликовать' }).click();
    await preview.getByRole('link', { name: 'Открыть опубликованный выпуск' }).waitFor();
    expect(await preview.getByTestId('edition-status').textContent()).toBe('Опубликован');
    const [stored] = await platform.db.sql`SELECT status FROM ranking_editions WHERE id = ${draft.id}`;
    expect(stored?.status).toBe('published');

    await preview.getByRole('link', { name: 'Открыть опубликованный выпуск' }).click();
    await page.getByRole('heading', { level: 2, name: draft.title }).waitFor();
    await page.getByTestId('ranking-table').waitFor();
  });

  it('fits every monitoring page on a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    const overflowing: string[] = [];
    for (const path of MONITOR_PAGES) {
      await page.goto(`${platform.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const excess = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (excess > 0) overflowing.push(`${path}: ${excess}px`);
    }
    expect(overflowing).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Войти' }).waitFor();
    await page.goto(`${platform.url}/monitor/registry`);
    await page.getByText('Войдите, чтобы открыть этот раздел.').waitFor();
  });
});
