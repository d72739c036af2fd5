import { createTelegramBot } from '@most/sources';
import type { AlertWorkerOptions } from '../alerts/options';
import type { AlertSenders } from '../alerts/sweep';
import { createBulletinMailer } from '../processors/bulletin-mailer';

/** The alerts sweep's options and senders wired to a test SMTP server and a Bot API test server. */
export function alertSendersFor(smtp: { url: string }, bot: { token: string; url: string }): { options: AlertWorkerOptions; senders: AlertSenders } {
  const options: AlertWorkerOptions = {
    smtpUrl: smtp.url,
    outboxDir: '/nonexistent',
    publicUrl: 'https://most.example',
    from: 'Цифровой мост <alerts@most.example>',
    telegram: { token: bot.token, apiUrl: bot.url },
    leaseMs: 5 * 60_000,
    catchUpMs: 6 * 3_600_000,
  };
  return { options, senders: { mailer: createBulletinMailer(options), telegram: createTelegramBot({ token: bot.token, apiUrl: bot.url }) } };
}
