import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAttackTarget, type AttackTarget } from './harness';

/** Issue 13, item 9: SIGTERM (platform.close → server.close) cut requests in flight. */
describe('shutdown with a request in flight, over real HTTP', () => {
  let target: AttackTarget;
  beforeAll(async () => {
    target = await startAttackTarget();
  });
  afterAll(async () => {
    await target?.queue.close();
    await target?.db.drop();
  });

  it('stops accepting, lets the request in flight finish with its answer, then closes', async () => {
    const first = await fetch(`${target.server.url}/trpc/auth.me`);
    const csrf = /most_csrf=([^;]+)/.exec(first.headers.getSetCookie().join(';'))![1]!;
    const body = JSON.stringify({ email: 'monitor@most.test', password: 'correct horse battery' });
    // The request is in flight: headers and half the body sent, the rest still to come.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${target.server.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: `most_csrf=${csrf}`, 'x-csrf-token': csrf },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 700);
    });
    await new Promise((r) => setTimeout(r, 200));
    let closed = false;
    const closing = target.server.close(10_000).then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    // No new connections once shutdown has begun.
    await expect(fetch(`${target.server.url}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);
    const result = await answer;
    expect(result.status).toBe(200);
    expect(result.text).toContain('monitor@most.test');
    await closing;
    expect(closed).toBe(true);
  });
});
