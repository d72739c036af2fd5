import { ALERT_SEND_LEASE_MS } from '@most/domain';
import type { Config } from '@most/shared';
import { bulletinOptionsFromConfig } from '../processors/bulletin-options';

/** What the alerts sweep needs beyond the database and the queue. */
export interface AlertWorkerOptions {
  smtpUrl?: string | undefined;
  outboxDir: string;
  publicUrl: string;
  from: string;
  telegram?: { token: string; apiUrl?: string | undefined } | undefined;
  /** A claim older than this belongs to a sender that died mid-send (ALERT_SEND_LEASE_MS). */
  leaseMs: number;
  /** How far back a missed alert is still worth sending (ALERT_CATCH_UP_MS unless configured). */
  catchUpMs: number;
}

/** The options from the process's configuration (mail as the bulletin sends it, TELEGRAM_BOT_TOKEN, ALERT_CATCH_UP_HOURS). */
export function alertOptionsFromConfig(config: Config): AlertWorkerOptions {
  const mail = bulletinOptionsFromConfig(config);
  return {
    smtpUrl: mail.smtpUrl,
    outboxDir: mail.outboxDir,
    publicUrl: mail.publicUrl,
    from: `Цифровой мост <alerts@${new URL(mail.publicUrl).hostname}>`,
    telegram: config.TELEGRAM_BOT_TOKEN ? { token: config.TELEGRAM_BOT_TOKEN, apiUrl: config.TELEGRAM_API_URL } : undefined,
    leaseMs: ALERT_SEND_LEASE_MS,
    catchUpMs: config.ALERT_CATCH_UP_HOURS * 3_600_000,
  };
}
