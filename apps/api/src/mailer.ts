import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer } from '@most/trpc';
import type { Logger } from './logger';

/**
 * SMTP when SMTP_URL is set; otherwise each message (with its link) becomes an .eml file in
 * DATA_DIR/outbox, readable by the operator only — never written to the log, which more people read.
 */
export function createMailer(options: { smtpUrl?: string; from?: string; logger: Logger; outboxDir?: string }): Mailer {
  const { smtpUrl, logger } = options;
  const from = options.from ?? 'Цифровой мост <no-reply@localhost>';
  if (!smtpUrl) {
    const outboxDir = options.outboxDir ?? join(process.env.DATA_DIR || './data', 'outbox');
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      async send(message) {
        const info = await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, textEncoding: 'base64' });
        await mkdir(outboxDir, { recursive: true, mode: 0o700 });
        const target = join(outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
        // Written under a temporary name first so that a reader never sees half a message.
        await writeFile(`${target}.tmp`, info.message as Buffer, { mode: 0o600 });
        await rename(`${target}.tmp`, target);
        logger.info({ file: target }, 'e-mail written to the outbox (SMTP_URL is not set)');
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      logger.info({ subject: message.subject }, 'e-mail sent');
    },
  };
}
