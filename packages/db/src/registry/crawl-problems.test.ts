import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing';
import type { Sql } from '../client';
import { recordCrawlFailure, recordCrawlSuccess, recordPagesUnavailable } from '../crawl/health';
import { countCrawlProblems, listAccountCrawlHealth } from './queries-crawl-health';

const NOW = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

async function addAccount(sql: Sql, handle: string, network = 'vk', status = 'active'): Promise<number> {
  const [org] = await sql<{ id: number }[]>`
    INSERT INTO organizations (code, full_name, short_name, kind, sector)
    VALUES (${`org_${handle}`}, ${`Организация ${handle}`}, ${`Орг ${handle}`}, 'local_government', 'other') RETURNING id`;
  const [account] = await sql<{ id: number }[]>`
    INSERT INTO accounts (organization_id, network, canonical_url, handle, status)
    VALUES (${org!.id}, ${network}, ${`https://${network === 'vk' ? 'vk.com' : 'ok.ru'}/${handle}`}, ${handle}, ${status}) RETURNING id`;
  return account!.id;
}

describe('crawl problems of pages', () => {
  const db = useTestDatabase();
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ids.fresh = await addAccount(db.sql, 'fresh');
    ids.old = await addAccount(db.sql, 'old');
    ids.failing = await addAccount(db.sql, 'failing');
    ids.never = await addAccount(db.sql, 'never', 'ok');
    ids.missing = await addAccount(db.sql, 'missing', 'vk', 'not_found');
    ids.closed = await addAccount(db.sql, 'closed', 'vk', 'private');
    await recordCrawlSuccess(db.sql, ids.fresh, 'posts', hoursAgo(1));
    await recordCrawlSuccess(db.sql, ids.old, 'posts', hoursAgo(72));
    await recordCrawlSuccess(db.sql, ids.failing, 'posts', hoursAgo(2));
    await recordCrawlFailure(db.sql, ids.failing, { kind: 'transient', message: 'VK wall.get error 10: Internal server error', at: hoursAgo(1) });
    await recordCrawlFailure(db.sql, ids.missing, { kind: 'account_unavailable', message: 'VK groups.getById error 100: group_ids is undefined', at: hoursAgo(3) });
    await recordPagesUnavailable(db.sql, [ids.missing], hoursAgo(1));
  });

  it('classifies each page once and counts the same classes', async () => {
    const page = await listAccountCrawlHealth(db.sql, {}, NOW);
    const byId = new Map(page.items.map((item) => [item.accountId, item]));
    expect(byId.get(ids.fresh!)?.problem).toBeNull();
    expect(byId.get(ids.old!)?.problem).toBe('stale');
    expect(byId.get(ids.failing!)?.problem).toBe('failing');
    expect(byId.get(ids.never!)?.problem).toBe('never_read');
    expect(byId.get(ids.missing!)?.problem).toBe('not_found');
    expect(byId.get(ids.closed!)?.problem).toBe('private');
    // Problems come first; the only page read recently comes last.
    expect(page.items.at(-1)?.accountId).toBe(ids.fresh);
    // A page known to be missing keeps no raw error and no failure streak.
    expect(byId.get(ids.missing!)).toMatchObject({ lastError: null, lastErrorKind: null, consecutiveFailures: 0 });

    const counts = await countCrawlProblems(db.sql, {}, NOW);
    expect(counts).toMatchObject({ total: 6, readRecently: 1, problems: { deleted: 0, blocked: 0, not_found: 1, private: 1, failing: 1, never_read: 1, stale: 1 } });
    expect((await countCrawlProblems(db.sql, { network: 'ok' }, NOW)).problems.never_read).toBe(1);
  });

  it('filters by one problem or by any problem', async () => {
    const failing = await listAccountCrawlHealth(db.sql, { problem: 'failing' }, NOW);
    expect(failing.items.map((i) => i.accountId)).toEqual([ids.failing]);
    const any = await listAccountCrawlHealth(db.sql, { problem: 'any' }, NOW);
    expect(any.total).toBe(5);
    expect(any.items.some((i) => i.accountId === ids.fresh)).toBe(false);
  });
});
