import { type TestDatabase, useTestDatabase } from '@most/db/testing';
import type { QueueBackend } from '@most/queue';
import { useTestQueue } from '@most/queue/testing';
import { createUser, seedDemoRegistry } from '@most/services';
import { useTempDir } from '@most/shared/testing';
import { beforeAll } from 'vitest';
import type { Role } from '@most/shared';
import type { Hono } from 'hono';
import { type AppDeps, createApp } from '../app';
import { createLogger } from '../logger';
import { type RequestTarget, TestBrowser } from './http-client';

/** The password every test user signs in with. */
export const TEST_PASSWORD = 'correct horse battery';

/** Registers a fresh database and a Redis queue on it for the calling test file or describe block. */
export function useAppServices(): { db: TestDatabase; queue: QueueBackend } {
  const db = useTestDatabase();
  const queue = useTestQueue(db);
  return { db, queue };
}

/** Registers a test database holding the demo registry, and a temporary DATA_DIR, for the calling describe block. */
export function useDemoRegistry(dataDirPrefix: string): { db: TestDatabase; dataDir: { readonly path: string } } {
  const db = useTestDatabase();
  const dataDir = useTempDir(dataDirPrefix);
  beforeAll(async () => {
    await seedDemoRegistry(db.sql);
  });
  return { db, dataDir };
}

/** The HTTP app over a test database and queue: silent log, external database, anything else as given. */
export function createTestApp(deps: Pick<AppDeps, 'sql' | 'queue'> & Partial<AppDeps>): Hono<never> {
  return createApp({ logger: createLogger('silent'), databaseMode: 'external', ...deps }) as unknown as Hono<never>;
}

/** A user who signs in with TEST_PASSWORD; an agency or trainee belongs to the organization with the given code. */
export async function createTestUser(sql: AppDeps['sql'], email: string, role: Role, organizationCode?: string): Promise<void> {
  await createUser(sql, { email, role, password: TEST_PASSWORD, ...(organizationCode ? { organizationCode } : {}) }, { label: 'test' });
}

/** One user of each role (the agency one in the given organization), all with TEST_PASSWORD, at most.test. */
export async function createRoleUsers(sql: AppDeps['sql'], agencyOrganizationCode: string): Promise<void> {
  for (const [email, role] of [
    ['admin@most.test', 'admin'],
    ['monitor@most.test', 'monitor'],
    ['trainee@most.test', 'trainee'],
    ['instructor@most.test', 'instructor'],
  ] as const) {
    await createTestUser(sql, email, role);
  }
  await createTestUser(sql, 'agency@most.test', 'agency', agencyOrganizationCode);
}

/** Signs a browser in with TEST_PASSWORD (after it picked up its CSRF cookie); fails with the server's answer. */
export async function signIn(browser: TestBrowser, email: string): Promise<TestBrowser> {
  await browser.open();
  const login = await browser.mutate('auth.login', { email, password: TEST_PASSWORD });
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${JSON.stringify(login.body)}`);
  return browser;
}

/**
 * Browsers for one test file, each from its own address in `network` (e.g. '10.1.0'), so per-client
 * rate limits never join them. `target` is read when a browser is made (after beforeAll built the app).
 */
export function testBrowsers(target: () => RequestTarget, network: string) {
  let last = 0;
  const browser = () => new TestBrowser(target(), { 'x-forwarded-for': `${network}.${++last}` });
  return {
    browser,
    /** A visitor without a session who has loaded the dashboard once. */
    async anonymous(): Promise<TestBrowser> {
      const b = browser();
      await b.open();
      return b;
    },
    signedIn: (email: string): Promise<TestBrowser> => signIn(browser(), email),
  };
}
