import { ALERT_CATCH_UP_MS, ALERT_SEND_LEASE_MS } from '@most/domain';
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
    leaseMs: ALERT_SEND_LEASE_MS,
    catchUpMs: ALERT_CATCH_UP_MS,
  };
  return { options, senders: { mailer: createBulletinMailer(options), telegram: createTelegramBot({ token: bot.token, apiUrl: bot.url }) } };
}
