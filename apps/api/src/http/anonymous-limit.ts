import type { MiddlewareHandler } from 'hono';
import { rateLimit } from '../public/rate-limit';
import { clientIp } from './client-ip';
import { requestSession } from './session';

/** Static files and the health check are not counted. */
const uncounted = (path: string) => path.startsWith('/assets/') || path === '/healthz' || path === '/favicon.svg';

/**
 * One per-client limit for every request without a valid session, whatever the path: open data,
 * the widget, public tRPC procedures, /verify, /bulletin and the dashboard's pages.
 */
export function anonymousRateLimit(options: { perMinute: number }): MiddlewareHandler {
  const limiter = rateLimit({ limit: options.perMinute, windowMs: 60_000, clientIp });
  return (c, next) => (requestSession(c)?.user || uncounted(c.req.path) ? next() : limiter(c, next));
}
