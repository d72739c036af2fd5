/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { claimDueAlerts, getAlertSettings, planAlerts, recordAlertFailure } from '@most/db/alerts';
import { askQuestion, makeAlertAgency } from '@most/db/testing';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, signIn, startTestPlatform, type TestPlatform } from './harness';

const HOUR = 3_600_000;

describe('alerts in the dashboard, in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let userId: number;
  const email = 'alerts-agency@test.local';

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    // A question asked 18½ hours ago on the agency's page, still unanswered: its warning is due.
    const asked = new Date(Date.now() - 18.5 * HOUR);
    const page = await makeAlertAgency(platform.db.sql, { email: 'placeholder-agency@test.local', postAt: new Date(asked.getTime() - HOUR) });
    await askQuestion(platform.db.sql, page, { askedAt: asked, text: 'Когда уберут снег во дворе? Звоните 8 927 111 22 33' });
    const [org] = await platform.db.sql<{ code: string }[]>`SELECT code FROM organizations WHERE id = ${page.organizationId}`;
    userId = (await createUserWithPassword(platform, { email, role: 'agency', organizationCode: org!.code })).id;
    // The morning digest would also be due at some hours of the day: this test is about the warning.
    await platform.db.sql`UPDATE alert_rules SET enabled = false WHERE kind = 'morning_digest'`;
    await planAlerts(platform.db.sql, new Date(), { publicUrl: platform.url, telegram: false });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('the agency sees the unread count in the header, reads the alert and marks it read', async () => {
    const page = await newPage(browser);
    await signIn(page, platform.url, email);
    await expect.poll(async () => page.getByTestId('unread-count').first().textContent(), { timeout: 60_000 }).toBe('1');
    await page.getByTestId('notifications-link').first().click();
    const item = page.getByTestId('notification').first();
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toMatch(/Ответьте на вопрос: осталось 5 часов \d+ минут/);
    expect(text).toContain('[телефон скрыт]');
    expect(text).not.toContain('927');
    expect(await item.getAttribute('data-read')).toBe('no');
    await screenshot(page, 'alerts-notifications');
    await item.getByRole('button', { name: 'Прочитано' }).click();
    await expect.poll(async () => item.getAttribute('data-read'), { timeout: 60_000 }).toBe('yes');
    await expect.poll(async () => page.getByTestId('unread-count').count(), { timeout: 60_000 }).toBe(0);
    const [row] = await platform.db.sql<{ read: boolean }[]>`SELECT read_at IS NOT NULL AS read FROM alerts WHERE user_id = ${userId} AND channel = 'in_app'`;
    expect(row!.read).toBe(true);
  }, 180_000);

  it('a delivery being retried is shown to monitors on /monitor/alerts, with its error and next attempt', async () => {
    // The agency's warning e-mail is claimed by a sender and refused by the mail server once.
    const [claimed] = (await claimDueAlerts(platform.db.sql, new Date())).filter((a) => a.userId === userId && a.channel === 'email');
    expect(claimed).toBeDefined();
    expect(await recordAlertFailure(platform.db.sql, claimed!, '451 Mailbox busy, try again later', { permanent: false })).toBe('retrying');
    await createUserWithPassword(platform, { email: 'alerts-monitor@test.local', role: 'monitor' });
    const page = await newPage(browser);
    await signIn(page, platform.url, 'alerts-monitor@test.local');
    await page.goto(`${platform.url}/monitor/alerts`);
    const row = page.getByTestId('alert-problems').locator('tbody tr', { hasText: email });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(`${email} (`);
    expect(text).toContain('повтор');
    expect(text).toContain('451 Mailbox busy, try again later');
    expect(text).toMatch(/Ответьте на вопрос: осталось/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await screenshot(page, 'alerts-monitor-problems');
  }, 180_000);

  it('the profile page switches a subscription; the e-mail unsubscribe link lands on a Russian page that works', async () => {
    const page = await newPage(browser);
    await signIn(page, platform.url, email);
    await page.goto(`${platform.url}/profile`);
    const box = page.getByTestId('sub-deadline_breach-email');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await page.getByTestId('telegram-state').textContent()).toBe('Telegram-бот на этом сервере не настроен.');
    await box.uncheck();
    await expect
      .poll(
        async () => (await platform.db.sql<{ enabled: boolean }[]>`SELECT enabled FROM alert_subscriptions WHERE user_id = ${userId} AND kind = 'deadline_breach' AND channel = 'email'`)[0]?.enabled,
        { timeout: 60_000 },
      )
      .toBe(false);

    const { unsubscribeToken } = await getAlertSettings(platform.db.sql, { id: userId, role: 'agency' });
    const link = await newPage(browser);
    await link.goto(`${platform.url}/alerts/unsubscribe/${unsubscribeToken}`);
    expect(await link.locator('h1').textContent()).toBe('Отписка от писем-оповещений');
    await link.getByRole('button', { name: 'Отписаться от писем' }).click();
    await link.locator('h1', { hasText: 'Вы отписаны' }).waitFor();
    expect(await link.locator('body').textContent()).toContain(email);

    await page.reload();
    await expect.poll(async () => page.getByTestId('email-state').textContent(), { timeout: 60_000 }).toBe('Вы отписались от писем-оповещений.');
    await screenshot(page, 'alerts-profile');
    const bad = await link.goto(`${platform.url}/alerts/unsubscribe/not-a-real-token-at-all`);
    expect(bad?.status()).toBe(404);
  }, 180_000);
});
