/// <reference lib="dom" />
/**
 * `npm run bench:web`: the public ranking page in Debian's Chromium against the real platform
 * (fresh database on the machine's PostgreSQL, demo registry): gzip size of every script the
 * page loads (target ≤ 150 KB) and first contentful paint (target < 1 s, median of cold loads).
 * Then, with two published editions, the bytes on the wire for a first and a repeat visit of the
 * ranking and the time to the ranking on a throttled phone, before and now (see wire-visits.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startPlatform } from '@most/api';
import { seedDemoRegistry } from '@most/services';
import { createTestDatabase } from '@most/db/testing';
import { parseConfig } from '@most/shared';
import { chromium } from 'playwright-core';
import { publishDemoEditions } from '../test/browser/fixtures';
import { measureWire } from './wire-visits';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 7;
const TARGET_GZIP_KB = 150;
const TARGET_FCP_MS = 1000;

if (!existsSync(CHROMIUM)) {
  process.stderr.write(`Chromium is not installed at ${CHROMIUM}. Install it with: apt-get install -y chromium\n`);
  process.exit(1);
}

try {
  execFileSync('npm', ['run', 'build', '-w', '@most/web'], { cwd: ROOT, stdio: 'pipe' });
} catch (error) {
  process.stderr.write(`the web build failed:\n${(error as { stdout?: Buffer }).stdout?.toString() ?? ''}${(error as { stderr?: Buffer }).stderr?.toString() ?? ''}\n`);
  process.exit(1);
}

const db = await createTestDatabase();
await seedDemoRegistry(db.sql);
const platform = await startPlatform({
  config: parseConfig({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1' }),
  api: true,
  worker: false,
  migrate: true,
});
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  const fcps: number[] = [];
  const renders: number[] = [];
  let scripts = new Map<string, { raw: number; gzip: number }>();
  // Run 0 warms up the browser process and the server; it is not counted.
  for (let run = 0; run <= RUNS; run += 1) {
    // A fresh context each time: cold cache, as a first-time visitor.
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const loaded = new Map<string, { raw: number; gzip: number }>();
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      pending.push(
        response.body().then((body) => {
          loaded.set(new URL(response.url()).pathname, { raw: body.byteLength, gzip: gzipSync(body, { level: 9 }).byteLength });
        }),
      );
    });
    await page.goto(`${platform.url}/`, { waitUntil: 'load' });
    // When the app itself has rendered (the static shell in index.html paints the brand earlier).
    await page.waitForFunction(() => document.querySelector('main h1') !== null, undefined, { polling: 'raf' });
    const rendered = await page.evaluate(() => performance.now());
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const found = performance.getEntriesByName('first-contentful-paint')[0];
          if (found) return resolve(found.startTime);
          new PerformanceObserver((list) => resolve(list.getEntriesByName('first-contentful-paint')[0]!.startTime)).observe({ type: 'paint', buffered: true });
        }),
    );
    await Promise.all(pending);
    if (run > 0) {
      fcps.push(fcp);
      renders.push(rendered);
    }
    scripts = loaded;
    await context.close();
  }

  const totalGzip = [...scripts.values()].reduce((sum, s) => sum + s.gzip, 0);
  const totalRaw = [...scripts.values()].reduce((sum, s) => sum + s.raw, 0);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  console.log('Public ranking page (/), Debian Chromium, local server');
  for (const [path, size] of scripts) console.log(`  ${path}: ${kb(size.raw)} KB raw, ${kb(size.gzip)} KB gzip`);
  console.log(`JS loaded: ${scripts.size} file(s), ${kb(totalRaw)} KB raw, ${kb(totalGzip)} KB gzip (target ≤ ${TARGET_GZIP_KB} KB) ${totalGzip <= TARGET_GZIP_KB * 1024 ? 'OK' : 'OVER'}`);
  console.log(
    `First contentful paint: median ${median(fcps).toFixed(0)} ms, min ${Math.min(...fcps).toFixed(0)} ms, max ${Math.max(...fcps).toFixed(0)} ms over ${RUNS} cold loads (target < ${TARGET_FCP_MS} ms) ${median(fcps) < TARGET_FCP_MS ? 'OK' : 'SLOW'}`,
  );
  console.log(`App rendered (ranking heading in the DOM): median ${median(renders).toFixed(0)} ms after navigation start`);

  await publishDemoEditions(db.sql, { id: null, label: 'bench' });
  await measureWire(browser, platform.url!);
} finally {
  await browser.close();
  await platform.close();
  await db.drop();
}
