import type { QueueStatus as SharedQueueStatus, QueueStatusReport as SharedQueueStatusReport } from '@most/shared';
import type { QueueBackend } from './backend';
import { QUEUE_NAMES, type QueueName } from './jobs';

/** Job states counted per queue, in display order. */
export const QUEUE_STATES = ['waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed', 'completed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export type { ActiveJobStatus } from '@most/shared';
export type QueueStatus = SharedQueueStatus<QueueName, QueueState>;
export type QueueStatusReport = SharedQueueStatusReport<QueueName, QueueState>;

function scalars(value: unknown, limit = 12): Record<string, string | number | boolean | null> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 64)) as [
    string,
    string | number | boolean | null,
  ][];
  return Object.fromEntries(entries.slice(0, limit));
}

function numbers(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}

/**
 * Read-only status of every queue: job counts per state and the active jobs with their progress.
 * Works on both backends (BullMQ's Redis and PostgreSQL backends share the Queue getters).
 */
export async function readQueueStatus(backend: QueueBackend, options: { activeLimit?: number } = {}): Promise<QueueStatusReport> {
  const limit = Math.max(1, Math.min(options.activeLimit ?? 20, 200));
  const queues = await Promise.all(
    QUEUE_NAMES.map(async (name): Promise<QueueStatus> => {
      const queue = backend.queue(name);
      const [raw, jobs] = await Promise.all([queue.getJobCounts(...QUEUE_STATES), queue.getJobs(['active'], 0, limit - 1, true)]);
      const counts = Object.fromEntries(QUEUE_STATES.map((state) => [state, Number(raw[state] ?? 0)])) as Record<QueueState, number>;
      const active = jobs
        .filter((job) => job?.id)
        .map((job) => {
          const progress: unknown = job.progress;
          return {
            id: String(job.id),
            name: job.name,
            percent: typeof progress === 'number' && Number.isFinite(progress) ? Math.max(0, Math.min(100, progress)) : null,
            details: scalars(progress),
            subject: numbers(job.data),
            startedAt: job.processedOn ? new Date(job.processedOn) : null,
            attemptsMade: job.attemptsMade ?? 0,
          };
        })
        .sort((a, b) => (a.startedAt?.getTime() ?? Infinity) - (b.startedAt?.getTime() ?? Infinity));
      return { name, counts, active };
    }),
  );
  return { kind: backend.kind, queues };
}
