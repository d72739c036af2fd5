import type { Queryable } from '../client';

export interface ThrottlePolicy {
  /** Attempts allowed within the window; the one that reaches it locks the key. */
  maxFailures: number;
  windowSeconds: number;
  /** First lock; each further failure after a lock doubles it, up to maxLockoutSeconds. */
  lockoutSeconds: number;
  maxLockoutSeconds?: number;
}

/**
 * Per e-mail and client together: a handful of guesses, then growing delays (1, 2, 4 … 60 min),
 * so a stranger's guesses never lock the owner out of their own network. Per e-mail from all
 * clients: room for a distributed guesser to be noticed, not for the owner to be locked by five
 * wrong passwords. Per client: room for an office behind one NAT.
 */
export const LOGIN_THROTTLE = {
  pair: { maxFailures: 5, windowSeconds: 24 * 60 * 60, lockoutSeconds: 60, maxLockoutSeconds: 60 * 60 },
  email: { maxFailures: 50, windowSeconds: 60 * 60, lockoutSeconds: 15 * 60 },
  ip: { maxFailures: 30, windowSeconds: 15 * 60, lockoutSeconds: 15 * 60 },
} satisfies Record<string, ThrottlePolicy>;

export type LoginThrottle = typeof LOGIN_THROTTLE;

export const throttleKeys = (email: string, ip: string) => {
  const address = email.toLowerCase();
  return { pair: `pair:${address}|${ip}`, email: `email:${address}`, ip: `ip:${ip}` };
};

/** Seconds until the latest lock on any of the keys ends, or 0 when none is locked. */
export async function lockedForSeconds(sql: Queryable, keys: string[]): Promise<number> {
  const [row] = await sql<{ seconds: number | null }[]>`
    SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
    FROM login_throttle WHERE key IN ${sql(keys)} AND locked_until > now()`;
  return Math.max(0, row?.seconds ?? 0);
}

/**
 * Reserves one attempt on a key before the password is checked, in one statement (atomic across
 * concurrent requests and API processes): a locked key reserves nothing and answers false; the
 * attempt that reaches the limit locks the key at once, so parallel guesses behind it are refused
 * unchecked. A success later gives the reservation back (releaseAttempt).
 */
export async function reserveAttempt(sql: Queryable, key: string, policy: ThrottlePolicy): Promise<boolean> {
  const window = `${policy.windowSeconds} seconds`;
  const maxLock = policy.maxLockoutSeconds ?? policy.lockoutSeconds;
  const expired = sql`t.window_started_at < now() - ${window}::interval`;
  const next = sql`(CASE WHEN ${expired} THEN 1 ELSE t.failures + 1 END)`;
  const lockFor = (failures: typeof next) =>
    sql`CASE WHEN ${failures} >= ${policy.maxFailures}::int
      THEN now() + make_interval(secs => least(${maxLock}::float8, ${policy.lockoutSeconds}::float8 * power(2, ${failures} - ${policy.maxFailures}::int))) END`;
  const rows = await sql<{ failures: number }[]>`
    INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
    VALUES (${key}, 1, now(), ${lockFor(sql`1`)})
    ON CONFLICT (key) DO UPDATE SET
      failures = ${next},
      window_started_at = CASE WHEN ${expired} THEN now() ELSE t.window_started_at END,
      locked_until = ${lockFor(next)}
    WHERE t.locked_until IS NULL OR t.locked_until <= now()
    RETURNING failures`;
  return rows.length > 0;
}

/** Gives a reserved attempt back after a successful login; the pair's history is forgotten. */
export async function releaseAttempt(sql: Queryable, key: string, forget: boolean): Promise<void> {
  if (forget) await sql`DELETE FROM login_throttle WHERE key = ${key}`;
  else await sql`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${key}`;
}

/** Whether a key is locked right now (after a failed attempt, to tell the caller to wait). */
export async function isLocked(sql: Queryable, key: string): Promise<boolean> {
  const [row] = await sql<{ locked: boolean }[]>`SELECT coalesce(locked_until > now(), false) AS locked FROM login_throttle WHERE key = ${key}`;
  return row?.locked ?? false;
}
