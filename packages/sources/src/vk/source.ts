import { createRequestThrottle } from '../throttle';
import { SourceError, type AccountRef, type PostsPage, type SocialSource, type SourceComment, type SourceProfile } from '../types';
import { VK_DEFAULT_RATE, VkClient, type VkTokenKind } from './client';
import { toComment, toPost, toProfile } from './mapping';
import { groupsGetByIdSchema, wallGetCommentsSchema, wallGetSchema, type VkComment } from './schemas';

export interface VkSourceOptions {
  token: string;
  kind: VkTokenKind;
  /** Default https://api.vk.com; any server answering the documented VK API works. */
  baseUrl?: string;
  /** Default by token kind: user 3, community 20, service 5. */
  requestsPerSecond?: number;
  /** Per HTTP request (default 10 s). */
  timeoutMs?: number;
  /**
   * Awaited before every HTTP request; may return a function called once the answer arrived (or the
   * request failed). Default: an in-process limiter at `requestsPerSecond` (see createRequestThrottle).
   * Pass a shared limiter to keep several processes within one token's budget.
   */
  acquire?: () => Promise<void | (() => void)>;
  /** wall.get page size, 1..100 (default 100). */
  postsPageSize?: number;
  apiVersion?: string;
  fetch?: typeof fetch;
}

export interface VkSource extends SocialSource {
  readonly network: 'vk';
  readonly kind: VkTokenKind;
  readonly requestsPerSecond: number;
  /** HTTP requests made so far. */
  requestCount(): number;
}

/** The fields of groups.getById the criteria need. */
export const VK_GROUP_FIELDS = 'description,site,status,members_count,wall,verified,contacts,links,addresses,cover,activity,counters';
const THREAD_ITEMS = 10;
const COMMENTS_PAGE = 100;

export function createVkSource(options: VkSourceOptions): VkSource {
  if (!options.token) throw new Error('VK token is required');
  const requestsPerSecond = options.requestsPerSecond ?? VK_DEFAULT_RATE[options.kind];
  const pageSize = Math.min(100, Math.max(1, options.postsPageSize ?? 100));
  const client = new VkClient({
    token: options.token,
    kind: options.kind,
    baseUrl: options.baseUrl ?? 'https://api.vk.com',
    apiVersion: options.apiVersion ?? '5.199',
    timeoutMs: options.timeoutMs ?? 10_000,
    acquire: options.acquire ?? createRequestThrottle(requestsPerSecond),
    fetch: options.fetch ?? globalThis.fetch,
  });
  const groupIds = new Map<string, number>();

  const fetchGroup = async (account: AccountRef) => {
    const key = account.externalId ?? account.handle;
    const { data, raw } = await client.callWithRaw('groups.getById', { group_ids: key, fields: VK_GROUP_FIELDS }, groupsGetByIdSchema, 'group');
    const index = data.groups.findIndex((g) => String(g.id) === key || g.screen_name?.toLowerCase() === key.toLowerCase());
    const group = data.groups[index === -1 ? 0 : index];
    if (!group) throw new SourceError('account_unavailable', `VK community ${key} was not found`, { accountStatus: 'not_found' });
    groupIds.set(account.handle.toLowerCase(), group.id);
    const rawGroups = Array.isArray(raw) ? raw : (raw as { groups?: unknown[] }).groups;
    return { group, raw: rawGroups?.[index === -1 ? 0 : index] ?? raw };
  };

  const groupIdOf = async (account: AccountRef): Promise<number> => {
    if (account.externalId && /^\d+$/.test(account.externalId)) return Number(account.externalId);
    return groupIds.get(account.handle.toLowerCase()) ?? (await fetchGroup(account)).group.id;
  };

  const owner = (account: AccountRef): Record<string, string> => {
    if (account.externalId && /^\d+$/.test(account.externalId)) return { owner_id: `-${account.externalId}` };
    const known = groupIds.get(account.handle.toLowerCase());
    return known ? { owner_id: `-${known}` } : { domain: account.handle };
  };

  /** Every reply of one thread, paged with comment_id. */
  const fullThread = async (groupId: number, postId: string, rootId: number): Promise<VkComment[]> => {
    const items: VkComment[] = [];
    for (let offset = 0; ; ) {
      const page = await client.call(
        'wall.getComments',
        { owner_id: -groupId, post_id: postId, comment_id: rootId, offset, count: COMMENTS_PAGE, sort: 'asc' },
        wallGetCommentsSchema,
        'post',
      );
      items.push(...page.items);
      offset += page.items.length;
      if (page.items.length === 0 || offset >= (page.current_level_count ?? page.count)) return items;
    }
  };

  return {
    network: 'vk',
    kind: options.kind,
    requestsPerSecond,
    requestCount: () => client.requests,

    async getProfile(account: AccountRef): Promise<SourceProfile> {
      const { group, raw } = await fetchGroup(account);
      return toProfile(group, raw);
    },

    async getPostsPage(account: AccountRef, cursor: string | null): Promise<PostsPage> {
      const offset = cursor === null ? 0 : Number(cursor);
      if (!Number.isSafeInteger(offset) || offset < 0) throw new SourceError('malformed', `VK posts cursor ${JSON.stringify(cursor)} is not one this adapter issued`);
      const page = await client.call('wall.get', { ...owner(account), offset, count: pageSize }, wallGetSchema, 'group');
      const next = offset + page.items.length;
      return { posts: page.items.map(toPost), nextCursor: page.items.length > 0 && next < page.count ? String(next) : null };
    },

    async getComments(account: AccountRef, postExternalId: string): Promise<SourceComment[]> {
      if (!/^\d+$/.test(postExternalId)) throw new SourceError('malformed', `VK post id ${JSON.stringify(postExternalId)} is not numeric`);
      const groupId = await groupIdOf(account);
      const result: SourceComment[] = [];
      try {
        for (let offset = 0; ; ) {
          const page = await client.call(
            'wall.getComments',
            { owner_id: -groupId, post_id: postExternalId, offset, count: COMMENTS_PAGE, sort: 'asc', thread_items_count: THREAD_ITEMS },
            wallGetCommentsSchema,
            'post',
          );
          for (const top of page.items) {
            result.push(toComment(top, groupId, postExternalId, null));
            const thread = top.thread;
            const replies = thread && thread.count > thread.items.length ? await fullThread(groupId, postExternalId, top.id) : (thread?.items ?? []);
            for (const reply of replies) result.push(toComment(reply, groupId, postExternalId, top.id));
          }
          offset += page.items.length;
          if (page.items.length === 0 || offset >= (page.current_level_count ?? page.count)) break;
        }
      } catch (error) {
        // A post that no longer exists (VK 100/104 on the post) has no comments to read.
        if (error instanceof SourceError && error.kind === 'malformed' && (error.details.code === 100 || error.details.code === 104)) return [];
        throw error;
      }
      const seen = new Set<string>();
      return result.filter((comment) => !seen.has(comment.externalId) && Boolean(seen.add(comment.externalId)));
    },
  };
}
