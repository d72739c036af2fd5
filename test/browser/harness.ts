/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createUser, seedDemoRegistry } from '@most/services';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import { startPlatform, type Platform } from '@most/api';
import { parseConfig } from '@most/shared';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, webBuildIsStale } from './build-web';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const ARTIFACTS_DIR = join(ROOT, 'test-artifacts/browser');

/** Builds the dashboard when apps/web/dist is missing or stale (under a lock shared by parallel test files). */
export function ensureWebBuild(): void {
  if (!webBuildIsStale()) return;
  execFileSync('flock', ['/tmp/most-web-build.lock', process.execPath, '--import', 'tsx', join(ROOT, 'test/browser/build-web.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/** Debian's Chromium driven by playwright-core; never downloads a browser. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface TestPlatform {
  url: string;
  db: TestDatabase;
  platform: Platform;
  close(): Promise<void>;
}

/** The real platform (API + worker + dashboard) in-process on a fresh, migrated PostgreSQL database with the demo registry. */
export async function startTestPlatform(options: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestPlatform> {
  const db = await createTestDatabase();
  await seedDemoRegistry(db.sql);
  const config = parseConfig({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '4', NODE_ENV: 'test', CHROMIUM_PATH, ...options.env });
  const platform = await startPlatform({ config, api: true, worker: options.worker ?? false, migrate: true });
  return {
    url: platform.url!,
    db,
    platform,
    close: async () => {
      await platform.close();
      await db.drop();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations only. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self') refuses inline script tags.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const TEST_PASSWORD = 'correct-horse-battery';

/** Creates a user with a password through the platform's own user function. */
export async function createUserWithPassword(
  platform: TestPlatform,
  user: { email: string; role: 'admin' | 'monitor' | 'agency' | 'instructor' | 'trainee'; displayName?: string; organizationCode?: string },
): Promise<{ id: number; label: string }> {
  const created = await createUser(platform.db.sql, { ...user, password: TEST_PASSWORD }, { label: 'browser-test' });
  return { id: created.id, label: created.email };
}

/** Opens the login form, fills it in and submits it (with the test users' password unless another is given). */
export async function submitLogin(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).last().click();
}

/** Signs in through the login form and waits for the role's landing page. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await submitLogin(page, baseUrl, email);
  // On a phone the account line sits in the closed menu: present, not visible.
  await page.getByTestId('signed-in-as').waitFor({ state: 'attached' });
}

/** Every page of the monitoring section. */
export const MONITOR_PAGES = [
  '/monitor/registry',
  '/monitor/import',
  '/monitor/crawl',
  '/monitor/review',
  '/monitor/scoring',
  '/monitor/disputes',
  '/monitor/editions',
  '/monitor/bulletins',
  '/monitor/users',
] as const;

/** The two screens every public page is tested on. */
export const VIEWPORTS = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 900 } } },
  { name: 'phone', options: { viewport: { width: 375, height: 740 }, isMobile: true } },
] as const;

/** A page in its own context (own cookies), with generous waits: the suite shares two cores with other tests. */
export async function newPage(browser: Browser, options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Saratov', acceptDownloads: true, ...options });
  context.setDefaultTimeout(60_000);
  return context.newPage();
}
