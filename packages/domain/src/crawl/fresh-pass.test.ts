import { describe, expect, it } from 'vitest';
import { DEFAULT_FRESH_PASS_POLICY as P, freshCapacity, freshDueAt, freshIntervalMs, freshPagesOf, freshPassPolicy, planFreshPass, type FreshCandidate, type FreshPageCandidate } from './fresh-pass';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 10, 20, 12);
const post = (postId: number, ageMs: number, extra: Partial<FreshCandidate> = {}): FreshCandidate => ({
  postId,
  accountId: 1,
  publishedAt: NOW - ageMs,
  commentsReadAt: null,
  openQuestion: false,
  ...extra,
});

describe('fresh pass: what is re-read when', () => {
  it('re-reads young posts more often than older ones, and not at all outside the window', () => {
    expect(freshIntervalMs(P, post(1, 30 * MIN), NOW)).toBe(2 * MIN);
    expect(freshIntervalMs(P, post(1, 5 * HOUR), NOW)).toBe(10 * MIN);
    expect(freshIntervalMs(P, post(1, 48 * HOUR), NOW)).toBe(30 * MIN);
    expect(freshIntervalMs(P, post(1, 73 * HOUR), NOW)).toBeNull();
    expect(freshIntervalMs(P, post(1, -MIN), NOW)).toBeNull();
  });

  it('re-reads a page with an open question at the same pace: the question changes the order only', () => {
    expect(freshIntervalMs(P, post(1, 48 * HOUR, { openQuestion: true }), NOW)).toBe(30 * MIN);
  });

  it('is due at once when never read, else one interval after the last read', () => {
    expect(freshDueAt(P, post(1, 5 * HOUR), NOW)).toBe(NOW - 5 * HOUR);
    expect(freshDueAt(P, post(1, 5 * HOUR, { commentsReadAt: NOW - 4 * MIN }), NOW)).toBe(NOW + 6 * MIN);
  });

  it('orders open questions first, then the newest posts, and cuts at the budget share', () => {
    const candidates = [post(1, 10 * HOUR), post(2, 1 * HOUR), post(3, 30 * HOUR, { openQuestion: true }), post(4, 2 * HOUR, { commentsReadAt: NOW - MIN })];
    const plan = planFreshPass({ ...P, budgetShare: 0.05 }, candidates, { now: NOW, requestsPerSecond: 1 });
    // 0.05 × 1 request/s × 60 s = 3 requests this tick; post 4 was read a minute ago (not due).
    expect(plan.capacity).toBe(3);
    expect(plan.selected.map((p) => p.postId)).toEqual([3, 2, 1]);
    expect(plan.due).toBe(3);
    expect(plan.deferred).toBe(0);
    const tight = planFreshPass({ ...P, budgetShare: 0.02 }, candidates, { now: NOW, requestsPerSecond: 1 });
    expect(tight.selected.map((p) => p.postId)).toEqual([3]);
    expect(tight.deferred).toBe(2);
  });

  it('never takes more than its share of the budget, but at least one request a tick', () => {
    expect(freshCapacity(P, 3)).toBe(54);
    expect(freshCapacity({ ...P, budgetShare: 0.001 }, 1)).toBe(1);
  });

  it('builds a policy from configured values, the last tier ending at the window', () => {
    const policy = freshPassPolicy({ windowMs: 12 * HOUR, budgetShare: 0.5 });
    expect(policy.tiers.at(-1)).toEqual({ maxAgeMs: 12 * HOUR, everyMs: 10 * MIN });
    expect(freshIntervalMs(policy, post(1, 13 * HOUR), NOW)).toBeNull();
    expect(() => freshPassPolicy({ budgetShare: 1.5 })).toThrow(RangeError);
  });
});

describe('fresh pass: the newest page of posts', () => {
  const page = (accountId: number, postsReadAt: number | null, openQuestion = false): FreshPageCandidate => ({ accountId, postsReadAt, openQuestion });

  it('knows when each page was last read from its recent posts, and whether it has an open question', () => {
    const pages = freshPagesOf([
      { accountId: 1, openQuestion: false, seenAt: NOW - 30 * MIN },
      { accountId: 1, openQuestion: true, seenAt: NOW - 12 * MIN },
      { accountId: 2, openQuestion: false, seenAt: NOW - 3 * MIN },
    ]);
    expect(pages).toEqual([page(1, NOW - 12 * MIN, true), page(2, NOW - 3 * MIN)]);
  });

  it('reads a page again every postsEveryMs, open questions first, then the longest overdue', () => {
    const pages = [page(1, NOW - 11 * MIN), page(2, NOW - 5 * MIN), page(3, NOW - 10 * MIN, true), page(4, NOW - 30 * MIN)];
    const plan = planFreshPass(P, [], { now: NOW, requestsPerSecond: 1, pages });
    expect(plan.pages.map((p) => p.accountId)).toEqual([3, 4, 1]);
    expect(plan.selected).toEqual([]);
    expect(plan.due).toBe(3);
  });

  it('shares the tick with comment re-reads: each gets its share when both wait, and takes what the other leaves', () => {
    // 0.05 × 1 request/s × 60 s = 3 requests this tick.
    const policy = { ...P, budgetShare: 0.05, postsShare: 0.5 };
    const posts = [post(1, 10 * HOUR), post(2, 1 * HOUR), post(3, 30 * HOUR)];
    const pages = [page(7, null), page(8, null), page(9, null)];
    const both = planFreshPass(policy, posts, { now: NOW, requestsPerSecond: 1, pages });
    expect(both.pages.map((p) => p.accountId)).toEqual([7, 8]);
    expect(both.selected.map((p) => p.postId)).toEqual([2]);
    expect(both.selected.length + both.pages.length).toBe(both.capacity);
    expect(both.deferred).toBe(3);
    const fewPosts = planFreshPass(policy, [post(2, HOUR)], { now: NOW, requestsPerSecond: 1, pages });
    expect([fewPosts.selected.length, fewPosts.pages.length]).toEqual([1, 2]);
    const noPosts = planFreshPass(policy, [], { now: NOW, requestsPerSecond: 1, pages });
    expect(noPosts.pages).toHaveLength(3);
    const noPages = planFreshPass(policy, posts, { now: NOW, requestsPerSecond: 1, pages: [] });
    expect(noPages.selected).toHaveLength(3);
  });
});
