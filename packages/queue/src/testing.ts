import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Job, Queue } from 'bullmq';
import { useForTests } from '@most/shared/testing';
import { createQueueBackend, type QueueBackend } from './backend';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A namespace no other test uses: a Redis key prefix or a PostgreSQL schema. */
export const uniqueNamespace = (label = 'test') => `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export async function assertRedisReachable(url = TEST_REDIS_URL): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${url}: ${(error as Error).message}. Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no (or set TEST_REDIS_URL).`,
    );
  } finally {
    client.disconnect();
  }
}

/** Queue backend for one test: Redis with a fresh prefix, or PostgreSQL with a fresh schema. */
export async function createTestQueueBackend(kind: 'redis' | 'postgres', databaseUrl: string): Promise<QueueBackend> {
  if (kind === 'redis') await assertRedisReachable();
  const backend = createQueueBackend({
    redisUrl: kind === 'redis' ? TEST_REDIS_URL : undefined,
    databaseUrl,
    namespace: uniqueNamespace('q'),
  });
  await backend.prepare();
  return backend;
}

/**
 * Registers a queue backend for the calling test file or describe block on the given test database
 * (read by beforeAll time): prepared before its tests, closed after them.
 */
export const useTestQueue = (database: { readonly url: string }, kind: 'redis' | 'postgres' = 'redis'): QueueBackend =>
  useForTests(
    'The test queue',
    () => createTestQueueBackend(kind, database.url),
    (backend) => backend.close(),
  );

/** Polls until the job reaches a final state; returns it (tests only: production code uses events). */
export async function waitForJob(queue: Queue, jobId: string, timeoutMs = 20_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') {
      // Read the job after its final state is visible, so returnvalue/failedReason are there too.
      const job = await queue.getJob(jobId);
      if (job) return job;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Job ${jobId} did not finish within ${timeoutMs} ms`);
}
