/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { classifyPendingComments } from '@most/db/scoring';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, signIn, startTestPlatform, type TestPlatform } from './harness';

const author = (n: number) => n.toString(16).padStart(64, 'b');
/** WCAG contrast ratio of two rgb() colours. */
const contrastScript = () => {
  const lum = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  return [...document.querySelectorAll('[data-testid="review-current"] button kbd')].map((kbd) => {
    const style = getComputedStyle(kbd);
    const [a, b] = [lum(style.color), lum(style.backgroundColor)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
};

describe('monitor operations in Chromium: crawl truth, crawl now, rescore now, question review', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform({ worker: true }), launchChromium()]);
    await createUserWithPassword(platform, { email: 'monitor@most.test', role: 'monitor', displayName: 'Мария Монитор' });
    page = await newPage(browser);
    await signIn(page, platform.url, 'monitor@most.test');
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows failing and missing pages with counts, a filter and reasons in Russian, never the raw error', async () => {
    const sql = platform.db.sql;
    const accounts = await sql<{ id: number }[]>`SELECT id FROM accounts WHERE network = 'vk' AND removed_at IS NULL ORDER BY id LIMIT 3`;
    const [failing, missing, fresh] = accounts.map((a) => a.id);
    await sql`INSERT INTO crawl_health (account_id, last_run_at, last_success_at, last_error_at, last_error_kind, last_error, consecutive_failures)
              VALUES (${failing!}, now(), now() - interval '2 hours', now(), 'transient', 'VK wall.get error 10: Internal server error', 2)`;
    await sql`UPDATE accounts SET status = 'not_found' WHERE id = ${missing!}`;
    await sql`INSERT INTO crawl_health (account_id, last_run_at, last_success_at) VALUES (${fresh!}, now(), now())`;
    const [{ total }] = (await sql`SELECT count(*)::int AS total FROM accounts WHERE removed_at IS NULL`) as unknown as [{ total: number }];

    await page.goto(`${platform.url}/monitor/crawl`);
    const attention = page.getByTestId('crawl-attention');
    await attention.waitFor();
    // Only one page was read recently: everything else needs attention, and nothing claims "no problems".
    expect(await attention.textContent()).toBe(`Требуют внимания: ${total - 1} из ${total}. Прочитаны успешно за последние 26 ч: 1.`);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain('Открытых проблем нет');
    expect(body).not.toContain('Internal server error');
    expect(body).not.toContain('transient');

    const counts = page.getByTestId('crawl-problems');
    expect(await counts.locator('li[data-problem="failing"]').textContent()).toBe('Последний сбор завершился ошибкой: 1');
    expect(await counts.locator('li[data-problem="not_found"]').textContent()).toBe('Страница не найдена: 1');
    await counts.getByRole('button', { name: 'Последний сбор завершился ошибкой: 1' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="crawl-table"] tbody tr').length === 1);
    const row = page.getByTestId('crawl-table').locator('tbody tr');
    expect(await row.getAttribute('data-problem')).toBe('failing');
    expect(await row.getAttribute('class')).toContain('row--problem');
    expect(await row.textContent()).toContain('Последний сбор завершился ошибкой');
    expect(await row.textContent()).toContain('сеть временно не ответила, сбор повторится');
    await page.getByLabel('Проблема').selectOption('not_found');
    await page.waitForFunction(() => document.querySelector('[data-testid="crawl-table"] tbody tr')?.getAttribute('data-problem') === 'not_found');
    await screenshot(page, 'monitor-crawl-problems');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('filters by network: counts and pages of that network only, a channel without a public preview as not found, OK pages never read', async () => {
    const sql = platform.db.sql;
    const [channel] = await sql<{ id: number }[]>`SELECT id FROM accounts WHERE network = 'telegram' AND removed_at IS NULL ORDER BY id LIMIT 1`;
    await sql`UPDATE accounts SET status = 'not_found' WHERE id = ${channel!.id}`;
    const pagesOf = async (network: string) =>
      (
        await sql<{ all: number; active: number }[]>`
        SELECT count(*)::int AS all, (count(*) FILTER (WHERE status = 'active'))::int AS active FROM accounts WHERE network = ${network} AND removed_at IS NULL`
      )[0]!;
    const [telegram, ok] = [await pagesOf('telegram'), await pagesOf('ok')];
    expect(telegram.active).toBeGreaterThan(0);
    expect(ok.active).toBeGreaterThan(0);

    await page.goto(`${platform.url}/monitor/crawl`);
    await page.getByTestId('crawl-attention').waitFor();
    const networkFilter = page.getByLabel('Сеть', { exact: true });
    const counts = page.getByTestId('crawl-problems');
    const rows = page.getByTestId('crawl-table').locator('tbody tr');
    const networksShown = () => rows.evaluateAll((list) => [...new Set(list.map((row) => row.getAttribute('data-network')))]);

    await networkFilter.selectOption('telegram');
    await expect.poll(networksShown).toEqual(['telegram']);
    expect(await rows.count()).toBe(telegram.all);
    await expect.poll(() => counts.locator('li[data-problem="never_read"]').textContent()).toBe(`Страница ещё не читалась: ${telegram.active}`);
    expect(await counts.locator('li[data-problem="failing"]').count()).toBe(0);
    const missing = page.getByTestId('crawl-table').locator('tbody tr[data-problem="not_found"]');
    expect(await missing.count()).toBeGreaterThanOrEqual(1);
    expect(await missing.first().textContent()).toContain('Telegram · Не найдена');
    expect(await missing.first().textContent()).toContain('Страница не найдена');

    await networkFilter.selectOption('ok');
    await expect.poll(networksShown).toEqual(['ok']);
    await expect.poll(() => counts.locator('li[data-problem="never_read"]').textContent()).toBe(`Страница ещё не читалась: ${ok.active}`);
    const neverRead = page.getByTestId('crawl-table').locator('tbody tr[data-problem="never_read"]');
    expect(await neverRead.first().textContent()).toContain('Одноклассники · Активна');
    expect(await neverRead.first().textContent()).toContain('Страница ещё не читалась');
    // Back to every network for the next steps.
    await networkFilter.selectOption('');
    await expect.poll(async () => (await networksShown()).length).toBeGreaterThan(1);
  });

  it('crawls a page now through the queue and says the job waits when no crawler runs', async () => {
    await page.getByLabel('Проблема').selectOption('failing');
    const row = page.getByTestId('crawl-table').locator('tbody tr[data-problem="failing"]');
    await row.waitFor();
    await row.getByRole('button', { name: 'Собрать сейчас' }).click();
    const status = row.getByTestId('crawl-now-status');
    // This platform runs no crawler (no VK token): the screen says the job waits for one, with what is left.
    await status.getByText('Сбор по расписанию на этом сервере не запущен', { exact: false }).waitFor();
    await status.getByText(/Осталось заданий: 1\./).waitFor();
    const jobs = await platform.platform.queue.queue('vk').getJobs(['waiting']);
    expect(jobs.filter((job) => job.name === 'vk-profiles')).toHaveLength(1);
  });

  it('rescores a period now and shows the result', async () => {
    await page.goto(`${platform.url}/monitor/scoring`);
    const rescore = page.getByTestId('rescore-now');
    await rescore.getByLabel('Период', { exact: true }).selectOption('month');
    await rescore.getByLabel('Дата внутри периода (пусто — сегодня)').fill('2026-11-15');
    await rescore.getByRole('button', { name: 'Пересчитать' }).click();
    const status = rescore.getByTestId('rescore-status');
    await status.getByText('Пересчёт завершён.').waitFor({ timeout: 60_000 });
    const [{ n }] = (await platform.db.sql`SELECT count(*)::int AS n FROM account_scores WHERE period_kind = 'month' AND period_start = '2026-11-01'`) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    expect(await status.textContent()).toMatch(
      new RegExp(`Оценено страниц: ${n.toLocaleString('ru-RU').replace(/\s/g, '\\s')}, организаций: [\\d\\s]+, измерено вопросов: \\d+\\. Заняло [\\d,]+ с\\.`),
    );
  });

  it('reviews a comment seeing its text, post, thread and organization, and decides it with the keyboard', async () => {
    const sql = platform.db.sql;
    const [account] = await sql<{ id: number; short_name: string }[]>`
      SELECT a.id, o.short_name FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.network = 'vk' ORDER BY a.id DESC LIMIT 1`;
    const at = new Date('2026-11-12T08:00:00Z');
    const [post] = await sql<{ id: number }[]>`
      INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
      VALUES (${account!.id}, 'ops-review-post', 'https://vk.com/wall-9_9', ${at}, 'Открыта запись на прививки от гриппа', ${at}, ${at}) RETURNING id`;
    const insert = (id: string, text: string, minutes: number, fromPage: boolean, root: number | null) => sql<{ id: number }[]>`
      INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, thread_root_id, reply_to_comment_id, first_seen_at, last_seen_at)
      VALUES (${post!.id}, ${account!.id}, ${id}, ${`https://vk.com/wall-9_9?reply=${id}`}, ${author(minutes)}, ${fromPage}, ${new Date(at.getTime() + minutes * 60_000)},
              ${text}, ${root}, ${root}, ${at}, ${at}) RETURNING id`;
    const [root] = await insert('r1', 'Ну и дела', 1, false, null);
    await insert('r2', 'Добрый день! Запись по телефону регистратуры.', 5, true, root!.id);
    await insert('r3', 'А мне куда звонить? Мой номер 8 917 123-45-67, почта ivan.petrov@example.ru', 9, false, root!.id);
    await classifyPendingComments(sql, { accountIds: [account!.id] });

    await page.goto(`${platform.url}/monitor/review`);
    const current = page.getByTestId('review-current');
    await current.waitFor();
    // The least confident detection comes first: the bare «Ну и дела» with its thread around it.
    expect(await current.getByTestId('review-text').textContent()).toBe('Ну и дела');
    expect(await current.getByTestId('review-organization').textContent()).toBe(account!.short_name);
    expect(await current.getByTestId('review-post').textContent()).toBe('Открыта запись на прививки от гриппа');
    const thread = current.getByTestId('review-thread');
    expect(await thread.locator('li').count()).toBe(3);
    expect(await thread.locator('li.from-page').textContent()).toContain('Ответ страницы');
    const redacted = (await thread.locator('li').nth(2).textContent()) ?? '';
    expect(redacted).toContain('[телефон скрыт]');
    expect(redacted).toContain('[e-mail скрыт]');
    expect(redacted).not.toContain('123-45-67');
    expect(redacted).not.toContain('ivan.petrov');
    const verdict = (await current.locator('dl.meta').last().textContent()) ?? '';
    expect(verdict).toContain('нет явных признаков вопроса, просьбы или жалобы');
    expect(verdict).not.toMatch(/[a-z]+_[a-z]+/);
    expect(await current.getByRole('link', { name: 'Открыть комментарий' }).getAttribute('href')).toBe('https://vk.com/wall-9_9?reply=r1');
    // Key hints on the buttons are readable (WCAG AA: at least 4.5:1).
    const ratios = await page.evaluate(contrastScript);
    expect(ratios.length).toBe(3);
    for (const ratio of ratios) expect(ratio).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'monitor-review-context');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('body').press('n');
    await page.waitForFunction(() => !document.querySelector('[data-testid="review-text"]')?.textContent?.includes('Ну и дела'));
    const [decided] = await sql`SELECT override_needs_answer FROM comment_classifications WHERE comment_id = ${root!.id}`;
    expect(decided?.override_needs_answer).toBe(false);
  });
});
