import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { trpcServer } from '@hono/trpc-server';
import { findSessionUser, type Sql } from '@most/db';
import { inputErrorFromDatabase, isAppError } from '@most/shared';
import { appRouter, type Mailer, type TrpcContext } from '@most/trpc';
import { clientIp } from './http/client-ip';
import { requestSession } from './http/session';
import { clearSessionCookie, csrfCookie, isSecureRequest, readCookie, SESSION_COOKIE, sessionCookie } from './http/cookies';
import type { Logger } from './logger';
import { publicBase } from './http/public-origin';

export interface TrpcHandlerDeps {
  sql: Sql;
  logger: Logger;
  mailer: Mailer;
  /** DATA_DIR: where stored files live. */
  dataDir: string;
  publicUrl?: string;
  /** Read-only queue status for monitors (crawl page). */
  queueStatus?: TrpcContext['queueStatus'];
  /** Crawl now / rescore now for monitors. */
  operations?: TrpcContext['operations'];
  telegramBot?: TrpcContext['telegramBot'];
}

/** tRPC at /trpc with the session resolved from its cookie; CSRF is checked before this runs. */
export function trpcHandler(deps: TrpcHandlerDeps): MiddlewareHandler {
  return trpcServer({
    endpoint: '/trpc',
    router: appRouter,
    createContext: async (opts, c): Promise<TrpcContext & Record<string, unknown>> => {
      const resolved = requestSession(c);
      const sessionToken = resolved ? resolved.token : readCookie(c, SESSION_COOKIE);
      const found = resolved ?? (sessionToken ? await findSessionUser(deps.sql, sessionToken) : null);
      const secure = isSecureRequest(c, deps.publicUrl);
      const requestId = c.get('requestId' as never) as string;
      return {
        sql: deps.sql,
        logger: deps.logger.child({ requestId }),
        mailer: deps.mailer,
        dataDir: deps.dataDir,
        publicUrl: publicBase(c, deps.publicUrl),
        requestId,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
        sessionToken,
        user: found?.user ?? null,
        queueStatus: deps.queueStatus,
        operations: deps.operations,
        telegramBot: deps.telegramBot,
        cookies: {
          issue: (session) => {
            opts.resHeaders.append('set-cookie', sessionCookie(session.token, session.expiresAt, secure));
            // A new session gets a new CSRF token too: nothing chosen before login survives it.
            opts.resHeaders.append('set-cookie', csrfCookie(randomBytes(24).toString('base64url'), secure));
          },
          clear: () => opts.resHeaders.append('set-cookie', clearSessionCookie(secure)),
        },
      };
    },
    onError: ({ error, path, ctx }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR' && !(isAppError(error.cause) && error.cause.status < 500) && !inputErrorFromDatabase(error.cause)) {
        deps.logger.error({ err: error.cause ?? error, path, requestId: (ctx as TrpcContext | undefined)?.requestId }, 'tRPC procedure failed');
      }
    },
  });
}
