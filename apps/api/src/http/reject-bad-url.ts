import type { MiddlewareHandler } from 'hono';
import { AppError } from '@most/shared';

/**
 * A request whose path or query holds a NUL character or broken percent-encoding is refused with
 * 400 before it reaches a route (PostgreSQL refuses NUL in text, which would otherwise be a 500).
 */
export function rejectBadUrl(): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.url;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      throw new AppError('BAD_REQUEST', 'Адрес запроса содержит неверную кодировку символов', { details: { url: 'malformed percent-encoding' } });
    }
    if (decoded.includes('\0')) throw new AppError('BAD_REQUEST', 'Адрес запроса содержит недопустимый символ', { details: { url: 'contains a NUL character' } });
    await next();
  };
}
