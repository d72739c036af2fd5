/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuild, launchChromium, MONITOR_PAGES, newPage, signIn, startTestPlatform, type TestPlatform } from './harness';
import { seedRichPlatform, type RichPlatform } from './rich-platform';
import { findOffences, visibleText, type Offence } from './visible-text';

type Role = 'anonymous' | 'admin' | 'monitor' | 'agency' | 'instructor' | 'trainee';
const ROLES: Role[] = ['anonymous', 'admin', 'monitor', 'agency', 'instructor', 'trainee'];
const PARALLEL_PAGES = 3;

/** Every screen of the dashboard and every server-rendered page, with data in them. */
function pagesOf(data: RichPlatform, role: Role): string[] {
  const dashboard = [
    '/',
    `/rankings/${data.editionSlug}`,
    `/organizations/${data.organizationCode}`,
    '/organizations/no-such-organization',
    '/compare',
    '/municipalities',
    '/methodology',
    '/check',
    '/embed',
    '/bulletins',
    `/bulletins/${data.bulletin.slug}`,
    ...MONITOR_PAGES,
    `/monitor/bulletins/${data.bulletin.id}`,
    `/monitor/bulletins/${data.bulletin.draftId}`,
    '/agency',
    '/agency/recommendations',
    '/agency/sla',
    '/agency/disputes',
    '/agency/bulletins',
    `/agency/bulletins/${data.bulletin.slug}`,
    '/training',
    `/training/courses/${data.enrolmentId}`,
    '/training/teach',
    '/training/manage',
    '/training/enrolments',
    '/no-such-page',
  ];
  const server = [
    '/bulletin',
    `/bulletin/${data.bulletin.slug}`,
    `/bulletin/${data.bulletin.slug}/agency/${data.organizationId}`,
    `/bulletin/preview/${data.bulletin.id}`,
    `/bulletin/acknowledge/${data.bulletin.ackToken}`,
    '/bulletin/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaa',
    '/bulletin/no-such-issue',
    `/verify/${data.certificate.valid}`,
    `/verify/${data.certificate.revoked}`,
    '/verify/NOSUCHCODE99',
    `/embed/rankings/${data.editionSlug}`,
    '/embed/rankings/latest',
  ];
  const account = ['/login', '/forgot-password', `/reset-password?token=${'a'.repeat(43)}`, '/accept-invitation'];
  return role === 'anonymous' ? [...account, ...dashboard, ...server] : [...dashboard, ...server];
}

/** Text each role must find on some pages: proof that the pages rendered the seeded data. */
const EXPECTED_TEXT: Record<Role, Record<string, string>> = {
  anonymous: { '/': 'Рейтинг за октябрь 2026', '/bulletins': 'Бюллетень', '/verify/NOSUCHCODE99': 'не найден', '/monitor/registry': 'Войти' },
  admin: { '/monitor/disputes': 'проверьте ещё раз', '/training/manage': 'Госпаблики: ответы жителям' },
  monitor: { '/monitor/editions': 'Рейтинг за октябрь 2026', '/training/enrolments': 'Орлова' },
  agency: { '/agency/sla': 'Когда включат отопление', '/agency/recommendations': 'Составьте контент-план' },
  instructor: { '/training/teach': 'Поток 1' },
  trainee: { '/training': 'Госпаблики: ответы жителям', '/verify/NOSUCHCODE99': 'не найден' },
};

/** Waits until the page shows no loading state for a moment (queries settled). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const deadline = Date.now() + 20_000;
  let quiet = 0;
  while (Date.now() < deadline && quiet < 3) {
    const loading = await page.locator('p.state[role="status"]').count();
    quiet = loading === 0 ? quiet + 1 : 0;
    await page.waitForTimeout(150);
  }
}

/** Opens what a reader can open without changing anything: disclosure widgets (one agency section), "details" buttons, a check's answer. */
async function expand(page: Page, organizationId: number): Promise<void> {
  const path = new URL(page.url()).pathname;
  let changed = false;
  if (path === '/monitor/registry') {
    const first = page.locator('button.linklike[aria-pressed]').first();
    if (await first.isVisible()) {
      await first.click();
      await page.getByTestId('organization-detail').waitFor();
      changed = true;
    }
  }
  if (path === '/check') {
    await page.locator('#check-url').fill('https://vk.com/not_in_the_registry');
    await page.locator('#check-url').press('Enter');
    changed = true;
  }
  const opened = await page.evaluate((orgKey) => {
    let count = 0;
    for (const details of document.querySelectorAll('details')) {
      const agency = details.getAttribute('data-agency-section');
      if (!details.open && (!agency || agency === orgKey)) {
        details.open = true;
        count += 1;
      }
    }
    return count;
  }, `org-${organizationId}`);
  const more = page.getByRole('button', { name: /^Подробно/ });
  const clicks = Math.min(await more.count(), 3);
  for (let i = 0; i < clicks; i++)
    await more
      .nth(i)
      .click()
      .catch(() => undefined);
  if (changed || opened > 0 || clicks > 0) await settle(page);
}

