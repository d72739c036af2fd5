/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';

const TARGET_FIRST_KB = 120;
const TARGET_REPEAT_KB = 10;
const PHONE_RUNS = 3;
/** Lighthouse's mobile profile: slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up) and a 4× slower CPU. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

/**
 * "Before" is emulated in the same run: the browser asks for no compression (Accept-Encoding:
 * identity), and a repeat visit fetches again everything but the open-data JSON (which carried
 * Cache-Control before this change too), as the server sent no validators or cache headers for the
 * page and its build files. Browser heuristic caching of Last-Modified files is not counted.
 */
type Mode = 'before' | 'now';

interface Visit {
  bytes: number;
  /** Bytes of responses from /api/public/ (cached by the browser before as well). */
  openDataBytes: number;
  requests: number;
  msToRanking: number;
}

async function visit(context: BrowserContext, url: string, mode: Mode, phone: boolean): Promise<Visit> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (mode === 'before') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  if (phone) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  const urls = new Map<string, string>();
  let bytes = 0;
  let openDataBytes = 0;
  let requests = 0;
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    requests += 1;
    bytes += e.encodedDataLength;
    if (new URL(urls.get(e.requestId) ?? url).pathname.startsWith('/api/public/')) openDataBytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid="ranking-row"]', { timeout: 120_000 });
  const msToRanking = await page.evaluate(() => performance.now());
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  await page.close();
  return { bytes, openDataBytes, requests, msToRanking };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** First and repeat visit of the ranking page on a desktop, then the throttled phone: before vs now. */
export async function measureWire(browser: Browser, baseUrl: string): Promise<void> {
  const url = `${baseUrl}/`;
  const figures = {} as Record<Mode, { first: Visit; repeat: number; phoneMs: number }>;
  for (const mode of ['before', 'now'] as const) {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
    const first = await visit(context, url, mode, false);
    const again = await visit(context, url, mode, false);
    await context.close();
    const repeat = mode === 'before' ? first.bytes - first.openDataBytes + again.openDataBytes : again.bytes;
    const phone: number[] = [];
    for (let run = 0; run < PHONE_RUNS; run += 1) {
      const phoneContext = await browser.newContext({ locale: 'ru-RU', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
      phone.push((await visit(phoneContext, url, mode, true)).msToRanking);
      await phoneContext.close();
    }
    figures[mode] = { first, repeat, phoneMs: median(phone) };
  }
  const { before, now } = figures;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—');
  console.log('\nRanking page (/) with two published editions: bytes on the wire (headers included), before → now');
  console.log(
    `  first visit:  ${kb(before.first.bytes)} → ${kb(now.first.bytes)} (${ratio(before.first.bytes, now.first.bytes)} less; ${now.first.requests} requests; target ≤ ${TARGET_FIRST_KB} KB) ${now.first.bytes <= TARGET_FIRST_KB * 1024 ? 'OK' : 'OVER'}`,
  );
  console.log(
    `  repeat visit: ${kb(before.repeat)} → ${kb(now.repeat)} (${ratio(before.repeat, now.repeat)} less; target ≤ ${TARGET_REPEAT_KB} KB) ${now.repeat <= TARGET_REPEAT_KB * 1024 ? 'OK' : 'OVER'}`,
  );
  console.log(`Time to the ranking on a throttled phone (slow 4G, CPU ×${CPU_SLOWDOWN}, 390×844), median of ${PHONE_RUNS} cold loads: ${before.phoneMs.toFixed(0)} ms → ${now.phoneMs.toFixed(0)} ms`);
}
