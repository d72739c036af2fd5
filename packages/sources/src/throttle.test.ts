import { describe, expect, it } from 'vitest';
import { createRequestThrottle } from './throttle';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createRequestThrottle', () => {
  it('keeps a slot taken while its request is in flight and for a second after it finished', async () => {
    const acquire = createRequestThrottle(2);
    const releaseFirst = await acquire();
    await acquire();
    const order: string[] = [];
    const third = acquire().then((release) => {
      order.push('third started');
      return release;
    });
    await sleep(1200);
    order.push('first released');
    releaseFirst();
    await third;
    expect(order).toEqual(['first released', 'third started']);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createRequestThrottle(0)).toThrow('positive');
  });
});
