/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { planBulletinDeliveries } from '@most/db';
import { publishDemoEditions } from './fixtures';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, signIn, startTestPlatform, type TestPlatform } from './harness';

const EDITED = '**Итоги** октября: официальные страницы стали отвечать быстрее. <script>window.__pwned = true</script> Подробнее на [сайте](https://most.example/about).';
const NOTE = 'Данные по двум районам уточняются.';

/** The block keys of a section in the order the page shows them. */
const blockOrder = (page: Page, sectionKey: string) =>
  page.evaluate((key) => [...document.querySelectorAll(`[data-section-key="${key}"] [data-testid="bulletin-block"]`)].map((el) => el.getAttribute('data-block-key')), sectionKey);

describe('the digital bulletin: editors, the public and agencies, in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let monitor: Page;
  let organization: { id: number; code: string };
  let issueId: number;
  let slug: string;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const editor = await createUserWithPassword(platform, { email: 'editor@most.test', role: 'monitor', displayName: 'Мария Редактор' });
    // A published October ranking: the October issue is built from it, with a section per organization.
    await publishDemoEditions(platform.db.sql, editor);
    const [first] = await platform.db.sql<{ id: number; code: string }[]>`
      SELECT o.id, o.code FROM organizations o WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id AND a.removed_at IS NULL) ORDER BY o.id LIMIT 1`;
    organization = first!;
    await createUserWithPassword(platform, { email: 'press@agency.test', role: 'agency', displayName: 'Олег', organizationCode: organization.code });
    monitor = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('creates the draft for a month from the monitors’ navigation', async () => {
    await signIn(monitor, platform.url, 'editor@most.test');
    await monitor.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Выпуски бюллетеня' }).click();
    await monitor.getByRole('heading', { level: 1, name: 'Бюллетень: выпуски' }).waitFor();
    const period = monitor.getByLabel('Период', { exact: true });
    // Defaults to the month before today in Saratov.
    expect(await period.inputValue()).toMatch(/^\d{4}-\d{2}$/);
    await period.fill('2026-10');
    await monitor.getByRole('button', { name: 'Создать черновик' }).click();
    await monitor.waitForURL(/\/monitor\/bulletins\/\d+$/);
    issueId = Number(new URL(monitor.url()).pathname.split('/').pop());
    await monitor.getByTestId('bulletin-editor').waitFor();
    expect(await monitor.getByTestId('bulletin-state').textContent()).toBe('Черновик');
    expect(await monitor.getByRole('heading', { level: 1 }).textContent()).toMatch(/октябр\S* 2026/i);
    // The tab tells the editor from the issue's public page, which shows the same heading.
    await monitor.waitForFunction(() => document.title === 'Редактор бюллетеня за октябрь 2026 — Цифровой мост');
    const [stored] = await platform.db.sql<{ slug: string; state: string; period_key: string }[]>`SELECT slug, state, period_key FROM bulletin_issues WHERE id = ${issueId}`;
    expect(stored).toMatchObject({ state: 'draft', period_key: '2026-10' });
    slug = stored!.slug;
    expect(await monitor.getByTestId('bulletin-agency-section').count()).toBeGreaterThan(0);
    // An agency's section opens on demand, with its own blocks.
    const agencySection = monitor.locator(`[data-agency-section="org-${organization.id}"]`);
    await agencySection.locator('summary').click();
    await agencySection.locator(`[data-section-key="org-${organization.id}"] [data-testid="bulletin-block"]`).first().waitFor();
    expect(await agencySection.getAttribute('open')).not.toBeNull();
    expect(await monitor.getByRole('link', { name: 'Предпросмотр (HTML)' }).getAttribute('href')).toBe(`/bulletin/preview/${issueId}`);
  });

  it('edits a text block; the server strips the markup and the page shows it as text', async () => {
    const intro = monitor.locator('[data-block-key="public-intro"]');
    await intro.getByRole('button', { name: /^Изменить текст/ }).click();
    const textarea = intro.getByRole('textbox');
    await textarea.fill(EDITED);
    await intro.getByRole('button', { name: 'Сохранить' }).click();
    await intro.locator('strong', { hasText: 'Итоги' }).waitFor();
    expect(await intro.textContent()).toContain('октября: официальные страницы стали отвечать быстрее.');
    expect(await intro.getByRole('link', { name: 'сайте' }).getAttribute('href')).toBe('https://most.example/about');
    expect(await monitor.locator('[data-testid="bulletin-editor"] script').count()).toBe(0);
    expect(await monitor.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    const [block] = await platform.db.sql<{ content: unknown }[]>`
      SELECT b.content FROM bulletin_blocks b WHERE b.issue_id = ${issueId} AND b.key = 'public-intro'`;
    expect(JSON.stringify(block?.content)).not.toContain('<script');
  });

  it('reorders blocks with the buttons and the keyboard, keeping focus on the moved block', async () => {
    const before = await blockOrder(monitor, 'public');
    const index = before.indexOf('public-intro');
    expect(index).toBeGreaterThan(0);
    await monitor.locator('[data-move="public-intro-down"]').click();
    const once = [...before];
    [once[index], once[index + 1]] = [once[index + 1]!, once[index]!];
    await monitor.waitForFunction((expected) => {
      const keys = [...document.querySelectorAll('[data-section-key="public"] [data-testid="bulletin-block"]')].map((el) => el.getAttribute('data-block-key'));
      return JSON.stringify(keys) === expected;
    }, JSON.stringify(once));
    await monitor.waitForFunction(() => document.activeElement?.getAttribute('data-move') === 'public-intro-down');
    // Keyboard: the focused "up" button moves it back.
    await monitor.keyboard.press('Shift+Tab');
    expect(await monitor.evaluate(() => document.activeElement?.getAttribute('data-move'))).toBe('public-intro-up');
    await monitor.keyboard.press('Enter');
    await monitor.waitForFunction((expected) => {
      const keys = [...document.querySelectorAll('[data-section-key="public"] [data-testid="bulletin-block"]')].map((el) => el.getAttribute('data-block-key'));
      return JSON.stringify(keys) === expected;
    }, JSON.stringify(before));
    // And down once more, to keep a changed order for the published issue.
    await monitor.locator('[data-move="public-intro-down"]').click();
    await monitor.waitForFunction((expected) => {
      const keys = [...document.querySelectorAll('[data-section-key="public"] [data-testid="bulletin-block"]')].map((el) => el.getAttribute('data-block-key'));
      return JSON.stringify(keys) === expected;
    }, JSON.stringify(once));
    const stored = await platform.db.sql<{ key: string }[]>`
      SELECT key FROM bulletin_blocks WHERE issue_id = ${issueId} AND section_key = 'public' ORDER BY position`;
    expect(stored.map((r) => r.key)).toEqual(once);
  });

  it('adds an editor’s note after a block, then submits and publishes with confirmation', async () => {
    const intro = monitor.locator('[data-block-key="public-intro"]');
    await intro.getByRole('button', { name: /^Добавить примечание/ }).click();
    await intro.getByLabel('Текст примечания').fill(NOTE);
    await intro.getByRole('button', { name: 'Добавить примечание', exact: true }).click();
    const note = monitor.locator('[data-section-key="public"] [data-block-kind="note"]');
    await note.waitFor();
    expect(await note.textContent()).toContain(NOTE);
    const order = await blockOrder(monitor, 'public');
    expect(order[order.indexOf('public-intro') + 1]).toBe(await note.getAttribute('data-block-key'));
    await screenshot(monitor, 'bulletin-editor-draft');

    await monitor.getByRole('button', { name: 'Отправить на проверку' }).click();
    await monitor.getByTestId('bulletin-state').filter({ hasText: 'На проверке' }).waitFor();
    await monitor.getByRole('button', { name: 'Опубликовать' }).click();
    const confirm = monitor.getByRole('alertdialog');
    await confirm.waitFor();
    expect(await monitor.evaluate(() => document.activeElement?.textContent)).toBe('Да, опубликовать');
    await confirm.getByRole('button', { name: 'Да, опубликовать' }).click();
    await monitor.getByTestId('bulletin-state').filter({ hasText: 'Опубликован' }).waitFor();
    await monitor.getByTestId('bulletin-published-notice').waitFor();
    const [stored] = await platform.db.sql<{ state: string }[]>`SELECT state FROM bulletin_issues WHERE id = ${issueId}`;
    expect(stored?.state).toBe('published');
    // Published: read-only, a correction needs a note, and the distribution is listed.
    expect(await monitor.locator('[data-move]').count()).toBe(0);
    await monitor.getByLabel('Примечание к исправлению (обязательно)').waitFor();
    expect(await monitor.getByRole('button', { name: 'Начать исправление' }).isDisabled()).toBe(true);
    await monitor.getByRole('heading', { name: 'Рассылка по адресатам' }).waitFor();
    await monitor.getByRole('link', { name: 'PDF' }).waitFor();
    await screenshot(monitor, 'bulletin-editor-published');
    expect(await seriousA11yViolations(monitor)).toEqual([]);
  });

  it('shows the issue to an anonymous visitor in the archive, as text, with the feeds', async () => {
    const visitor = await newPage(browser);
    await visitor.goto(platform.url);
    await visitor.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Бюллетень' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Архив бюллетеня' }).waitFor();
    const item = visitor.getByTestId('bulletin-archive-item');
    await item.waitFor();
    expect(await item.count()).toBe(1);
    expect(await visitor.getByRole('link', { name: 'Подписка RSS' }).getAttribute('href')).toBe('/bulletin/rss.xml');
    expect(await visitor.getByRole('link', { name: 'Подписка Atom' }).getAttribute('href')).toBe('/bulletin/atom.xml');
    await screenshot(visitor, 'bulletin-archive');
    expect(await seriousA11yViolations(visitor)).toEqual([]);

    await item.getByRole('link').first().click();
    await visitor.waitForURL(new RegExp(`/bulletins/${slug}$`));
    const article = visitor.getByTestId('bulletin-issue');
    await article.waitFor();
    const text = (await article.textContent()) ?? '';
    expect(text).toContain('официальные страницы стали отвечать быстрее');
    expect(text).toContain(NOTE);
    expect(await article.locator('script').count()).toBe(0);
    // The public edition only: no agency sections.
    expect(await article.locator('[id^="section-org-"]').count()).toBe(0);
    expect(await visitor.getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe(`/bulletin/${slug}.pdf`);
    const rss = await visitor.request.get(`${platform.url}/bulletin/rss.xml`);
    expect(rss.ok()).toBe(true);
    expect(await rss.text()).toContain(`/bulletin/${slug}`);
    await screenshot(visitor, 'bulletin-issue-public');
    expect(await seriousA11yViolations(visitor)).toEqual([]);

    const phone = await newPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
    await phone.goto(`${platform.url}/bulletins/${slug}`);
    await phone.getByTestId('bulletin-issue').waitFor();
    await screenshot(phone, 'bulletin-issue-phone');
    await phone.close();
    await visitor.close();
  });

  it('lets an agency member read its own section and acknowledge the issue', async () => {
    const agency = await newPage(browser);
    await signIn(agency, platform.url, 'press@agency.test');
    await agency.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Мои бюллетени' }).click();
    const item = agency.getByTestId('my-bulletin');
    await item.waitFor();
    expect(await item.count()).toBe(1);
    await item.getByRole('link').first().click();
    await agency.waitForURL(new RegExp(`/agency/bulletins/${slug}$`));
    const own = agency.getByTestId('my-bulletin-section');
    await own.waitFor();
    expect(await own.count()).toBe(1);
    expect(await agency.locator(`#section-org-${organization.id}`).count()).toBe(1);
    expect(await agency.getByTestId('bulletin-issue').textContent()).toContain(NOTE);
    // Its own section is also offered as a PDF, behind the same sign-in.
    expect(await agency.getByRole('link', { name: 'Раздел ведомства (PDF)' }).getAttribute('href')).toBe(`/bulletin/${slug}/agency/${organization.id}.pdf`);
    await agency.getByRole('button', { name: /^Подтвердить получение/ }).click();
    await agency.getByTestId('bulletin-acknowledged').waitFor();
    const [ack] = await platform.db.sql<{ acknowledged_at: Date | null }[]>`
      SELECT acknowledged_at FROM bulletin_acknowledgements WHERE issue_id = ${issueId} AND organization_id = ${organization.id}`;
    expect(ack?.acknowledged_at).toBeInstanceOf(Date);
    await screenshot(agency, 'bulletin-agency-issue');
    expect(await seriousA11yViolations(agency)).toEqual([]);

    await agency.goto(`${platform.url}/agency/bulletins`);
    await agency.getByTestId('my-bulletin').getByTestId('bulletin-acknowledged').waitFor();
    expect(await agency.getByRole('button', { name: /^Подтвердить получение/ }).count()).toBe(0);
    await agency.close();

    // The editors see the confirmation.
    await monitor.reload();
    const acknowledgements = monitor.getByTestId('bulletin-acknowledgements');
    await acknowledgements.waitFor();
    expect(await acknowledgements.locator('caption').textContent()).toMatch(/^Подтвердили получение: 1 из \d+$/);
    expect(await acknowledgements.locator('tbody tr').first().textContent()).not.toContain('Не подтверждено');

    // A correction needs a note and opens the draft of the next revision, which shows the note.
    await monitor.getByLabel('Примечание к исправлению (обязательно)').fill('Уточнены данные по двум районам.');
    await monitor.getByRole('button', { name: 'Начать исправление' }).click();
    await monitor.waitForURL((url) => /\/monitor\/bulletins\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${issueId}`));
    await monitor.getByTestId('bulletin-state').filter({ hasText: 'Черновик' }).waitFor();
    expect(await monitor.getByTestId('bulletin-correction').textContent()).toContain('Уточнены данные по двум районам.');
    const [correction] = await platform.db.sql<{ revision: number; state: string }[]>`
      SELECT revision, state FROM bulletin_issues WHERE corrects_issue_id = ${issueId}`;
    expect(correction).toEqual({ revision: 2, state: 'draft' });
    await monitor.getByRole('link', { name: /Бюллетень: выпуски/ }).click();
    const drafts = monitor.getByTestId('bulletin-issues-draft');
    await drafts.waitFor();
    expect(await drafts.textContent()).toContain('Уточнены данные по двум районам.');
    await screenshot(monitor, 'bulletin-issues-list');
    expect(await seriousA11yViolations(monitor)).toEqual([]);
  });
  it('manages mailing recipients, shows an opt-out, and resends a failed delivery', async () => {
    await monitor.goto(`${platform.url}/monitor/bulletins`);
    const contacts = monitor.getByRole('region', { name: 'Адресаты рассылки' });
    await contacts.waitFor();
    await contacts.getByLabel('Поиск организации').fill(organization.code);
    await contacts.locator(`option[value="${organization.id}"]`).waitFor({ state: 'attached' });
    await contacts.getByLabel('Организация', { exact: true }).selectOption(String(organization.id));
    const table = contacts.getByTestId('bulletin-contacts');
    for (const email of ['press@agency.test', 'old@agency.test', 'left@agency.test']) {
      await contacts.getByLabel('Электронная почта').fill(email);
      await contacts.getByRole('button', { name: 'Добавить адресата' }).click();
      await table.getByRole('cell', { name: email, exact: true }).waitFor();
    }
    await table.getByRole('button', { name: 'Удалить: old@agency.test' }).click();
    await table.getByRole('cell', { name: 'old@agency.test', exact: true }).waitFor({ state: 'detached' });
    // The recipient follows the unsubscribe link from an e-mail.
    await platform.db.sql`UPDATE bulletin_contacts SET unsubscribed_at = now() WHERE email = 'left@agency.test'`;
    await monitor.reload();
    await table
      .locator('tr', { hasText: 'left@agency.test' })
      .getByText(/^Отписан/)
      .waitFor();

    // The worker plans the e-mails of a published issue; one of them bounces for good.
    await planBulletinDeliveries(platform.db.sql, issueId);
    await platform.db.sql`
      UPDATE bulletin_deliveries SET status = 'failed', attempts = 3, last_error = '550 5.1.1 mailbox unavailable'
      WHERE issue_id = ${issueId} AND email = 'press@agency.test'`;
    await monitor.goto(`${platform.url}/monitor/bulletins/${issueId}`);
    const deliveries = monitor.getByTestId('bulletin-deliveries');
    await deliveries.waitFor();
    const failed = deliveries.locator('tr', { hasText: 'press@agency.test' });
    expect(await failed.textContent()).toContain('Не доставлено');
    expect(await failed.textContent()).toContain('550 5.1.1 mailbox unavailable');
    expect(await deliveries.locator('tr', { hasText: 'left@agency.test' }).textContent()).toContain('Пропущено (отписка)');
    await screenshot(monitor, 'bulletin-deliveries');
    expect(await seriousA11yViolations(monitor)).toEqual([]);
    await monitor.getByRole('button', { name: 'Отправить заново неудачные (1)' }).click();
    await monitor.getByRole('status').filter({ hasText: 'Поставлено в очередь писем: 1.' }).waitFor();
    await failed.getByText('В очереди').waitFor();
    const [stored] = await platform.db.sql<{ status: string }[]>`SELECT status FROM bulletin_deliveries WHERE issue_id = ${issueId} AND email = 'press@agency.test'`;
    expect(stored?.status).toBe('pending');
  });

  it('creates a quarterly draft and sets the scheduled bulletin to appear quarterly', async () => {
    await monitor.goto(`${platform.url}/monitor/bulletins`);
    await monitor.getByRole('heading', { level: 1, name: 'Бюллетень: выпуски' }).waitFor();
    await monitor.getByLabel('Периодичность').first().selectOption('quarter');
    await monitor.getByLabel('Год').fill('2026');
    await monitor.getByLabel('Квартал', { exact: true }).selectOption('3');
    await monitor.getByRole('button', { name: 'Создать черновик' }).click();
    await monitor.waitForURL((url) => /\/monitor\/bulletins\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${issueId}`));
    expect(await monitor.getByRole('heading', { level: 1 }).textContent()).toContain('III квартал 2026');
    const [quarterly] = await platform.db.sql<{ period_key: string; state: string }[]>`SELECT period_key, state FROM bulletin_issues WHERE period_key = '2026-q3'`;
    expect(quarterly).toEqual({ period_key: '2026-q3', state: 'draft' });

    await monitor.goto(`${platform.url}/monitor/bulletins`);
    await monitor.locator('#schedule-period-kind').selectOption('quarter');
    await monitor.locator('#schedule-pattern').fill('0 6 1 1,4,7,10 *');
    await monitor.locator('form:has(#schedule-pattern)').getByRole('button', { name: 'Сохранить' }).click();
    await monitor.getByText('Расписание сохранено', { exact: false }).waitFor();
    const [settings] = await platform.db.sql<{ period_kind: string; schedule_pattern: string }[]>`SELECT period_kind, schedule_pattern FROM bulletin_settings`;
    expect(settings).toEqual({ period_kind: 'quarter', schedule_pattern: '0 6 1 1,4,7,10 *' });
  });
});
