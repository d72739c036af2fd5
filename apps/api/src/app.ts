import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { requestId } from 'hono/request-id';
import type { Sql } from '@most/db';
import { readQueueStatus, type QueueBackend, type SchedulerRef } from '@most/queue';
import { DEFAULT_DATA_DIR } from '@most/shared';
import type { Mailer } from '@most/trpc';
import { createOperations } from '@most/worker';
import { errorResponse } from './errors';
import type { TrustProxySetting } from './http/client-ip';
import { compression } from './http/compression';
import { hardening } from './http/hardening';
import { hashedAssets, pageShell } from './http/web-shell';
import { csrfProtection } from './http/csrf';
import type { Logger } from './logger';
import { createMailer } from './mailer';
import { publicApi } from './public/routes';
import { injectShareTags, shareInfoSource } from './public/share';
import { trpcHandler } from './trpc-handler';
import { verifyRoutes } from './routes/verify';
import { bulletinRoutes } from './routes/bulletin';
import { alertRoutes } from './routes/alerts';
import { healthRoute, queueRead } from './routes/health';
import { FAVICON_SVG, ROBOTS_TXT } from './http/site-files';

export interface AppDeps {
  sql: Sql;
  queue: QueueBackend;
  logger: Logger;
  /** Built dashboard (apps/web/dist); not served when absent. */
  webDistDir?: string;
  databaseMode: 'embedded' | 'external';
  /** DATA_DIR: stored files and the e-mail outbox (default ./data). */
  dataDir?: string;
  /** PUBLIC_URL: origin for CSRF checks, links in e-mails, Secure cookies when https. */
  publicUrl?: string;
  /** Outgoing e-mail; defaults to writing messages to the log. */
  mailer?: Mailer;
  /** TRUST_PROXY: which x-forwarded-for hops to believe (default: none). */
  trustProxy?: TrustProxySetting;
  /** A worker keeps recurring schedules in the queue store: /healthz reports missing ones. */
  expectSchedules?: boolean;
  /** The recurring crawls (per network) the configuration keeps: /healthz lists them per network. */
  crawlSchedules?: readonly SchedulerRef[];
  /** Requests without a session, any path: requests per minute per client (default 600). */
  publicRateLimitPerMinute?: number;
  /** The alerts' Telegram bot, for profile deep links; absent without TELEGRAM_BOT_TOKEN. */
  telegramBot?: { username(): Promise<string> };
}

/** Paths without cookies or CSRF (all GET-only): open data, the embeddable widget, static files. */
const isPublicPath = (path: string) =>
  path.startsWith('/api/public/') || path.startsWith('/embed/') || path.startsWith('/assets/') || path === '/healthz' || path === '/robots.txt' || path.startsWith('/favicon.');

type Env = { Variables: { requestId: string } };

export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Responses built by sub-handlers (tRPC, static files) get the id too.
    if (!c.res.headers.has('x-request-id')) c.header('x-request-id', c.get('requestId'));
    deps.logger.info({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.onError((error, c) => errorResponse(error, c, deps.logger));
  app.use(compression());
  app.use(...hardening({ sql: deps.sql, publicUrl: deps.publicUrl, trustProxy: deps.trustProxy, anonymousPerMinute: deps.publicRateLimitPerMinute }));
  // Bulletin pages, feeds and e-mail links: public, or authorised by the link's own token (before CSRF).
  app.route('/bulletin', bulletinRoutes({ sql: deps.sql, publicUrl: deps.publicUrl }));
  app.route('/alerts', alertRoutes({ sql: deps.sql }));
  app.use(csrfProtection({ publicUrl: deps.publicUrl, exempt: isPublicPath }));
  const dataDir = deps.dataDir ?? DEFAULT_DATA_DIR;
  const mailer = deps.mailer ?? createMailer({ logger: deps.logger, outboxDir: join(dataDir, 'outbox') });
  app.use(
    '/trpc/*',
    trpcHandler({
      sql: deps.sql,
      dataDir,
      logger: deps.logger,
      mailer,
      publicUrl: deps.publicUrl,
      queueStatus: () => queueRead(() => readQueueStatus(deps.queue)),
      operations: createOperations({ sql: deps.sql, queue: deps.queue }),
      telegramBot: deps.telegramBot,
    }),
  );
  const open = publicApi({ sql: deps.sql, publicUrl: deps.publicUrl });
  app.route('/api/public/v1', open.api);
  app.route('/embed', open.embed);

  app.route('/verify', verifyRoutes({ sql: deps.sql }));

  app.get('/healthz', healthRoute({ sql: deps.sql, queue: deps.queue, databaseMode: deps.databaseMode, expectSchedules: deps.expectSchedules, crawlSchedules: deps.crawlSchedules }));

  const favicon = (c: Context) => c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' });
  app.get('/favicon.svg', favicon);
  app.get('/favicon.ico', favicon);
  app.get('/robots.txt', (c) => c.text(ROBOTS_TXT, 200, { 'cache-control': 'public, max-age=3600' }));

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'Not found', requestId: c.get('requestId') } }, 404));

  const webDist = deps.webDistDir;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.get('/assets/*', hashedAssets(webDist));
    const shareInfo = shareInfoSource({ sql: deps.sql, publicUrl: deps.publicUrl });
    // Link previews (VK, Telegram) read the HTML the server returns: titles and tags go in here.
    const shell = pageShell(webDist, async (html, c) => injectShareTags(html, await shareInfo(c)));
    // Single-page app: every other GET that is not an API path gets index.html.
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/trpc')) return next();
      return shell(c);
    });
  }
  return app;
}
