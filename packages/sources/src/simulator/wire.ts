import type { SimComment, SimCommunity, SimPost } from './world';

/** Renders simulated facts in the VK API 5.199 wire format. */

const DEFAULT_PHOTO = 'https://vk.com/images/community_200.png';
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function groupObject(community: SimCommunity, fields: ReadonlySet<string>): Record<string, unknown> {
  const photo = community.hasAvatar ? `https://sun9-${community.id % 90}.userapi.com/impg/c${community.id}/avatar.jpg?size=200x200` : DEFAULT_PHOTO;
  if (community.state === 'deleted') {
    return {
      id: community.id,
      name: 'DELETED',
      screen_name: `club${community.id}`,
      is_closed: 0,
      type: 'group',
      deactivated: 'deleted',
      photo_50: DEFAULT_PHOTO,
      photo_100: DEFAULT_PHOTO,
      photo_200: DEFAULT_PHOTO,
    };
  }
  const group: Record<string, unknown> = {
    id: community.id,
    name: community.name,
    screen_name: community.screenName,
    is_closed: community.state === 'private' ? 2 : community.state === 'closed' ? 1 : 0,
    type: community.id % 3 === 0 ? 'group' : 'page',
    is_admin: 0,
    is_member: 0,
    is_advertiser: 0,
    photo_50: photo.replace('200x200', '50x50'),
    photo_100: photo.replace('200x200', '100x100'),
    photo_200: photo,
  };
  if (community.state === 'banned') group.deactivated = 'banned';
  const add = (field: string, value: () => unknown): void => {
    if (fields.has(field)) group[field] = value();
  };
  add('description', () => community.description);
  add('site', () => community.site);
  add('status', () => community.status);
  add('members_count', () => community.membersCount);
  add('wall', () => community.wall);
  add('verified', () => (community.verified ? 1 : 0));
  add('contacts', () =>
    community.contacts.map((contact) => ({
      user_id: contact.userId,
      desc: contact.desc,
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.email ? { email: contact.email } : {}),
    })),
  );
  add('links', () => community.links.map((link) => ({ ...link, photo_50: 'https://vk.com/images/camera_50.png', photo_100: 'https://vk.com/images/camera_100.png' })));
  add('addresses', () =>
    community.address
      ? {
          is_enabled: true,
          main_address_id: community.id * 10 + 1,
          main_address: {
            id: community.id * 10 + 1,
            address: community.address.address,
            city: { id: 125, title: community.address.city },
            country: { id: 1, title: 'Россия' },
            phone: community.address.phone,
            title: community.name,
            ...(community.address.timetable
              ? { timetable: Object.fromEntries(DAY_NAMES.slice(0, 5).map((day) => [day, { open_time: 540, close_time: 1080, break_open_time: 780, break_close_time: 828 }])) }
              : {}),
            work_info_status: community.address.timetable ? 'timetable' : 'no_information',
          },
        }
      : { is_enabled: false },
  );
  add('cover', () => (community.hasCover ? { enabled: 1, images: [{ url: `https://sun9-${community.id % 90}.userapi.com/cover/c${community.id}.jpg`, width: 1590, height: 400 }] } : { enabled: 0 }));
  add('activity', () => (community.id % 2 === 0 ? 'Государственная организация' : 'Муниципальное учреждение'));
  add('counters', () => ({ photos: community.id % 300, videos: community.id % 40 }));
  return group;
}

export function postObject(community: SimCommunity, post: SimPost, now: number, pinned: boolean, commentCount: number): Record<string, unknown> {
  const ageHours = Math.max(0, now - post.date) / 3600;
  const growth = 1 - Math.exp(-ageHours / 6);
  return {
    id: post.id,
    owner_id: -community.id,
    from_id: -community.id,
    date: post.date,
    ...(post.editedAt !== null && post.editedAt <= now ? { edited: post.editedAt } : {}),
    post_type: 'post',
    text: post.text,
    ...(pinned ? { is_pinned: 1 } : {}),
    marked_as_ads: 0,
    attachments: [],
    post_source: { type: 'api' },
    comments: { count: commentCount, can_post: post.commentsOpen ? 1 : 0, groups_can_post: post.commentsOpen },
    likes: { count: Math.round(post.likes * growth), user_likes: 0, can_like: 1, can_publish: 1 },
    reposts: { count: Math.round(post.reposts * growth), user_reposted: 0 },
    views: { count: Math.round(post.views * growth) },
    hash: `h${community.id.toString(36)}${post.id.toString(36)}`,
  };
}

export function commentObject(community: SimCommunity, comment: SimComment, now: number): Record<string, unknown> {
  const deleted = comment.deletedAt !== null && comment.deletedAt <= now;
  return {
    id: comment.id,
    from_id: deleted ? 0 : comment.fromId,
    date: comment.date,
    text: deleted ? '' : comment.text,
    post_id: comment.postId,
    owner_id: -community.id,
    parents_stack: comment.threadRootId === null ? [] : [comment.threadRootId],
    ...(comment.replyToComment !== null ? { reply_to_user: comment.replyToUser, reply_to_comment: comment.replyToComment } : {}),
    ...(deleted ? { deleted: true } : {}),
  };
}

export function profileObject(userId: number): Record<string, unknown> {
  const first = ['Анна', 'Иван', 'Ольга', 'Сергей', 'Татьяна', 'Дмитрий', 'Елена', 'Алексей', 'Наталья', 'Михаил'];
  const last = ['Иванова', 'Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Васильев', 'Соколова', 'Морозов', 'Новикова', 'Волков'];
  return { id: userId, first_name: first[userId % first.length], last_name: last[(userId >> 3) % last.length], can_access_closed: true, is_closed: false };
}
