import { z } from 'zod';

/** Every queue of the platform. Names never contain ':' (BullMQ reserves it on Redis). */
export const QUEUE_NAMES = ['system'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Job names with the queue they run on and the payload schema checked on enqueue and on process. */
export const JOBS = {
  smoke: { queue: 'system', payload: z.object({ nonce: z.string().min(1).max(100) }) },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const result = JOBS[name].payload.safeParse(data);
  if (!result.success) {
    throw new Error(`Invalid payload for job "${name}": ${result.error.issues.map((i) => `${i.path.join('.') || 'payload'} ${i.message}`).join('; ')}`);
  }
  return result.data as JobPayload<N>;
}

/** Defaults for every job: bounded retries with exponential backoff and bounded history. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
} as const;
