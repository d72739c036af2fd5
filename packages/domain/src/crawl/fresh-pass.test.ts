import { describe, expect, it } from 'vitest';
import { DEFAULT_FRESH_PASS_POLICY as P, freshCapacity, freshDueAt, freshIntervalMs, freshPassPolicy, planFreshPass, type FreshCandidate } from './fresh-pass';

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
