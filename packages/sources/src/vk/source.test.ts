import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVkSimulator, type VkSimulator } from '../simulator';
import { failure } from '../test-support/source-failure';
import type { SourceError, AccountRef, SourceComment } from '../types';
import { createVkSource, type VkSourceOptions } from './source';

const NOW = new Date('2026-11-20T09:00:00Z');
let sim: VkSimulator;

const vk = (handle: string, externalId: string | null = null): AccountRef => ({ network: 'vk', handle, externalId });
const source = (extra: Partial<VkSourceOptions> = {}) => createVkSource({ token: 'svc-token', kind: 'service', baseUrl: sim.url, requestsPerSecond: 100, timeoutMs: 2000, ...extra });

/** Reads the simulator directly over HTTP (GET with access_token), independent of the adapter. */
async function raw(method: string, params: Record<string, string | number>): Promise<any> {
  const query = new URLSearchParams({ v: '5.199', access_token: 'raw-reader', ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
  const body = (await (await fetch(`${sim.url}/method/${method}?${query}`)).json()) as { response?: unknown; error?: unknown };
  if (!body.response) throw new Error(`raw ${method} failed: ${JSON.stringify(body.error)}`);
  return body.response;
}

beforeAll(async () => {
  sim = await startVkSimulator({
    seed: 'adapter-test',
    now: NOW,
    requestsPerSecond: null,
    commentsPerPost: 40,
    overrides: { ministry_page: { state: 'active' } },
    tokens: { 'svc-token': { kind: 'service' }, 'raw-reader': { kind: 'service' }, 'user-token': { kind: 'user' }, 'community-token': { kind: 'community' } },
  });
});
afterAll(() => sim.close());

describe('VK adapter: profiles', () => {
  it('maps groups.getById fields onto the profile', async () => {
    const expected = (await raw('groups.getById', { group_ids: 'ministry_page', fields: 'description,site,members_count,wall,verified,contacts,links,addresses,cover' })).groups[0];
    const profile = await source().getProfile(vk('ministry_page'));
    expect(profile).toMatchObject({
      network: 'vk',
      externalId: String(expected.id),
      handle: 'ministry_page',
      name: expected.name,
      status: 'active',
      description: expected.description,
      website: expected.site || null,
      membersCount: expected.members_count,
      wall: (['off', 'open', 'limited', 'closed'] as const)[expected.wall],
      verified: expected.verified === 1,
      hasCover: expected.cover.enabled === 1,
      hasWorkingHours: Boolean(expected.addresses.main_address?.timetable),
    });
    for (const contact of expected.contacts) if (contact.phone) expect(profile.phones).toContain(contact.phone);
    expect(profile.links.map((l) => l.url)).toEqual(expected.links.map((l: { url: string }) => l.url));
    expect(profile.raw).toMatchObject({ id: expected.id, screen_name: 'ministry_page' });
  });

  it('resolves clubNNN and numeric ids to the same community', async () => {
    const byHandle = await source().getProfile(vk('club123', '123'));
    const byNumber = await source().getProfile(vk('whatever', '123'));
    expect(byHandle.externalId).toBe('123');
    expect(byNumber).toEqual(byHandle);
  });

  it('reports private, deleted, banned and missing communities', async () => {
    const s = source();
    expect((await s.getProfile(vk('private_school'))).status).toBe('private');
    expect((await s.getProfile(vk('closed_club'))).status).toBe('private');
    expect((await s.getProfile(vk('deleted_page'))).status).toBe('deleted');
    expect((await s.getProfile(vk('banned_page'))).status).toBe('blocked');
    for (const missing of [vk('missing_page'), vk('club0')]) {
      const error = await failure(s.getProfile(missing));
      expect(error.kind).toBe('account_unavailable');
      expect(error.details.accountStatus).toBe('not_found');
    }
  });

  it('reads many profiles in one groups.getById request, as one-by-one reads would', async () => {
    const accounts = [vk('ministry_page'), vk('private_school'), vk('banned_page'), vk('club123'), vk('whatever', '124'), vk('deleted_page'), vk('missing_page')];
    const single = source();
    const expected = await Promise.all(accounts.map((a) => single.getProfile(a).catch((error: unknown) => error)));
    const s = source();
    const outcomes = await s.getProfiles(accounts);
    expect(outcomes.map((o) => o.account)).toEqual(accounts);
    expect(outcomes.map((o) => ('profile' in o ? o.profile : o.error))).toEqual(expected);
    const missing = outcomes.at(-1)!;
    expect('error' in missing && { kind: missing.error.kind, status: missing.error.details.accountStatus }).toEqual({ kind: 'account_unavailable', status: 'not_found' });
    expect(outcomes.map((o) => ('profile' in o ? o.profile.status : 'missing'))).toEqual(['active', 'private', 'blocked', 'active', 'active', 'deleted', 'missing']);
    // One request for the batch; the deleted page (answered under a new screen name) and the missing one are asked for alone.
    expect(s.requestCount()).toBe(3);
  });

  it('splits more than 500 accounts into requests of 500', async () => {
    const accounts = Array.from({ length: 501 }, (_, i) => vk(`bulk_page_${i}`));
    const s = source();
    const outcomes = await s.getProfiles(accounts);
    expect(outcomes).toHaveLength(501);
    const askedAlone = outcomes.filter((o) => 'error' in o || o.profile.status === 'deleted').length;
    expect(s.requestCount()).toBe(2 + askedAlone);
    expect(askedAlone).toBeLessThan(50);
  });

  it('maps wall access errors of unavailable communities without retrying', async () => {
    const s = source();
    const cases: [string, number, string][] = [
      ['private_school', 30, 'private'],
      ['closed_club', 15, 'private'],
      ['deleted_page', 18, 'deleted'],
      ['banned_page', 18, 'deleted'],
    ];
    for (const [handle, code, status] of cases) {
      const error = await failure(s.getPostsPage(vk(handle), null));
      expect({ kind: error.kind, code: error.details.code, status: error.details.accountStatus }).toEqual({ kind: 'account_unavailable', code, status });
    }
  });
});

describe('VK adapter: posts and comments', () => {
  it('pages through the whole wall with an opaque cursor', async () => {
    const s = source({ postsPageSize: 25 });
    const total = (await raw('wall.get', { domain: 'daily_news', count: 1 })).count as number;
    expect(total).toBeGreaterThan(60);
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await s.getPostsPage(vk('daily_news'), cursor);
      ids.push(...page.posts.map((p) => p.externalId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(new Set(ids).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 25));
    const dates = (await s.getPostsPage(vk('daily_news'), null)).posts.filter((p) => !p.isPinned).map((p) => p.publishedAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('reads every comment including long threads paged with comment_id, marking page replies', async () => {
    const handle = 'daily_threads';
    const group = (await raw('groups.getById', { group_ids: handle })).groups[0];
    const posts = (await raw('wall.get', { owner_id: -group.id, count: 100 })).items as { id: number; comments: { count: number } }[];
    let longThread: { postId: number; rootId: number; size: number } | null = null;
    for (const post of posts) {
      const page = await raw('wall.getComments', { owner_id: -group.id, post_id: post.id, count: 100, thread_items_count: 10 });
      const top = (page.items as { id: number; thread: { count: number } }[]).find((c) => c.thread.count > 10);
      if (top) {
        longThread = { postId: post.id, rootId: top.id, size: top.thread.count };
        break;
      }
    }
    if (!longThread) throw new Error('the simulator generated no thread longer than 10 replies for this seed');
    const before = sim.stats().byMethod['wall.getComments'] ?? 0;
    const comments = await source().getComments(vk(handle, String(group.id)), String(longThread.postId));
    const all = await raw('wall.getComments', { owner_id: -group.id, post_id: longThread.postId, count: 100 });
    expect(comments).toHaveLength(all.count);
    expect(new Set(comments.map((c) => c.externalId)).size).toBe(all.count);
    const thread = comments.filter((c) => c.threadRootId === String(longThread.rootId));
    expect(thread).toHaveLength(longThread.size);
    expect(thread.every((c) => c.replyToCommentId !== null && c.replyToUserId !== null)).toBe(true);
    expect((sim.stats().byMethod['wall.getComments'] ?? 0) - before).toBeGreaterThanOrEqual(2);
    for (const comment of comments) expect(comment.fromPage).toBe(comment.authorId === String(-group.id));
    expect(comments.filter((c) => c.threadRootId === null).every((c) => c.replyToCommentId === null)).toBe(true);
  });

  it('finds page replies and late answers appear when the clock moves', async () => {
    const handle = 'weekly_answers';
    const s = source();
    const group = (await raw('groups.getById', { group_ids: handle })).groups[0];
    const commented = (await s.getPostsPage(vk(handle), null)).posts.filter((p) => p.commentsOpen && p.comments > 0);
    let found: { postId: string; atNow: SourceComment[]; reply: SourceComment } | undefined;
    for (const post of commented) {
      const atNow = await s.getComments(vk(handle), post.externalId);
      const reply = atNow.find((c) => c.fromPage && c.replyToCommentId !== null);
      if (reply) {
        found = { postId: post.externalId, atNow, reply };
        break;
      }
    }
    if (!found) throw new Error('no post with a page reply for this seed');
    const { postId, atNow, reply } = found;
    expect(reply.authorId).toBe(String(-group.id));
    expect(atNow.filter((c) => c.fromPage).every((c) => c.authorId === String(-group.id))).toBe(true);
    const ids = (list: SourceComment[]) => list.map((c) => c.externalId);
    try {
      // Just before the page answered: the question is there, the answer is not yet.
      sim.clock.set(new Date(reply.publishedAt.getTime() - 1_000));
      const early = await s.getComments(vk(handle), postId);
      expect(ids(early)).toContain(reply.replyToCommentId);
      expect(ids(early)).not.toContain(reply.externalId);
      expect(early.length).toBeLessThan(atNow.length);
      sim.clock.advance(10 * 86_400_000);
      const later = await s.getComments(vk(handle), postId);
      expect(ids(later)).toEqual(expect.arrayContaining([...ids(atNow), reply.externalId]));
      expect(later.length).toBeGreaterThanOrEqual(atNow.length);
    } finally {
      sim.clock.set(NOW);
    }
  });

  it('returns no comments for a post that does not exist', async () => {
    expect(await source().getComments(vk('daily_news'), '999999')).toEqual([]);
  });
});

describe('VK adapter: execute batching', () => {
  it('reads the comments of many posts in a few execute requests, identical to one-by-one reads', async () => {
    const handle = 'daily_batch';
    const service = source();
    expect(service.batches).toBe(false);
    const posts = (await service.getPostsPage(vk(handle), null)).posts.slice(0, 40).map((p) => p.externalId);
    const oneByOne = new Map<string, unknown>();
    for (const id of posts) oneByOne.set(id, await service.getComments(vk(handle), id));
    const user = source({ kind: 'user', token: 'user-token' });
    expect(user.batches).toBe(true);
    const before = sim.stats();
    const batched = await user.getCommentsOfPosts(vk(handle), [...posts, '999999']);
    const after = sim.stats();
    for (const id of posts) expect(batched.get(id)).toEqual(oneByOne.get(id));
    expect(batched.get('999999')).toEqual([]);
    const executes = (after.byMethod.execute ?? 0) - (before.byMethod.execute ?? 0);
    const inner = (after.byMethod['execute/wall.getComments'] ?? 0) - (before.byMethod['execute/wall.getComments'] ?? 0);
    expect(inner).toBeGreaterThan(posts.length);
    expect(executes).toBe(Math.ceil(inner / 25));
    expect(after.byMethod['wall.getComments']).toBe(before.byMethod['wall.getComments']);
  });

  it('raises the error of a failed inner call', async () => {
    const error = await failure(source({ kind: 'user', token: 'user-token' }).getCommentsOfPosts(vk('private_school'), ['1', '2']));
    expect({ kind: error.kind, code: error.details.code }).toEqual({ kind: 'account_unavailable', code: 30 });
  });
});

describe('VK adapter: errors', () => {
  const cases: [string, string, number | undefined][] = [
    ['error10', 'transient', 10],
    ['http500', 'transient', undefined],
    ['http503', 'transient', undefined],
    ['reset', 'transient', undefined],
    ['malformed_json', 'malformed', undefined],
    ['bad_shape', 'malformed', undefined],
    ['error5', 'auth', 5],
    ['error6', 'rate_limited', 6],
    ['error9', 'rate_limited', 9],
    ['error29', 'rate_limited', 29],
    ['error14', 'rate_limited', 14],
  ];
  it.each(cases)('%s → %s', async (fault, kind, code) => {
    sim.faults.script([fault as never], 'wall.get');
    const error = await failure(source().getPostsPage(vk('daily_news'), null));
    expect(error.kind).toBe(kind);
    expect(error.details.code).toBe(code);
    if (code === 6 || code === 9) expect(error.details.retryAfterMs).toBe(1000);
    if (code === 14 || code === 29) expect(error.details.retryAfterMs).toBeGreaterThan(1000);
    if (kind === 'malformed') expect(error.message).toMatch(/not valid JSON|documented shape/);
  });

  it('gives up on a hanging request after the timeout', async () => {
    sim.faults.script(['hang'], 'groups.getById');
    const error = await failure(source({ timeoutMs: 300 }).getProfile(vk('ministry_page')));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('no answer within 300 ms');
  });

  it('reports an unreachable server as transient', async () => {
    const error = await failure(source({ baseUrl: 'http://127.0.0.1:9' }).getProfile(vk('ministry_page')));
    expect(error.kind).toBe('transient');
  });

  it('maps a real error 6 from the rate limit', async () => {
    const limited = await startVkSimulator({ seed: 'adapter-test', now: NOW, requestsPerSecond: 2, mix: { notFound: 0 } });
    try {
      const s = createVkSource({ token: 'burst', kind: 'service', baseUrl: limited.url, acquire: async () => {} });
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => s.getProfile(vk('ministry_page'))));
      const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as SourceError] : []));
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect({ kind: error.kind, code: error.details.code, retry: error.details.retryAfterMs }).toEqual({ kind: 'rate_limited', code: 6, retry: 1000 });
      expect(limited.stats().error6).toBe(errors.length);
    } finally {
      await limited.close();
    }
  });
});

describe('VK adapter: token kinds', () => {
  it('derives the default rate from the token kind', () => {
    const rate = (kind: VkSourceOptions['kind']) => createVkSource({ token: 't', kind, baseUrl: sim.url }).requestsPerSecond;
    expect([rate('user'), rate('community'), rate('service')]).toEqual([3, 20, 5]);
    expect(createVkSource({ token: 't', kind: 'user', requestsPerSecond: 7 }).requestsPerSecond).toBe(7);
  });

  it('refuses wall methods with a community token without calling the API', async () => {
    const s = source({ kind: 'community', token: 'community-token' });
    expect((await s.getProfile(vk('ministry_page'))).handle).toBe('ministry_page');
    const before = sim.stats().requests;
    expect((await failure(s.getPostsPage(vk('ministry_page'), null))).kind).toBe('not_supported');
    expect((await failure(s.getComments(vk('ministry_page', '5'), '1'))).kind).toBe('not_supported');
    expect(sim.stats().requests).toBe(before);
  });

  it('answers an invalid token with auth', async () => {
    const error = await failure(source({ token: 'invalid-token' }).getProfile(vk('ministry_page')));
    expect(error.kind).toBe('auth');
  });

  it('keeps within its own rate so the server never answers error 6', async () => {
    const strict = await startVkSimulator({ seed: 'adapter-test', now: NOW, requestsPerSecond: 5, mix: { notFound: 0 } });
    try {
      const s = createVkSource({ token: 'polite', kind: 'service', baseUrl: strict.url });
      await Promise.all(Array.from({ length: 12 }, () => s.getProfile(vk('ministry_page'))));
      const stats = strict.stats();
      expect(stats.error6).toBe(0);
      expect(stats.byToken.polite?.requests).toBe(12);
      expect(stats.byToken.polite?.maxRequestsPerSecond).toBeLessThanOrEqual(5);
    } finally {
      await strict.close();
    }
  });
});
