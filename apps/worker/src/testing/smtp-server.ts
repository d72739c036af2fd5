import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it; `at` is the wall-clock time (ms) it was received. */
export interface ReceivedMail {
  to: string[];
  raw: string;
  at: number;
}

export interface TestSmtpServer {
  /** Messages received, in order. */
  readonly received: ReceivedMail[];
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  readonly url: string;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Keep the DATA phase open: the sender never hears "250 OK" (for crash tests). */
  hang?: boolean;
  /** Refuse a recipient with this SMTP reply (e.g. 451 "try again later"); null accepts it. */
  refuse?: (address: string) => { code: number; message: string } | null;
}

/** A real SMTP server on a free local port, for tests and benchmarks of what the platform mails. */
export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.(address.address);
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        if (!options.hang) callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Text of every base64 MIME part of a raw message (the mailer encodes both parts so). */
export function decodedMailText(raw: string): string {
  return raw
    .split(/\r?\n--/)
    .map((part) => {
      const [head, ...body] = part.split(/\r?\n\r?\n/);
      return head && /content-transfer-encoding:\s*base64/i.test(head) ? Buffer.from(body.join('\n').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8') : '';
    })
    .join('\n');
}
