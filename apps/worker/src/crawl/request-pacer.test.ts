import { describe, expect, it } from 'vitest';
import { claimSlot, requestPeriodMs } from './request-pacer';

/** Drives the claim rule on a virtual clock: each waiter wakes `lateness(i)` ms after it was told to. */
function simulate(count: number, budget: number, margin: number, tolerance: number, lateness: (i: number) => number): number[] {
  const period = requestPeriodMs(budget, margin + tolerance);
  let due = 0;
  let now = 1_000;
  const claims: number[] = [];
  for (let i = 0; claims.length < count; i++) {
    const outcome = claimSlot(due, now, period, tolerance);
    due = outcome.due;
    if (outcome.wait === 0) claims.push(now);
    now += outcome.wait + lateness(i);
  }
  return claims;
}

const shortestSpan = (claims: number[], budget: number) => Math.min(...claims.slice(budget).map((t, i) => t - claims[i]!));

describe('request pacer claim rule', () => {
  it('keeps any budget + 1 consecutive claims at least 1000 ms + margin apart, however late the waiters wake', () => {
    const jitter = (i: number) => [0, 19, 3, 40, 1, 0, 25, 7][i % 8]!;
    const claims = simulate(400, 50, 50, 20, jitter);
    expect(shortestSpan(claims, 50)).toBeGreaterThanOrEqual(1050);
    const bursty = simulate(400, 10, 50, 20, (i) => (i % 13 === 0 ? 300 : 0));
    expect(shortestSpan(bursty, 10)).toBeGreaterThanOrEqual(1050);
  });

  it('does not lose budget to waiters that wake up late within the tolerance', () => {
    const period = requestPeriodMs(50, 70);
    const late = simulate(501, 50, 50, 20, () => 15);
    // 500 periods after the first claim, give or take the last waiter's own lateness.
    expect(late.at(-1)! - late[0]!).toBeLessThanOrEqual(500 * period + 15);
    const strict = simulate(501, 50, 70, 0, () => 15);
    expect(strict.at(-1)! - strict[0]!).toBeGreaterThan(500 * period + 15 * 400);
  });

  it('forgets idle time beyond the tolerance instead of allowing a burst', () => {
    const period = requestPeriodMs(5, 70);
    expect(claimSlot(0, 10_000, period, 20)).toEqual({ wait: 0, due: 10_000 - 20 + period });
    expect(claimSlot(10_000 - 20 + period, 10_000, period, 20).wait).toBe(Math.ceil(period - 20));
  });
});
