import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@most/db/testing';
import { createTestQueueBackend, waitForJob } from '@most/queue/testing';
import { startWorker } from './worker';

describe.each(['redis', 'postgres'] as const)('worker on the %s queue backend', (kind) => {
  const db = useTestDatabase();

  it('processes the smoke job and fails unknown job names loudly', async () => {
    const queue = await createTestQueueBackend(kind, db.url);
    const worker = await startWorker({ sql: db.sql, queue });
    try {
      const id = await queue.enqueue('smoke', { nonce: `n-${kind}` }, { jobId: `smoke-${kind}` });
      const job = await waitForJob(queue.queue('system'), id);
      expect(job.returnvalue).toMatchObject({ echoed: `n-${kind}` });

      const stray = await queue.queue('system').add('no-such-job', {}, { attempts: 1 });
      const failed = await waitForJob(queue.queue('system'), stray.id!);
      expect(failed.failedReason).toBe('No processor for job "no-such-job"');
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
