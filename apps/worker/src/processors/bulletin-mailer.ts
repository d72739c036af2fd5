import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface BulletinMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** One-click opt-out (RFC 8058) so that mail clients show their own "unsubscribe" button. */
  unsubscribeUrl: string;
  /** Names the .eml file in embedded mode. */
  fileStem: string;
  /**
   * The same for every attempt at one delivery (`<…@host>`): if a message is sent again after a
   * crash between the SMTP server's acceptance and our record of it, mail systems see a duplicate.
   */
  messageId: string;
}

export interface BulletinMailer {
  readonly transport: 'smtp' | 'outbox';
  send(message: BulletinMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** SMTP when a URL is given; otherwise each message becomes an .eml file in `outboxDir`. */
export function createBulletinMailer(options: { smtpUrl?: string | undefined; outboxDir: string; from: string }): BulletinMailer {
  const envelope = (message: BulletinMessage) => ({
    from: options.from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    messageId: message.messageId,
    list: { unsubscribe: message.unsubscribeUrl },
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    textEncoding: 'base64' as const,
  });
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      transport: 'smtp',
      async send(message) {
        const info = await transport.sendMail(envelope(message));
        if (info.rejected.length > 0) throw Object.assign(new Error(`SMTP rejected ${info.rejected.join(', ')}`), { responseCode: 550 });
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    transport: 'outbox',
    async send(message) {
      const info = await transport.sendMail(envelope(message));
      await mkdir(options.outboxDir, { recursive: true });
      const target = join(options.outboxDir, `${message.fileStem.replace(/[^a-zA-Z0-9_-]/g, '_')}.eml`);
      // Written under a temporary name first so that a reader never sees half a message.
      await writeFile(`${target}.tmp`, info.message as Buffer);
      await rename(`${target}.tmp`, target);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
