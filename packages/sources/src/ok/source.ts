import type { AccountStatus } from '@most/shared';
import type { z } from 'zod';
import { fetchText } from '../http';
import { createRequestThrottle } from '../throttle';
import { SourceError, type AccountRef, type PostsPage, type ProfileOutcome, type SocialSource, type SourceComment, type SourcePost, type SourceProfile } from '../types';
import { okCommentsSchema, okErrorSchema, okGroupInfoSchema, okTopicsSchema, okUrlInfoSchema, type OkComment, type OkGroup, type OkTopic } from './schemas';
import { okSignature } from './signature';

export interface OkSourceOptions {
  applicationKey: string;
  applicationSecretKey: string;
  accessToken: string;
  /** Default https://api.ok.ru (requests go to <baseUrl>/fb.do). */
  baseUrl?: string;
  /** Default 5. */
  requestsPerSecond?: number;
  timeoutMs?: number;
  acquire?: () => Promise<void | (() => void)>;
  fetch?: typeof fetch;
}

export const OK_GROUP_FIELDS = 'uid,name,description,shortname,members_count,homepage_url,phone,email,address,city,access_type,status,pic_avatar,premium,business';

const RATE_LIMITED = new Set([8, 11]);
const AUTH = new Set([101, 102, 103, 104]);
const PAGE = 50;
/** group.getInfo takes up to 100 uids. */
export const OK_GROUPS_PER_REQUEST = 100;

/**
 * OK (Odnoklassniki) groups over the public REST API: group.getInfo for the profile,
 * mediatopic.getTopics for the group's posts and discussions.getComments (GROUP_TOPIC) for their comments.
 */
export function createOkSource(options: OkSourceOptions): SocialSource & { readonly network: 'ok' } {
  const baseUrl = (options.baseUrl ?? 'https://api.ok.ru').replace(/\/+$/, '');
  const acquire = options.acquire ?? createRequestThrottle(options.requestsPerSecond ?? 5);
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call<T extends z.ZodType>(method: string, params: Record<string, string>, schema: T): Promise<z.output<T>> {
    const signed: Record<string, string> = { ...params, application_key: options.applicationKey, method, format: 'json' };
    signed.sig = okSignature(signed, options.accessToken, options.applicationSecretKey);
    signed.access_token = options.accessToken;
    const answer = await fetchText(`OK ${method}`, `${baseUrl}/fb.do`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(signed),
      timeoutMs,
      acquire,
      fetch: options.fetch,
    });
    if (answer.status >= 500) throw new SourceError('transient', `OK ${method}: HTTP ${answer.status}`);
    if (answer.status !== 200) throw new SourceError('malformed', `OK ${method}: unexpected HTTP ${answer.status}`);
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch (error) {
      throw new SourceError('malformed', `OK ${method}: the answer is not valid JSON`, { cause: error });
    }
    const error = okErrorSchema.safeParse(json);
    if (error.success) throw okError(method, error.data.error_code, error.data.error_msg);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SourceError('malformed', `OK ${method}: the response does not match the documented shape at ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : '?'}`);
    }
    return parsed.data;
  }

  const groupIds = new Map<string, string>();
  async function fetchGroup(account: AccountRef): Promise<OkGroup> {
    // group.getInfo takes numeric ids only; a short name (ok.ru/<name>) is resolved with url.getInfo first.
    const key = account.externalId ?? groupIds.get(account.handle) ?? (await resolveShortName(account.handle));
    const groups = await call('group.getInfo', { uids: key, fields: OK_GROUP_FIELDS }, okGroupInfoSchema);
    const group = groups.find((g) => g.uid === key);
    if (!group) throw new SourceError('account_unavailable', `OK group ${key} was not found`, { accountStatus: 'not_found' });
    groupIds.set(account.handle, group.uid);
    return group;
  }
  async function resolveShortName(handle: string): Promise<string> {
    const target = await call('url.getInfo', { url: `https://ok.ru/${handle}` }, okUrlInfoSchema);
    if (target.type?.toUpperCase() !== 'GROUP' || target.objectId === undefined) {
      throw new SourceError('account_unavailable', `ok.ru/${handle} is not a group`, { accountStatus: 'not_found' });
    }
    return String(target.objectId);
  }
  const groupIdOf = async (account: AccountRef): Promise<string> => account.externalId ?? groupIds.get(account.handle) ?? (await fetchGroup(account)).uid;

  /** Profiles of many groups: short names resolved once each, then group.getInfo for up to 100 ids a request. */
  async function getProfiles(accounts: AccountRef[]): Promise<ProfileOutcome[]> {
    const outcomes: ProfileOutcome[] = [];
    const resolved: { account: AccountRef; gid: string }[] = [];
    for (const account of accounts) {
      const known = account.externalId ?? groupIds.get(account.handle);
      if (known) {
        resolved.push({ account, gid: known });
        continue;
      }
      try {
        resolved.push({ account, gid: await resolveShortName(account.handle) });
      } catch (error) {
        if (error instanceof SourceError && error.kind === 'account_unavailable') outcomes.push({ account, error });
        else throw error;
      }
    }
    for (let i = 0; i < resolved.length; i += OK_GROUPS_PER_REQUEST) {
      const chunk = resolved.slice(i, i + OK_GROUPS_PER_REQUEST);
      const groups = await call('group.getInfo', { uids: [...new Set(chunk.map((c) => c.gid))].join(','), fields: OK_GROUP_FIELDS }, okGroupInfoSchema);
      for (const { account, gid } of chunk) {
        const group = groups.find((g) => g.uid === gid);
        if (!group) {
          outcomes.push({ account, error: new SourceError('account_unavailable', `OK group ${gid} was not found`, { accountStatus: 'not_found' }) });
          continue;
        }
        groupIds.set(account.handle, group.uid);
        outcomes.push({ account, profile: toProfile(group) });
      }
    }
    const order = new Map(accounts.map((account, i) => [account, i]));
    return outcomes.sort((a, b) => order.get(a.account)! - order.get(b.account)!);
  }

  return {
    network: 'ok',
    async getProfile(account) {
      return toProfile(await fetchGroup(account));
    },
    getProfiles,
    async getPostsPage(account, cursor): Promise<PostsPage> {
      const gid = await groupIdOf(account);
      const page = await call(
        'mediatopic.getTopics',
        { gid, count: String(PAGE), direction: 'FORWARD', patterns: 'POST', fields: 'media_topic.*', ...(cursor ? { anchor: cursor } : {}) },
        okTopicsSchema,
      );
      return { posts: page.media_topics.map((topic) => toPost(gid, topic)), nextCursor: page.has_more && page.anchor ? page.anchor : null };
    },
    async getComments(account, postExternalId): Promise<SourceComment[]> {
      const gid = await groupIdOf(account);
      const all: OkComment[] = [];
      let anchor: string | undefined;
      for (;;) {
        const page = await call(
          'discussions.getComments',
          { discussionId: postExternalId, discussionType: 'GROUP_TOPIC', count: '100', direction: 'FORWARD', ...(anchor ? { anchor } : {}) },
          okCommentsSchema,
        );
        all.push(...page.comments);
        if (!page.has_more || !page.anchor || page.comments.length === 0) break;
        anchor = page.anchor;
      }
      return toComments(gid, postExternalId, all);
    },
  };
}

