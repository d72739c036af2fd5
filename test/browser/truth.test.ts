/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { scorePeriod } from '@most/services';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, signIn, startTestPlatform, type TestPlatform } from './harness';

/**
 * An organization with one page that was read (profile without working hours, two posts in a month)
 * and one page that was never read: the first shows measured failures as «… при норме …», the second
 * shows every criterion as not measured, with the reason, and never a failure.
 */
describe('criteria tell the truth about what was measured, in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let agency: Page;
  let read: { id: number; url: string };
  let unread: { id: number; url: string };

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const sql = platform.db.sql;
    const [org] = await sql<{ id: number; code: string }[]>`
      SELECT o.id, o.code FROM organizations o
      WHERE (SELECT count(*) FROM accounts a WHERE a.organization_id = o.id AND a.removed_at IS NULL) >= 2
        AND EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id AND a.network = 'vk' AND a.removed_at IS NULL)
      ORDER BY o.id LIMIT 1`;
    const accounts = await sql<{ id: number; canonical_url: string; network: string }[]>`
      SELECT id, canonical_url, network FROM accounts WHERE organization_id = ${org!.id} AND removed_at IS NULL ORDER BY network <> 'vk', id`;
    read = { id: accounts[0]!.id, url: accounts[0]!.canonical_url };
    unread = { id: accounts[1]!.id, url: accounts[1]!.canonical_url };
    const at = new Date('2026-10-20T10:00:00+04:00');
    await sql`
      INSERT INTO account_snapshots (account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)
      VALUES (${read.id}, ${at}, ${at}, '2026-10-20', 'truth', 'active',
        ${sql.json({
          description: 'Администрация района',
          website: 'https://adm.example.ru',
          phones: ['+7 8452 000000'],
          emails: ['adm@example.ru'],
          address: 'ул. Ленина, 1',
          hasWorkingHours: false,
          links: [],
          membersCount: 1000,
          wall: 'open',
          hasAvatar: true,
          hasCover: false,
        })}, '{}'::jsonb)`;
    for (const day of ['2026-11-02', '2026-11-05']) {
      const published = new Date(`${day}T09:00:00+04:00`);
      await sql`
        INSERT INTO posts (account_id, external_id, url, published_at, text, likes, reposts, comments_count, views, first_seen_at, last_seen_at, comments_read_at)
        VALUES (${read.id}, ${day}, ${`${read.url}?w=wall-1_${day}`}, ${published}, 'Новости района', 5, 0, 0, 300, ${published}, ${published}, ${published})`;
    }
    await scorePeriod(sql, { periodKind: 'month', date: '2026-11-10', methodologyVersion: 1, accountIds: [read.id], now: new Date('2026-12-03T00:00:00Z') });
    await createUserWithPassword(platform, { email: 'smm@truth.test', role: 'agency', organizationCode: org!.code });
    agency = await newPage(browser);
    await signIn(agency, platform.url, 'smm@truth.test');
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function openDetail(url: string) {
    await agency.goto(`${platform.url}/agency`);
    const card = agency.getByRole('article', { name: url });
    await card.getByTestId('account-scores').waitFor();
    await card.getByRole('button', { name: 'Подробно' }).first().click();
    const detail = card.getByTestId('score-detail');
    await detail.waitFor();
    return detail;
  }

  it('shows a measured failing criterion with its value against the norm, and the verdict that follows', async () => {
    const detail = await openDetail(read.url);
    const hours = detail.getByTestId('criterion-row').filter({ hasText: 'Режим работы' });
    expect(await hours.getByTestId('criterion-status').textContent()).toBe('Не выполнен');
    expect(await hours.getByTestId('criterion-result').textContent()).toBe('Режим работы не указан; норма — указан');
    expect(await hours.textContent()).toContain('Выполнен, если в профиле указан режим работы.');

    const cover = detail.getByTestId('criterion-row').filter({ hasText: 'Аватар и обложка' });
    expect(await cover.getByTestId('criterion-result').textContent()).toBe('Аватар установлен, обложки нет; норма — установлены');

    const regularity = detail.getByTestId('criterion-row').filter({ hasText: 'Регулярность публикаций' });
    expect(await regularity.getByTestId('criterion-status').textContent()).toBe('Не выполнен');
    const line = (await regularity.getByTestId('criterion-result').textContent())!.replace(/\u00a0/g, ' ');
    expect(line).toMatch(/^0,5 публикации в неделю, самый длинный перерыв — \d+(,\d)? (дня|дней|день) при норме в среднем не менее 3 публикаций в неделю и ни одного перерыва дольше 7 дней$/);
    const phone = detail.getByTestId('criterion-row').filter({ hasText: 'Телефон' });
    expect(await phone.getByTestId('criterion-status').textContent()).toBe('Выполнен');
    const text = (await detail.textContent())!;
    expect(text).not.toMatch(/gap_start|gap_end|longestGapDays|hasCover|posts = |\(а\)|Мало данных 0 \/ 0/);
    expect(text).toContain('Ещё не оценивался');
    await screenshot(agency, 'truth-measured');
  });

  it('shows every criterion of a page that was never read as not measured, with the reason', async () => {
    const card = agency.getByRole('article', { name: unread.url });
    await agency.goto(`${platform.url}/agency`);
    await card.getByTestId('account-scores').waitFor();
    expect(await card.getByTestId('account-scores').textContent()).toContain('Не измерено: страница не читалась');
    const detail = await openDetail(unread.url);
    const statuses = await detail.getByTestId('criterion-status').allTextContents();
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => /^(Не выполнен|Выполнен|Выполнен частично)$/.test(s))).toEqual([]);
    const results = await detail.getByTestId('criterion-result').allTextContents();
    expect(results).toContain('Не измерялся: страница не читалась');
    expect(results.join(' ')).not.toMatch(/при норме|публикаций|перерыв/);
    const coverage = agency.getByTestId('organization-coverage');
    expect(await coverage.textContent()).toContain(`${unread.url} — Не измерено: страница не читалась`);
    await screenshot(agency, 'truth-unread');
    await agency.goto(`${platform.url}/agency/recommendations`);
    await agency.getByRole('heading', { level: 1 }).waitFor();
    expect(await agency.locator('main').textContent()).not.toContain(unread.url);
  });
});
