import type { MiddlewareHandler } from 'hono';
import type { Sql } from '@most/db';
import { anonymousRateLimit } from './anonymous-limit';
import { bodyLimits } from './body-limits';
import { clientIpMiddleware, type TrustProxySetting } from './client-ip';
import { rejectBadUrl } from './reject-bad-url';
import { securityHeaders } from './security-headers';
import { sessionMiddleware } from './session';

/**
 * Everything every request passes before a route (SECURITY.md): the client address under
 * TRUST_PROXY, security headers, a NUL/encoding check, body limits per route, the session, and
 * one rate limit for anonymous callers.
 */
export function hardening(deps: { sql: Sql; publicUrl?: string; trustProxy?: TrustProxySetting; anonymousPerMinute?: number }): MiddlewareHandler[] {
  // Separate app-level middleware, so an error answered by onError still gets the headers.
  return [
    clientIpMiddleware(deps.trustProxy),
    securityHeaders({ https: deps.publicUrl?.startsWith('https:') ?? false }),
    rejectBadUrl(),
    bodyLimits(),
    sessionMiddleware(deps.sql),
    anonymousRateLimit({ perMinute: deps.anonymousPerMinute ?? 600 }),
  ];
}
