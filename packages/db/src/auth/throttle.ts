import type { Queryable } from '../client';

export interface ThrottlePolicy {
  /** Failures allowed within the window before the key is locked. */
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

/** Per e-mail: a handful of guesses; per IP: room for an office behind one NAT. */
export const LOGIN_THROTTLE = {
  email: { maxFailures: 5, windowSeconds: 15 * 60, lockoutSeconds: 15 * 60 },
  ip: { maxFailures: 30, windowSeconds: 15 * 60, lockoutSeconds: 15 * 60 },
} satisfies Record<string, ThrottlePolicy>;

export const throttleKeys = (email: string, ip: string) => ({ email: `email:${email.toLowerCase()}`, ip: `ip:${ip}` });

/** Seconds until the latest lock on any of the keys ends, or 0 when none is locked. */
export async function lockedForSeconds(sql: Queryable, keys: string[]): Promise<number> {
  const [row] = await sql<{ seconds: number | null }[]>`
    SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
    FROM login_throttle WHERE key IN ${sql(keys)} AND locked_until > now()`;
  return Math.max(0, row?.seconds ?? 0);
}

/** Counts one failure atomically (safe across API processes) and locks the key when it reaches the limit. */
export async function recordFailure(sql: Queryable, key: string, policy: ThrottlePolicy): Promise<{ failures: number; locked: boolean }> {
  const window = `${policy.windowSeconds} seconds`;
  const lockout = `${policy.lockoutSeconds} seconds`;
  const [row] = await sql<{ failures: number; locked: boolean }[]>`
    INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
    VALUES (${key}, 1, now(), CASE WHEN 1 >= ${policy.maxFailures}::int THEN now() + ${lockout}::interval END)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_started_at < now() - ${window}::interval THEN 1 ELSE t.failures + 1 END,
      window_started_at = CASE WHEN t.window_started_at < now() - ${window}::interval THEN now() ELSE t.window_started_at END,
      locked_until = CASE
        WHEN (CASE WHEN t.window_started_at < now() - ${window}::interval THEN 1 ELSE t.failures + 1 END) >= ${policy.maxFailures}::int
          THEN now() + ${lockout}::interval
        ELSE t.locked_until END
    RETURNING failures, coalesce(locked_until > now(), false) AS locked`;
  return row!;
}

export async function clearFailures(sql: Queryable, key: string): Promise<void> {
  await sql`DELETE FROM login_throttle WHERE key = ${key}`;
}
