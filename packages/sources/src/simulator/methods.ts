import type { SimulatorClock } from './clock';
import { commentObject, groupObject, postObject, profileObject } from './wire';
import type { SimComment, SimCommunity, World } from './world';

/** VK methods the simulator answers. Each returns the `response` value or throws a VkApiError. */

export class VkApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string>;

const invalid = (what: string): VkApiError => new VkApiError(100, `One of the parameters specified was missing or invalid: ${what}`);

function intParam(params: Params, name: string, fallback: number, min: number, max: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw invalid(`${name} not integer`);
  const value = Number(raw);
  if (value < min) throw invalid(`${name} should be greater or equal to ${min}`);
  if (value > max) throw invalid(`${name} should be less or equal to ${max}`);
  return value;
}

export function groupsGetById(world: World, params: Params): unknown {
  const ids = (params.group_ids ?? params.group_id ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) throw invalid('group_ids is undefined');
  if (ids.length > 500) throw invalid('group_ids is too long');
  const fields = new Set(
    (params.fields ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  // As VK: in the order asked, each group once, unknown ids left out (all unknown: error 100).
  const groups = [...new Set(ids.map((id) => world.resolve(id)).filter((c): c is SimCommunity => c !== null))];
  if (groups.length === 0) throw invalid('group_ids is undefined');
  return { groups: groups.map((community) => groupObject(community, fields)), profiles: [] };
}

/** The wall owner, checked for access the way VK does for a reader who is not a member. */
function wallOwner(world: World, params: Params): SimCommunity {
  let community: SimCommunity | null;
  if (params.owner_id !== undefined && params.owner_id !== '') {
    if (!/^-?\d+$/.test(params.owner_id)) throw invalid('owner_id not integer');
    const ownerId = Number(params.owner_id);
    if (ownerId > 0) throw new VkApiError(30, 'This profile is private');
    community = world.byId(-ownerId);
  } else if (params.domain) {
    community = world.resolve(params.domain);
  } else {
    throw invalid('owner_id is undefined');
  }
  if (!community) throw invalid('owner_id is incorrect');
  if (community.state === 'deleted' || community.state === 'banned') throw new VkApiError(18, 'User was deleted or banned');
  if (community.state === 'private') throw new VkApiError(30, 'This profile is private');
  if (community.state === 'closed') throw new VkApiError(15, 'Access denied: this wall available only for community members');
  return community;
}

function visibleComments(world: World, community: SimCommunity, postId: number, now: number): SimComment[] {
  const post = world.postsUpTo(community, now).find((p) => p.id === postId);
  if (!post) throw invalid('post_id is undefined');
  return world.commentsOf(community, post).filter((c) => c.date <= now);
}

export function wallGet(world: World, clock: SimulatorClock, params: Params): unknown {
  const community = wallOwner(world, params);
  const offset = intParam(params, 'offset', 0, 0, 1_000_000);
  const count = intParam(params, 'count', 20, 0, 100);
  const now = clock.unix();
  const filter = params.filter ?? 'all';
  const visible = community.wall === 0 || filter === 'others' || filter === 'suggests' || filter === 'postponed' ? [] : world.postsUpTo(community, now);
  const page = world.wallPage(community, visible, now, offset, count);
  const items = page.items.map(({ post, pinned, comments }) => postObject(community, post, now, pinned, comments));
  return { count: page.total, items, ...(params.extended === '1' ? { profiles: [], groups: [groupObject(community, new Set())] } : {}) };
}

export function wallGetComments(world: World, clock: SimulatorClock, params: Params): unknown {
  const community = wallOwner(world, params);
  const postId = intParam(params, 'post_id', 0, 0, Number.MAX_SAFE_INTEGER);
  if (postId === 0) throw invalid('post_id is undefined');
  const offset = intParam(params, 'offset', 0, 0, 1_000_000);
  const count = intParam(params, 'count', 10, 0, 100);
  const threadItems = intParam(params, 'thread_items_count', 0, 0, 10);
  const sort = params.sort === 'desc' ? 'desc' : 'asc';
  const now = clock.unix();
  const all = visibleComments(world, community, postId, now);
  const order = (list: SimComment[]): SimComment[] => (sort === 'desc' ? [...list].reverse() : list);
  const threadOf = (rootId: number): SimComment[] => all.filter((c) => c.threadRootId === rootId);
  const render = (c: SimComment): Record<string, unknown> => commentObject(community, c, now);
  const authors = new Set<number>();
  let level: SimComment[];
  let items: Record<string, unknown>[];
  const commentId = params.comment_id ? intParam(params, 'comment_id', 0, 1, Number.MAX_SAFE_INTEGER) : null;
  if (commentId !== null) {
    const target = all.find((c) => c.id === commentId);
    if (!target) throw invalid('comment_id is incorrect');
    level = order(threadOf(target.threadRootId ?? target.id));
    items = paged(level, offset, count, params.start_comment_id).map((c) => {
      authors.add(c.fromId);
      return render(c);
    });
  } else {
    level = order(all.filter((c) => c.threadRootId === null));
    items = paged(level, offset, count, params.start_comment_id).map((root) => {
      authors.add(root.fromId);
      const thread = threadOf(root.id);
      const shown = thread.slice(0, threadItems);
      shown.forEach((c) => authors.add(c.fromId));
      return {
        ...render(root),
        thread: { count: thread.length, items: shown.map(render), can_post: true, show_reply_button: true, groups_can_post: true },
      };
    });
  }
  const extended =
    params.extended === '1'
      ? {
          profiles: [...authors].filter((id) => id > 0).map(profileObject),
          groups: [...authors].some((id) => id < 0) ? [groupObject(community, new Set())] : [],
        }
      : {};
  return { count: commentId !== null ? level.length : all.length, current_level_count: level.length, can_post: true, show_reply_button: true, groups_can_post: true, items, ...extended };
}

function paged(list: SimComment[], offset: number, count: number, startCommentId: string | undefined): SimComment[] {
  const start = startCommentId
    ? Math.max(
        0,
        list.findIndex((c) => String(c.id) === startCommentId),
      )
    : offset;
  return list.slice(start, start + count);
}
