import type { SimComment, SimCommunity, SimPost } from './world';

/** Renders simulated facts in the OK REST API (fb.do, format=json) wire format. */

/** OK group ids are 14-digit numbers; the world's community ids are offset into that range. */
export const OK_GID_BASE = 53_000_000_000_000;
/** Topic ids: unique per group and increasing with time, as OK's. */
const TOPIC_BASE = 150_000_000_000_000;
const TOPICS_PER_GROUP = 100_000;

export const okGid = (community: SimCommunity): string => String(OK_GID_BASE + community.id);
export const communityIdOfGid = (gid: string): number | null => (/^\d{14,16}$/.test(gid) ? Number(gid) - OK_GID_BASE : null);
export const okTopicId = (community: SimCommunity, post: SimPost): string => String(TOPIC_BASE + community.id * TOPICS_PER_GROUP + post.id);
export function decodeTopicId(topicId: string): { communityId: number; postId: number } | null {
  if (!/^\d{15,17}$/.test(topicId)) return null;
  const rest = Number(topicId) - TOPIC_BASE;
  if (rest <= 0) return null;
  return { communityId: Math.floor(rest / TOPICS_PER_GROUP), postId: rest % TOPICS_PER_GROUP };
}

/** group.getInfo fields: the requested ones, uid always. */
export function okGroupObject(community: SimCommunity, fields: ReadonlySet<string>): Record<string, unknown> {
  const all: Record<string, unknown> = {
    uid: okGid(community),
    name: community.name,
    description: community.description,
    shortname: community.screenName,
    members_count: community.membersCount,
    homepage_url: community.site,
    phone: community.contacts.find((c) => c.phone)?.phone ?? community.address?.phone ?? '',
    email: community.contacts.find((c) => c.email)?.email ?? '',
    address: community.address?.address ?? '',
    city: community.address?.city ?? '',
    access_type: community.state === 'closed' || community.state === 'private' ? 'CLOSED' : 'OPEN',
    status: community.state === 'deleted' ? 'DELETED' : community.state === 'banned' ? 'BLOCKED' : 'ACTIVE',
    pic_avatar: community.hasAvatar ? `https://i.mycdn.me/i?r=${community.id.toString(36)}` : 'https://i.mycdn.me/res/stub_128x96.gif',
    premium: community.verified,
    business: false,
  };
  const group: Record<string, unknown> = { uid: all.uid };
  for (const field of fields) if (field in all && all[field] !== '') group[field] = all[field];
  return group;
}

export function okTopicObject(community: SimCommunity, post: SimPost, now: number, pinned: boolean, commentCount: number): Record<string, unknown> {
  const growth = 1 - Math.exp(-Math.max(0, now - post.date) / 3600 / 6);
  return {
    id: okTopicId(community, post),
    created_ms: post.date * 1000,
    media: [{ type: 'text', text: post.text }],
    ...(pinned ? { is_on_top: true } : {}),
    discussion_summary: { comments_count: commentCount },
    like_summary: { count: Math.round(post.likes * growth) },
    reshare_summary: { count: Math.round(post.reposts * growth) },
    views_count: Math.round(post.views * growth),
  };
}

/** "yyyy-MM-dd HH:mm:ss" in Moscow time (UTC+3), as OK writes comment dates. */
export function moscowTime(unixSeconds: number): string {
  return new Date((unixSeconds + 3 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

export function okCommentObject(community: SimCommunity, comment: SimComment, authorOf: (id: number) => number | undefined): Record<string, unknown> {
  const fromPage = comment.fromId === -community.id;
  const parentAuthor = comment.replyToComment === null ? undefined : authorOf(comment.replyToComment);
  const authorId = (id: number): string => (id < 0 ? okGid(community) : String(500_000_000_000 + id));
  return {
    id: String(comment.id),
    author_id: authorId(comment.fromId),
    author_type: fromPage ? 'GROUP' : 'USER',
    date: moscowTime(comment.date),
    text: comment.text,
    ...(comment.replyToComment !== null ? { reply_to_comment_id: String(comment.replyToComment), ...(parentAuthor !== undefined ? { reply_to_id: authorId(parentAuthor) } : {}) } : {}),
  };
}
