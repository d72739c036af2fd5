import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startAttackTarget, type AttackTarget } from './harness';

const csrfOf = (setCookie: string[] | undefined) => setCookie?.map((c) => /most_csrf=([^;]+)/.exec(c)?.[1]).find(Boolean) ?? '';

describe('requests that attack the HTTP layer (issue 13), over real HTTP', () => {
  let open: AttackTarget; // defaults: no PUBLIC_URL, TRUST_PROXY off
  beforeAll(async () => {
    open = await startAttackTarget({ publicRateLimitPerMinute: 10_000 });
  });
  afterAll(async () => open?.close());

  it('item 6: a reset requested with Host: evil.example e-mails a link to this server, not to evil.example', async () => {
    const first = await rawRequest(open.server.url, '/trpc/auth.me', { headers: { host: 'evil.example' } });
    const csrf = csrfOf(first.headers['set-cookie']);
    const reset = await rawRequest(open.server.url, '/trpc/auth.requestPasswordReset', {
      method: 'POST',
      headers: { host: 'evil.example', 'content-type': 'application/json', cookie: `most_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ email: 'monitor@most.test' }),
    });
    expect(reset.status).toBe(200);
    await expect.poll(() => open.outbox.length).toBeGreaterThan(0);
    const mail = open.outbox.at(-1)!;
    expect(mail.text).not.toContain('evil.example');
    expect(mail.text).toContain(`http://localhost:${open.server.port}/reset-password?token=`);
  });

  it('item 6: open data, docs and feeds do not follow the Host header', async () => {
    for (const path of ['/api/public/v1/openapi.json', '/api/public/v1/docs', '/bulletin/feed.xml', '/api/public/v1/editions']) {
      const response = await rawRequest(open.server.url, path, { headers: { host: 'evil.example' } });
      expect(response.body, path).not.toContain('evil.example');
    }
  });

  it('item 7: X-Forwarded-For from anyone is ignored by default — 60 failed logins with rotating addresses hit one counter', async () => {
    const first = await rawRequest(open.server.url, '/trpc/auth.me');
    const csrf = csrfOf(first.headers['set-cookie']);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const response = await rawRequest(open.server.url, '/trpc/auth.login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `most_csrf=${csrf}`, 'x-csrf-token': csrf, 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ email: `nobody-${i}@most.test`, password: 'wrong-password' }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 29).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    const rows = await open.db.sql<{ key: string }[]>`SELECT key FROM login_throttle WHERE key LIKE 'ip:%'`;
    expect(rows.map((r) => r.key)).toEqual(['ip:127.0.0.1']);
    await open.db.sql`DELETE FROM login_throttle`; // the next tests sign in from the same address
  });

  it('item 8: the dashboard, /bulletin, /verify, /api and /trpc send security headers; the widget stays frameable', async () => {
    for (const path of ['/', '/bulletin', '/verify/ABC', '/api/public/v1/editions', '/trpc/auth.me', '/api/public/v1/docs']) {
      const { headers } = await rawRequest(open.server.url, path);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBeTruthy();
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
      expect(headers['strict-transport-security'], path).toBeUndefined();
    }
    const site = await rawRequest(open.server.url, '/trpc/auth.me');
    expect(site.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    const embed = await rawRequest(open.server.url, '/embed/rankings/none');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['x-content-type-options']).toBe('nosniff');
  });

  it('item 11: a NUL byte in a path or a search answers 400 with a reason', async () => {
    for (const path of [
      '/api/public/v1/organizations/%00',
      '/api/public/v1/editions/%00',
      '/embed/rankings/%00',
      `/trpc/registry.organizations?input=${encodeURIComponent(JSON.stringify({ page: 1, pageSize: 5, search: 'a\u0000b' }))}`,
      '/verify/%00',
    ]) {
      const response = await rawRequest(open.server.url, path);
      expect(response.status, path).toBe(400);
      expect(response.body, path).toMatch(/[Нн]едопустим/);
    }
  });

  it('item 11: out-of-range and inverted dates answer 400, not 500/503', async () => {
    const monitor = await open.signedIn('monitor@most.test');
    const far = await monitor.mutate('bulletin.createDraft', { periodKey: '9999-12' });
    expect(far.status).toBe(400);
    const inverted = await monitor.mutate('rankings.build', { title: 'Рейтинг', periodStart: '2026-10-31', periodEnd: '2026-10-01', methodologyVersion: '1' });
    expect(inverted.status).toBe(400);
    expect(JSON.stringify(inverted.body)).toContain('periodEnd');
    const year275760 = await monitor.mutate('rankings.build', { title: 'Рейтинг', periodStart: '2026-10-01', periodEnd: '275760-09-13', methodologyVersion: '1' });
    expect(year275760.status).toBe(400);
    const text = await monitor.mutate('training.monitor.changeState', { enrolmentId: 1, to: 'active', at: '+275760-09-13T00:00:00.000Z' });
    expect(text.status).toBeLessThan(500);
  });
});

describe('item 16: anonymous reads share one limit whatever the path', () => {
  let limited: AttackTarget;
  beforeAll(async () => {
    limited = await startAttackTarget({ publicRateLimitPerMinute: 20, users: false });
  });
  afterAll(async () => limited?.close());

  it('counts /api/public, /trpc/rankings.view and /verify together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await rawRequest(limited.server.url, '/api/public/v1/editions')).status);
    for (let i = 0; i < 8; i += 1) statuses.push((await rawRequest(limited.server.url, `/trpc/rankings.view?input=${encodeURIComponent(JSON.stringify({ slug: 'none' }))}`)).status);
    for (let i = 0; i < 8; i += 1) statuses.push((await rawRequest(limited.server.url, '/verify/ABCDEF')).status);
    expect(statuses.slice(0, 20).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429]);
  });
});
