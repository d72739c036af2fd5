import { join } from 'node:path';
import type { Config } from '@most/shared';

/** What bulletin jobs need beyond the database and the queue. */
export interface BulletinWorkerOptions {
  /** SMTP server (smtp:// or smtps://); without it e-mails are written as .eml files to `outboxDir`. */
  smtpUrl?: string | undefined;
  outboxDir: string;
  /** Absolute base of links in e-mails and feeds, without a trailing slash. */
  publicUrl: string;
  from: string;
  chromiumPath: string;
  /** Attempts and first backoff delay of each e-mail job (the delay doubles on each retry). */
  emailRetry: { attempts: number; backoffMs: number };
}

/** The options from the process's configuration (SMTP_URL, DATA_DIR, PUBLIC_URL, CHROMIUM_PATH). */
export function bulletinOptionsFromConfig(config: Config): BulletinWorkerOptions {
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  return {
    smtpUrl: config.SMTP_URL,
    outboxDir: join(config.DATA_DIR, 'outbox'),
    publicUrl,
    from: `Цифровой мост <bulletin@${new URL(publicUrl).hostname}>`,
    chromiumPath: config.CHROMIUM_PATH,
    emailRetry: { attempts: 6, backoffMs: 60_000 },
  };
}
