import { averageEngagementRate, median, type EngagementKind, type EngagementPost } from '@most/domain';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing';
import { makeAccount, makePost } from './fixture';
import { sectorPeers } from './score-rows';

const saratov = (local: string) => new Date(`${local}+04:00`);
const FROM = saratov('2025-03-01T00:00:00');
const TO = saratov('2025-04-01T00:00:00');
const SECTORS = ['culture', 'sport', 'health'] as const;

const db = useTestDatabase();

interface Page {
  sector: string;
  followers: number | null;
  posts: (EngagementPost & { ad: boolean })[];
}

/** The domain's answer: each page's average rate over its non-ad posts, then the sector median of those that have one. */
function domainMedians(pages: Page[], kind: EngagementKind): Map<string, number | null> {
  const bySector = new Map<string, number[]>();
  for (const page of pages) {
    const rates = bySector.get(page.sector) ?? [];
    const average = averageEngagementRate(
      page.posts.filter((p) => !p.ad),
      kind,
      page.followers,
    );
    if (average !== null) rates.push(average);
    bySector.set(page.sector, rates);
  }
  return new Map([...bySector].map(([sector, rates]) => [sector, median([...rates].sort((a, b) => a - b))]));
}

describe('one engagement-rate definition: the SQL sector medians agree with the domain', () => {
  it('on random pages (no followers, zero views, ads, pages without posts)', async () => {
    let seed = 20_261_205;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const int = (max: number) => Math.floor(rand() * (max + 1));
    const pages: Page[] = [];
    for (const sector of SECTORS) {
      for (let n = 1 + int(8); n > 0; n -= 1) {
        const followers = rand() < 0.15 ? null : rand() < 0.1 ? 0 : 1 + int(50_000);
        const { accountId } = await makeAccount(db.sql, { sector });
        if (followers !== null) {
          await db.sql`
            INSERT INTO account_snapshots (account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)
            VALUES (${accountId}, ${saratov('2025-02-20T10:00:00')}, ${saratov('2025-02-20T10:00:00')}, '2025-02-20', 'h', 'active', ${db.sql.json({ membersCount: followers })}, '{}'::jsonb)`;
        }
        const page: Page = { sector, followers, posts: [] };
        for (let p = int(10); p > 0; p -= 1) {
          const post = { likes: int(500), reposts: int(50), comments: int(80), views: rand() < 0.15 ? null : rand() < 0.1 ? 0 : int(100_000), ad: rand() < 0.1 };
          const day = String(1 + int(30)).padStart(2, '0');
          const id = await makePost(db.sql, accountId, saratov(`2025-03-${day}T${String(int(23)).padStart(2, '0')}:00:00`), { likes: post.likes, views: post.views ?? undefined });
          await db.sql`UPDATE posts SET reposts = ${post.reposts}, comments_count = ${post.comments}, is_ad = ${post.ad} WHERE id = ${id}`;
          page.posts.push(post);
        }
        // A post outside the period counts for neither.
        await makePost(db.sql, accountId, saratov('2025-04-02T10:00:00'), { likes: 1_000, views: 10 });
        pages.push(page);
      }
    }
    const fromSql = await sectorPeers(db.sql, FROM, TO);
    const byPost = domainMedians(pages, 'post');
    const byView = domainMedians(pages, 'view');
    let compared = 0;
    for (const sector of SECTORS) {
      const expected = { erPostMedian: byPost.get(sector) ?? null, erViewMedian: byView.get(sector) ?? null };
      const actual = fromSql[sector] ?? { erPostMedian: null, erViewMedian: null };
      for (const key of ['erPostMedian', 'erViewMedian'] as const) {
        if (expected[key] === null) expect(actual[key]).toBeNull();
        else {
          expect(actual[key]).toBeCloseTo(expected[key]!, 9);
          compared += 1;
        }
      }
    }
    // The random world must give the comparison something to compare.
    expect(compared).toBeGreaterThanOrEqual(4);
  });
});
