import type { Role } from '@most/shared';
import type { Queryable } from '../client';
import { hashSecretToken, newSecretToken } from './tokens';

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** last_seen_at is refreshed at most this often, so reads do not write on every request. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  organizationId: number | null;
}

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface IssuedSession {
  /** The secret for the cookie; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

/** Starts a new session for a user; the caller sets the cookie. */
export async function createSession(sql: Queryable, userId: number, meta: SessionMeta = {}, ttlMs = SESSION_TTL_MS): Promise<IssuedSession> {
  const token = newSecretToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await sql`DELETE FROM sessions WHERE user_id = ${userId} AND expires_at <= now()`;
  await sql`
    INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent)
    VALUES (${hashSecretToken(token)}, ${userId}, ${expiresAt}, ${meta.ip ?? null}, ${meta.userAgent?.slice(0, 500) ?? null})`;
  return { token, expiresAt };
}

interface SessionRow {
  session_id: number;
  last_seen_at: Date;
  id: number;
  email: string;
  display_name: string;
  role: Role;
  organization_id: number | null;
}

/** The user behind a session token, or null when the session is unknown, expired or the user is disabled. */
export async function findSessionUser(sql: Queryable, token: string): Promise<{ sessionId: number; user: SessionUser } | null> {
  const [row] = await sql<SessionRow[]>`
    SELECT s.id AS session_id, s.last_seen_at, u.id, u.email, u.display_name, u.role, u.organization_id
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${hashSecretToken(token)} AND s.expires_at > now() AND u.disabled_at IS NULL`;
  if (!row) return null;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await sql`UPDATE sessions SET last_seen_at = now() WHERE id = ${row.session_id}`;
  }
  return {
    sessionId: row.session_id,
    user: { id: row.id, email: row.email, displayName: row.display_name, role: row.role, organizationId: row.organization_id },
  };
}

export async function deleteSession(sql: Queryable, token: string): Promise<void> {
  await sql`DELETE FROM sessions WHERE token_hash = ${hashSecretToken(token)}`;
}

/** Ends every session of a user (password change, account disabled). */
export async function deleteUserSessions(sql: Queryable, userId: number): Promise<void> {
  await sql`DELETE FROM sessions WHERE user_id = ${userId}`;
}

export async function deleteExpiredSessions(sql: Queryable): Promise<number> {
  const rows = await sql`DELETE FROM sessions WHERE expires_at <= now() RETURNING id`;
  return rows.length;
}
