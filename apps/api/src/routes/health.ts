import type { Context } from 'hono';
import type { Sql } from '@most/db';
import { missingSchedulers, type QueueBackend } from '@most/queue';
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

/**
 * /healthz: database, queue and (when a worker is expected) the recurring schedules, each within
 * 1.5 s, naming the part that is down. 503 when any part is down.
 */
export function healthRoute(deps: { sql: Sql; queue: QueueBackend; databaseMode: 'embedded' | 'external'; expectSchedules?: boolean }) {
  return async (c: Context) => {
    const part = <T>(name: string, check: () => Promise<T>) =>
      within(check(), HEALTH_PART_TIMEOUT_MS, name).then(
        (value) => ({ ok: true as const, value }),
        (error: Error) => ({ ok: false as const, error: error.message }),
      );
    const [database, queue, schedules] = await Promise.all([
      part('database', () => deps.sql`SELECT 1`),
      part('queue', () => deps.queue.health().then((h) => (h.ok ? h : Promise.reject(new Error(h.error ?? 'down'))))),
      deps.expectSchedules ? part('schedules', () => missingSchedulers(deps.queue)) : Promise.resolve(null),
    ]);
    const missing = schedules?.ok ? schedules.value.map((s) => `${s.queue}:${s.id}`) : [];
    const schedulesReport = schedules === null ? undefined : schedules.ok ? { ok: missing.length === 0, missing } : { ok: false, error: schedules.error };
    const ok = database.ok && queue.ok && (schedulesReport?.ok ?? true);
    return c.json(
      {
        ok,
        database: database.ok ? { ok: true, mode: deps.databaseMode } : { ok: false, mode: deps.databaseMode, error: database.error },
        queue: queue.ok ? { ok: true, kind: deps.queue.kind } : { ok: false, kind: deps.queue.kind, error: queue.error },
        ...(schedulesReport ? { schedules: schedulesReport } : {}),
      },
      ok ? 200 : 503,
    );
  };
}
