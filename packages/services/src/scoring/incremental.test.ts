import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '@most/db';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import { makeAccount, makeComment, makePost } from '@most/db/testing/scoring';
import { scorePeriod } from './score-period';
import { scorePeriodIncremental } from './score-period-incremental';

const saratov = (local: string) => new Date(`${local}+04:00`);
const NOW = saratov('2025-03-20T12:00:00');
const MONTH = { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1 } as const;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/** The row version of each account's score: it changes exactly when the row is rewritten. */
async function rowVersions(): Promise<Map<number, string>> {
  const rows = await db.sql<{ accountId: number; xmin: string }[]>`SELECT account_id AS "accountId", xmin::text FROM account_scores WHERE period_start = '2025-03-01'`;
  return new Map(rows.map((r) => [r.accountId, r.xmin]));
}

/** Everything a rescore writes for the month, in a stable order. */
async function scoredRows() {
  const { sql } = db;
  return {
    accounts: await sql`SELECT account_id, status, total, earned, possible, coverage, questions, decided_questions, reason FROM account_scores WHERE period_start = '2025-03-01' ORDER BY account_id`,
    criteria:
      await sql`SELECT account_id, criterion_code, status, value, points, max_points, evidence, overridden, reason FROM account_criterion_scores WHERE period_start = '2025-03-01' ORDER BY account_id, criterion_code`,
    organizations:
      await sql`SELECT organization_id, score, enough_data, accounts_scored, accounts_total, sample_size, criteria FROM organization_scores WHERE period_start = '2025-03-01' ORDER BY organization_id`,
    recommendations: await sql`SELECT account_id, criterion_code, generated_text, potential_points, status FROM recommendations WHERE period_start = '2025-03-01' ORDER BY account_id, criterion_code`,
    questions: await sql`SELECT question_id, state, first_response_seconds FROM question_measurements ORDER BY question_id`,
  };
}

/** An account with three posts in early March and one question answered within two hours. */
async function pageWithHistory(options: { sector: string; organizationId?: number }) {
  const { accountId, organizationId } = await makeAccount(db.sql, options);
  for (let day = 2; day <= 14; day += 6) {
    const postId = await makePost(db.sql, accountId, saratov(`2025-03-${String(day).padStart(2, '0')}T10:00:00`), { likes: 10 + accountId, views: 400 });
    const question = await makeComment(db.sql, {
      postId,
      accountId,
      author: `citizen-${accountId}-${day}`,
      at: saratov(`2025-03-${String(day).padStart(2, '0')}T11:00:00`),
      text: 'Когда откроют запись в секции?',
    });
    await makeComment(db.sql, {
      postId,
      accountId,
      author: 'page',
      fromPage: true,
      at: saratov(`2025-03-${String(day).padStart(2, '0')}T12:30:00`),
      replyToCommentId: question,
      replyToUser: `citizen-${accountId}-${day}`,
    });
  }
  return { accountId, organizationId };
}

