import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { makeAccount, makePost } from '../scoring/fixture';
import { ensureMonthlyPartitions } from './partitions';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const partitionsOf = async (table: string) =>
  (await db.sql<{ name: string }[]>`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = ${table}::regclass ORDER BY 1`).map((r) => r.name);

/** Which partition holds the counter row of a post at an instant. */
const holder = async (postId: number, at: Date) =>
  (await db.sql<{ name: string }[]>`SELECT tableoid::regclass::text AS name FROM post_counters WHERE post_id = ${postId} AND observed_at = ${at}`)[0]?.name;

describe('monthly partitions of post counters', () => {
  it('creates the coming months ahead of time, idempotently, and files new rows there', async () => {
    const now = new Date('2031-05-20T10:00:00Z');
    expect(await ensureMonthlyPartitions(db.sql, now)).toBe(3);
    expect(await ensureMonthlyPartitions(db.sql, now)).toBe(0);
    expect(await partitionsOf('post_counters')).toEqual(expect.arrayContaining(['post_counters_y2031m05', 'post_counters_y2031m06', 'post_counters_y2031m07']));

    const { accountId } = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, new Date('2031-05-01T08:00:00Z'));
    const nextMonth = new Date('2031-06-30T23:59:59Z');
    await db.sql`INSERT INTO post_counters (post_id, observed_at, likes, reposts, comments) VALUES (${postId}, ${nextMonth}, 1, 0, 0)`;
    expect(await holder(postId, nextMonth)).toBe('post_counters_y2031m06');
  });

  it('moves rows that fell into the default partition into the month created for them', async () => {
    const { accountId } = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, new Date('2033-01-01T08:00:00Z'));
    const at = new Date('2033-02-10T12:00:00Z');
    await db.sql`INSERT INTO post_counters (post_id, observed_at, likes, reposts, comments) VALUES (${postId}, ${at}, 5, 1, 2)
                 ON CONFLICT (post_id, observed_at) DO UPDATE SET likes = EXCLUDED.likes`;
    expect(await holder(postId, at)).toBe('post_counters_default');

    expect(await ensureMonthlyPartitions(db.sql, new Date('2033-01-15T00:00:00Z'), 1)).toBe(2);
    expect(await holder(postId, at)).toBe('post_counters_y2033m02');
    // The crawler's upsert target still works on the partitioned table.
    await db.sql`INSERT INTO post_counters (post_id, observed_at, likes, reposts, comments) VALUES (${postId}, ${at}, 9, 1, 2)
                 ON CONFLICT (post_id, observed_at) DO UPDATE SET likes = EXCLUDED.likes`;
    const rows = await db.sql<{ likes: number }[]>`SELECT likes FROM post_counters WHERE post_id = ${postId}`;
    expect(rows).toEqual([{ likes: 9 }]);
  });
});
