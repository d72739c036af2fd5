import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';
import { errorResponse } from './errors';
import type { Logger } from './logger';

export interface AppDeps {
  sql: Sql;
  queue: QueueBackend;
  logger: Logger;
  /** Built dashboard (apps/web/dist); not served when absent. */
  webDistDir?: string;
  databaseMode: 'embedded' | 'external';
}

type Env = { Variables: { requestId: string } };

export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  app.onError((error, c) => errorResponse(error, c, deps.logger));

  app.get('/healthz', async (c) => {
    const [database, queue] = await Promise.all([
      deps.sql`SELECT 1`.then(
        () => ({ ok: true, mode: deps.databaseMode }),
        (error: Error) => ({ ok: false, mode: deps.databaseMode, error: error.message }),
      ),
      deps.queue.health(),
    ]);
    const ok = database.ok && queue.ok;
    return c.json({ ok, database, queue }, ok ? 200 : 503);
  });

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'Not found', requestId: c.get('requestId') } }, 404));

  const webDist = deps.webDistDir;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use('/assets/*', serveStatic({ root: webDist }));
    app.use('/favicon.svg', serveStatic({ root: webDist }));
    // Single-page app: every other GET that is not an API path gets index.html.
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/trpc')) return next();
      return c.html(await readFile(join(webDist, 'index.html'), 'utf8'));
    });
  }
  return app;
}
