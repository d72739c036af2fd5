import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startFixtureServer, type FixtureServer } from '../test-support/fixture-server';
import { failure } from '../test-support/source-failure';
import type { AccountRef } from '../types';
import { channelPage, channelPosts } from './fixtures/channel';
import { parseCount } from './parse';
import { createTelegramSource } from './source';

const CHANNEL = 'minobr64';
const ALL_POSTS = channelPosts();
let server: FixtureServer;

const tg = (handle: string): AccountRef => ({ network: 'telegram', handle, externalId: null });
const source = () => createTelegramSource({ baseUrl: server.url, requestsPerSecond: 100, timeoutMs: 2000 });

beforeAll(async () => {
  server = await startFixtureServer((request, res) => {
    const name = request.path.replace(/^\/s\//, '');
    if (name === CHANNEL) {
      // Like t.me: the 20 newest posts older than `before`, oldest first.
      const before = Number(request.query.get('before') ?? Number.POSITIVE_INFINITY);
      const older = ALL_POSTS.filter((p) => p.id < before).slice(-20);
      return send(res, 200, channelPage(CHANNEL, older), 'text/html; charset=utf-8');
    }
    if (name === 'down') return send(res, 502, '<html>Bad gateway</html>', 'text/html');
    if (name === 'broken') return send(res, 200, '<html><body><p>Something else</p></body></html>', 'text/html');
    send(res, 302, '', 'text/html', { location: `/${name}` });
  });
});
afterAll(() => server.close());

describe('Telegram adapter', () => {
  it('parses "4.5K"-style counters', () => {
    expect([parseCount('4.5K'), parseCount('1.2M'), parseCount('812'), parseCount('12,4K'), parseCount('12 345'), parseCount('n/a')]).toEqual([4500, 1_200_000, 812, 12_400, 12_345, null]);
  });

  it('reads the channel profile from the preview page', async () => {
    const profile = await source().getProfile(tg(CHANNEL));
    expect(profile).toMatchObject({
      network: 'telegram',
      handle: CHANNEL,
      name: 'Минобр Саратовской области',
      status: 'active',
      membersCount: 12_400,
      hasAvatar: true,
    });
    expect(profile.description).toBe('Официальный канал министерства образования Саратовской области.\nНовости & объявления для родителей и педагогов.');
    expect(server.requests.at(-1)?.path).toBe(`/s/${CHANNEL}`);
  });

  it('pages back through all posts with ?before=<id>, newest first', async () => {
    const s = source();
    const seen: number[] = [];
    let cursor: string | null = null;
    const befores: (string | null)[] = [];
    do {
      const page = await s.getPostsPage(tg(CHANNEL), cursor);
      const ids = page.posts.map((p) => Number(p.externalId));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      seen.push(...ids);
      cursor = page.nextCursor;
      befores.push(cursor);
    } while (cursor !== null);
    expect(seen).toEqual(ALL_POSTS.map((p) => p.id).reverse());
    expect(befores).toEqual(['26', '6', null]);
    expect(
      server.requests
        .filter((r) => r.path === `/s/${CHANNEL}`)
        .map((r) => r.query.get('before'))
        .slice(-3),
    ).toEqual([null, '26', '6']);
  });

  it('maps text, views and time of each post', async () => {
    const page = await source().getPostsPage(tg(CHANNEL), null);
    const post40 = page.posts.find((p) => p.externalId === '40');
    expect(post40).toMatchObject({
      url: `https://t.me/${CHANNEL}/40`,
      text: 'Важно!\nПриём заявлений в 1 класс начнётся 1 апреля.\nПодробнее: по ссылке «Госуслуги»',
      views: 100 + 40 * 7,
      publishedAt: new Date('2026-10-12T09:15:00Z'),
    });
    expect(page.posts.find((p) => p.externalId === '35')?.views).toBe(1_200_000);
    expect(page.posts.find((p) => p.externalId === '45')?.views).toBe(45_500);
    expect(page.posts.find((p) => p.externalId === '41')?.text).toBe('Новость № 41: совещание руководителей образовательных организаций & итоги четверти.');
  });

  it('has no comments (they live in a discussion group)', async () => {
    expect(await source().getComments(tg(CHANNEL), '45')).toEqual([]);
  });

  it('maps missing channels, server errors and foreign pages', async () => {
    const s = source();
    const missing = await failure(s.getProfile(tg('no_such_channel')));
    expect({ kind: missing.kind, status: missing.details.accountStatus }).toEqual({ kind: 'account_unavailable', status: 'not_found' });
    expect((await failure(s.getPostsPage(tg('down'), null))).kind).toBe('transient');
    expect((await failure(s.getProfile(tg('broken')))).kind).toBe('malformed');
    expect((await failure(s.getPostsPage(tg(CHANNEL), 'not-a-cursor'))).kind).toBe('malformed');
  });
});
