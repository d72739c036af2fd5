import type { AccountStatus } from '@most/shared';
import type { SourceComment, SourcePost, SourceProfile } from '../types';
import type { VkComment, VkGroup, VkPost } from './schemas';

/** VK wire objects → the network-neutral shapes of ../types. */

const WALL_STATES = { 0: 'off', 1: 'open', 2: 'limited', 3: 'closed' } as const;
const PLACEHOLDER_PHOTO = /\/images\/(community|camera|deactivated|question)_\d+/;

export function groupStatus(group: VkGroup): AccountStatus {
  if (group.deactivated === 'deleted') return 'deleted';
  if (group.deactivated) return 'blocked';
  if ((group.is_closed ?? 0) > 0) return 'private';
  return 'active';
}

export function toProfile(group: VkGroup, raw: unknown): SourceProfile {
  const mainAddress = group.addresses?.is_enabled === false ? undefined : group.addresses?.main_address;
  const phones = [...(group.contacts ?? []).map((c) => c.phone), mainAddress?.phone].filter((p): p is string => Boolean(p?.trim()));
  const emails = (group.contacts ?? []).map((c) => c.email).filter((e): e is string => Boolean(e?.trim()));
  const address = mainAddress?.address ? [mainAddress.city?.title, mainAddress.address].filter(Boolean).join(', ') : null;
  return {
    network: 'vk',
    externalId: String(group.id),
    handle: group.screen_name ?? null,
    name: group.name,
    status: groupStatus(group),
    description: group.description ?? '',
    website: group.site?.trim() ? group.site.trim() : null,
    phones: [...new Set(phones.map((p) => p.trim()))],
    emails: [...new Set(emails.map((e) => e.trim()))],
    address,
    hasWorkingHours: Object.keys(mainAddress?.timetable ?? {}).length > 0,
    links: (group.links ?? []).map((link) => ({ url: link.url, name: link.name ?? '' })),
    membersCount: group.members_count ?? null,
    wall: group.wall === undefined ? null : WALL_STATES[group.wall as keyof typeof WALL_STATES],
    verified: group.verified ?? false,
    hasAvatar: Boolean(group.photo_200) && !PLACEHOLDER_PHOTO.test(group.photo_200 ?? ''),
    hasCover: group.cover?.enabled ?? false,
    raw,
  };
}

export function toPost(post: VkPost): SourcePost {
  return {
    externalId: String(post.id),
    url: `https://vk.com/wall${post.owner_id}_${post.id}`,
    publishedAt: new Date(post.date * 1000),
    editedAt: post.edited ? new Date(post.edited * 1000) : null,
    text: post.text,
    isPinned: post.is_pinned ?? false,
    isAd: post.marked_as_ads ?? false,
    likes: post.likes?.count ?? 0,
    reposts: post.reposts?.count ?? 0,
    comments: post.comments?.count ?? 0,
    views: post.views?.count ?? null,
    commentsOpen: post.comments?.can_post ?? null,
  };
}

export function toComment(comment: VkComment, groupId: number, postId: string, threadRootId: number | null): SourceComment {
  const fromId = comment.from_id ?? 0;
  const root = threadRootId ?? comment.parents_stack?.[0] ?? null;
  return {
    externalId: String(comment.id),
    postExternalId: postId,
    url: `https://vk.com/wall-${groupId}_${postId}?reply=${comment.id}${root !== null ? `&thread=${root}` : ''}`,
    authorId: String(fromId),
    fromPage: fromId === -groupId,
    publishedAt: new Date(comment.date * 1000),
    text: comment.text,
    replyToCommentId: comment.reply_to_comment ? String(comment.reply_to_comment) : null,
    replyToUserId: comment.reply_to_user ? String(comment.reply_to_user) : null,
    threadRootId: root !== null ? String(root) : null,
    deleted: comment.deleted ?? false,
  };
}
