import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { inputErrorFromDatabase, isAppError } from '@most/shared';
import { appErrorShape } from '@most/trpc';
import type { Logger } from './logger';

/** The single place an error becomes an HTTP response: AppError keeps its code, anything else is a 500 without details. */
export function errorResponse(thrown: unknown, c: Context, logger: Logger): Response {
  const error = inputErrorFromDatabase(thrown) ?? thrown;
  const requestId = c.get('requestId' as never) as string | undefined;
  if (isAppError(error)) {
    if (error.status >= 500) logger.error({ err: error, requestId }, error.userMessage);
    // Refused before tRPC ran (e.g. CSRF): answer in tRPC's error shape so its client can read it.
    if (c.req.path.startsWith('/trpc/')) {
      return c.json({ error: appErrorShape(error, null, requestId ?? null) }, error.status as 400);
    }
    return c.json({ error: { code: error.code, message: error.userMessage, details: error.details, requestId } }, error.status as 400);
  }
  if (error instanceof HTTPException) {
    return c.json({ error: { code: 'HTTP_ERROR', message: error.message, requestId } }, error.status);
  }
  logger.error({ err: error, requestId }, 'unhandled error');
  return c.json({ error: { code: 'INTERNAL', message: 'Internal error', requestId } }, 500);
}
