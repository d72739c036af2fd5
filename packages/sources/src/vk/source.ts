import { createRequestThrottle } from '../throttle';
import { SourceError, type AccountRef, type PostsPage, type ProfileOutcome, type SocialSource, type SourceComment, type SourceProfile } from '../types';
import { VK_DEFAULT_RATE, VkClient, type VkTokenKind } from './client';
import { collectComments } from './comments';
import { toPost, toProfile } from './mapping';
import type { z } from 'zod';
import { groupsGetByIdSchema, wallGetSchema } from './schemas';

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
  /** Batch comment reads through `execute` when the token allows it (user tokens; default true). */
  batch?: boolean;
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
  /** Whether comment reads are batched through `execute` (user tokens unless disabled). */
  readonly batches: boolean;
  /**
   * Comments of several posts of one account, keyed by post id. With a user token the reads go out
   * 25 per `execute` request; otherwise one request per page, as getComments.
   */
  getCommentsOfPosts(account: AccountRef, postExternalIds: string[]): Promise<Map<string, SourceComment[]>>;
  getProfiles(accounts: AccountRef[]): Promise<ProfileOutcome[]>;
}

/** groups.getById takes up to 500 group_ids in one call (any token kind). */
export const VK_GROUPS_PER_REQUEST = 500;

/** The fields of groups.getById the criteria need. */
export const VK_GROUP_FIELDS = 'description,site,status,members_count,wall,verified,contacts,links,addresses,cover,activity,counters';

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
  const batch = (options.batch ?? true) && client.canExecute;

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

  /** The group a batched answer holds for this account, by numeric id, screen name or clubN/publicN alias. */
  const matches = (account: AccountRef, group: { id: number; screen_name?: string | undefined }): boolean => {
    const key = (account.externalId ?? account.handle).toLowerCase();
    if (/^\d+$/.test(key)) return String(group.id) === key;
    if (group.screen_name?.toLowerCase() === key) return true;
    const alias = /^(?:club|public|event)(\d+)$/.exec(key);
    return alias !== null && String(group.id) === alias[1];
  };

  /** One groups.getById request for up to 500 accounts; accounts it does not answer for are read one by one. */
  const fetchBatch = async (accounts: AccountRef[]): Promise<ProfileOutcome[]> => {
    const keys = [...new Set(accounts.map((a) => a.externalId ?? a.handle))];
    let answer: { groups: z.output<typeof groupsGetByIdSchema>['groups']; raw: unknown[] } | null = null;
    try {
      const { data, raw } = await client.callWithRaw('groups.getById', { group_ids: keys.join(','), fields: VK_GROUP_FIELDS }, groupsGetByIdSchema, 'group');
      const rawGroups = Array.isArray(raw) ? raw : ((raw as { groups?: unknown[] }).groups ?? []);
      answer = { groups: data.groups, raw: rawGroups };
    } catch (error) {
      // Error 100/104 for the whole list: none of its ids exists (VK drops unknown ids otherwise).
      if (!(error instanceof SourceError && error.kind === 'account_unavailable')) throw error;
      if (accounts.length === 1) return [{ account: accounts[0]!, error }];
    }
    const outcomes: ProfileOutcome[] = [];
    const unanswered: AccountRef[] = [];
    for (const account of accounts) {
      const index = answer ? answer.groups.findIndex((group) => matches(account, group)) : -1;
      const group = answer?.groups[index];
      if (!answer || !group) {
        unanswered.push(account);
        continue;
      }
      groupIds.set(account.handle.toLowerCase(), group.id);
      outcomes.push({ account, profile: toProfile(group, answer.raw[index] ?? group) });
    }
    // A deleted page answers under a new screen name (clubN), a missing one not at all: one request
    // each says which. Errors about the request itself (rate, token, network) are thrown as usual.
    for (const account of unanswered) {
      try {
        const { group, raw } = await fetchGroup(account);
        outcomes.push({ account, profile: toProfile(group, raw) });
      } catch (error) {
        if (error instanceof SourceError && error.kind === 'account_unavailable') outcomes.push({ account, error });
        else throw error;
      }
    }
    return outcomes;
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

  const getCommentsOfPosts = async (account: AccountRef, postExternalIds: string[]): Promise<Map<string, SourceComment[]>> => {
    const bad = postExternalIds.find((id) => !/^\d+$/.test(id));
    if (bad !== undefined) throw new SourceError('malformed', `VK post id ${JSON.stringify(bad)} is not numeric`);
    if (options.kind === 'community') throw new SourceError('not_supported', 'VK wall.getComments is not available with a community token; use a user or service token');
    const groupId = await groupIdOf(account);
    return collectComments(client, groupId, [...new Set(postExternalIds)], batch);
  };

  return {
    network: 'vk',
    kind: options.kind,
    requestsPerSecond,
    requestCount: () => client.requests,
    batches: batch,

    async getProfile(account: AccountRef): Promise<SourceProfile> {
      const { group, raw } = await fetchGroup(account);
      return toProfile(group, raw);
    },

    async getProfiles(accounts: AccountRef[]): Promise<ProfileOutcome[]> {
      const outcomes: ProfileOutcome[] = [];
      for (let i = 0; i < accounts.length; i += VK_GROUPS_PER_REQUEST) outcomes.push(...(await fetchBatch(accounts.slice(i, i + VK_GROUPS_PER_REQUEST))));
      // In the order asked.
      const order = new Map(accounts.map((account, i) => [account, i]));
      return outcomes.sort((a, b) => order.get(a.account)! - order.get(b.account)!);
    },

    async getPostsPage(account: AccountRef, cursor: string | null): Promise<PostsPage> {
      const offset = cursor === null ? 0 : Number(cursor);
      if (!Number.isSafeInteger(offset) || offset < 0) throw new SourceError('malformed', `VK posts cursor ${JSON.stringify(cursor)} is not one this adapter issued`);
      const page = await client.call('wall.get', { ...owner(account), offset, count: pageSize }, wallGetSchema, 'group');
      const next = offset + page.items.length;
      return { posts: page.items.map(toPost), nextCursor: page.items.length > 0 && next < page.count ? String(next) : null };
    },

    getCommentsOfPosts,
    async getComments(account: AccountRef, postExternalId: string): Promise<SourceComment[]> {
      return (await getCommentsOfPosts(account, [postExternalId])).get(postExternalId) ?? [];
    },
  };
}
