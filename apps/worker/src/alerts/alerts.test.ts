import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseCrawlAlert, recordCrawlFailure } from '@most/db';
import { createTelegramLinkCode, getAlertSettings, listAlertDeliveryProblems, setAlertSubscription, unsubscribeAlertEmails, updateAlertSettings } from '@most/db/alerts';
import { decideDispute, raiseDispute } from '@most/services';
import { answerQuestion, askQuestion, createTestDatabase, makeAlertAgency, makeAlertUser, type TestDatabase } from '@most/db/testing';
import { startTelegramBotServer, type TelegramBotServer } from '@most/sources/simulator';
import { alertSendersFor, decodedMailText, startTestSmtpServer, type TestSmtpServer } from '../testing';
import type { AlertWorkerOptions } from './options';
import { runAlertsSweep, type AlertSenders } from './sweep';

const H = 3_600_000;
const MIN = 60_000;

async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('alerts through a real SMTP server and a Bot API server', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let bot: TelegramBotServer;
  let options: AlertWorkerOptions;
  let senders: AlertSenders;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startTestSmtpServer();
    bot = await startTelegramBotServer();
    ({ options, senders } = alertSendersFor(smtp, bot));
  });
  afterAll(async () => {
    senders?.mailer.close();
    await smtp?.close();
    await bot?.close();
    await db?.drop();
  });

  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  const telegramTo = (chatId: number) => bot.sent.filter((m) => m.chatId === String(chatId) && !m.text.startsWith('Telegram подключён'));

  /** Links the user's Telegram chat through the deep-link code, as a sweep reads `/start <code>`. */
  async function linkTelegram(user: { id: number; role: 'agency' | 'monitor' }, chatId: number, at: Date) {
    const { code } = await createTelegramLinkCode(db.sql, user.id, at);
    bot.userWrites(chatId, `/start ${code}`);
    const swept = await runAlertsSweep(db.sql, senders, options, at);
    expect(swept.linked).toBe(1);
    expect((await getAlertSettings(db.sql, user)).telegramLinked).toBe(true);
  }

  /** An agency whose staff member linked Telegram through the deep-link code. */
  async function linkedAgency(email: string, chatId: number, asked: Date) {
    const agency = await makeAlertAgency(db.sql, { email, postAt: new Date(asked.getTime() - H) });
    await linkTelegram({ id: agency.userId, role: 'agency' }, chatId, asked);
    return agency;
  }

  /** A linked agency with quiet hours (Saratov minutes) whose question was asked at `asked`; swept once past the 18-hour threshold. */
  async function quietAgencyQuestion(email: string, chatId: number, asked: Date, quietHours: { startMinute: number; endMinute: number }) {
    const agency = await linkedAgency(email, chatId, asked);
    await updateAlertSettings(db.sql, agency.userId, { quietHours });
    await askQuestion(db.sql, agency, { askedAt: asked });
    await runAlertsSweep(db.sql, senders, options, new Date(asked.getTime() + 18 * H + MIN));
    return agency;
  }

  /** Several senders at once, then one more later: idempotency must hold across all of them. */
  async function sweepRepeatedly(at: Date, extra: { missingSchedules?: string[] } = {}) {
    await Promise.all([1, 2, 3].map(() => runAlertsSweep(db.sql, senders, { ...options, ...extra }, at)));
    await runAlertsSweep(db.sql, senders, { ...options, ...extra }, new Date(at.getTime() + MIN));
  }

  const channelsOf = async (userId: number) =>
    (await db.sql<{ kind: string; channel: string }[]>`SELECT kind, channel FROM alerts WHERE user_id = ${userId} AND status IN ('sent', 'pending') ORDER BY kind, channel`).map(
      (r) => `${r.kind}/${r.channel}`,
    );

  it('threshold crossing: exactly one alert per channel, however many sweeps run, in parallel too', async () => {
    const asked = new Date('2026-12-01T06:00:00Z');
    const agency = await linkedAgency('one@agency.example', 1001, asked);
    await askQuestion(db.sql, agency, { askedAt: asked, text: 'Когда дадут горячую воду? Пишите на petrov@mail.ru' });
    await sweepRepeatedly(new Date(asked.getTime() + 18 * H + MIN));
    expect(mailsTo('one@agency.example')).toHaveLength(1);
    expect(telegramTo(1001)).toHaveLength(1);
    const inApp = await db.sql`SELECT id FROM alerts WHERE user_id = ${agency.userId} AND channel = 'in_app'`;
    expect(inApp).toHaveLength(1);

    const mail = mailsTo('one@agency.example')[0]!.raw;
    const { unsubscribeToken } = await getAlertSettings(db.sql, { id: agency.userId, role: 'agency' });
    expect(mail).toMatch(new RegExp(`List-Unsubscribe:\\s+<https://most.example/alerts/unsubscribe/${unsubscribeToken}>`));
    expect(mail).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const text = decodedMailText(mail);
    expect(text).toContain('Ответьте на вопрос: осталось 5 часов 59 минут');
    expect(text).toContain('[e-mail скрыт]');
    expect(text).not.toContain('petrov@');
    expect(telegramTo(1001)[0]!.text).toMatch(/^Ответьте на вопрос: осталось 5 часов 59 минут\n\n.*\nВопрос от 1 декабря, 10:00/s);
    expect(telegramTo(1001)[0]!.text).toContain('Ответить: https://vk.com/wall-1_');
  });

  it('an answered question produces none; a failed send is retried with backoff and shown to monitors meanwhile', async () => {
    const asked = new Date('2026-12-03T06:00:00Z');
    const agency = await linkedAgency('two@agency.example', 1002, asked);
    const question = await askQuestion(db.sql, agency, { askedAt: asked });
    await answerQuestion(db.sql, agency, question, new Date(asked.getTime() + 3 * H));
    await runAlertsSweep(db.sql, senders, options, new Date(asked.getTime() + 18 * H + MIN));
    await runAlertsSweep(db.sql, senders, options, new Date(asked.getTime() + 24 * H + MIN));
    expect(mailsTo('two@agency.example')).toEqual([]);
    expect(telegramTo(1002)).toEqual([]);

    const open = await askQuestion(db.sql, agency, { askedAt: new Date(asked.getTime() + H), author: 'second' });
    expect(open).toBeGreaterThan(question);
    bot.failSends(1, 500);
    const at = new Date(asked.getTime() + 19 * H + MIN);
    expect((await runAlertsSweep(db.sql, senders, options, at)).failed).toBe(1);
    expect(telegramTo(1002)).toEqual([]);
    expect((await listAlertDeliveryProblems(db.sql)).find((p) => p.recipient === 'two@agency.example')).toMatchObject({ channel: 'telegram', status: 'retrying', attempts: 1 });
    await runAlertsSweep(db.sql, senders, options, new Date(at.getTime() + 30_000));
    expect(telegramTo(1002)).toEqual([]);
    await runAlertsSweep(db.sql, senders, options, new Date(at.getTime() + 2 * MIN));
    expect(telegramTo(1002)).toHaveLength(1);
    expect(mailsTo('two@agency.example')).toHaveLength(1);
  });

  it('quiet hours delay e-mail and Telegram to their end; an unsubscribe link stops e-mail only', async () => {
    // Asked 04:30 Saratov, so the warning falls at 22:30, inside quiet hours 22:00–23:00; the deadline is 04:30.
    const asked = new Date('2026-12-05T00:30:00Z');
    const agency = await quietAgencyQuestion('three@agency.example', 1003, asked, { startMinute: 22 * 60, endMinute: 23 * 60 });
    await runAlertsSweep(db.sql, senders, options, new Date('2026-12-05T18:59:00Z'));
    expect(mailsTo('three@agency.example')).toEqual([]);
    expect(telegramTo(1003)).toEqual([]);
    await runAlertsSweep(db.sql, senders, options, new Date('2026-12-05T19:00:30Z'));
    expect(mailsTo('three@agency.example')).toHaveLength(1);
    expect(telegramTo(1003)).toHaveLength(1);
    expect(telegramTo(1003)[0]!.text).toMatch(/^Ответьте на вопрос: осталось 5 часов 29 минут\n/);

    const { unsubscribeToken } = await getAlertSettings(db.sql, { id: agency.userId, role: 'agency' });
    await unsubscribeAlertEmails(db.sql, unsubscribeToken);
    await runAlertsSweep(db.sql, senders, options, new Date('2026-12-06T00:31:00Z'));
    expect(telegramTo(1003).map((m) => m.text.split('\n')[0])).toEqual(['Ответьте на вопрос: осталось 5 часов 29 минут', 'Срок ответа истёк 1 минута назад']);
    expect(mailsTo('three@agency.example')).toHaveLength(1);
  });

  it('a warning held by quiet hours past its deadline is skipped, not sent late', async () => {
    const asked = new Date('2026-12-06T00:30:00Z');
    const agency = await quietAgencyQuestion('late@agency.example', 1005, asked, { startMinute: 22 * 60, endMinute: 7 * 60 });
    await runAlertsSweep(db.sql, senders, options, new Date('2026-12-07T03:00:30Z'));
    expect(telegramTo(1005).map((m) => m.text.split('\n')[0])).toEqual(['Срок ответа истёк 2 часа 30 минут назад']);
    const rows = await db.sql<{ kind: string; status: string }[]>`SELECT kind, status FROM alerts WHERE user_id = ${agency.userId} AND channel = 'email' ORDER BY kind`;
    expect(rows).toEqual([
      { kind: 'deadline_breach', status: 'sent' },
      { kind: 'deadline_warning', status: 'skipped' },
    ]);
  });

  it('a new recommendation and a decided dispute: one alert per channel per staff member; a switched-off kind is not sent', async () => {
    // Recommendations and decisions are stamped by the database clock: the sweeps run at the real time.
    const now = new Date();
    const agency = await linkedAgency('five@agency.example', 1006, now);
    const colleague = await makeAlertUser(db.sql, { email: 'six@agency.example', role: 'agency', organizationId: agency.organizationId });
    await setAlertSubscription(db.sql, colleague, { kind: 'new_recommendation', channel: 'email', enabled: false });
    const [methodology] = await db.sql<{ version: number }[]>`SELECT max(version)::int AS version FROM methodology_versions`;
    await db.sql`
      INSERT INTO recommendations (account_id, period_kind, period_start, methodology_version, criterion_code, generated_text)
      VALUES (${agency.accountId}, 'week', '2026-11-30', ${methodology!.version}, 'sla_24h', 'Отвечайте на вопросы жителей в течение суток.')`;
    const question = await askQuestion(db.sql, agency, { askedAt: new Date(now.getTime() - 2 * H) });
    const monitor = { id: null, label: 'monitor@test' };
    const dispute = await raiseDispute(db.sql, { accountId: agency.accountId, commentId: question, reason: 'not_a_question', text: 'Это благодарность, а не вопрос.' }, monitor);
    await decideDispute(db.sql, { disputeId: dispute, accept: false, reason: 'В комментарии есть вопрос о сроках.' }, monitor);

    await sweepRepeatedly(new Date(Date.now() + 1_000));
    const kinds = ['dispute_decided', 'new_recommendation'];
    expect((await channelsOf(agency.userId)).filter((k) => kinds.some((kind) => k.startsWith(kind)))).toEqual([
      'dispute_decided/email',
      'dispute_decided/in_app',
      'dispute_decided/telegram',
      'new_recommendation/email',
      'new_recommendation/in_app',
      'new_recommendation/telegram',
    ]);
    expect((await channelsOf(colleague)).filter((k) => kinds.some((kind) => k.startsWith(kind)))).toEqual(['dispute_decided/email', 'dispute_decided/in_app', 'new_recommendation/in_app']);
    // Only these two kinds (a morning digest may also be due, depending on the hour the test runs).
    const notices = (email: string) => mailsTo(email).filter((m) => /Возражение № |Новых рекомендаций/.test(decodedMailText(m.raw)));
    expect(notices('five@agency.example')).toHaveLength(2);
    expect(notices('six@agency.example')).toHaveLength(1);
    const telegram = telegramTo(1006).map((m) => m.text);
    expect(telegram.filter((text) => text.includes(`Возражение № ${dispute} отклонено`))).toHaveLength(1);
    expect(telegram.filter((text) => text.includes('Новых рекомендаций по вашим страницам: 1'))).toHaveLength(1);
  });

  it('monitor rules (a page failing repeatedly, a token refused, a schedule missing): one alert per channel per monitor, quiet hours and subscriptions respected', async () => {
    // 18:30 UTC = 22:30 Saratov: inside the second monitor's quiet hours 22:00–23:00.
    const at = new Date('2026-12-10T18:30:00Z');
    const first = await makeAlertUser(db.sql, { email: 'first@monitor.example', role: 'monitor' });
    const second = await makeAlertUser(db.sql, { email: 'second@monitor.example', role: 'monitor' });
    await linkTelegram({ id: first, role: 'monitor' }, 2001, new Date(at.getTime() - H));
    await updateAlertSettings(db.sql, second, { quietHours: { startMinute: 22 * 60, endMinute: 23 * 60 } });
    await setAlertSubscription(db.sql, second, { kind: 'token_refused', channel: 'email', enabled: false });

    const page = await makeAlertAgency(db.sql, { email: 'failing@agency.example', postAt: new Date(at.getTime() - 48 * H) });
    for (const minutes of [30, 20, 10]) {
      await recordCrawlFailure(db.sql, page.accountId, { kind: 'network', message: 'ECONNRESET', at: new Date(at.getTime() - minutes * MIN) });
    }
    await raiseCrawlAlert(db.sql, { kind: 'auth', network: 'vk', tokenFingerprint: 'abc123', message: 'User authorization failed', at: new Date(at.getTime() - 5 * MIN) });
    await sweepRepeatedly(at, { missingSchedules: ['crawl-vk-posts'] });

    const kinds = ['page_failing', 'schedule_missing', 'token_refused'];
    expect(await channelsOf(first)).toEqual(kinds.flatMap((kind) => [`${kind}/email`, `${kind}/in_app`, `${kind}/telegram`]));
    expect(mailsTo('first@monitor.example')).toHaveLength(3);
    expect(telegramTo(2001).map((m) => m.text.split('\n')[0])).toHaveLength(3);
    expect(telegramTo(2001).find((m) => m.text.includes('3 неудачных чтений подряд'))?.text).toContain('ECONNRESET');
    expect(await channelsOf(second)).toEqual(['page_failing/email', 'page_failing/in_app', 'schedule_missing/email', 'schedule_missing/in_app', 'token_refused/in_app']);
    // Held until the quiet hours end, then sent once.
    expect(mailsTo('second@monitor.example')).toEqual([]);
    await runAlertsSweep(db.sql, senders, { ...options, missingSchedules: ['crawl-vk-posts'] }, new Date('2026-12-10T19:00:30Z'));
    await runAlertsSweep(db.sql, senders, options, new Date('2026-12-10T19:05:00Z'));
    expect(mailsTo('second@monitor.example')).toHaveLength(2);
    expect(mailsTo('first@monitor.example')).toHaveLength(3);
  });

  it('a sender killed (kill -9) mid-delivery: no duplicate after restart, and the lost outcome is shown to monitors', async () => {
    // A database of its own: the crashing sender must find only this alert to send.
    const own = await createTestDatabase();
    const asked = new Date('2026-12-08T06:00:00Z');
    const agency = await makeAlertAgency(own.sql, { email: 'four@agency.example', postAt: new Date(asked.getTime() - H) });
    await askQuestion(own.sql, agency, { askedAt: asked });
    const hanging = await startTestSmtpServer({ hang: true });
    const at = new Date(asked.getTime() + 18 * H + MIN);
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sweep-once.ts', import.meta.url))], {
        env: { ...process.env, DATABASE_URL: own.url, SMTP_URL: hanging.url, PUBLIC_URL: 'https://most.example', ALERTS_NOW: at.toISOString(), TELEGRAM_BOT_TOKEN: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      let exitCode: number | null | undefined;
      const exited = new Promise((resolve) => child.once('exit', (code) => resolve((exitCode = code))));
      // The message reached the server; the sender never got "250 OK" and never recorded it.
      await waitFor(
        () => {
          if (exitCode !== undefined) throw new Error(`The sender exited before the crash point: ${output}`);
          return hanging.received.some((m) => m.to.includes('four@agency.example'));
        },
        'the SMTP server to receive the alert',
        90_000,
      );
      child.kill('SIGKILL');
      await exited;
    } finally {
      await hanging.close();
    }
    try {
      const [row] = await own.sql<{ status: string }[]>`SELECT status FROM alerts WHERE user_id = ${agency.userId} AND channel = 'email'`;
      expect(row!.status).toBe('sending');
      // A new worker, before and after the lease: neither sends it again.
      await runAlertsSweep(own.sql, senders, options, new Date(at.getTime() + MIN));
      await runAlertsSweep(own.sql, senders, options, new Date(at.getTime() + 10 * MIN));
      await runAlertsSweep(own.sql, senders, options, new Date(at.getTime() + 60 * MIN));
      expect(mailsTo('four@agency.example')).toEqual([]);
      expect((await listAlertDeliveryProblems(own.sql)).find((p) => p.recipient === 'four@agency.example')).toMatchObject({ channel: 'email', status: 'unknown' });
    } finally {
      await own.drop();
    }
  }, 180_000);
});
