import type { MiddlewareHandler } from 'hono';

export interface RateLimitOptions {
  /** Requests allowed per window and IP. */
  limit: number;
  windowMs: number;
  clientIp: (c: Parameters<MiddlewareHandler>[0]) => string;
}

/**
 * Per-IP fixed-window limit for the open-data API, in memory (each API process counts its own
 * share). Over the limit: 429 with Retry-After in seconds.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = Date.now() + options.windowMs;
  return async (c, next) => {
    const now = Date.now();
    if (now > nextSweep) {
      for (const [ip, w] of windows) if (w.resetAt <= now) windows.delete(ip);
      nextSweep = now + options.windowMs;
    }
    const ip = options.clientIp(c);
    let window = windows.get(ip);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + options.windowMs };
      windows.set(ip, window);
    }
    window.count += 1;
    c.header('x-ratelimit-limit', String(options.limit));
    c.header('x-ratelimit-remaining', String(Math.max(0, options.limit - window.count)));
    if (window.count > options.limit) {
      const retryAfter = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
      return c.json(
        { error: { code: 'TOO_MANY_REQUESTS', message: 'Слишком много запросов, повторите позже', details: { retryAfterSeconds: retryAfter }, requestId: c.get('requestId' as never) } },
        429,
        { 'retry-after': String(retryAfter) },
      );
    }
    await next();
  };
}
