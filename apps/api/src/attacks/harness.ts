import { seedDemoRegistry } from '@most/services';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend } from '@most/queue/testing';
import type { Mailer } from '@most/trpc';
import { createApp, type AppDeps } from '../app';
import { createLogger } from '../logger';
import { listen, type RunningServer } from '../server';
import { createRoleUsers, signIn } from '../test-support/app';
import { overHttp, TestBrowser } from '../test-support/http-client';

export { TEST_PASSWORD as PASSWORD } from '../test-support/app';

/**
 * The platform's API on a real port, over the real PostgreSQL and Redis, for replaying attacks
 * with real HTTP requests. One database and queue prefix per test file.
 */
export interface AttackTarget {
  db: TestDatabase;
  queue: QueueBackend;
  server: RunningServer;
  outbox: { to: string; subject: string; text: string }[];
  /** A cookie-keeping client over HTTP; headers go with every request. */
  browser(headers?: Record<string, string>): TestBrowser;
  signedIn(email: string, headers?: Record<string, string>): Promise<TestBrowser>;
  close(): Promise<void>;
}

export async function startAttackTarget(options: Partial<AppDeps> & { users?: boolean } = {}): Promise<AttackTarget> {
  const db = await createTestDatabase();
  const queue = await createTestQueueBackend('redis', db.url);
  await seedDemoRegistry(db.sql);
  if (options.users !== false) {
    const [org] = await db.sql<{ code: string }[]>`SELECT code FROM organizations ORDER BY id LIMIT 1`;
    await createRoleUsers(db.sql, org!.code);
  }
  const outbox: AttackTarget['outbox'] = [];
  const mailer: Mailer = { send: async (m) => void outbox.push(m) };
  const app = createApp({ sql: db.sql, queue, logger: createLogger('silent'), databaseMode: 'external', mailer, ...options });
  const server = await listen(app as never, { port: 0, host: '127.0.0.1' });
  const browser = (headers: Record<string, string> = {}) => new TestBrowser(overHttp(server.url), headers);
  return {
    db,
    queue,
    server,
    outbox,
    browser,
    signedIn: (email, headers = {}) => signIn(browser(headers), email),
    async close() {
      await server.close();
      await queue.close();
      await db.drop();
    },
  };
}

/** A raw HTTP request with any headers (fetch cannot set Host). */
export function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: string }> {
  return import('node:http').then(
    ({ request }) =>
      new Promise((resolve, reject) => {
        const url = new URL(baseUrl);
        const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end(options.body);
      }),
  );
}
