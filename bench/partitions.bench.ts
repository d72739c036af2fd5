/**
 * `npm run bench:partitions`: what monthly partitioning (migrations 0034, 0040) costs and saves, on
 * the real PostgreSQL (TEST_DATABASE_URL) in a fresh database: 36 months of posts and comments of
 * 50 pages (BENCH_POSTS posts, 4 comments each) over 37 monthly partitions plus the default one.
 *
 * Prints, per statement as the crawler runs it (prepared by postgres.js), the time of a lookup by
 * id alone (every partition probed) against the same lookup carrying the partition key, and the
 * daily text purge by partition against the row-by-row purge it replaced.
 */
import { ensureMonthlyPartitions } from '@most/db';
import { purgeCommentText } from '@most/services';
import { createTestDatabase } from '@most/db/testing';

const POSTS = Number(process.env.BENCH_POSTS ?? 40_000);
const COMMENTS_PER_POST = 4;
const MONTHS = 36;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2_000);

const elapsedMs = (since: number) => performance.now() - since;
const format = (ms: number) => `${ms.toFixed(3)} ms`;

const db = await createTestDatabase();
try {
  const { sql } = db;
  const now = new Date();
  await ensureMonthlyPartitions(sql, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - MONTHS, 1)), MONTHS + 2);
  await sql`INSERT INTO organizations (code, full_name, short_name, kind, sector) SELECT 'p' || g, 'Учреждение ' || g, 'Учр ' || g, 'local_government', 'other' FROM generate_series(1, 50) g`;
  await sql`INSERT INTO accounts (organization_id, network, canonical_url, handle) SELECT id, 'vk', 'https://vk.com/p' || id, 'p' || id FROM organizations`;
  let started = performance.now();
  await sql`
    INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
    SELECT a.id, g::text, 'https://vk.com/wall-' || a.id || '_' || g, ${now}::timestamptz - (g % (${MONTHS} * 30)) * interval '1 day', 'Новость', ${now}, ${now}
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts) a
    JOIN generate_series(1, ${POSTS}) g ON g % 50 = a.n - 1`;
  await sql`
    INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, first_seen_at, last_seen_at)
    SELECT p.id, p.account_id, 'c' || k, p.url || '?reply=' || k, md5(p.id::text) || md5(k::text), k = 4, p.published_at + k * interval '1 hour',
           'Когда починят дорогу?', ${now}, ${now}
    FROM posts p CROSS JOIN generate_series(1, ${COMMENTS_PER_POST}) k`;
  await sql`ANALYZE posts`;
  await sql`ANALYZE comments`;
  const partitions = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'comments'::regclass`;
  console.log(`data: ${POSTS} posts, ${POSTS * COMMENTS_PER_POST} comments over ${partitions[0]!.n} partitions each, in ${(elapsedMs(started) / 1000).toFixed(1)} s`);

  const sample = await sql<{ id: number; publishedAt: Date }[]>`SELECT id, published_at AS "publishedAt" FROM posts ORDER BY random() LIMIT ${ROUNDS}`;
  const perStatement = async (run: (post: { id: number; publishedAt: Date }) => Promise<unknown>) => {
    for (const post of sample.slice(0, 20)) await run(post); // warm the prepared statement and caches
    const since = performance.now();
    for (const post of sample) await run(post);
    return elapsedMs(since) / sample.length;
  };
  const pairs: [string, (post: { id: number; publishedAt: Date }) => Promise<unknown>, (post: { id: number; publishedAt: Date }) => Promise<unknown>][] = [
    [
      'update a post by id',
      (p) => sql`UPDATE posts SET comments_read_at = now() WHERE id = ${p.id}`,
      (p) => sql`UPDATE posts SET comments_read_at = now() WHERE id = ${p.id} AND published_at = ${p.publishedAt}`,
    ],
    [
      "read a post's comments",
      (p) => sql`SELECT id, external_id, text FROM comments WHERE post_id = ${p.id}`,
      (p) => sql`SELECT id, external_id, text FROM comments WHERE post_id = ${p.id} AND published_at >= ${p.publishedAt}`,
    ],
  ];
  for (const [name, byIdAlone, withKey] of pairs) {
    const alone = await perStatement(byIdAlone);
    const keyed = await perStatement(withKey);
    console.log(`${name}: by id alone ${format(alone)}, with the partition key ${format(keyed)} — ratio ${(alone / keyed).toFixed(1)}`);
  }

  const retentionDays = 90;
  started = performance.now();
  const first = await purgeCommentText(sql, { retentionDays, now });
  console.log(`first purge: ${first.commentsPurged} comments, ${first.partitionsPurged.length} whole partitions marked, ${format(elapsedMs(started))}`);
  started = performance.now();
  const daily = await purgeCommentText(sql, { retentionDays, now });
  const byPartition = elapsedMs(started);
  started = performance.now();
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  await sql`UPDATE comments SET text = '', text_truncated = false WHERE NOT from_page AND published_at < ${cutoff} AND text <> ''`;
  const rowByRow = elapsedMs(started);
  console.log(
    `daily purge after that: by partition ${format(byPartition)} (${daily.commentsPurged} comments), row by row over every old month ${format(rowByRow)} — ratio ${(rowByRow / byPartition).toFixed(1)}`,
  );
  console.log(
    `load average: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await db.drop();
}
