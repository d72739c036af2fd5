import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_SCHEMA } from '@most/db';
import { createTestDatabase, type TestDatabase, useEmbeddedPostgres } from '@most/db/testing';
import { createQueueBackend, type QueueBackend } from './backend';
import { createTestQueueBackend, waitForJob } from './testing';

const smokeProcessor = async (job: { data: { nonce: string } }) => ({ echoed: job.data.nonce });

async function proveSmokeJob(backend: QueueBackend) {
  backend.createWorker('system', smokeProcessor as never, { concurrency: 2 });
  const id = await backend.enqueue('smoke', { nonce: 'ping-1' }, { jobId: 'smoke-ping-1' });
  expect(id).toBe('smoke-ping-1');
  const job = await waitForJob(backend.queue('system'), id);
  expect(job.failedReason).toBeUndefined();
  expect(job.returnvalue).toEqual({ echoed: 'ping-1' });
  // Deterministic ids make enqueueing idempotent: the same id does not run twice.
  expect(await backend.enqueue('smoke', { nonce: 'ping-1' }, { jobId: 'smoke-ping-1' })).toBe('smoke-ping-1');
  expect((await backend.queue('system').getJobCounts('completed')).completed).toBe(1);
}

describe('queue smoke job', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.drop());

  it('runs on the Redis backend', async () => {
    const backend = await createTestQueueBackend('redis', db.url);
    try {
      expect(backend.kind).toBe('redis');
      expect((await backend.health()).ok).toBe(true);
      await proveSmokeJob(backend);
    } finally {
      await backend.close();
    }
  });

  it('runs on the PostgreSQL backend', async () => {
    const backend = await createTestQueueBackend('postgres', db.url);
    try {
      expect(backend.kind).toBe('postgres');
      await proveSmokeJob(backend);
      const [row] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${db.sql(backend.namespace)}.job`;
      expect(row?.n).toBe(1);
    } finally {
      await backend.close();
    }
  });

  it('rejects a payload that does not match its schema before it reaches the queue', async () => {
    const backend = await createTestQueueBackend('postgres', db.url);
    try {
      await expect(backend.enqueue('smoke', { nonce: '' })).rejects.toThrow(/Invalid payload for job "smoke": nonce/);
    } finally {
      await backend.close();
    }
  });
});

describe('queue on embedded PostgreSQL', () => {
  const embedded = useEmbeddedPostgres('most-queue-');

  it('runs the smoke job on PGlite', async () => {
    const backend = createQueueBackend({ databaseUrl: embedded.url, namespace: QUEUE_SCHEMA });
    try {
      await backend.prepare();
      await proveSmokeJob(backend);
    } finally {
      await backend.close();
    }
  });
});
