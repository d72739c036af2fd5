/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { publishDemoEditions, type SeededEditions } from './fixtures';
import { ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, startTestPlatform, type TestPlatform } from './harness';

/** Issue 16, items 5–8: reuse, sharing, speed on the wire, "is this official?" by name; /bulletin's way back. */
describe('public reuse, sharing and the wire in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let editions: SeededEditions;
  const viewports = [
    { name: 'desktop', options: {} },
    { name: 'phone', options: { viewport: { width: 375, height: 740 }, isMobile: true } },
  ] as const;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    editions = await publishDemoEditions(platform.db.sql, { id: null, label: 'test' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  for (const { name, options } of viewports) {
    it(`finds an organization's official pages by name (${name})`, async () => {
      const page: Page = await newPage(browser, options);
      const [org] = await platform.db.sql<{ full_name: string; canonical_url: string }[]>`
        SELECT o.full_name, a.canonical_url FROM organizations o JOIN accounts a ON a.organization_id = o.id AND a.is_official AND a.removed_at IS NULL
        ORDER BY o.id LIMIT 1`;
      await page.goto(`${platform.url}/check`);
      await page.getByLabel('Ссылка на страницу или название организации').fill(org!.full_name.toUpperCase());
      await page.getByRole('button', { name: 'Проверить' }).click();
      const results = page.getByTestId('name-results');
      await results.waitFor();
      expect(await results.textContent()).toContain(org!.full_name);
      expect(await page.getByRole('link', { name: org!.canonical_url }).count()).toBeGreaterThan(0);
      await page.getByLabel('Ссылка на страницу или название организации').fill('Несуществующее ведомство по делам единорогов');
      await page.getByRole('button', { name: 'Проверить' }).click();
      await page.getByText('Организаций с таким названием в реестре нет.').waitFor();
      await screenshot(page, `check-by-name-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('loads the ranking with brotli, immutable hashed files and an ETag-revalidated shell', async () => {
    const page = await newPage(browser);
    const seen: { url: string; encoding: string | undefined; cacheControl: string | undefined; type: string; size: number }[] = [];
    page.on('response', (response) => {
      const headers = response.headers();
      seen.push({ url: response.url(), encoding: headers['content-encoding'], cacheControl: headers['cache-control'], type: response.request().resourceType(), size: 0 });
      const entry = seen.at(-1)!;
      response.body().then(
        (body) => {
          entry.size = body.byteLength;
        },
        () => {},
      );
    });
    await page.goto(platform.url);
    await page.getByTestId('ranking-row').first().waitFor();
    const shell = seen.find((r) => r.type === 'document')!;
    expect(shell.encoding).toBe('br');
    expect(shell.cacheControl).toBe('no-cache');
    const scripts = seen.filter((r) => r.type === 'script');
    expect(scripts.length).toBeGreaterThan(0);
    // Files under 1 KB are sent as they are (precompress.ts): compressing them saves nothing.
    const large = scripts.filter((script) => script.size >= 1024);
    expect(large.length).toBeGreaterThan(0);
    for (const script of large) expect(script.encoding, script.url).toBe('br');
    for (const script of scripts) {
      expect(script.cacheControl, script.url).toBe('public, max-age=31536000, immutable');
    }
    const edition = seen.find((r) => r.url.includes(`/api/public/v1/editions/${editions.latestSlug}`));
    expect(edition?.encoding).toBe('br');
    await page.context().close();
  });

  it('returns link-preview tags in the server HTML of an edition and an organization', async () => {
    const page = await newPage(browser);
    const editionHtml = await (await page.request.get(`${platform.url}/rankings/${editions.latestSlug}`)).text();
    expect(editionHtml).toContain('<title>Рейтинг за октябрь 2026 — Цифровой мост</title>');
    expect(editionHtml).toMatch(/<meta property="og:image" content="http:\/\/[^"]+\/api\/public\/v1\/editions\/rating-2026-10\/preview\.png"/);
    const image = await page.request.get(`${platform.url}/api/public/v1/editions/${editions.latestSlug}/preview.png`);
    expect(image.headers()['content-type']).toBe('image/png');
    const code = editions.rankedCodes[0]!;
    const orgHtml = await (await page.request.get(`${platform.url}/organizations/${code}`)).text();
    expect(orgHtml).toMatch(/<meta property="og:description" content="[^"]*место из \d+/);
    await page.context().close();
  });

  it('leads from the bulletin archive back to the site', async () => {
    const page = await newPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
    await page.goto(`${platform.url}/bulletin`);
    await page.getByRole('link', { name: 'На главную «Цифрового моста»' }).click();
    await page.getByRole('heading', { level: 1, name: 'Рейтинг официальных страниц' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });
});
