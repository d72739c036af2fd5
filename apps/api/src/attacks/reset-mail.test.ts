import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer } from '@most/trpc';
import { createMailer } from '../mailer';
import { startAttackTarget, type AttackTarget } from './harness';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Issue 13, item 12: reset links written to the API log when SMTP_URL is unset. */
describe('reset links without SMTP, over real HTTP', () => {
  let target: AttackTarget;
  let outboxDir: string;
  const logLines: string[] = [];
  beforeAll(async () => {
    outboxDir = await mkdtemp(join(tmpdir(), 'most-outbox-'));
    const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => void (logLines.push(String(chunk)), done()) }));
    target = await startAttackTarget({ logger, mailer: createMailer({ logger, outboxDir }) });
  });
  afterAll(async () => {
    await target?.close();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('writes the link to DATA_DIR/outbox only, never to the log', async () => {
    const b = target.browser();
    await b.open();
    expect((await b.mutate('auth.requestPasswordReset', { email: 'monitor@most.test' })).status).toBe(200);
    await expect.poll(async () => (await readdir(outboxDir)).filter((f) => f.endsWith('.eml')).length).toBe(1);
    const [file] = (await readdir(outboxDir)).filter((f) => f.endsWith('.eml'));
    const eml = await readFile(join(outboxDir, file!), 'utf8');
    expect(eml).toContain('To: monitor@most.test');
    const body = Buffer.from(eml.split(/\n\n/).slice(1).join('\n\n').replace(/\s+/g, ''), 'base64').toString('utf8');
    expect(body).toMatch(/reset-password\?token=/);
    expect(logLines.join('')).not.toMatch(/token=/);
    expect(logLines.join('')).toContain('outbox');
  });
});

/** Issue 13, item 13: reset timing tells known from unknown e-mails. */
describe('reset timing, over real HTTP', () => {
  let target: AttackTarget;
  // Like a real SMTP server: each message takes a while to hand over.
  const slowMailer: Mailer = { send: () => new Promise((r) => setTimeout(r, 150)) };
  beforeAll(async () => {
    target = await startAttackTarget({ mailer: slowMailer });
  });
  afterAll(async () => target?.close());

  it('answers a known and an unknown address in the same time', async () => {
    const b = target.browser();
    await b.open();
    const time = async (email: string) => {
      const started = performance.now();
      expect((await b.mutate('auth.requestPasswordReset', { email })).status).toBe(200);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (const email of ['monitor@most.test', 'admin@most.test', 'agency@most.test', 'trainee@most.test', 'instructor@most.test']) {
      known.push(await time(email));
      unknown.push(await time(`nobody-${email}`));
    }
    expect(median(known)).toBeLessThan(100);
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(50);
  });
});
