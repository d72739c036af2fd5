import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramLinkCode, getAlertSettings, listAlertDeliveryProblems, unsubscribeAlertEmails, updateAlertSettings } from '@most/db/alerts';
import { answerQuestion, askQuestion, createTestDatabase, makeAlertAgency, type TestDatabase } from '@most/db/testing';
import { createTelegramBot } from '@most/sources';
import { startTelegramBotServer, type TelegramBotServer } from '@most/sources/simulator';
import { createBulletinMailer } from '../processors/bulletin-mailer';
import type { AlertWorkerOptions } from './options';
import { runAlertsSweep, type AlertSenders } from './sweep';

const H = 3_600_000;
const MIN = 60_000;

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server; `hang` keeps the DATA phase open (the sender never hears "250 OK"). */
async function startSmtp(options: { hang?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8') });
        if (!options.hang) callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const decoded = (raw: string) =>
  raw
    .split(/\r?\n--/)
    .map((part) => {
      const [head, ...body] = part.split(/\r?\n\r?\n/);
      return head && /content-transfer-encoding:\s*base64/i.test(head) ? Buffer.from(body.join('\n').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8') : '';
    })
    .join('\n');

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
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let bot: TelegramBotServer;
  let options: AlertWorkerOptions;
  let senders: AlertSenders;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtp();
    bot = await startTelegramBotServer();
    options = {
      smtpUrl: smtp.url,
      outboxDir: '/nonexistent',
      publicUrl: 'https://most.example',
      from: 'Цифровой мост <alerts@most.example>',
      telegram: { token: bot.token, apiUrl: bot.url },
      leaseMs: 5 * MIN,
      catchUpMs: 6 * H,
    };
    senders = { mailer: createBulletinMailer(options), telegram: createTelegramBot({ token: bot.token, apiUrl: bot.url }) };
  });
  afterAll(async () => {
    senders?.mailer.close();
    await smtp?.close();
    await bot?.close();
    await db?.drop();
  });

  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  const telegramTo = (chatId: number) => bot.sent.filter((m) => m.chatId === String(chatId) && !m.text.startsWith('Telegram подключён'));

  /** An agency whose staff member linked Telegram through the deep-link code. */
  async function linkedAgency(email: string, chatId: number, asked: Date) {
    const agency = await makeAlertAgency(db.sql, { email, postAt: new Date(asked.getTime() - H) });
    const { code } = await createTelegramLinkCode(db.sql, agency.userId, asked);
    bot.userWrites(chatId, `/start ${code}`);
    const swept = await runAlertsSweep(db.sql, senders, options, asked);
    expect(swept.linked).toBe(1);
    expect((await getAlertSettings(db.sql, { id: agency.userId, role: 'agency' })).telegramLinked).toBe(true);
    return agency;
  }

  it('threshold crossing: exactly one alert per channel, however many sweeps run, in parallel too', async () => {
    const asked = new Date('2026-12-01T06:00:00Z');
    const agency = await linkedAgency('one@agency.example', 1001, asked);
    await askQuestion(db.sql, agency, { askedAt: asked, text: 'Когда дадут горячую воду? Пишите на petrov@mail.ru' });
    const at = new Date(asked.getTime() + 18 * H + MIN);
    await Promise.all([1, 2, 3].map(() => runAlertsSweep(db.sql, senders, options, at)));
    await runAlertsSweep(db.sql, senders, options, new Date(at.getTime() + MIN));
    expect(mailsTo('one@agency.example')).toHaveLength(1);
    expect(telegramTo(1001)).toHaveLength(1);
    const inApp = await db.sql`SELECT id FROM alerts WHERE user_id = ${agency.userId} AND channel = 'in_app'`;
    expect(inApp).toHaveLength(1);

    const mail = mailsTo('one@agency.example')[0]!.raw;
    const { unsubscribeToken } = await getAlertSettings(db.sql, { id: agency.userId, role: 'agency' });
    expect(mail).toMatch(new RegExp(`List-Unsubscribe:\\s+<https://most.example/alerts/unsubscribe/${unsubscribeToken}>`));
    expect(mail).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const text = decoded(mail);
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
    const agency = await linkedAgency('three@agency.example', 1003, asked);
    await updateAlertSettings(db.sql, agency.userId, { quietHours: { startMinute: 22 * 60, endMinute: 23 * 60 } });
    await askQuestion(db.sql, agency, { askedAt: asked });
    await runAlertsSweep(db.sql, senders, options, new Date(asked.getTime() + 18 * H + MIN));
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
    const agency = await linkedAgency('late@agency.example', 1005, asked);
    await updateAlertSettings(db.sql, agency.userId, { quietHours: { startMinute: 22 * 60, endMinute: 7 * 60 } });
    await askQuestion(db.sql, agency, { askedAt: asked });
    await runAlertsSweep(db.sql, senders, options, new Date(asked.getTime() + 18 * H + MIN));
    await runAlertsSweep(db.sql, senders, options, new Date('2026-12-07T03:00:30Z'));
    expect(telegramTo(1005).map((m) => m.text.split('\n')[0])).toEqual(['Срок ответа истёк 2 часа 30 минут назад']);
    const rows = await db.sql<{ kind: string; status: string }[]>`SELECT kind, status FROM alerts WHERE user_id = ${agency.userId} AND channel = 'email' ORDER BY kind`;
    expect(rows).toEqual([
      { kind: 'deadline_breach', status: 'sent' },
      { kind: 'deadline_warning', status: 'skipped' },
    ]);
  });

  it('a sender killed (kill -9) mid-delivery: no duplicate after restart, and the lost outcome is shown to monitors', async () => {
    // A database of its own: the crashing sender must find only this alert to send.
    const own = await createTestDatabase();
    const asked = new Date('2026-12-08T06:00:00Z');
    const agency = await makeAlertAgency(own.sql, { email: 'four@agency.example', postAt: new Date(asked.getTime() - H) });
    await askQuestion(own.sql, agency, { askedAt: asked });
    const hanging = await startSmtp({ hang: true });
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