describe('incremental rescore', () => {
  it('rescores only changed accounts, re-aggregates their organizations, and writes what a full rescore writes', async () => {
    const first = await pageWithHistory({ sector: 'education' });
    const sibling = await pageWithHistory({ sector: 'education', organizationId: first.organizationId });
    const others = [await pageWithHistory({ sector: 'education' }), await pageWithHistory({ sector: 'health' }), await pageWithHistory({ sector: 'health' })];

    const full = await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW });
    expect(full).toMatchObject({ mode: 'full', accounts: 5, changedAccounts: null });

    const idle = await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW });
    expect(idle).toMatchObject({ mode: 'incremental', accounts: 0, changedAccounts: 0 });

    const before = await rowVersions();
    // A new question on the first page, unanswered for 30 hours: its SLA and score change.
    const [post] = await db.sql<{ id: number }[]>`SELECT id FROM posts WHERE account_id = ${first.accountId} ORDER BY published_at DESC LIMIT 1`;
    const late = await makeComment(db.sql, {
      postId: post!.id,
      accountId: first.accountId,
      author: 'late-citizen',
      at: saratov('2025-03-16T09:00:00'),
      text: 'Почему не отвечаете на вопрос о записи?',
    });
    await makeComment(db.sql, {
      postId: post!.id,
      accountId: first.accountId,
      author: 'page',
      fromPage: true,
      at: saratov('2025-03-17T15:00:00'),
      replyToCommentId: late,
      replyToUser: 'late-citizen',
    });

    const incremental = await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW });
    expect(incremental).toMatchObject({ mode: 'incremental', changedAccounts: 1, accounts: 1, organizations: 1 });
    const after = await rowVersions();
    expect(after.get(first.accountId)).not.toBe(before.get(first.accountId));
    // The sibling's inputs did not change: its stored score feeds the organization's, unwritten.
    expect(after.get(sibling.accountId)).toBe(before.get(sibling.accountId));
    for (const other of others) expect(after.get(other.accountId)).toBe(before.get(other.accountId));
    const [measured] = await db.sql<{ state: string }[]>`SELECT state FROM question_measurements WHERE question_id = ${late}`;
    expect(measured?.state).toBe('answered_late');

    const incrementalRows = await scoredRows();
    await scorePeriod(db.sql, { ...MONTH, now: NOW });
    expect(await scoredRows()).toEqual(incrementalRows);
  });

  it('rescores a page whose open question passed its deadline with no new data', async () => {
    const quiet = await pageWithHistory({ sector: 'culture' });
    const [post] = await db.sql<{ id: number }[]>`SELECT id FROM posts WHERE account_id = ${quiet.accountId} ORDER BY published_at DESC LIMIT 1`;
    const open = await makeComment(db.sql, { postId: post!.id, accountId: quiet.accountId, author: 'waiting-citizen', at: saratov('2025-03-20T10:00:00'), text: 'Подскажите, когда будет приём?' });
    const first = await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW });
    expect(first).toMatchObject({ mode: 'incremental', changedAccounts: 1 });
    const state = async () => (await db.sql<{ state: string }[]>`SELECT state FROM question_measurements WHERE question_id = ${open}`)[0]?.state;
    expect(await state()).toBe('open_within_window');

    const before = await rowVersions();
    const nextDay = await scorePeriodIncremental(db.sql, { ...MONTH, now: saratov('2025-03-21T11:00:00') });
    expect(nextDay).toMatchObject({ mode: 'incremental', changedAccounts: 1, accounts: 1 });
    expect(await state()).toBe('breached');
    const after = await rowVersions();
    const changed = [...after].filter(([id, version]) => before.get(id) !== version).map(([id]) => id);
    expect(changed).toEqual([quiet.accountId]);
  });

  it('picks up a change whose transaction was still open when a pass began', async () => {
    const page = await pageWithHistory({ sector: 'sport' });
    await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW });
    let release!: () => void;
    let written!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const writer = db.sql.begin(async (transaction) => {
      const tx = transaction as unknown as Sql;
      await tx`UPDATE posts SET likes = likes + 5 WHERE account_id = ${page.accountId}`;
      written();
      await gate;
    });
    await wrote;
    const during = await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW });
    expect(during).toMatchObject({ mode: 'incremental', changedAccounts: 0 });
    release();
    await writer;
    const after = await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW });
    expect(after).toMatchObject({ mode: 'incremental', changedAccounts: 1, accounts: 1 });
  });

  it('falls back to a full rescore when the last full pass is too old', async () => {
    const result = await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW, fullEveryMs: 0 });
    expect(result.mode).toBe('full');
    expect(result.accounts).toBeGreaterThanOrEqual(6);
  });

  it('scores a sibling that has no stored score yet when its organization is re-aggregated', async () => {
    const page = await pageWithHistory({ sector: 'social_protection' });
    await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW, fullEveryMs: 0 });
    // A page added to the organization after the full pass: nothing stored for it, and no change noted.
    const newcomer = await makeAccount(db.sql, { sector: 'social_protection', organizationId: page.organizationId });
    // A new question on the page (its sector's medians stay those of the full pass, and are unchanged).
    const [post] = await db.sql<{ id: number }[]>`SELECT id FROM posts WHERE account_id = ${page.accountId} ORDER BY published_at DESC LIMIT 1`;
    await makeComment(db.sql, { postId: post!.id, accountId: page.accountId, author: 'new-citizen', at: saratov('2025-03-16T09:00:00'), text: 'Когда будет приём документов?' });

    const incremental = await scorePeriodIncremental(db.sql, { ...MONTH, now: NOW });
    expect(incremental).toMatchObject({ mode: 'incremental', changedAccounts: 1, accounts: 2, organizations: 1 });
    const [organization] = await db.sql<{ accountsTotal: number }[]>`
      SELECT accounts_total AS "accountsTotal" FROM organization_scores WHERE organization_id = ${page.organizationId} AND period_start = '2025-03-01'`;
    expect(organization?.accountsTotal).toBe(2);
    expect((await rowVersions()).has(newcomer.accountId)).toBe(true);

    const incrementalRows = await scoredRows();
    await scorePeriod(db.sql, { ...MONTH, now: NOW });
    expect(await scoredRows()).toEqual(incrementalRows);
  });
});
