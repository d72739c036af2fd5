/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestSmtpServer, type ReceivedMail as Mail, type TestSmtpServer } from '@most/worker/testing';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, startTestPlatform, TEST_PASSWORD, type TestPlatform } from './harness';

/** The text part of a single-part message as the platform sends it (base64 body). */
function mailText(raw: string): string {
  const [headers, ...body] = raw.split(/\r?\n\r?\n/);
  const joined = body.join('\n\n');
  return /content-transfer-encoding:\s*base64/i.test(headers ?? '') ? Buffer.from(joined.replace(/\s+/g, ''), 'base64').toString('utf8') : joined;
}

const linkIn = (mail: Mail, path: string) => {
  const match = new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_%-]+`).exec(mailText(mail.raw));
  if (!match) throw new Error(`no ${path} link in the e-mail:\n${mailText(mail.raw)}`);
  return match[0];
};

describe('invitation and password reset through real e-mail, in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let smtp: TestSmtpServer;
  const inbox = () => smtp.received;

  /** Waits for the next message to this address (the SMTP server receives what the platform sends). */
  const nextMail = async (to: string, after: number): Promise<Mail> => {
    for (let i = 0; i < 200; i += 1) {
      const found = inbox()
        .slice(after)
        .find((m) => m.to.includes(to));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no e-mail to ${to}`);
  };

  beforeAll(async () => {
    ensureWebBuild();
    smtp = await startTestSmtpServer();
    [platform, browser] = await Promise.all([startTestPlatform({ env: { SMTP_URL: smtp.url } }), launchChromium()]);
    await createUserWithPassword(platform, { email: 'slushatel@most.test', role: 'trainee', displayName: 'Слушатель' });
    await createUserWithPassword(platform, { email: 'admin@most.test', role: 'admin' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await smtp?.close();
  });

  it('resets a forgotten password: request → e-mail → link → new password → sign in', async () => {
    const page: Page = await newPage(browser);
    await page.goto(`${platform.url}/login`);
    await page.getByRole('link', { name: 'Забыли пароль?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Восстановление пароля' }).waitFor();
    expect(await page.title()).toBe('Восстановление пароля — Цифровой мост');

    // An unknown address gets exactly the same answer (nobody can probe who is registered).
    await page.getByLabel('Электронная почта').fill('nobody@most.test');
    await page.getByRole('button', { name: 'Отправить ссылку' }).click();
    const unknownAnswer = await page.getByTestId('reset-requested').textContent();
    await page.goto(`${platform.url}/forgot-password`);
    const sentBefore = inbox().length;
    await page.getByLabel('Электронная почта').fill('slushatel@most.test');
    await page.getByRole('button', { name: 'Отправить ссылку' }).click();
    expect(await page.getByTestId('reset-requested').textContent()).toBe(unknownAnswer);

    const mail = await nextMail('slushatel@most.test', sentBefore);
    expect(
      inbox()
        .slice(sentBefore)
        .some((m) => m.to.includes('nobody@most.test')),
    ).toBe(false);
    const link = linkIn(mail, '/reset-password');
    // Links carry PUBLIC_URL, or without it this server's own loopback address (never the request's Host).
    const origin = new URL(link).origin;
    expect(new URL(link).port).toBe(new URL(platform.url).port);

    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Новый пароль' }).waitFor();
    await page.getByText('Задайте новый пароль для адреса slushatel@most.test.').waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).and(page.locator('input')).fill('коротко');
    await page.getByLabel('Пароль ещё раз').fill('коротко');
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByText('Пароль должен быть не короче 10 символов.').waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).and(page.locator('input')).fill('новый пароль слушателя');
    await page.getByLabel('Пароль ещё раз').fill('новый пароль слушателя');
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();

    await page.waitForURL(/\/login\?reset=1$/);
    await page.getByText('Пароль изменён. Войдите с новым паролем.').waitFor();
    await page.getByLabel('Электронная почта').fill('slushatel@most.test');
    await page.getByLabel('Пароль').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).last().click();
    await page.getByText('Неверная почта или пароль.').waitFor();
    await page.getByLabel('Пароль').fill('новый пароль слушателя');
    await page.getByRole('button', { name: 'Войти' }).last().click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.waitForURL(`${origin}/training`);

    // The link works once.
    const again = await newPage(browser);
    await again.goto(link);
    expect(await again.getByTestId('link-problem').textContent()).toBe('Эта ссылка уже использована или заменена более новой. Запросите новую.');
    await again.getByRole('link', { name: 'Запросить новую ссылку' }).waitFor();
    await again.goto(`${origin}/reset-password?token=${'x'.repeat(43)}`);
    expect(await again.getByTestId('link-problem').textContent()).toBe('Ссылка недействительна: проверьте, что она скопирована из письма целиком.');
    await again.goto(`${origin}/reset-password`);
    expect(await again.getByTestId('link-problem').textContent()).toContain('В адресе нет ссылки из письма');
    await screenshot(again, 'account-reset-link-problem');
    expect(await seriousA11yViolations(again)).toEqual([]);
  });

  it('says an expired link has expired', async () => {
    const page = await newPage(browser);
    const sentBefore = inbox().length;
    await page.goto(`${platform.url}/forgot-password`);
    await page.getByLabel('Электронная почта').fill('slushatel@most.test');
    await page.getByRole('button', { name: 'Отправить ссылку' }).click();
    const link = linkIn(await nextMail('slushatel@most.test', sentBefore), '/reset-password');
    await platform.db.sql`UPDATE auth_tokens SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL AND purpose = 'password_reset'`;
    await page.goto(link);
    expect(await page.getByTestId('link-problem').textContent()).toBe('Срок действия ссылки истёк. Запросите новую.');
  });

  it('accepts an invitation sent from the users screen and lands on the role home, signed in', async () => {
    const admin = await newPage(browser);
    await admin.goto(`${platform.url}/login`);
    await admin.getByLabel('Электронная почта').fill('admin@most.test');
    await admin.getByLabel('Пароль').fill(TEST_PASSWORD);
    await admin.getByRole('button', { name: 'Войти' }).last().click();
    await admin.waitForURL(/\/monitor\/review$/);
    await admin.goto(`${platform.url}/monitor/users`);
    const sentBefore = inbox().length;
    await admin.getByLabel('Электронная почта').fill('prepod@most.test');
    await admin.locator('#invite-role').selectOption('instructor');
    await admin.getByRole('button', { name: 'Пригласить' }).click();
    await admin.getByText('Приглашение отправлено на prepod@most.test.').waitFor();

    const link = linkIn(await nextMail('prepod@most.test', sentBefore), '/accept-invitation');
    const invitee = await newPage(browser);
    await invitee.goto(link);
    await invitee.getByRole('heading', { level: 1, name: 'Приглашение в «Цифровой мост»' }).waitFor();
    await invitee.getByLabel('Как вас называть (необязательно)').fill('Пётр Преподаватель');
    await invitee.getByLabel('Новый пароль', { exact: true }).and(invitee.locator('input')).fill('пароль преподавателя');
    await invitee.getByLabel('Пароль ещё раз').fill('пароль преподавателя');
    await invitee.getByRole('button', { name: 'Задать пароль и войти' }).click();
    await invitee.waitForURL(`${new URL(link).origin}/training/teach`);
    expect(await invitee.getByTestId('signed-in-as').textContent()).toContain('Пётр Преподаватель');
  });
});
