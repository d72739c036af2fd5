import type { QueueBackend } from './backend';
import type { QueueName } from './jobs';

export interface SchedulerRef {
  queue: QueueName;
  id: string;
}

/**
 * Schedulers every worker creates at start (scoring, purge, training, bulletin sweep). If Redis
 * loses its data they are gone: the worker re-creates them, and /healthz names the missing ones.
 */
export const CORE_SCHEDULERS: readonly SchedulerRef[] = [
  { queue: 'system', id: 'score-week' },
  { queue: 'system', id: 'score-month' },
  { queue: 'system', id: 'score-quarter' },
  { queue: 'system', id: 'score-purge' },
  { queue: 'system', id: 'training-finalize' },
  { queue: 'system', id: 'bulletin-sweep' },
  { queue: 'system', id: 'alerts-sweep' },
];

/** The expected schedulers that do not exist in the queue store now. */
export async function missingSchedulers(backend: QueueBackend, expected: readonly SchedulerRef[] = CORE_SCHEDULERS): Promise<SchedulerRef[]> {
  const byQueue = new Map<QueueName, Set<string>>();
  for (const ref of expected) {
    if (!byQueue.has(ref.queue)) {
      const schedulers = await backend.queue(ref.queue).getJobSchedulers(0, -1);
      byQueue.set(ref.queue, new Set(schedulers.map((s) => s.key ?? (s as { id?: string }).id ?? '')));
    }
  }
  return expected.filter((ref) => !byQueue.get(ref.queue)!.has(ref.id));
}

/**
 * Re-creates missing schedulers: checks every `intervalMs` and whenever the queue store reconnects,
 * and runs `ensure` (the same upserts as at start) when any is missing. Returns stop().
 */
export function guardSchedules(
  backend: QueueBackend,
  options: { expected?: readonly SchedulerRef[]; ensure: () => Promise<void>; intervalMs?: number; log?: (message: string, fields?: Record<string, unknown>) => void },
): () => void {
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      const missing = await missingSchedulers(backend, options.expected);
      if (missing.length > 0) {
        options.log?.('schedules missing, re-creating them', { missing: missing.map((m) => `${m.queue}:${m.id}`) });
        await options.ensure();
      }
    } catch (error) {
      options.log?.('schedule check failed', { error: (error as Error).message });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), options.intervalMs ?? 60_000);
  timer.unref();
  const stopListening = backend.onReconnect(() => void check());
  return () => {
    clearInterval(timer);
    stopListening();
  };
}
