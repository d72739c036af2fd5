import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '@most/shared';
import { CSRF_COOKIE, CSRF_HEADER, csrfCookie, isSecureRequest, readCookie } from './cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * CSRF protection for every state-changing request: the x-csrf-token header must equal the
 * most_csrf cookie (a cross-site page can neither read the cookie nor set the header), and an
 * Origin header, when sent, must be this site's. Safe requests get the cookie if they lack it.
 */
export function csrfProtection(options: { publicUrl?: string; exempt?: (path: string) => boolean }): MiddlewareHandler {
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : null;
  return async (c, next) => {
    if (options.exempt?.(c.req.path)) return next();
    const cookie = readCookie(c, CSRF_COOKIE);
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null') {
        const own = publicOrigin ?? new URL(c.req.url).origin;
        if (origin !== own) throw new AppError('FORBIDDEN', 'Запрос с чужого сайта отклонён', { details: { origin: 'does not match this site' } });
      } else if (origin === 'null') {
        throw new AppError('FORBIDDEN', 'Запрос с чужого сайта отклонён', { details: { origin: 'opaque origin' } });
      }
      const header = c.req.header(CSRF_HEADER);
      if (!cookie || !header || !sameToken(cookie, header)) {
        throw new AppError('FORBIDDEN', 'Обновите страницу и повторите действие', { details: { [CSRF_HEADER]: 'missing or does not match the most_csrf cookie' } });
      }
    }
    await next();
    if (!cookie) c.header('set-cookie', csrfCookie(randomBytes(24).toString('base64url'), isSecureRequest(c, options.publicUrl)), { append: true });
  };
}
