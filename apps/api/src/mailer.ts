import nodemailer from 'nodemailer';
import type { Mailer } from '@most/trpc';
import type { Logger } from './logger';

/**
 * SMTP when SMTP_URL is set; otherwise the message (with its link) is written to the log,
 * which is how an embedded single-machine install hands out invitations.
 */
export function createMailer(options: { smtpUrl?: string; from?: string; logger: Logger }): Mailer {
  const { smtpUrl, logger } = options;
  const from = options.from ?? 'Цифровой мост <no-reply@localhost>';
  if (!smtpUrl) {
    return {
      async send(message) {
        logger.info({ mail: message }, `e-mail to ${message.to} (SMTP_URL is not set, so it is written here)`);
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      logger.info({ to: message.to, subject: message.subject }, 'e-mail sent');
    },
  };
}
