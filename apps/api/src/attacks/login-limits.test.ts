import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '@most/services';
import { PASSWORD, startAttackTarget, type AttackTarget } from './harness';

/** Issue 13, items 1 and 14: password guessing under concurrency, and locking out the owner. */
describe('login limits over real HTTP', () => {
  let target: AttackTarget;
  beforeAll(async () => {
    target = await startAttackTarget({ trustProxy: 1 });
  });
  afterAll(async () => target?.close());

  const throttleRow = async (key: string) => (await target.db.sql<{ failures: number }[]>`SELECT failures FROM login_throttle WHERE key = ${key}`)[0]?.failures ?? 0;

  it('item 1: 100 parallel guesses for one e-mail check at most five passwords; the right one at position 90 is refused', async () => {
    await createUser(target.db.sql, { email: 'parallel@most.test', role: 'monitor', password: PASSWORD }, { label: 'test' });
    const b = target.browser({ 'x-forwarded-for': '198.51.100.1' });
    await b.open();
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 89 ? PASSWORD : `wrong-guess-${i}`));
    const statuses = (await Promise.all(guesses.map((password) => b.mutate('auth.login', { email: 'parallel@most.test', password })))).map((r) => r.status);
    expect(statuses[89]).toBe(429);
    expect(statuses.filter((s) => s === 200)).toHaveLength(0);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(95);
    expect(await throttleRow('pair:parallel@most.test|198.51.100.1')).toBe(5);
  });

  it('item 14: five wrong passwords from a stranger do not lock the owner out of their own network; the stranger waits longer each time', async () => {
    await createUser(target.db.sql, { email: 'owner@most.test', role: 'monitor', password: PASSWORD }, { label: 'test' });
    const stranger = target.browser({ 'x-forwarded-for': '203.0.113.66' });
    await stranger.open();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await stranger.mutate('auth.login', { email: 'owner@most.test', password: `nope-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const refused = await stranger.mutate('auth.login', { email: 'owner@most.test', password: PASSWORD });
    expect(refused.status).toBe(429);
    const firstWait = Number(refused.body.error?.data.details?.retryAfterSeconds);
    expect(firstWait).toBeGreaterThan(0);
    expect(firstWait).toBeLessThanOrEqual(60);
    // The owner, from their own address, signs in.
    const owner = target.browser({ 'x-forwarded-for': '192.0.2.10' });
    await owner.open();
    expect((await owner.mutate('auth.login', { email: 'owner@most.test', password: PASSWORD })).status).toBe(200);
    // After the first lock ends, the next wrong guess locks for twice as long.
    await target.db.sql`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = 'pair:owner@most.test|203.0.113.66'`;
    const again = await stranger.mutate('auth.login', { email: 'owner@most.test', password: 'nope-again' });
    expect(again.status).toBe(429);
    expect(Number(again.body.error?.data.details?.retryAfterSeconds)).toBeGreaterThan(60);
  });

  it('item 14: guesses spread over many addresses still stop at the per-e-mail limit', async () => {
    await createUser(target.db.sql, { email: 'spread@most.test', role: 'monitor', password: PASSWORD }, { label: 'test' });
    const statuses: number[] = [];
    for (let i = 0; i < 52; i += 1) {
      const b = target.browser({ 'x-forwarded-for': `198.18.${Math.floor(i / 200)}.${i % 200}` });
      await b.open();
      statuses.push((await b.mutate('auth.login', { email: 'spread@most.test', password: `spread-${i}` })).status);
    }
    expect(statuses.slice(0, 49).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(49)).toEqual([429, 429, 429]);
  });
});
