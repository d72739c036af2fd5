/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Sql } from '@most/db';
import { classifyPendingComments, measureQuestions } from '@most/db/scoring';
import { METHODOLOGY_V1 } from '@most/domain';
import { publishDemoEditions } from './fixtures';
import { createUserWithPassword, ensureWebBuild, launchChromium, newPage, screenshot, signIn, startTestPlatform, type TestPlatform } from './harness';

const HOUR = 3_600_000;

/**
 * Four questions asked two days ago on one page, answered after 1 h, 1 h, 1 h 30 min and 1 h 30 min
 * (an even sample: median 1 h 15 min, where a nearest-rank median said 1 h), plus two neighbours
 * joining the first question («тоже интересует»), which must not count as questions.
 */
async function seedAnsweredQuestions(sql: Sql, accountId: number): Promise<void> {
  const asked = Date.now() - 48 * HOUR;
  const [post] = await sql<{ id: number }[]>`
    INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
    VALUES (${accountId}, 'sla-even-1', 'https://vk.com/wall-1_950', ${new Date(asked - HOUR)}, 'График отключений воды', ${new Date(asked)}, ${new Date()})
    RETURNING id`;
  const author = (k: number) => createHash('sha256').update(`even-citizen-${k}`).digest('hex');
  let n = 0;
  const comment = async (spec: { author: string; at: number; text: string; fromPage?: boolean; replyTo?: number; replyToUser?: string }) => {
    n += 1;
    const at = new Date(spec.at);
    const [row] = await sql<{ id: number }[]>`
      INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, reply_to_comment_id, thread_root_id,
                            reply_to_user_pseudonym, first_seen_at, last_seen_at)
      VALUES (${post!.id}, ${accountId}, ${`even-${n}`}, ${`https://vk.com/wall-1_950?reply=${n}`}, ${spec.author}, ${spec.fromPage ?? false}, ${at}, ${spec.text},
              ${spec.replyTo ?? null}, ${spec.replyTo ?? null}, ${spec.replyToUser ?? null}, ${at}, ${at})
      RETURNING id`;
    return row!.id;
  };
  const page = createHash('sha256').update('page').digest('hex');
  for (const [index, hours] of [1, 1, 1.5, 1.5].entries()) {
    const at = asked + index * 10 * 60_000;
    const q = await comment({ author: author(index), at, text: `Когда дадут горячую воду в дом ${index + 1} на Садовой?` });
    if (index === 0) {
      await comment({ author: author(10), at: at + 5 * 60_000, text: 'Тоже интересует', replyTo: q, replyToUser: author(index) });
      await comment({ author: author(11), at: at + 9 * 60_000, text: 'Присоединяюсь к вопросу', replyTo: q, replyToUser: author(index) });
    }
    await comment({ author: page, fromPage: true, at: at + hours * HOUR, text: 'Воду дадут в четверг', replyTo: q, replyToUser: author(index) });
  }
  await classifyPendingComments(sql, { accountIds: [accountId] });
  await measureQuestions(sql, METHODOLOGY_V1.sla, { from: new Date(asked - 24 * HOUR), to: new Date(Date.now() + 60_000), accountIds: [accountId] });
}

describe('the agency SLA screen claims only what was measured, in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let measuredAccount: string;
  let unreadAccounts: string[];

  beforeAll(async () => {
    ensureWebBuild();
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const orgs = await platform.db.sql<{ id: number; code: string; urls: string[]; account: number }[]>`
      SELECT o.id, o.code, array_agg(a.canonical_url ORDER BY a.network, a.canonical_url) AS urls, min(a.id)::int AS account
      FROM organizations o JOIN accounts a ON a.organization_id = o.id AND a.removed_at IS NULL
      GROUP BY o.id ORDER BY o.id LIMIT 2`;
    const [measured, unread] = orgs;
    await seedAnsweredQuestions(platform.db.sql, measured!.account);
    measuredAccount = (await platform.db.sql<{ url: string }[]>`SELECT canonical_url AS url FROM accounts WHERE id = ${measured!.account}`)[0]!.url;
    unreadAccounts = unread!.urls;
    await createUserWithPassword(platform, { email: 'measured@agency.test', role: 'agency', organizationCode: measured!.code });
    await createUserWithPassword(platform, { email: 'unread@agency.test', role: 'agency', organizationCode: unread!.code });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('an organization whose pages were never read sees "not read", which pages, and no success claim or chart', async () => {
    const page = await newPage(browser);
    await signIn(page, platform.url, 'unread@agency.test');
    await page.goto(`${platform.url}/agency/sla`);
    const state = page.getByTestId('sla-state');
    await state.waitFor();
    expect(await state.getAttribute('data-state')).toBe('not_read');
    expect(await state.textContent()).toContain('Комментарии страниц ещё не читались');
    const pages = page.getByTestId('sla-page');
    expect(await pages.allTextContents()).toEqual(unreadAccounts.map((url) => expect.stringContaining(`${url} — ещё не читалась`)));
    await page.getByTestId('sla-not-enough-data').waitFor();
    expect(await page.getByTestId('sla-distribution').locator('canvas').count()).toBe(0);
    const text = (await page.locator('section[aria-labelledby="sla-title"]').textContent()) ?? '';
    expect(text).not.toMatch(/есть ответ|Открытых вопросов нет|Вопросов за последние 7 дней нет/);
    await screenshot(page, 'agency-sla-not-read');
  });

  it('the public ranking says why an organization is not ranked, with its real sample', async () => {
    const editions = await publishDemoEditions(platform.db.sql, await createUserWithPassword(platform, { email: 'admin@most.test', role: 'admin' }));
    const page = await newPage(browser);
    await page.goto(`${platform.url}/rankings/${editions.latestSlug}`);
    // Unranked organizations are folded apart: open the section as a visitor would.
    await page.getByTestId('unranked-section').locator('summary').click();
    const table = page.getByTestId('not-enough-table');
    await table.waitFor();
    const row = table.getByTestId('ranking-row').first();
    expect(await row.locator('td[data-label="Выборка"]').textContent()).toBe('1');
    expect(await row.getByTestId('unranked-reason').textContent()).toMatch(/^Мало вопросов жителей: за период 1 вопрос с ответом или с истёкшим сроком ответа, нужно не меньше 10;/);
  });

  it('an organization with answered questions sees "all answered" with the count and the interpolated median', async () => {
    const page = await newPage(browser);
    await signIn(page, platform.url, 'measured@agency.test');
    await page.goto(`${platform.url}/agency/sla`);
    const state = page.getByTestId('sla-state');
    await state.waitFor();
    expect(await state.getAttribute('data-state')).toBe('all_answered');
    // Four questions; the two «me too» replies joined the first one.
    expect(await state.textContent()).toBe('Открытых вопросов нет: вопросов за последние 7 дней — 4, на все есть ответ.');
    expect(await page.getByTestId('sla-page').filter({ hasText: measuredAccount }).textContent()).toContain('прочитана');

    const charts = page.getByTestId('sla-distribution');
    await charts.locator('canvas').first().waitFor();
    const rows = await charts
      .getByTestId('sla-percentiles-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    // p50 of 1, 1, 1.5, 1.5 h: 1 h 15 min (nearest rank said 1 h); p90 and p95 interpolate towards 1 h 30 min.
    expect(rows[0]).toEqual(['Медиана (p50)', '1,3', '1 ч 15 мин']);
    expect(rows[1]!.slice(2)).toEqual(['1 ч 30 мин']);
    expect(await charts.textContent()).toContain('Вопросов с известным исходом: 4');
    await screenshot(page, 'agency-sla-answered');
  });
});
