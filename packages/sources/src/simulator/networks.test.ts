import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okSignature } from '../ok/signature';
import { createOkSource } from '../ok/source';
import { createTelegramSource } from '../telegram/source';
import { OK_SIMULATOR_APPLICATION, startOkSimulator, type OkSimulator } from './ok-server';
import { startTelegramSimulator, TELEGRAM_PREVIEW_PAGE, type TelegramSimulator } from './telegram-server';

const NOW = new Date('2026-11-20T00:00:00Z');

describe('OK API simulator', () => {
  let simulator: OkSimulator;
  beforeAll(async () => {
    simulator = await startOkSimulator({
      seed: 'unit',
      now: NOW,
      anchor: NOW,
      postsPerAccount: 3,
      commentsPerPost: 5,
      tokens: { token: { requestsPerSecond: null }, burst: { requestsPerSecond: 3 } },
    });
  });
  afterAll(() => simulator.close());

  const post = async (params: Record<string, string>) => (await fetch(`${simulator.url}/fb.do`, { method: 'POST', body: new URLSearchParams(params) })).json();
  const signed = (params: Record<string, string>, token = 'token', secret: string = OK_SIMULATOR_APPLICATION.secretKey) => {
    const all = { ...params, application_key: OK_SIMULATOR_APPLICATION.key, format: 'json' };
    return { ...all, sig: okSignature(all, token, secret), access_token: token };
  };

  it('checks the application key and the signature as OK does', async () => {
    expect(await post({ ...signed({ method: 'url.getInfo', url: 'https://ok.ru/minobr64' }), application_key: 'nope' })).toMatchObject({ error_code: 101 });
    expect(await post(signed({ method: 'url.getInfo', url: 'https://ok.ru/minobr64' }, 'token', 'wrong-secret'))).toMatchObject({ error_code: 104 });
    expect(await post(signed({ method: 'url.getInfo', url: 'https://ok.ru/minobr64' }))).toMatchObject({ type: 'GROUP', objectId: expect.any(Number) });
    expect(await post(signed({ method: 'no.such' }))).toMatchObject({ error_code: 3 });
  });

  it('answers the same region for the same seed; comment dates (Moscow time on the wire) fall between the post and now', async () => {
    const source = createOkSource({
      applicationKey: OK_SIMULATOR_APPLICATION.key,
      applicationSecretKey: OK_SIMULATOR_APPLICATION.secretKey,
      accessToken: 'token',
      baseUrl: simulator.url,
      requestsPerSecond: 2,
    });
    const ref = { network: 'ok' as const, handle: 'daily_unit', externalId: null };
    const profile = await source.getProfile(ref);
    expect(profile).toMatchObject({ network: 'ok', handle: 'daily_unit', status: 'active' });
    const page = await source.getPostsPage(ref, null);
    expect(page.posts).toHaveLength(3);
    const comments = await source.getComments(ref, page.posts[0]!.externalId);
    expect(comments).toHaveLength(5);
    expect(comments.every((c) => c.publishedAt.getTime() <= NOW.getTime() && c.publishedAt >= page.posts[0]!.publishedAt)).toBe(true);
    const again = await startOkSimulator({ seed: 'unit', now: NOW, anchor: NOW, postsPerAccount: 3, commentsPerPost: 5 });
    try {
      const other = createOkSource({ applicationKey: OK_SIMULATOR_APPLICATION.key, applicationSecretKey: OK_SIMULATOR_APPLICATION.secretKey, accessToken: 'token', baseUrl: again.url });
      expect((await other.getProfile(ref)).name).toBe(profile.name);
    } finally {
      await again.close();
    }
  });

  it('answers error 8 beyond the token budget', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(signed({ method: 'group.getInfo', uids: '53000100000000' }, 'burst'))));
    expect(answers.filter((a) => (a as { error_code?: number }).error_code === 8).length).toBeGreaterThan(0);
    expect(simulator.stats().byToken.burst!.rateLimited).toBeGreaterThan(0);
  });
});

describe('Telegram preview simulator', () => {
  let simulator: TelegramSimulator;
  beforeAll(async () => {
    simulator = await startTelegramSimulator({ seed: 'unit', now: NOW, anchor: NOW, postsPerAccount: 30, requestsPerSecond: 2 });
  });
  afterAll(() => simulator.close());

  it('pages backwards with ?before= and redirects names without a public channel', async () => {
    const source = createTelegramSource({ baseUrl: simulator.url, requestsPerSecond: 2 });
    const ref = { network: 'telegram' as const, handle: 'daily_unit', externalId: null };
    const first = await source.getPostsPage(ref, null);
    expect(first.posts.map((p) => p.externalId)).toEqual(Array.from({ length: TELEGRAM_PREVIEW_PAGE }, (_, i) => String(30 - i)));
    expect(first.nextCursor).toBe('11');
    const second = await source.getPostsPage(ref, first.nextCursor);
    expect(second.posts.map((p) => p.externalId)).toEqual(Array.from({ length: 10 }, (_, i) => String(10 - i)));
    expect(second.nextCursor).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const redirect = await fetch(`${simulator.url}/s/missing_unit`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/missing_unit');
  });

  it('answers 429 beyond its budget', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const statuses = await Promise.all(Array.from({ length: 5 }, async () => (await fetch(`${simulator.url}/s/daily_unit`)).status));
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('reads the model directly for ground truth: the page HTTP shows, outside the budget, the faults and the stats', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    simulator.resetStats();
    const overHttp = await (await fetch(`${simulator.url}/s/daily_unit?before=11`)).text();
    simulator.faults.script(['http503', 'http503', 'http503']);
    const direct = await Promise.all(Array.from({ length: 5 }, () => simulator.readDirect(`${simulator.url}/s/daily_unit?before=11`)));
    expect(direct.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await direct[0]!.text()).toBe(overHttp);
    expect((await simulator.readDirect(`${simulator.url}/s/missing_unit`)).headers.get('location')).toBe('/missing_unit');
    expect(simulator.stats()).toMatchObject({ requests: 1, rateLimited: 0, errors: {} });
    simulator.faults.clear();
  });
});
