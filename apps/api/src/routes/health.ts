import type { Context } from 'hono';
import type { Sql } from '@most/db';
import { CORE_SCHEDULERS, crawlSchedulesByNetwork, missingSchedulers, type QueueBackend, type SchedulerRef } from '@most/queue';
import { AppError } from '@most/shared';

/** Each part of the health check answers within this, or is reported down. */
export const HEALTH_PART_TIMEOUT_MS = 1_500;

/** Resolves with the promise's value, or rejects after `ms` with a message naming what did not answer. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A read of the queue store for a page (the crawl page's queue status): 503 at once when it does not answer. */
export const queueRead = <T>(read: () => Promise<T>, ms = 3_000) =>
  within(read(), ms, 'queue').catch((error: Error) => {
    throw new AppError('UNAVAILABLE', 'Очередь заданий не отвечает, попробуйте позже', { cause: error, details: { queue: error.message } });
  });

export interface HealthDeps {
  sql: Sql;
  queue: QueueBackend;
  databaseMode: 'embedded' | 'external';
  /** A worker keeps recurring schedules in a store that may lose them (Redis): a missing one makes the platform unhealthy. */
  expectSchedules?: boolean;
  /** The recurring crawls the configuration keeps (per network, the fresh pass's too). */
  crawlSchedules?: readonly SchedulerRef[];
}

/** Missing schedulers by name, and per network which crawls are scheduled and which expected ones are missing. */
async function schedulesReport(queue: QueueBackend, expected: readonly SchedulerRef[]) {
  const [missing, crawl] = await Promise.all([missingSchedulers(queue, expected), crawlSchedulesByNetwork(queue, expected)]);
  return { missing: missing.map((s) => `${s.queue}:${s.id}`), crawl };
}

/**
 * /healthz: database, queue and the recurring schedules (the core ones when a worker is expected, and
 * per network the crawls), each within 1.5 s, naming the part that is down. 503 when the database or
 * the queue is down, or when an expected schedule is missing from a store that may lose it.
 */
export function healthRoute(deps: HealthDeps) {
  const expected = [...(deps.expectSchedules ? CORE_SCHEDULERS : []), ...(deps.crawlSchedules ?? [])];
  const reportsSchedules = deps.expectSchedules || deps.crawlSchedules !== undefined;
  return async (c: Context) => {
    const part = <T>(name: string, check: () => Promise<T>) =>
      within(check(), HEALTH_PART_TIMEOUT_MS, name).then(
        (value) => ({ ok: true as const, value }),
        (error: Error) => ({ ok: false as const, error: error.message }),
      );
    const [database, queue, schedules] = await Promise.all([
      part('database', () => deps.sql`SELECT 1`),
      part('queue', () => deps.queue.health().then((h) => (h.ok ? h : Promise.reject(new Error(h.error ?? 'down'))))),
      reportsSchedules ? part('schedules', () => schedulesReport(deps.queue, expected)) : Promise.resolve(null),
    ]);
    const schedulesBody = schedules === null ? undefined : schedules.ok ? { ok: schedules.value.missing.length === 0, ...schedules.value } : { ok: false, error: schedules.error };
    const ok = database.ok && queue.ok && (!deps.expectSchedules || (schedulesBody?.ok ?? true));
    return c.json(
      {
        ok,
        database: database.ok ? { ok: true, mode: deps.databaseMode } : { ok: false, mode: deps.databaseMode, error: database.error },
        queue: queue.ok ? { ok: true, kind: deps.queue.kind } : { ok: false, kind: deps.queue.kind, error: queue.error },
        ...(schedulesBody ? { schedules: schedulesBody } : {}),
      },
      ok ? 200 : 503,
    );
  };
}
