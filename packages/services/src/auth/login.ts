import { AppError } from '@most/shared';
import type { Queryable } from '@most/db';
import { hashPassword, verifyPassword } from './passwords';
import type { SessionUser } from '@most/db';
import { isLocked, LOGIN_THROTTLE, lockedForSeconds, releaseAttempt, reserveAttempt, throttleKeys, type LoginThrottle } from '@most/db';

/** Checked when the e-mail is unknown, so a miss costs as much time as a wrong password. */
let dummyHash: Promise<string> | undefined;

interface UserAuthRow {
  id: number;
  email: string;
  display_name: string;
  role: SessionUser['role'];
  organization_id: number | null;
  password_hash: string | null;
  disabled_at: Date | null;
}

export const toSessionUser = (row: Pick<UserAuthRow, 'id' | 'email' | 'display_name' | 'role' | 'organization_id'>): SessionUser => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  organizationId: row.organization_id,
});

export const tooManyAttempts = (retryAfterSeconds: number) => new AppError('TOO_MANY_REQUESTS', 'Слишком много попыток входа. Попробуйте позже.', { details: { retryAfterSeconds } });

/**
 * Checks e-mail and password. Every attempt is first reserved on three counters in PostgreSQL
 * (e-mail with this client, the e-mail from anywhere, this client; shared by every API process),
 * atomically, so parallel guesses cannot outrun the limit; a success gives the reservation back.
 * The same error for an unknown e-mail and a wrong password; a lock answers TOO_MANY_REQUESTS
 * with the seconds to wait.
 */
export async function authenticate(sql: Queryable, input: { email: string; password: string; ip: string }, policy: LoginThrottle = LOGIN_THROTTLE): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.ip);
  const order = ['pair', 'ip', 'email'] as const;
  const reserved: (typeof order)[number][] = [];
  for (const name of order) {
    if (!(await reserveAttempt(sql, keys[name], policy[name]))) {
      // Nothing is checked while locked; what was reserved on the other keys is given back.
      await Promise.all(reserved.map((r) => releaseAttempt(sql, keys[r], false)));
      throw tooManyAttempts(Math.max(1, await lockedForSeconds(sql, [keys[name]])));
    }
    reserved.push(name);
  }

  const [user] = await sql<UserAuthRow[]>`
    SELECT id, email, display_name, role, organization_id, password_hash, disabled_at FROM users WHERE lower(email) = ${email}`;
  const passwordHash = user?.password_hash ?? (await (dummyHash ??= hashPassword('dummy-password-for-timing')));
  const passwordOk = await verifyPassword(passwordHash, input.password);
  if (!user?.password_hash || !passwordOk || user.disabled_at) {
    const locked = await Promise.all(order.map((name) => isLocked(sql, keys[name])));
    if (locked.some(Boolean)) throw tooManyAttempts(await lockedForSeconds(sql, Object.values(keys)));
    throw new AppError('UNAUTHORIZED', 'Неверный e-mail или пароль');
  }
  await Promise.all([releaseAttempt(sql, keys.pair, true), releaseAttempt(sql, keys.email, true), releaseAttempt(sql, keys.ip, false)]);
  return toSessionUser(user);
}
