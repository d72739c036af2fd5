import { afterEach, describe, expect, it } from 'vitest';
import { startVkSimulator, type VkSimulator, type VkSimulatorOptions } from './index';

const NOW = new Date('2026-11-20T09:00:00Z');
const running: VkSimulator[] = [];

async function start(options: VkSimulatorOptions = {}): Promise<VkSimulator> {
  const sim = await startVkSimulator({ seed: 'sim-test', now: NOW, requestsPerSecond: null, ...options });
  running.push(sim);
  return sim;
}

async function get(sim: VkSimulator, method: string, params: Record<string, string | number>, token = 'reader'): Promise<any> {
  const query = new URLSearchParams({ v: '5.199', access_token: token, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
  return (await fetch(`${sim.url}/method/${method}?${query}`)).json();
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function snapshot(sim: VkSimulator, handle: string): Promise<unknown[]> {
  const group = await get(sim, 'groups.getById', { group_ids: handle, fields: 'description,site,contacts,links,addresses,members_count,wall,verified,cover' });
  const wall = await get(sim, 'wall.get', { domain: handle, count: 5 });
  const firstPost = wall.response?.items?.find((p: { comments: { count: number } }) => p.comments.count > 0);
  const comments = firstPost ? await get(sim, 'wall.getComments', { owner_id: firstPost.owner_id, post_id: firstPost.id, count: 100, thread_items_count: 10 }) : null;
  return [group, wall, comments];
}

describe('VK simulator', () => {
  it('generates the same region from the same seed and a different one from another seed', async () => {
    const handles = ['minobr64', 'adm_engels', 'school1_balakovo', 'club123', 'daily_x'];
    const [a, b, c] = await Promise.all([start(), start(), start({ seed: 'another' })]);
    for (const handle of handles) expect(await snapshot(a!, handle)).toEqual(await snapshot(b!, handle));
    const differing = await Promise.all(handles.map(async (h) => JSON.stringify(await snapshot(a!, h)) !== JSON.stringify(await snapshot(c!, h))));
    expect(differing.some(Boolean)).toBe(true);
  });

  it('speaks the wire format: GET or POST, access_token or Bearer, errors with request_params', async () => {
    const sim = await start({ overrides: { minobr64: { state: 'active' } } });
    const viaGet = await get(sim, 'groups.getById', { group_ids: 'minobr64' });
    const viaPost = await (
      await fetch(`${sim.url}/method/groups.getById`, {
        method: 'POST',
        headers: { authorization: 'Bearer reader', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'group_ids=minobr64&v=5.199',
      })
    ).json();
    expect(viaPost).toEqual(viaGet);
    expect(viaGet.response.groups[0]).toMatchObject({ screen_name: 'minobr64', name: 'Министерство образования Саратовской области' });
    expect(viaGet.response.profiles).toEqual([]);
    const noVersion: any = await (await fetch(`${sim.url}/method/wall.get?domain=minobr64&access_token=x`)).json();
    expect(noVersion.error.error_code).toBe(8);
    const noToken: any = await (await fetch(`${sim.url}/method/wall.get?domain=minobr64&v=5.199`)).json();
    expect(noToken.error.error_code).toBe(5);
    const tooMany = await get(sim, 'wall.get', { domain: 'minobr64', count: 101 });
    expect(tooMany.error).toMatchObject({ error_code: 100 });
    expect(tooMany.error.request_params).toContainEqual({ key: 'count', value: '101' });
    expect(JSON.stringify(tooMany.error.request_params)).not.toContain('reader');
    expect((await get(sim, 'users.get', {})).error.error_code).toBe(3);

    // Many group_ids in one call: {groups, profiles} in the order asked, each once, unknown ids left out.
    const many = await get(sim, 'groups.getById', { group_ids: 'minobr64,club123,missing_page,123,adm_engels', fields: 'members_count' });
    expect(Object.keys(many.response).sort()).toEqual(['groups', 'profiles']);
    expect(many.response.groups.map((g: { id: number; screen_name: string }) => g.screen_name ?? g.id)).toEqual(['minobr64', many.response.groups[1].screen_name, 'adm_engels']);
    expect(many.response.groups[1].id).toBe(123);
    expect(many.response.groups.every((g: { members_count?: number }) => typeof g.members_count === 'number' || g.members_count === undefined)).toBe(true);
    const tooLong = await get(sim, 'groups.getById', { group_ids: Array.from({ length: 501 }, (_, i) => `club${i + 1}`).join(',') });
    expect(tooLong.error).toMatchObject({ error_code: 100 });
    expect((await get(sim, 'execute', { code: 'return 1;' })).error.error_code).toBe(28);
  });

  it('refuses wall methods to community tokens and unknown tokens when tokens are configured', async () => {
    const sim = await start({ tokens: { grp: { kind: 'community' }, usr: { kind: 'user' } } });
    expect((await get(sim, 'wall.get', { domain: 'daily_a' }, 'grp')).error.error_code).toBe(27);
    expect((await get(sim, 'wall.get', { domain: 'daily_a' }, 'usr')).response.count).toBeGreaterThan(0);
    expect((await get(sim, 'wall.get', { domain: 'daily_a' }, 'stranger')).error.error_code).toBe(5);
  });

  it('runs execute batches for user tokens, reporting failed inner calls', async () => {
    const sim = await start({ tokens: { usr: { kind: 'user' } } });
    const call = (method: string, params: object) => `API.${method}(${JSON.stringify(params)})`;
    const code = `return [${call('groups.getById', { group_ids: 'daily_a' })}, ${call('wall.get', { domain: 'private_b', count: 1 })}, ${call('wall.get', { domain: 'daily_a', count: 2 })}];`;
    const answer = await get(sim, 'execute', { code }, 'usr');
    expect(answer.response).toHaveLength(3);
    expect(answer.response[0].groups[0].screen_name).toBe('daily_a');
    expect(answer.response[1]).toBe(false);
    expect(answer.response[2]).toEqual((await get(sim, 'wall.get', { domain: 'daily_a', count: 2 }, 'usr')).response);
    expect(answer.execute_errors).toEqual([{ method: 'wall.get', error_code: 30, error_msg: 'This profile is private' }]);
    expect((await get(sim, 'execute', { code: 'var a = API.wall.get({});' }, 'usr')).error.error_code).toBe(12);
    const tooMany = `return [${Array.from({ length: 26 }, () => call('groups.getById', { group_ids: 'club1' })).join(',')}];`;
    expect((await get(sim, 'execute', { code: tooMany }, 'usr')).error.error_code).toBe(13);
    expect(sim.stats().byMethod).toMatchObject({ execute: 3, 'execute/wall.get': 2, 'execute/groups.getById': 1 });
  });

  it('honours the fixed sizes a benchmark asks for', async () => {
    const sim = await start({ postsPerAccount: 10, commentsPerPost: 20, mix: { closed: 0, private: 0, deleted: 0, banned: 0, notFound: 0 }, overrides: {} });
    for (const handle of ['acc_1', 'acc_2', 'acc_3']) {
      const wall = await get(sim, 'wall.get', { domain: handle, count: 100 });
      expect(wall.response.count).toBe(10);
      for (const post of wall.response.items.filter((p: { comments: { can_post: number } }) => p.comments.can_post === 1)) {
        const comments = await get(sim, 'wall.getComments', { owner_id: post.owner_id, post_id: post.id, count: 100 });
        expect(comments.response.count).toBe(20);
      }
    }
  });

  it('has private, deleted, banned and missing communities in the generated mix', async () => {
    const sim = await start();
    const handles = Array.from({ length: 300 }, (_, i) => `org_${i}`);
    const states = new Map<string, number>();
    for (let i = 0; i < handles.length; i += 100) {
      for (const handle of handles.slice(i, i + 100)) {
        const answer = await get(sim, 'groups.getById', { group_ids: handle });
        const group = answer.response?.groups[0];
        const state = !group ? 'not_found' : (group.deactivated ?? (group.is_closed === 2 ? 'private' : group.is_closed === 1 ? 'closed' : 'active'));
        states.set(state, (states.get(state) ?? 0) + 1);
      }
    }
    for (const state of ['active', 'closed', 'private', 'deleted', 'banned', 'not_found']) expect(states.get(state) ?? 0, state).toBeGreaterThan(0);
    expect(states.get('active')!).toBeGreaterThan(handles.length * 0.7);
  });

  it('shows posts and replies only up to the clock', async () => {
    const sim = await start();
    const before = (await get(sim, 'wall.get', { domain: 'daily_clock', count: 1 })).response.count;
    sim.clock.advance(3 * 86_400_000);
    const after = (await get(sim, 'wall.get', { domain: 'daily_clock', count: 1 })).response.count;
    expect(after).toBeGreaterThan(before);
    sim.clock.set(NOW);
    expect((await get(sim, 'wall.get', { domain: 'daily_clock', count: 1 })).response.count).toBe(before);
  });

  it('answers error 6 beyond the rate limit and counts the busiest second per token', async () => {
    const sim = await start({ requestsPerSecond: 3 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(sim, 'groups.getById', { group_ids: 'club5' }, 'burst')));
    const rejected = answers.filter((a) => a.error?.error_code === 6);
    expect(rejected).toHaveLength(7);
    expect(rejected[0].error.error_msg).toBe('Too many requests per second');
    await get(sim, 'groups.getById', { group_ids: 'club5' }, 'calm');
    const stats = sim.stats();
    expect(stats.error6).toBe(7);
    expect(stats.byToken.burst).toEqual({ requests: 10, error6: 7, maxRequestsPerSecond: 10 });
    expect(stats.byToken.calm).toEqual({ requests: 1, error6: 0, maxRequestsPerSecond: 1 });
    expect(stats.maxRequestsPerSecond).toBe(10);
    expect(stats.byMethod['groups.getById']).toBe(11);
  });

  it('injects scripted and random faults', async () => {
    const sim = await start({ faults: { probability: 1, kinds: ['error10'], methods: ['wall.get'] } });
    expect((await get(sim, 'wall.get', { domain: 'daily_a' })).error.error_code).toBe(10);
    expect((await get(sim, 'groups.getById', { group_ids: 'daily_a' })).response).toBeDefined();
    sim.faults.clear();
    sim.faults.script(['none', 'http502', 'malformed_json']);
    expect((await get(sim, 'wall.get', { domain: 'daily_a' })).response).toBeDefined();
    expect((await fetch(`${sim.url}/method/wall.get?domain=daily_a&v=5.199&access_token=x`)).status).toBe(502);
    const broken = await (await fetch(`${sim.url}/method/wall.get?domain=daily_a&v=5.199&access_token=x`)).text();
    expect(() => JSON.parse(broken)).toThrow();
    expect(sim.stats().errors).toMatchObject({ '10': 1, http502: 1, malformed_json: 1 });
  });
});
