import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';

export const SESSION_COOKIE = 'most_session';
/** Readable by the dashboard's script, which echoes it in the x-csrf-token header (double submit). */
export const CSRF_COOKIE = 'most_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Secure cookies when the public address is https or a proxy says the request came over https. */
export function isSecureRequest(c: Context, publicUrl: string | undefined): boolean {
  if (publicUrl?.startsWith('https:')) return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export const readCookie = (c: Context, name: string): string | null => getCookie(c, name) ?? null;

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', expires: expiresAt, maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)) });
}

export const clearSessionCookie = (secure: boolean): string => serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 0, expires: new Date(0) });

export const csrfCookie = (token: string, secure: boolean): string => serialize(CSRF_COOKIE, token, { httpOnly: false, sameSite: 'Lax', secure, path: '/' });
