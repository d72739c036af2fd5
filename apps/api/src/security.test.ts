import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '@most/db';
import { createUser, seedDemoRegistry } from '@most/services';
import type { Mailer } from '@most/trpc';
import type { Hono } from 'hono';
import { createRoleUsers, createTestApp, TEST_PASSWORD as PASSWORD, testBrowsers, useAppServices } from './test-support/app';
import { TestBrowser } from './test-support/http-client';

describe('sessions, roles and CSRF over HTTP', () => {
  const { db, queue } = useAppServices();
  let app: Hono<never>;
  const outbox: { to: string; subject: string; text: string }[] = [];
  const mailer: Mailer = { send: async (m) => void outbox.push(m) };
  let orgA: number;
  let orgB: number;
  const { browser, signedIn } = testBrowsers(() => app, '10.0.0');

  beforeAll(async () => {
    await seedDemoRegistry(db.sql);
    const orgs = await db.sql<{ id: number; code: string }[]>`SELECT id, code FROM organizations ORDER BY id LIMIT 2`;
    orgA = orgs[0]!.id;
    orgB = orgs[1]!.id;
    await createRoleUsers(db.sql, orgs[0]!.code);
    app = createTestApp({ sql: db.sql, queue, mailer, trustProxy: true });
  });

  it('logs in with an HttpOnly SameSite=Lax session cookie and reports the user', async () => {
    const b = browser();
    await b.open();
    const login = await b.mutate('auth.login', { email: 'MONITOR@most.test', password: PASSWORD });
    expect(login.status).toBe(200);
    const cookie = login.response.headers.getSetCookie().find((c) => c.startsWith('most_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await b.query<{ user: { email: string; role: string } | null }>('auth.me');
    expect(me.body.result?.data.user).toMatchObject({ email: 'monitor@most.test', role: 'monitor' });
    // Only a hash of the token is stored.
    const [stored] = await db.sql<{ token_hash: string }[]>`SELECT token_hash FROM sessions ORDER BY id DESC LIMIT 1`;
    expect(stored!.token_hash).not.toBe(b.cookies.get('most_session'));
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks cookies Secure behind an https proxy', async () => {
    const b = new TestBrowser(app, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.9.9.9' });
    await b.open();
    const login = await b.mutate('auth.login', { email: 'monitor@most.test', password: PASSWORD });
    expect(login.response.headers.getSetCookie().find((c) => c.startsWith('most_session='))).toMatch(/Secure/);
  });

  it('issues a new session id at login and ends the one the browser had (session fixation)', async () => {
    const victim = await signedIn('monitor@most.test');
    const planted = victim.cookies.get('most_session')!;
    const plantedCsrf = victim.cookies.get('most_csrf')!;
    const again = await victim.mutate('auth.login', { email: 'monitor@most.test', password: PASSWORD });
    expect(again.status).toBe(200);
    const fresh = victim.cookies.get('most_session')!;
    expect(fresh).not.toBe(planted);
    expect(victim.cookies.get('most_csrf')).not.toBe(plantedCsrf);
    // The old id no longer authenticates anyone.
    const attacker = browser();
    attacker.cookies.set('most_session', planted);
    const me = await attacker.query<{ user: unknown }>('auth.me');
    expect(me.body.result?.data.user).toBeNull();
  });

  it('logs out: the session ends server-side', async () => {
    const b = await signedIn('monitor@most.test');
    const token = b.cookies.get('most_session')!;
    expect((await b.mutate('auth.logout')).status).toBe(200);
    expect(b.cookies.has('most_session')).toBe(false);
    const replay = browser();
    replay.cookies.set('most_session', token);
    expect((await replay.query<{ user: unknown }>('auth.me')).body.result?.data.user).toBeNull();
  });

  it('refuses state-changing requests without the CSRF token or from another origin', async () => {
    const b = await signedIn('monitor@most.test');
    const input = { organizationId: orgA, url: 'https://vk.com/csrf_probe_page' };
    const missing = await b.mutate('registry.createAccount', input, { csrf: false });
    expect(missing.status).toBe(403);
    // In tRPC's own error shape, so the dashboard's client can show it.
    expect(missing.body.error).toMatchObject({ code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403, details: { 'x-csrf-token': expect.any(String) } } });
    const wrong = await b.request('/trpc/registry.createAccount', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'forged-token-value' },
      body: JSON.stringify(input),
    });
    expect(wrong.status).toBe(403);
    const foreign = await b.mutate('registry.createAccount', input, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const [count] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM accounts WHERE handle = 'csrf_probe_page'`;
    expect(count!.n).toBe(0);
    const ok = await b.mutate('registry.createAccount', input, { origin: 'http://localhost' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('login itself needs the CSRF token (no login CSRF)', async () => {
    const b = browser();
    const response = await b.request('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'monitor@most.test', password: PASSWORD }) });
    expect(response.status).toBe(403);
  });

  it('locks an e-mail for the guessing client after repeated failures, even with the right password, and answers 429 with the wait', async () => {
    await createUser(db.sql, { email: 'victim@most.test', role: 'monitor', password: PASSWORD }, { label: 'test' });
    const guesser = { 'x-forwarded-for': '10.66.0.1' };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const b = new TestBrowser(app, guesser);
      await b.open();
      statuses.push((await b.mutate('auth.login', { email: 'victim@most.test', password: `wrong-${attempt}` })).status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    const b = new TestBrowser(app, guesser);
    await b.open();
    const locked = await b.mutate('auth.login', { email: 'victim@most.test', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error?.data.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(Number(locked.body.error?.data.details?.retryAfterSeconds)).toBeGreaterThan(0);
    // Another API process (same database) sees the same lock.
    const otherProcess = createTestApp({ sql: db.sql, queue, mailer, trustProxy: true });
    const elsewhere = new TestBrowser(otherProcess, guesser);
    await elsewhere.open();
    expect((await elsewhere.mutate('auth.login', { email: 'victim@most.test', password: PASSWORD })).status).toBe(429);
    // The owner from their own address is not locked out by the stranger's guesses.
    expect((await (await signedIn('victim@most.test')).query('auth.me')).status).toBe(200);
  });

  it('locks an IP after many failures across e-mails', async () => {
    const b = new TestBrowser(app, { 'x-forwarded-for': '192.0.2.77' });
    await b.open();
    let last = 0;
    for (let attempt = 0; attempt < 30; attempt += 1) {
      last = (await b.mutate('auth.login', { email: `nobody${attempt}@most.test`, password: 'whatever-password' })).status;
    }
    expect(last).toBe(429);
    const other = await b.mutate('auth.login', { email: 'admin@most.test', password: PASSWORD });
    expect(other.status).toBe(429);
  });

  it('lets an anonymous caller reach public procedures only', async () => {
    const b = browser();
    await b.open();
    const list = await b.query<{ total: number }>('registry.organizations', { page: 1, pageSize: 5 });
    expect(list.status).toBe(200);
    expect(list.body.result?.data.total).toBeGreaterThan(0);
    expect((await b.query('users.list')).status).toBe(401);
    expect((await b.query('accounts.forOrganization', { organizationId: orgA })).status).toBe(401);
    expect((await b.mutate('registry.createOrganization', { code: 'anon', fullName: 'Анонимная организация', shortName: 'Аноним', kind: 'local_government', sector: 'other' })).status).toBe(401);
  });

  it('keeps a trainee away from monitoring data and administration', async () => {
    const b = await signedIn('trainee@most.test');
    expect((await b.query('accounts.forOrganization', { organizationId: orgA })).status).toBe(403);
    expect((await b.query('users.list')).status).toBe(403);
    expect((await b.query('accounts.crawlHealth')).status).toBe(403);
    expect((await b.query('accounts.crawlAlerts')).status).toBe(403);
    expect((await b.mutate('registry.updateAccount', { id: 1, patch: { isOfficial: false } })).status).toBe(403);
  });

  it("confines an agency member to its own organization's accounts", async () => {
    const b = await signedIn('agency@most.test');
    const own = await b.query<unknown[]>('accounts.forOrganization', { organizationId: orgA });
    expect(own.status).toBe(200);
    const other = await b.query('accounts.forOrganization', { organizationId: orgB });
    expect(other.status).toBe(403);
    const mine = await b.query<{ organizationId: number }[]>('accounts.mine');
    expect(mine.body.result?.data.every((a) => a.organizationId === orgA)).toBe(true);
    expect((await b.query('accounts.organizationCrawlHealth', { organizationId: orgA })).status).toBe(200);
    expect((await b.query('accounts.organizationCrawlHealth', { organizationId: orgB })).status).toBe(403);
    expect((await b.query('accounts.crawlHealth')).status).toBe(403);
    expect((await b.query('users.list')).status).toBe(403);
  });

  it('shows monitors crawl health with the kind of the last error (never its raw text) and next run', async () => {
    const [account] = await db.sql<{ id: number }[]>`SELECT id FROM accounts WHERE organization_id = ${orgB} ORDER BY id LIMIT 1`;
    await db.sql`INSERT INTO crawl_health (account_id, last_run_at, last_error_at, last_error_kind, last_error, consecutive_failures, next_run_at)
      VALUES (${account!.id}, now(), now(), 'rate_limit', 'VK error 6', 2, now() + interval '1 hour')`;
    const b = await signedIn('monitor@most.test');
    const page = await b.query<{ items: Record<string, unknown>[] }>('accounts.crawlHealth', { failingOnly: true });
    expect(page.status).toBe(200);
    expect(page.body.result?.data.items).toEqual([
      expect.objectContaining({ accountId: account!.id, lastErrorKind: 'rate_limit', problem: 'failing', consecutiveFailures: 2, nextRunAt: expect.any(String) }),
    ]);
    expect(page.body.result?.data.items[0]).not.toHaveProperty('lastError');
    expect(JSON.stringify(page.body)).not.toContain('VK error 6');
  });

  it('names invalid fields and never leaks a stack trace', async () => {
    const b = await signedIn('monitor@most.test');
    const bad = await b.mutate('registry.createOrganization', { code: 'x y', fullName: 'ab', shortName: 'Кратко', kind: 'planet', sector: 'other' });
    expect(bad.status).toBe(400);
    const fields = (bad.body.error?.data.details as { fields: Record<string, string> } | undefined)?.fields ?? {};
    expect(Object.keys(fields).sort()).toEqual(['code', 'fullName', 'kind']);
    expect(JSON.stringify(bad.body)).not.toMatch(/stack|\bat .*\.ts/);
    expect(bad.body.error?.data.requestId).toBe(bad.response.headers.get('x-request-id'));
  });

  it('invites a user by a single-use e-mailed link and resets a password by token', async () => {
    const admin = await signedIn('admin@most.test');
    const invite = await admin.mutate<{ user: { id: number } }>('users.invite', { email: 'new.agent@most.test', role: 'agency', organizationId: orgB });
    expect(invite.status, JSON.stringify(invite.body)).toBe(200);
    const mail = outbox.find((m) => m.to === 'new.agent@most.test')!;
    const token = /token=([\w%-]+)/.exec(mail.text)![1]!;
    const [stored] = await db.sql<{ token_hash: string }[]>`SELECT token_hash FROM auth_tokens WHERE purpose = 'invitation' ORDER BY created_at DESC LIMIT 1`;
    expect(stored!.token_hash).not.toContain(decodeURIComponent(token));

    const invitee = browser();
    await invitee.open();
    const accepted = await invitee.mutate<{ user: { role: string; organizationId: number } }>('auth.acceptInvitation', { token: decodeURIComponent(token), password: 'a brand new password' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.result?.data.user).toMatchObject({ role: 'agency', organizationId: orgB });
    const reuse = await browser().mutate('auth.acceptInvitation', { token: decodeURIComponent(token), password: 'another password 123' });
    expect(reuse.status).toBe(403); // no CSRF cookie on a fresh browser
    const reuser = browser();
    await reuser.open();
    expect((await reuser.mutate('auth.acceptInvitation', { token: decodeURIComponent(token), password: 'another password 123' })).status).toBe(400);

    const anon = browser();
    await anon.open();
    expect((await anon.mutate('auth.requestPasswordReset', { email: 'new.agent@most.test' })).status).toBe(200);
    expect((await anon.mutate('auth.requestPasswordReset', { email: 'unknown@most.test' })).status).toBe(200);
    // The e-mail is queued after the answer (same timing for known and unknown addresses).
    await expect.poll(() => outbox.filter((m) => m.to === 'new.agent@most.test' && /token=/.test(m.text) && /парол/.test(m.subject)).length).toBeGreaterThan(0);
    const resetMail = outbox.filter((m) => m.to === 'new.agent@most.test').at(-1)!;
    expect(resetMail.subject).toMatch(/пароль|парол/);
    const resetToken = decodeURIComponent(/token=([\w%-]+)/.exec(resetMail.text)![1]!);
    expect((await anon.mutate('auth.resetPassword', { token: resetToken, password: 'reset password 456' })).status).toBe(200);
    // The reset ended the invitee's session.
    expect((await invitee.query<{ user: unknown }>('auth.me')).body.result?.data.user).toBeNull();
    const relogin = await anon.mutate('auth.login', { email: 'new.agent@most.test', password: 'reset password 456' });
    expect(relogin.status).toBe(200);
  });

  it('sends at most three reset links per address and hour, answering the same every time', async () => {
    const b = browser();
    await b.open();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await b.mutate('auth.requestPasswordReset', { email: 'trainee@most.test' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await expect.poll(() => outbox.filter((m) => m.to === 'trainee@most.test').length).toBe(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(outbox.filter((m) => m.to === 'trainee@most.test')).toHaveLength(3);
  });

  it('disables a user and ends their sessions', async () => {
    const admin = await signedIn('admin@most.test');
    const target = await signedIn('instructor@most.test');
    const [user] = await db.sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'instructor@most.test'`;
    expect((await admin.mutate('users.disable', { userId: user!.id })).status).toBe(200);
    expect((await target.query<{ user: unknown }>('auth.me')).body.result?.data.user).toBeNull();
    const list = await admin.query<{ email: string; status: string }[]>('users.list', {});
    expect(list.body.result?.data.find((u) => u.email === 'instructor@most.test')?.status).toBe('disabled');
  });
});

export type { Sql };
