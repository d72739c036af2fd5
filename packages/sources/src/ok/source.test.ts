import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startFixtureServer, type FixtureServer } from '../test-support/fixture-server';
import { failure } from '../test-support/source-failure';
import type { AccountRef } from '../types';
import { okSignature } from './signature';
import { createOkSource } from './source';

const APP_KEY = 'CBAKLMABCDEFGHIJK';
const SECRET = 'SECRET0123456789ABCDEF01';
const TOKEN = 'tkn-0123456789abcdef';
const GID = '53038939046008';
let server: FixtureServer;

const ok = (handle: string, externalId: string | null = null): AccountRef => ({ network: 'ok', handle, externalId });
const source = (extra: { accessToken?: string } = {}) =>
  createOkSource({ applicationKey: APP_KEY, applicationSecretKey: SECRET, accessToken: TOKEN, baseUrl: server.url, requestsPerSecond: 100, timeoutMs: 2000, ...extra });

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const TOPICS = Array.from({ length: 7 }, (_, i) => ({
  id: String(155_000_000_000_000 + 7 - i),
  created_ms: Date.UTC(2026, 9, 20 - i, 9, 30),
  media: [
    { type: 'text', text: `Объявление ${7 - i}: график приёма граждан` },
    { type: 'photo', list: [] },
  ],
  discussion_summary: { comments_count: i === 0 ? 3 : 0 },
  like_summary: { count: 10 + i },
  reshare_summary: { count: i },
  is_on_top: i === 0,
}));

beforeAll(async () => {
  server = await startFixtureServer(({ path, body }, res) => {
    if (path !== '/fb.do') return send(res, 404, 'not found', 'text/plain');
    const params = Object.fromEntries(body);
    // The server checks the signature as OK does, with its own straightforward computation.
    const expected = md5(
      Object.entries(params)
        .filter(([k]) => k !== 'sig' && k !== 'access_token')
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join('') + md5(`${params.access_token}${SECRET}`),
    );
    if (params.sig !== expected) return send(res, 200, JSON.stringify({ error_code: 104, error_msg: 'PARAM_SIGNATURE : Invalid signature', error_data: null }));
    if (params.access_token !== TOKEN) return send(res, 200, JSON.stringify({ error_code: 102, error_msg: 'PARAM_SESSION_EXPIRED : Session expired', error_data: null }));
    switch (params.method) {
      case 'url.getInfo':
        return send(res, 200, JSON.stringify(params.url === 'https://ok.ru/minobr64' ? { type: 'GROUP', objectId: Number(GID) } : { type: 'UNKNOWN' }));
      case 'group.getInfo':
        if (params.uids === '1') return send(res, 200, JSON.stringify({ error_code: 8, error_msg: 'FLOOD_BLOCKED', error_data: null }));
        if (params.uids === '2') return send(res, 200, '{"uid": "2", "name": ');
        if (params.uids === '3') return send(res, 503, 'Service Unavailable', 'text/plain');
        return send(
          res,
          200,
          JSON.stringify(
            params.uids === GID
              ? [
                  {
                    uid: GID,
                    name: 'Министерство образования Саратовской области',
                    description: 'Официальная группа министерства',
                    shortname: 'minobr64',
                    members_count: 5321,
                    homepage_url: 'https://minobr.saratov.gov.ru',
                    phone: '+7 (8452) 49-21-33',
                    city: 'Саратов',
                    address: 'ул. Соборная, 85',
                    access_type: 'OPEN',
                    pic_avatar: 'https://i.mycdn.me/i?r=AVATAR',
                    premium: true,
                  },
                ]
              : [],
          ),
        );
      case 'mediatopic.getTopics': {
        const start = params.anchor ? Number(params.anchor) : 0;
        const pageSize = 3;
        const items = TOPICS.slice(start, start + pageSize);
        return send(res, 200, JSON.stringify({ media_topics: items, anchor: String(start + pageSize), has_more: start + pageSize < TOPICS.length }));
      }
      case 'discussions.getComments': {
        const first = !params.anchor;
        const comments = first
          ? [
              { id: 'c1', author_id: '575000000001', date: '2026-10-20 12:40:00', text: 'Когда будет приём в субботу?' },
              { id: 'c2', author_id: GID, author_type: 'GROUP', date: '2026-10-20 14:05:10', text: 'Здравствуйте! Приём с 9 до 13.', reply_to_id: '575000000001', reply_to_comment_id: 'c1' },
            ]
          : [{ id: 'c3', author_id: '575000000002', date: '2026-10-21 08:00:00', text: 'Спасибо!', reply_to_id: GID, reply_to_comment_id: 'c2' }];
        return send(res, 200, JSON.stringify({ comments, anchor: first ? 'a2' : undefined, has_more: first }));
      }
      default:
        return send(res, 200, JSON.stringify({ error_code: 3, error_msg: 'METHOD : Method not found', error_data: null }));
    }
  });
});
afterAll(() => server.close());

