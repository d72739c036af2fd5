import { AppError } from '@most/shared';
import type { Queryable } from '../client';
import { hashPassword, verifyPassword } from '../users';
import type { SessionUser } from './sessions';
import { clearFailures, LOGIN_THROTTLE, lockedForSeconds, recordFailure, throttleKeys, type ThrottlePolicy } from './throttle';

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

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError('TOO_MANY_REQUESTS', 'Слишком много попыток входа. Попробуйте позже.', { details: { retryAfterSeconds } });

/**
 * Checks e-mail and password with per-e-mail and per-IP throttling stored in PostgreSQL
 * (so every API process sees the same counters). The same error for an unknown e-mail and a
 * wrong password; a lock answers TOO_MANY_REQUESTS with the seconds to wait.
 */
export async function authenticate(
  sql: Queryable,
  input: { email: string; password: string; ip: string },
  policy: { email: ThrottlePolicy; ip: ThrottlePolicy } = LOGIN_THROTTLE,
): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.ip);
  const wait = await lockedForSeconds(sql, [keys.email, keys.ip]);
  if (wait > 0) throw tooManyAttempts(wait);

  const [user] = await sql<UserAuthRow[]>`
    SELECT id, email, display_name, role, organization_id, password_hash, disabled_at FROM users WHERE lower(email) = ${email}`;
  const passwordHash = user?.password_hash ?? (await (dummyHash ??= hashPassword('dummy-password-for-timing')));
  const passwordOk = await verifyPassword(passwordHash, input.password);
  if (!user || !user.password_hash || !passwordOk || user.disabled_at) {
    const [byEmail, byIp] = await Promise.all([recordFailure(sql, keys.email, policy.email), recordFailure(sql, keys.ip, policy.ip)]);
    if (byEmail.locked || byIp.locked) throw tooManyAttempts(await lockedForSeconds(sql, [keys.email, keys.ip]));
    throw new AppError('UNAUTHORIZED', 'Неверный e-mail или пароль');
  }
  await clearFailures(sql, keys.email);
  return toSessionUser(user);
}
