import { NETWORKS, type Network } from '@most/shared';
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

/** The recurring crawl work of a network: profiles, posts, and the fresh pass (when planned). */
export const CRAWL_SCHEDULE_PARTS = ['profiles', 'posts', 'fresh'] as const;
export type CrawlSchedulePart = (typeof CRAWL_SCHEDULE_PARTS)[number];

/** Stable scheduler ids per network and part: upserting them again (every start, every process) changes nothing. */
export const crawlSchedulerId = (network: Network, part: CrawlSchedulePart): string => `crawl-${network}-${part}`;

/** Ids of the schedulers of a queue that exist in the queue store now. */
async function schedulerIds(backend: QueueBackend, queue: QueueName): Promise<Set<string>> {
  const schedulers = await backend.queue(queue).getJobSchedulers(0, -1);
  return new Set(schedulers.map((s) => s.key ?? (s as { id?: string }).id ?? ''));
}

/** The expected schedulers that do not exist in the queue store now. */
export async function missingSchedulers(backend: QueueBackend, expected: readonly SchedulerRef[] = CORE_SCHEDULERS): Promise<SchedulerRef[]> {
  const byQueue = new Map<QueueName, Set<string>>();
  for (const ref of expected) if (!byQueue.has(ref.queue)) byQueue.set(ref.queue, await schedulerIds(backend, ref.queue));
  return expected.filter((ref) => !byQueue.get(ref.queue)!.has(ref.id));
}

export interface NetworkCrawlSchedules {
  /** The parts whose recurring crawl exists in the queue store now. */
  scheduled: CrawlSchedulePart[];
  /** The parts expected to be scheduled that are not. */
  missing: CrawlSchedulePart[];
}

/** Per network, which recurring crawls exist in the queue store now and which of the expected ones are missing. */
export async function crawlSchedulesByNetwork(backend: QueueBackend, expected: readonly SchedulerRef[] = []): Promise<Record<Network, NetworkCrawlSchedules>> {
  const present = await schedulerIds(backend, 'crawl');
  const wanted = new Set(expected.filter((ref) => ref.queue === 'crawl').map((ref) => ref.id));
  const report = (network: Network): NetworkCrawlSchedules => {
    const ids = CRAWL_SCHEDULE_PARTS.map((part) => ({ part, id: crawlSchedulerId(network, part) }));
    return { scheduled: ids.filter(({ id }) => present.has(id)).map(({ part }) => part), missing: ids.filter(({ id }) => wanted.has(id) && !present.has(id)).map(({ part }) => part) };
  };
  return Object.fromEntries(NETWORKS.map((network) => [network, report(network)])) as Record<Network, NetworkCrawlSchedules>;
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