describe('OK signature', () => {
  it('matches a vector computed by hand', () => {
    const params = { application_key: APP_KEY, method: 'group.getInfo', format: 'json', uids: GID, fields: 'uid,name' };
    // md5("application_key=CBAKLMABCDEFGHIJKfields=uid,nameformat=jsonmethod=group.getInfouids=53038939046008" + md5(token + secret))
    expect(okSignature(params, TOKEN, SECRET)).toBe('122c0930f40fe9e4293ba57f2b3aa6f6');
    expect(okSignature({ ...params, access_token: TOKEN }, TOKEN, SECRET)).toBe('122c0930f40fe9e4293ba57f2b3aa6f6');
  });
});

describe('OK adapter', () => {
  it('resolves a short name and maps group.getInfo', async () => {
    const profile = await source().getProfile(ok('minobr64'));
    expect(profile).toMatchObject({
      network: 'ok',
      externalId: GID,
      handle: 'minobr64',
      name: 'Министерство образования Саратовской области',
      status: 'active',
      website: 'https://minobr.saratov.gov.ru',
      phones: ['+7 (8452) 49-21-33'],
      address: 'Саратов, ул. Соборная, 85',
      membersCount: 5321,
      verified: true,
      hasAvatar: true,
    });
    const calls = server.requests.slice(-2).map((r) => r.body.get('method'));
    expect(calls).toEqual(['url.getInfo', 'group.getInfo']);
    expect(server.requests.at(-1)?.body.get('format')).toBe('json');
  });

  it('pages through the group topics with the anchor', async () => {
    const s = source();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await s.getPostsPage(ok('minobr64', GID), cursor);
      ids.push(...page.posts.map((p) => p.externalId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(ids).toEqual(TOPICS.map((t) => t.id));
    const first = (await s.getPostsPage(ok('minobr64', GID), null)).posts[0];
    expect(first).toMatchObject({ text: 'Объявление 7: график приёма граждан', isPinned: true, likes: 10, comments: 3, url: `https://ok.ru/group/${GID}/topic/${TOPICS[0]!.id}` });
    expect(first?.publishedAt.toISOString()).toBe('2026-10-20T09:30:00.000Z');
  });

  it('reads comments across pages with reply links, page answers and Moscow time', async () => {
    const comments = await source().getComments(ok('minobr64', GID), TOPICS[0]!.id);
    expect(comments.map((c) => [c.externalId, c.fromPage, c.replyToCommentId, c.threadRootId])).toEqual([
      ['c1', false, null, null],
      ['c2', true, 'c1', 'c1'],
      ['c3', false, 'c2', 'c1'],
    ]);
    expect(comments[1]?.publishedAt.toISOString()).toBe('2026-10-20T11:05:10.000Z');
  });

  it('maps errors', async () => {
    const s = source();
    const flood = await failure(s.getProfile(ok('x', '1')));
    expect({ kind: flood.kind, code: flood.details.code }).toEqual({ kind: 'rate_limited', code: 8 });
    expect((await failure(s.getProfile(ok('x', '2')))).kind).toBe('malformed');
    expect((await failure(s.getProfile(ok('x', '3')))).kind).toBe('transient');
    const missing = await failure(s.getProfile(ok('x', '999')));
    expect({ kind: missing.kind, status: missing.details.accountStatus }).toEqual({ kind: 'account_unavailable', status: 'not_found' });
    expect((await failure(s.getProfile(ok('not_a_group')))).details.accountStatus).toBe('not_found');
    expect((await failure(source({ accessToken: 'expired' }).getProfile(ok('minobr64', GID)))).kind).toBe('auth');
  });
});
