import type { Context, MiddlewareHandler } from 'hono';
import { findSessionUser, type SessionUser, type Sql } from '@most/db';
import { readCookie, SESSION_COOKIE } from './cookies';

export interface ResolvedSession {
  token: string | null;
  user: SessionUser | null;
}

/** Resolves the session cookie once per request; tRPC and the anonymous rate limit read it from the context. */
export function sessionMiddleware(sql: Sql): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.startsWith('/assets/') || c.req.path === '/healthz') return next();
    const token = readCookie(c, SESSION_COOKIE);
    const found = token ? await findSessionUser(sql, token) : null;
    c.set('session' as never, { token, user: found?.user ?? null } satisfies ResolvedSession as never);
    await next();
  };
}

export const requestSession = (c: Context): ResolvedSession | undefined => c.get('session' as never) as ResolvedSession | undefined;
