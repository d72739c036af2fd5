import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '@most/shared';

const MB = 1024 * 1024;

/** Ordinary tRPC calls: small JSON. */
export const DEFAULT_TRPC_BODY_BYTES = 1 * MB;
/** Anything else (open data, bulletin, verify, dashboard): GETs and small forms only. */
export const OTHER_BODY_BYTES = 64 * 1024;
/**
 * Procedures that carry files (base64 in JSON, so 4/3 of the file plus the envelope). One place,
 * checked against the procedures' own zod limits by a test.
 */
export const UPLOAD_BODY_BYTES: Record<string, number> = {
  'training.trainee.submit': 5 * 14 * MB + MB, // five files of 10 MB and the answer text
  'training.monitor.attachLessonFile': 15 * MB,
  'training.monitor.bulkEnrol': 15 * MB,
  'registry.importFile': 28 * MB, // 20 MB spreadsheet
};

/** The limit for a request: the largest of the procedures it calls (tRPC batches several as "a,b"). */
export function bodyLimitFor(path: string): number {
  if (!path.startsWith('/trpc/')) return OTHER_BODY_BYTES;
  const procedures = decodeURIComponent(path.slice('/trpc/'.length)).split(',');
  return Math.max(DEFAULT_TRPC_BODY_BYTES, ...procedures.map((p) => UPLOAD_BODY_BYTES[p] ?? 0));
}

const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString('ru-RU', { maximumFractionDigits: 2 })} МБ`;

/**
 * Refuses a body over its route's limit with 413 at once: by Content-Length before reading, or
 * while streaming a chunked body, never buffering past the limit (hono's bodyLimit).
 */
export function bodyLimits(): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (maxSize: number) => {
    let limiter = limiters.get(maxSize);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize,
        onError: () => {
          throw new AppError('PAYLOAD_TOO_LARGE', `Запрос слишком большой: не более ${megabytes(maxSize)}`, { details: { maxBytes: maxSize } });
        },
      });
      limiters.set(maxSize, limiter);
    }
    return limiter;
  };
  return (c, next) => limiterFor(bodyLimitFor(c.req.path))(c, next);
}
