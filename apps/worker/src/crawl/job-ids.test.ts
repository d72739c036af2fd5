import { describe, expect, it } from 'vitest';
import { crawlJobIdFacts, crawlJobIds } from './job-ids';

describe('crawl job ids read back', () => {
  const runAt = 1_763_625_600_000;

  it('names the run and the page of posts and comments jobs, whatever the post id holds', () => {
    expect(crawlJobIdFacts(crawlJobIds.posts('vk', 42, runAt, 3))).toEqual({ fresh: false, runAt, accountId: 42 });
    expect(crawlJobIdFacts(crawlJobIds.comments('ok', 7, '-155-9:x', runAt))).toEqual({ fresh: false, runAt, accountId: 7 });
    expect(crawlJobIdFacts(crawlJobIds.comments('telegram', 9, '2026-11-20', runAt))).toEqual({ fresh: false, runAt, accountId: 9 });
  });

  it('names the run of a fan-out page, and no page', () => {
    expect(crawlJobIdFacts(crawlJobIds.fanout('posts', 'vk', runAt, 500))).toEqual({ fresh: false, runAt, accountId: null });
  });

  it('tells fresh-pass jobs apart', () => {
    expect(crawlJobIdFacts(crawlJobIds.freshComments('vk', 42, '100'))).toEqual({ fresh: true });
    expect(crawlJobIdFacts(crawlJobIds.freshPosts('vk', 42))).toEqual({ fresh: true });
    expect(crawlJobIdFacts(crawlJobIds.freshTick('ok', runAt))).toEqual({ fresh: true });
  });

  it('says nothing of profile batches (a range of ids, not their pages) and foreign ids', () => {
    expect(crawlJobIdFacts(crawlJobIds.profiles('vk', 1, 500, runAt))).toBeNull();
    expect(crawlJobIdFacts('repeat:abc:1700000000000')).toBeNull();
  });
});