async function readPage(context: BrowserContext, role: Role, base: string, path: string, organizationId: number, codes: ReadonlySet<string>): Promise<{ offences: Offence[]; text: string }> {
  const page = await context.newPage();
  try {
    await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
    await settle(page);
    await expand(page, organizationId);
    const texts = await visibleText(page);
    const seen = new Set<string>();
    const offences = texts
      .flatMap((text) => findOffences(text, codes))
      .filter((o) => {
        const key = `${o.kind}|${o.match}|${o.context}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const text = texts.join('\n');
    // RUSSIAN_TEXT_DUMP=<dir> keeps what was read, page by page, for whoever fixes the findings.
    const dump = process.env.RUSSIAN_TEXT_DUMP;
    if (dump) {
      mkdirSync(dump, { recursive: true });
      writeFileSync(join(dump, `${role}${path.replace(/[^\w-]+/g, '_')}.txt`), text);
    }
    return { offences, text };
  } finally {
    await page.close();
  }
}

/** Human text of a feed: titles, summaries and descriptions (dates in machine fields are the format's own). */
function feedText(xml: string): string[] {
  return [...xml.matchAll(/<(title|summary|description|subtitle|content)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
    m[2]!
      .replace(/<!\[CDATA\[|\]\]>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;|&gt;|&amp;|&quot;|&#39;/g, ' '),
  );
}

describe('every screen speaks Russian: no raw keys, English or ISO dates, for every role', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let data: RichPlatform;
  let codes: ReadonlySet<string>;

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    data = await seedRichPlatform(platform);
    codes = new Set((await platform.db.sql<{ code: string }[]>`SELECT code FROM organizations`).map((o) => o.code));
  }, 600_000);
  afterAll(async () => {
    await data?.close();
    await browser?.close();
    await platform?.close();
  });

  /** Each offending text once, with every page and role that shows it. */
  const report = new Map<string, Map<string, Set<string>>>();
  const record = (who: string, where: string, offences: Offence[]) => {
    for (const o of offences) {
      const line = `${o.kind}: «${o.match}» in «${o.context}»`;
      const pages = report.get(line) ?? new Map<string, Set<string>>();
      pages.set(where, (pages.get(where) ?? new Set()).add(who));
      report.set(line, pages);
    }
  };
  const linesOf = (filter: (who: string) => boolean) =>
    [...report].flatMap(([line, pages]) => {
      const shown = [...pages].filter(([, who]) => [...who].some(filter));
      if (shown.length === 0) return [];
      return [`${line}\n    on ${shown.map(([where, who]) => `${where} (${[...who].join(', ')})`).join('; ')}`];
    });

  for (const role of ROLES) {
    it(`shows only Russian text on every page to ${role === 'anonymous' ? 'a visitor' : `the ${role}`}`, { timeout: 600_000 }, async () => {
      const first = await newPage(browser);
      if (role !== 'anonymous') await signIn(first, platform.url, data.users[role]);
      const context = first.context();
      const paths = pagesOf(data, role);
      const texts = new Map<string, string>();
      try {
        for (let i = 0; i < paths.length; i += PARALLEL_PAGES) {
          const batch = paths.slice(i, i + PARALLEL_PAGES);
          const found = await Promise.all(batch.map((path) => readPage(context, role, platform.url, path, data.organizationId, codes)));
          batch.forEach((path, index) => {
            record(role, path, found[index]!.offences);
            texts.set(path, found[index]!.text);
          });
        }
      } finally {
        await context.close();
      }
      // The pages were read with their data in them (a page that never loaded would pass unseen).
      for (const [path, expected] of Object.entries(EXPECTED_TEXT[role])) expect.soft(texts.get(path), `${role} ${path}`).toContain(expected);
      const mine = linesOf((who) => who === role);
      if (mine.length > 0) console.log(`[${role}] text a Russian reader should not see (${mine.length}):\n${mine.join('\n')}`);
      expect(mine).toEqual([]);
    });
  }

  it("writes the feeds' human text in Russian", async () => {
    for (const feed of ['/bulletin/rss.xml', '/bulletin/atom.xml', '/api/public/v1/feeds/editions.rss', '/api/public/v1/feeds/editions.atom']) {
      const response = await fetch(`${platform.url}${feed}`);
      expect(response.status, feed).toBe(200);
      record(
        'feed',
        feed,
        feedText(await response.text()).flatMap((text) => findOffences(text, codes)),
      );
    }
    const feeds = linesOf((who) => who === 'feed');
    // Everything found on every page by every role, together, for whoever fixes it.
    const all = linesOf(() => true);
    if (all.length > 0) console.log(`All text a Russian reader should not see (${all.length}):\n${all.join('\n')}`);
    expect(feeds).toEqual([]);
  });
});
