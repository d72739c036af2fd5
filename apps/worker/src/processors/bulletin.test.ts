import { pdfFonts, pdfText, requirePoppler } from '@most/shared/testing';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getIssuePdf,
  listBulletinDeliveries,
  registerBulletinFixtureOrganizations,
  resendFailedDeliveries,
  getIssue,
  unsubscribeBulletinContact,
  updateBulletinSettings,
  upsertBulletinContact,
  type IssueSummary,
} from '@most/db';
import { createDraftIssue, publishIssue, submitIssueForReview } from '@most/services';
import { type TestDatabase, useTestDatabase } from '@most/db/testing';
import type { BulletinDataset } from '@most/domain';
import { useTestQueue, waitForJob } from '@most/queue/testing';
import { useTempDir } from '@most/shared/testing';
import { startWorker, type WorkerHandle } from '../worker';
import type { BulletinWorkerOptions } from './bulletin-options';
import { processBulletinGenerate } from './bulletin-generate';
import { processBulletinSweep } from './bulletin-sweep';

const monitor = { id: null, label: 'monitor@test' };

interface ReceivedMail {
  to: string[];
  raw: string;
}

/** Text of every base64 MIME part of a raw message (the mailer encodes both parts so). */
function decodeParts(raw: string): string {
  const parts = raw.split(/\r?\n--/);
  return parts
    .map((part) => {
      const [head, ...body] = part.split(/\r?\n\r?\n/);
      if (!head || !/content-transfer-encoding:\s*base64/i.test(head)) return '';
      return Buffer.from(body.join('\n').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8');
    })
    .join('\n');
}

async function publishFixtureIssue(sql: TestDatabase['sql'], dataset: BulletinDataset): Promise<IssueSummary> {
  const { issue } = await createDraftIssue(sql, { dataset, actor: monitor });
  await submitIssueForReview(sql, issue.id, monitor);
  return (await publishIssue(sql, { issueId: issue.id, actor: monitor })).issue;
}

describe('bulletin distribution by e-mail through the queue', () => {
  const db = useTestDatabase();
  const queue = useTestQueue(db);
  const outbox = useTempDir('most-outbox-');
  let dataset: BulletinDataset;
  let worker: WorkerHandle;
  let smtp: SMTPServer;
  const received: ReceivedMail[] = [];
  let busyOnce = true;
  let mailboxCreated = false;

  beforeAll(async () => {
    dataset = await registerBulletinFixtureOrganizations(db.sql);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address === 'smm@gp2.example' && busyOnce) {
          busyOnce = false;
          return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        }
        if (address.address === 'nobody@engels.example' && !mailboxCreated) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
        return callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await worker?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  const options = (smtpUrl: string | undefined): BulletinWorkerOptions => ({
    smtpUrl,
    outboxDir: outbox.path,
    publicUrl: 'https://most.example',
    from: 'Цифровой мост <bulletin@most.example>',
    chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    emailRetry: { attempts: 3, backoffMs: 100 },
  });

  it('sends each agency its own section, retries a temporary refusal, records a permanent one and honours opt-out', async () => {
    const port = (smtp.server.address() as AddressInfo).port;
    worker = await startWorker({ sql: db.sql, queue, bulletin: options(`smtp://127.0.0.1:${port}`) });
    const id = (name: string) => dataset.organizations.find((o) => o.name.startsWith(name))!.id;
    const clinic = id('ГУЗ');
    const school = id('МОУ');
    const engels = id('Администрация Энгельсского');
    await upsertBulletinContact(db.sql, { organizationId: clinic, email: 'smm@gp2.example' }, monitor);
    await upsertBulletinContact(db.sql, { organizationId: clinic, email: 'chief@gp2.example' }, monitor);
    const optedOut = await upsertBulletinContact(db.sql, { organizationId: school, email: 'school5@volsk.example' }, monitor);
    await upsertBulletinContact(db.sql, { organizationId: school, email: 'director@volsk.example' }, monitor);
    await upsertBulletinContact(db.sql, { organizationId: engels, email: 'nobody@engels.example' }, monitor);
    const [{ unsubscribe_token: token }] = (await db.sql`SELECT unsubscribe_token FROM bulletin_contacts WHERE id = ${optedOut.id}`) as unknown as [{ unsubscribe_token: string }];
    await unsubscribeBulletinContact(db.sql, token);

    const issue = await publishFixtureIssue(db.sql, dataset);
    const distribute = await waitForJob(queue.queue('system'), await queue.enqueue('bulletin-distribute', { issueId: issue.id }, { jobId: `bulletin-distribute-${issue.id}` }));
    expect(distribute.failedReason).toBeUndefined();
    expect(distribute.returnvalue).toEqual({ issueId: issue.id, emails: 4 });

    const deliveries = await listBulletinDeliveries(db.sql, issue.id);
    for (const delivery of deliveries.filter((d) => d.status !== 'skipped')) {
      await waitForJob(queue.queue('system'), `bulletin-email-${delivery.id}`);
    }
    const statuses = Object.fromEntries((await listBulletinDeliveries(db.sql, issue.id)).map((d) => [d.email, { status: d.status, attempts: d.attempts, error: d.lastError }]));
    expect(statuses).toEqual({
      'smm@gp2.example': { status: 'sent', attempts: 2, error: expect.stringContaining('451') },
      'chief@gp2.example': { status: 'sent', attempts: 1, error: null },
      'director@volsk.example': { status: 'sent', attempts: 1, error: null },
      'school5@volsk.example': { status: 'skipped', attempts: 0, error: null },
      'nobody@engels.example': { status: 'failed', attempts: 1, error: expect.stringContaining('550') },
    });

    expect(received.map((m) => m.to.join(',')).sort()).toEqual(['chief@gp2.example', 'director@volsk.example', 'smm@gp2.example']);
    const acks = await db.sql<{ organization_id: number; token: string }[]>`SELECT organization_id, token FROM bulletin_acknowledgements WHERE issue_id = ${issue.id}`;
    const ackOf = (organizationId: number) => acks.find((a) => a.organization_id === organizationId)!.token;
    for (const mail of received) {
      const body = decodeParts(mail.raw);
      const isClinic = mail.to[0]!.endsWith('@gp2.example');
      expect(mail.raw).toMatch(/^Subject: /m);
      // One Message-ID per delivery, whatever the attempt, so that a resent message is recognisably the same.
      const delivery = deliveries.find((d) => d.email === mail.to[0])!;
      expect(mail.raw).toMatch(new RegExp(`^Message-ID: <bulletin\\.2026-10\\.${delivery.id}@most\\.example>`, 'mi'));
      expect(mail.raw).toMatch(/^List-Unsubscribe:\s+<https:\/\/most\.example\/bulletin\/unsubscribe\/[A-Za-z0-9_-]+>/m);
      expect(body).toContain(`https://most.example/bulletin/acknowledge/${ackOf(isClinic ? clinic : school)}`);
      expect(body).not.toContain(`https://most.example/bulletin/acknowledge/${ackOf(isClinic ? school : clinic)}`);
      // Its own recommendations, never another agency's.
      expect(body.includes('Добавьте телефон регистратуры в описание страницы.')).toBe(isClinic);
      expect(body.includes('Публикуйте не реже трёх раз в неделю')).toBe(!isClinic);
      // And the public edition.
      expect(body).toContain('Рейтинг: лучшие результаты');
    }
  });

  it('sends a failed e-mail again when a monitor asks, through the sweep', async () => {
    const [issue] = await db.sql<{ id: number }[]>`SELECT id FROM bulletin_issues WHERE slug = '2026-10'`;
    const failed = (await listBulletinDeliveries(db.sql, issue!.id)).find((d) => d.status === 'failed')!;
    expect(failed.email).toBe('nobody@engels.example');
    mailboxCreated = true;
    expect(await resendFailedDeliveries(db.sql, { issueId: issue!.id, actor: monitor })).toBe(1);
    expect(await resendFailedDeliveries(db.sql, { issueId: issue!.id, actor: monitor })).toBe(0);
    const sweep = await processBulletinSweep(db.sql, queue, { emailRetry: { attempts: 3, backoffMs: 100 } });
    expect(sweep.resent).toBe(1);
    const job = await waitForJob(queue.queue('system'), `bulletin-email-${failed.id}-a1`);
    expect(job.returnvalue).toEqual({ deliveryId: failed.id, status: 'sent' });
    const after = (await listBulletinDeliveries(db.sql, issue!.id)).find((d) => d.id === failed.id)!;
    expect(after).toMatchObject({ status: 'sent', attempts: 2 });
    expect(received.filter((m) => m.to.includes('nobody@engels.example'))).toHaveLength(1);
  });

  it('renders the public edition to a PDF whose text has the agency names in Cyrillic', async () => {
    requirePoppler();
    const [issue] = await db.sql<{ id: number }[]>`SELECT id FROM bulletin_issues WHERE slug = '2026-10'`;
    const job = await waitForJob(queue.queue('system'), `bulletin-pdf-${issue!.id}`, 60_000);
    expect(job.failedReason).toBeUndefined();
    const pdf = await getIssuePdf(db.sql, issue!.id);
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf?.subarray(-8).toString()).toContain('%%EOF');
    const file = join(outbox.path, 'issue.pdf');
    await writeFile(file, pdf!);
    const text = await pdfText(file, { folded: true });
    const names = ['Министерство образования Саратовской области', 'Администрация Балаковского муниципального района', 'ГУЗ «Саратовская городская поликлиника № 2»', 'МОУ «СОШ № 5 г. Вольска»'];
    expect(names.filter((name) => !text.includes(name))).toEqual([]);
    expect(text).toContain('Бюллетень «Цифровой мост»: октябрь 2026');
    expect((await pdfFonts(file)).every((line) => / yes /.test(line))).toBe(true);

    // Each agency also gets its own section, followed by the public edition, as a PDF.
    expect(job.returnvalue).toMatchObject({ issueId: issue!.id, agencies: dataset.organizations.length });
    const balakovo = dataset.organizations.find((o) => o.name.startsWith('Администрация Балаковского'))!;
    const agencyPdf = await getIssuePdf(db.sql, issue!.id, `org-${balakovo.id}`);
    expect(agencyPdf?.subarray(0, 5).toString()).toBe('%PDF-');
    const agencyFile = join(outbox.path, 'agency.pdf');
    await writeFile(agencyFile, agencyPdf!);
    const agencyText = await pdfText(agencyFile, { folded: true });
    expect(agencyText).toContain(balakovo.name);
    expect(agencyText).toContain('Бюллетень «Цифровой мост»: октябрь 2026');
    expect(agencyText.indexOf(balakovo.name)).toBeLessThan(agencyText.indexOf('Министерство образования Саратовской области'));
  });

  it('applies a changed draft schedule and offers published issues for distribution once', async () => {
    await updateBulletinSettings(db.sql, { schedulePattern: '0 7 1 */3 *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: true }, monitor);
    const first = await processBulletinSweep(db.sql, queue, { emailRetry: { attempts: 3, backoffMs: 100 } });
    expect(first.scheduleSynced).toBe(true);
    expect(first.offered).toBe(1);
    const scheduler = await queue.queue('system').getJobScheduler('bulletin-generate');
    expect(scheduler?.pattern).toBe('0 7 1 */3 *');
    expect(scheduler?.tz).toBe('Europe/Saratov');
    expect((await processBulletinSweep(db.sql, queue, { emailRetry: { attempts: 3, backoffMs: 100 } })).scheduleSynced).toBe(false);
    // The issue was distributed already: offering it again queues nothing new.
    const [issue] = await db.sql<{ id: number }[]>`SELECT id FROM bulletin_issues WHERE slug = '2026-10'`;
    const job = await queue.queue('system').getJob(`bulletin-distribute-${issue!.id}`);
    expect(job?.finishedOn).toBeDefined();
    await updateBulletinSettings(db.sql, { schedulePattern: '0 7 1 */3 *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: false }, monitor);
    await processBulletinSweep(db.sql, queue, { emailRetry: { attempts: 3, backoffMs: 100 } });
    expect(await queue.queue('system').getJobScheduler('bulletin-generate')).toBeUndefined();
  });

  it('generates a period draft from the platform tables on the scheduled job', async () => {
    const id = await queue.enqueue('bulletin-generate', { periodKey: '2026-12' }, { jobId: 'bulletin-generate-2026-12' });
    const job = await waitForJob(queue.queue('system'), id);
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toMatchObject({ slug: '2026-12', created: true });
    expect((await getIssue(db.sql, { slug: '2026-12' }))?.state).toBe('draft');
  });

  it('drafts the last full quarter when the bulletin is set to appear quarterly', async () => {
    await updateBulletinSettings(db.sql, { schedulePattern: '0 6 1 1,4,7,10 *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: false, periodKind: 'quarter' }, monitor);
    const job = { data: {} } as Parameters<typeof processBulletinGenerate>[0];
    // 2 December 2026 in Saratov: the last full quarter is the third.
    expect(await processBulletinGenerate(job, db.sql, () => new Date('2026-12-02T10:00:00Z'))).toMatchObject({ slug: '2026-q3', created: true });
    expect(await getIssue(db.sql, { slug: '2026-q3' })).toMatchObject({ periodLabel: 'III квартал 2026', state: 'draft' });
    const id = await queue.enqueue('bulletin-generate', { periodKey: '2026-q2' }, { jobId: 'bulletin-generate-2026-q2' });
    expect((await waitForJob(queue.queue('system'), id)).returnvalue).toMatchObject({ slug: '2026-q2', created: true });
    await updateBulletinSettings(db.sql, { schedulePattern: '0 6 1 * *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: false, periodKind: 'month' }, monitor);
  });

  it('writes .eml files to the outbox when no SMTP server is configured', async () => {
    await worker.close();
    worker = await startWorker({ sql: db.sql, queue, bulletin: options(undefined) });
    const second = { ...dataset, period: { key: '2026-11', start: '2026-11-01', end: '2026-12-01', label: 'ноябрь 2026' } };
    const issue = await publishFixtureIssue(db.sql, second);
    await waitForJob(queue.queue('system'), await queue.enqueue('bulletin-distribute', { issueId: issue.id }, { jobId: `bulletin-distribute-${issue.id}` }));
    const deliveries = (await listBulletinDeliveries(db.sql, issue.id)).filter((d) => d.status !== 'skipped');
    for (const delivery of deliveries) await waitForJob(queue.queue('system'), `bulletin-email-${delivery.id}`);
    const files = (await readdir(outbox.path)).filter((f) => f.endsWith('.eml')).sort();
    expect(files).toHaveLength(4);
    expect(files.every((f) => f.startsWith('2026-11-'))).toBe(true);
    const raw = await readFile(join(outbox.path, files[0]!), 'utf8');
    expect(raw).toMatch(/^To: [a-z0-9.@]+$/m);
    expect(decodeParts(raw)).toContain('Бюллетень «Цифровой мост»: ноябрь 2026');
    expect((await listBulletinDeliveries(db.sql, issue.id)).filter((d) => d.status === 'sent').every((d) => d.transport === 'outbox')).toBe(true);
  });
});