function okError(method: string, code: number, message: string): SourceError {
  const text = `OK ${method} error ${code}: ${message}`;
  if (RATE_LIMITED.has(code)) return new SourceError('rate_limited', text, { code, retryAfterMs: code === 11 ? 3_600_000 : 1000 });
  if (AUTH.has(code)) return new SourceError('auth', text, { code });
  if (code === 300) return new SourceError('account_unavailable', text, { code, accountStatus: 'not_found' });
  if (code === 10 || code === 455) return new SourceError('account_unavailable', text, { code, accountStatus: 'private' });
  if (code === 3) return new SourceError('not_supported', text, { code });
  return new SourceError('transient', text, { code });
}

/** A group marked deleted or blocked keeps answering group.getInfo; a closed or secret one hides its topics. */
function okStatus(group: OkGroup): AccountStatus {
  const status = group.status?.toUpperCase();
  if (status === 'DELETED') return 'deleted';
  if (status === 'BLOCKED' || status === 'BANNED') return 'blocked';
  const access = group.access_type?.toUpperCase();
  return access === 'CLOSED' || access === 'SECRET' ? 'private' : 'active';
}

function toProfile(group: OkGroup): SourceProfile {
  const avatar = group.pic_avatar ?? group.picAvatar ?? '';
  return {
    network: 'ok',
    externalId: group.uid,
    handle: group.shortname ?? null,
    name: group.name,
    status: okStatus(group),
    description: group.description ?? '',
    website: group.homepage_url?.trim() || null,
    phones: group.phone?.trim() ? [group.phone.trim()] : [],
    emails: group.email?.trim() ? [group.email.trim()] : [],
    address: [group.city, group.address].filter((part) => part?.trim()).join(', ') || null,
    hasWorkingHours: false,
    links: [],
    membersCount: group.members_count ?? null,
    wall: null,
    verified: group.premium ?? false,
    hasAvatar: avatar !== '' && !/stub/i.test(avatar),
    hasCover: false,
    raw: group,
  };
}

function toPost(gid: string, topic: OkTopic): SourcePost {
  return {
    externalId: topic.id,
    url: `https://ok.ru/group/${gid}/topic/${topic.id}`,
    publishedAt: new Date(topic.created_ms),
    editedAt: null,
    text: topic.media
      .filter((m) => m.type === 'text' && m.text)
      .map((m) => m.text)
      .join('\n'),
    isPinned: topic.is_on_top ?? false,
    isAd: topic.is_promo ?? false,
    likes: topic.like_summary?.count ?? 0,
    reposts: topic.reshare_summary?.count ?? 0,
    comments: topic.discussion_summary?.comments_count ?? 0,
    views: topic.views_count ?? null,
    commentsOpen: null,
  };
}

/** OK dates are Moscow time (UTC+3, no daylight saving since 2014). */
function parseOkDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!match) throw new SourceError('malformed', `OK comment date ${JSON.stringify(value)} is not "yyyy-MM-dd HH:mm:ss"`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h - 3, mi, s));
}

/** OK comments are flat with reply links; the thread root is the first comment of the reply chain. */
function toComments(gid: string, topicId: string, comments: OkComment[]): SourceComment[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (comment: OkComment): string | null => {
    let current = comment;
    const seen = new Set<string>();
    while (current.reply_to_comment_id && byId.has(current.reply_to_comment_id) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.reply_to_comment_id)!;
    }
    return current.id === comment.id ? (comment.reply_to_comment_id ?? null) : current.id;
  };
  return comments.map((comment) => ({
    externalId: comment.id,
    postExternalId: topicId,
    url: `https://ok.ru/group/${gid}/topic/${topicId}`,
    authorId: comment.author_id ?? '',
    fromPage: comment.author_type === 'GROUP' || comment.author_id === gid,
    publishedAt: parseOkDate(comment.date),
    text: comment.text,
    replyToCommentId: comment.reply_to_comment_id ?? null,
    replyToUserId: comment.reply_to_id ?? null,
    threadRootId: rootOf(comment),
    deleted: comment.deleted ?? false,
  }));
}
