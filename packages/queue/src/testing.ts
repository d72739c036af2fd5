import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Job, Queue } from 'bullmq';
import { afterAll, beforeAll } from 'vitest';
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
 * Registers a queue backend for the calling test file or describe block, on the given test database
 * (any handle whose `url` is readable by beforeAll time): prepared before its tests, closed after them.
 */
export function useTestQueue(database: { readonly url: string }, kind: 'redis' | 'postgres' = 'redis'): QueueBackend {
  let backend: QueueBackend | undefined;
  beforeAll(async () => {
    backend = await createTestQueueBackend(kind, database.url);
  });
  afterAll(async () => {
    await backend?.close();
  });
  const current = (): QueueBackend => {
    if (!backend) throw new Error('The test queue exists only while the tests run (from beforeAll on).');
    return backend;
  };
  return {
    get kind() {
      return current().kind;
    },
    get namespace() {
      return current().namespace;
    },
    prepare: () => current().prepare(),
    queue: (name) => current().queue(name),
    enqueue: (name, data, options) => current().enqueue(name, data, options),
    createWorker: (name, processor, options) => current().createWorker(name, processor, options),
    health: () => current().health(),
    onReconnect: (listener) => current().onReconnect(listener),
    close: () => current().close(),
  };
}

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
