import { UnrecoverableError, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import { readQueueStatus, type QueueStatusReport } from './status';
import { createTestQueueBackend, waitForJob } from './testing';

/** Polls the status until `ready` holds (the worker picks jobs up asynchronously). */
async function statusWhen(read: () => Promise<QueueStatusReport>, ready: (report: QueueStatusReport) => boolean): Promise<QueueStatusReport> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const report = await read();
    if (ready(report)) return report;
    if (Date.now() > deadline) throw new Error(`Queue status never matched: ${JSON.stringify(report)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(['redis', 'postgres'] as const)('queue status (%s backend)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.drop());

  it('counts jobs per state and shows the progress of the active one', async () => {
    const backend = await createTestQueueBackend(kind, db.url);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    try {
      const empty = await readQueueStatus(backend);
      expect(empty.kind).toBe(kind);
      expect(empty.queues.map((q) => q.name)).toEqual(['system', 'crawl', 'vk', 'ok', 'telegram']);
      expect(empty.queues.every((q) => q.active.length === 0 && Object.values(q.counts).every((n) => n === 0))).toBe(true);

      backend.createWorker(
        'system',
        (async (job: Job<{ nonce: string }>) => {
          if (job.data.nonce === 'fail') throw new UnrecoverableError('broken on purpose');
          if (job.data.nonce === 'hold') {
            await job.updateProgress({ page: 3, posts: 100, continues: true, note: 'x'.repeat(500) });
            await gate;
          }
          return { ok: true };
        }) as never,
        { concurrency: 1 },
      );
      const failed = await backend.enqueue('smoke', { nonce: 'fail' }, { jobId: 'status-fail', attempts: 1 });
      await waitForJob(backend.queue('system'), failed);
      await backend.enqueue('smoke', { nonce: 'hold' }, { jobId: 'status-hold' });
      await backend.enqueue('smoke', { nonce: 'later' }, { jobId: 'status-delayed', delay: 3_600_000 });

      const report = await statusWhen(
        () => readQueueStatus(backend),
        (r) => r.queues[0]!.active[0]?.details.page === 3,
      );
      await backend.enqueue('smoke', { nonce: 'queued' }, { jobId: 'status-waiting' });
      const system = (await readQueueStatus(backend)).queues.find((q) => q.name === 'system')!;
      expect(system.counts).toMatchObject({ active: 1, failed: 1, delayed: 1, waiting: 1 });
      expect(system.active).toHaveLength(1);
      expect(system.active[0]).toMatchObject({ id: 'status-hold', name: 'smoke', percent: null, details: { page: 3, posts: 100, continues: true }, subject: {} });
      expect(system.active[0]!.details).not.toHaveProperty('note');
      expect(system.active[0]!.startedAt).toBeInstanceOf(Date);
      expect(report.queues.find((q) => q.name === 'vk')!.counts.active).toBe(0);
    } finally {
      release();
      await backend.close();
    }
  });
});
