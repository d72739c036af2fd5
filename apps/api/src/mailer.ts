import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { DEFAULT_DATA_DIR } from '@most/shared';
import type { Mailer } from '@most/trpc';
import type { Logger } from './logger';

/**
 * SMTP when SMTP_URL is set; otherwise each message becomes an .eml file in `outboxDir`
 * (DATA_DIR/outbox, as the bulletin's e-mails do), which is how an embedded single-machine
 * install hands out invitations and password-reset links. The link is never written to the log.
 */
export function createMailer(options: { smtpUrl?: string; outboxDir?: string; from?: string; logger: Logger }): Mailer {
  const { smtpUrl, logger } = options;
  const outboxDir = options.outboxDir ?? join(DEFAULT_DATA_DIR, 'outbox');
  const from = options.from ?? 'Цифровой мост <no-reply@localhost>';
  const envelope = (message: { to: string; subject: string; text: string }) => ({ from, to: message.to, subject: message.subject, text: message.text, textEncoding: 'base64' as const });
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      async send(message) {
        await transport.sendMail(envelope(message));
        logger.info({ to: message.to, subject: message.subject }, 'e-mail sent');
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(envelope(message));
      await mkdir(outboxDir, { recursive: true, mode: 0o700 });
      const target = join(outboxDir, `${new Date().toISOString().replace(/[^0-9]/g, '')}-${randomBytes(4).toString('hex')}.eml`);
      // Written under a temporary name first so that a reader never sees half a message.
      await writeFile(`${target}.tmp`, info.message as Buffer, { mode: 0o600 });
      await rename(`${target}.tmp`, target);
      logger.info({ to: message.to, subject: message.subject, file: target }, 'e-mail written to the outbox (SMTP_URL is not set)');
    },
  };
}
