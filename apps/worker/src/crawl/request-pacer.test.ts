import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueueBackend, type QueueBackend } from '@most/queue';
import { assertRedisReachable, TEST_REDIS_URL, uniqueNamespace } from '@most/queue/testing';
import { createRequestPacer, pacerLimits } from './request-pacer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Most arrivals within any 1 s window (a window includes arrivals later than its start by less than 1000 ms). */
function busiestSecond(arrivals: number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= 1000) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('request pacer on Redis', () => {
  let queue: QueueBackend;
  beforeAll(async () => {
    await assertRedisReachable();
    queue = createQueueBackend({ redisUrl: TEST_REDIS_URL, databaseUrl: 'postgres://unused@127.0.0.1/unused', namespace: uniqueNamespace('pacer') });
  });
  afterAll(() => queue?.close());

  it('never lets two processes put more than the budget into any 1 s window, even when a request leaves long after its claim', async () => {
    const budget = 4;
    // Two pacers with the same key: two worker processes sharing one token.
    const pacers = [0, 1].map(() => createRequestPacer(queue, { key: 'shared-token', requestsPerSecond: budget }));
    const arrivals: number[] = [];
    await Promise.all(
      Array.from({ length: 14 }, async (_, i) => {
        const release = await pacers[i % 2]!.acquire();
        // Every fourth request is held up between its claim and its arrival (a paused process).
        await sleep(i % 4 === 0 ? 250 : 5);
        arrivals.push(performance.now());
        await sleep(10);
        release();
      }),
    );
    expect(arrivals).toHaveLength(14);
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(budget);
  });

  it('derives the slots from the budget', () => {
    expect(pacerLimits(50)).toEqual({ count: 50, windowMs: 1010, inFlightMs: 30_000 });
    expect(pacerLimits(2.5, { marginMs: 0 })).toEqual({ count: 2, windowMs: 1000, inFlightMs: 30_000 });
    expect(pacerLimits(0.5, { marginMs: 0 })).toEqual({ count: 1, windowMs: 2000, inFlightMs: 30_000 });
    expect(() => pacerLimits(0)).toThrow('positive');
  });
});
