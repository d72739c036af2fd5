import { hash32, rngFor, type Rng } from './random';
import { address, citizenFollowup, citizenText, communityDescription, communityName, pageReplyText, postText, type CommentCategory } from './texts';

/** The simulated region: communities, their posts and comments, each a pure function of the seed and ids. */

export type CommunityState = 'active' | 'closed' | 'private' | 'deleted' | 'banned' | 'not_found';
export type PostingPattern = 'daily' | 'weekly' | 'irregular' | 'dormant';
export type ReplyDelay = 'minutes' | 'hours' | 'over_day' | 'never';

export interface CommunityOverride {
  state?: CommunityState;
  pattern?: PostingPattern;
  /** 0 off, 1 open, 2 limited, 3 closed. */
  wall?: 0 | 1 | 2 | 3;
}

export interface WorldOptions {
  seed: string;
  /** Unix seconds the generated history is anchored to (fixed-size posts end before it). */
  anchor: number;
  historyDays: number;
  /** Exactly this many posts per community, all published 5–14 days before the anchor. */
  postsPerAccount?: number;
  /** Exactly this many comments (including thread replies) per post, capped at 999. */
  commentsPerPost?: number;
  /** Shares of unavailable communities among generated ones (screen-name prefixes and overrides win). */
  mix: { closed: number; private: number; deleted: number; banned: number; notFound: number };
  overrides: Record<string, CommunityOverride>;
}

export interface SimContact {
  userId: number;
  desc: string;
  phone?: string;
  email?: string;
}

export interface SimCommunity {
  id: number;
  screenName: string;
  name: string;
  state: CommunityState;
  pattern: PostingPattern;
  wall: 0 | 1 | 2 | 3;
  verified: boolean;
  description: string;
  site: string;
  status: string;
  membersCount: number;
  contacts: SimContact[];
  links: { id: number; url: string; name: string; desc: string }[];
  address: { address: string; city: string; phone: string; timetable: boolean } | null;
  hasAvatar: boolean;
  hasCover: boolean;
  /** Chance that the page answers a question or complaint, and how fast. */
  replyDelays: readonly (readonly [ReplyDelay, number])[];
  pinnedChance: number;
}

export interface SimPost {
  id: number;
  date: number;
  editedAt: number | null;
  text: string;
  commentsOpen: boolean;
  likes: number;
  reposts: number;
  views: number;
}

export interface SimComment {
  id: number;
  postId: number;
  fromId: number;
  date: number;
  text: string;
  replyToComment: number | null;
  replyToUser: number | null;
  threadRootId: number | null;
  deletedAt: number | null;
}

const DAY = 86_400;
const NUMERIC_PAGE = /^(?:club|public|event)(\d{1,12})$/;
const FORCED_PREFIXES: Record<string, CommunityOverride> = {
  closed_: { state: 'closed' },
  private_: { state: 'private' },
  deleted_: { state: 'deleted' },
  banned_: { state: 'banned' },
  missing_: { state: 'not_found' },
  daily_: { pattern: 'daily', state: 'active' },
  weekly_: { pattern: 'weekly', state: 'active' },
  irregular_: { pattern: 'irregular', state: 'active' },
  dormant_: { pattern: 'dormant', state: 'active' },
};

export class World {
  private readonly namesById = new Map<number, string>();
  private readonly communities = new Map<number, SimCommunity>();
  private readonly posts = new Map<number, { list: SimPost[]; untilDay: number }>();
  private readonly comments = new Map<string, SimComment[]>();

  constructor(readonly options: WorldOptions) {}

  /** A screen name, clubNNN/publicNNN or a bare numeric id → the community, or null when it does not exist. */
  resolve(key: string): SimCommunity | null {
    const trimmed = key.trim().toLowerCase();
    const numeric = /^\d{1,12}$/.test(trimmed) ? trimmed : NUMERIC_PAGE.exec(trimmed)?.[1];
    if (numeric !== undefined) return this.byId(Number(numeric));
    if (!/^[a-z0-9_.]{2,64}$/.test(trimmed)) return null;
    const id = 100_000_000 + (hash32(`${this.options.seed}|name|${trimmed}`) % 900_000_000);
    this.namesById.set(id, trimmed);
    return this.byId(id);
  }

  byId(id: number): SimCommunity | null {
    if (!Number.isSafeInteger(id) || id <= 0 || id >= 2_000_000_000) return null;
    let community = this.communities.get(id);
    if (!community) {
      community = this.generateCommunity(id, this.namesById.get(id) ?? `club${id}`);
      this.communities.set(id, community);
    }
    return community.state === 'not_found' ? null : community;
  }

  private generateCommunity(id: number, screenName: string): SimCommunity {
    const { seed, mix } = this.options;
    const rng = rngFor(seed, 'community', id);
    const forced = Object.entries(FORCED_PREFIXES).find(([prefix]) => screenName.startsWith(prefix))?.[1] ?? {};
    const override = { ...forced, ...this.options.overrides[screenName], ...this.options.overrides[String(id)] };
    const roll = rng.next();
    const thresholds: [CommunityState, number][] = [
      ['closed', mix.closed],
      ['private', mix.private],
      ['deleted', mix.deleted],
      ['banned', mix.banned],
      ['not_found', mix.notFound],
    ];
    let state: CommunityState = 'active';
    let cumulative = 0;
    for (const [candidate, share] of thresholds) {
      cumulative += share;
      if (roll < cumulative) {
        state = candidate;
        break;
      }
    }
    const completeness = rng.next();
    const has = (base: number): boolean => rng.chance(Math.min(0.98, base + completeness * 0.6));
    const name = communityName(screenName, rng);
    const place = address(rng);
    const phone = `+7 (8452) ${rng.int(20, 79)}-${rng.int(10, 99)}-${rng.int(10, 99)}`;
    const contacts: SimContact[] = [];
    if (has(0.2))
      contacts.push({
        userId: rng.int(1_000_000, 800_000_000),
        desc: rng.pick(['Пресс-служба', 'Приёмная', 'Администратор сообщества']),
        phone: rng.chance(0.6) ? phone : undefined,
        email: rng.chance(0.5) ? `press@${screenName.replace(/_/g, '-')}.ru` : undefined,
      });
    if (has(0.0)) contacts.push({ userId: rng.int(1_000_000, 800_000_000), desc: 'Горячая линия', phone: `8-800-${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}` });
    const links = has(0.1) ? [{ id: rng.int(1, 99_999), url: `https://${screenName.replace(/_/g, '-')}.gosuslugi.ru`, name: 'Официальный сайт', desc: '' }] : [];
    if (has(0.0)) links.push({ id: rng.int(1, 99_999), url: 'https://www.gosuslugi.ru', name: 'Госуслуги', desc: 'Электронные услуги' });
    const replyProfile = rng.pick([
      [
        ['minutes', 5],
        ['hours', 3],
        ['over_day', 1],
        ['never', 1],
      ],
      [
        ['minutes', 2],
        ['hours', 4],
        ['over_day', 2],
        ['never', 2],
      ],
      [
        ['minutes', 1],
        ['hours', 2],
        ['over_day', 3],
        ['never', 4],
      ],
      [
        ['minutes', 0],
        ['hours', 1],
        ['over_day', 1],
        ['never', 8],
      ],
    ] as const);
    return {
      id,
      screenName,
      name,
      state: override.state ?? state,
      pattern:
        override.pattern ??
        rng.weighted([
          ['daily', 4],
          ['weekly', 3],
          ['irregular', 2],
          ['dormant', 1],
        ] as const),
      // Fixed sizes are for benchmarks that need the exact volume, so every wall is open there.
      wall:
        override.wall ??
        (this.options.postsPerAccount !== undefined
          ? 1
          : rng.weighted([
              [1, 75],
              [2, 12],
              [3, 8],
              [0, 5],
            ] as const)),
      verified: rng.chance(0.15 + completeness * 0.3),
      description: has(0.3) ? communityDescription(name, rng) : '',
      site: has(0.2) ? `https://${screenName.replace(/_/g, '-')}.saratov.gov.ru` : '',
      status: has(0.0) ? rng.pick(['Работаем для вас', 'Приём граждан — по вторникам', 'Горячая линия 122']) : '',
      membersCount: Math.round(50 + rng.next() ** 3 * 40_000),
      contacts,
      links,
      address: has(0.1) ? { address: place.street, city: place.city, phone, timetable: has(0.0) } : null,
      hasAvatar: has(0.5),
      hasCover: has(0.1),
      replyDelays: replyProfile,
      pinnedChance: rng.chance(0.3) ? 1 : 0,
    };
  }

  /** Every post published up to `now`, oldest first (ids ascending with time). */
  postsUpTo(community: SimCommunity, now: number): SimPost[] {
    const list = this.generatedPosts(community, now);
    let end = list.length;
    while (end > 0 && (list[end - 1]?.date ?? 0) > now) end--;
    return list.slice(0, end);
  }

  /** The pinned post, if the community keeps one: its oldest post of the last quarter. */
  pinnedPost(community: SimCommunity, visible: SimPost[]): SimPost | null {
    if (community.pinnedChance === 0 || visible.length < 3) return null;
    return visible[Math.max(0, visible.length - 40)] ?? null;
  }

  /** A page of a wall as the networks list it: the pinned post first, then newest first, each with its comments visible at `now`. */
  wallPage(community: SimCommunity, visible: SimPost[], now: number, offset: number, count: number): { total: number; items: { post: SimPost; pinned: boolean; comments: number }[] } {
    const pinned = this.pinnedPost(community, visible);
    const ordered = visible.filter((p) => p !== pinned).reverse();
    if (pinned) ordered.unshift(pinned);
    const items = ordered.slice(offset, offset + count).map((post) => ({
      post,
      pinned: post === pinned,
      comments: this.commentsOf(community, post).filter((c) => c.date <= now && !(c.deletedAt !== null && c.deletedAt <= now)).length,
    }));
    return { total: ordered.length, items };
  }

  private generatedPosts(community: SimCommunity, now: number): SimPost[] {
    const { seed, anchor, historyDays, postsPerAccount } = this.options;
    const cached = this.posts.get(community.id);
    const nowDay = Math.floor(now / DAY);
    if (cached && cached.untilDay >= nowDay) return cached.list;
    if (postsPerAccount !== undefined) {
      const rng = rngFor(seed, 'fixed-posts', community.id);
      const dates = Array.from({ length: postsPerAccount }, () => anchor - 5 * DAY - rng.int(0, 9 * DAY)).sort((a, b) => a - b);
      const list = dates.map((date, index) => this.makePost(community, index + 1, date));
      this.posts.set(community.id, { list, untilDay: Number.MAX_SAFE_INTEGER });
      return list;
    }
    const list = cached?.list ?? [];
    const firstDay = cached ? cached.untilDay + 1 : Math.floor(anchor / DAY) - historyDays;
    const anchorDay = Math.floor(anchor / DAY);
    for (let day = firstDay; day <= nowDay; day++) {
      const rng = rngFor(seed, 'day', community.id, day);
      const count = postsOnDay(community.pattern, day, anchorDay, rng, community.id);
      const times = Array.from({ length: count }, () => day * DAY + rng.int(4 * 3600, 16 * 3600)).sort((a, b) => a - b);
      for (const date of times) list.push(this.makePost(community, list.length + 1, date));
    }
    this.posts.set(community.id, { list, untilDay: nowDay });
    return list;
  }

  private makePost(community: SimCommunity, id: number, date: number): SimPost {
    const rng = rngFor(this.options.seed, 'post', community.id, id);
    const popularity = Math.sqrt(community.membersCount);
    return {
      id,
      date,
      editedAt: rng.chance(0.1) ? date + rng.int(600, 7200) : null,
      text: postText(rng, new Date(date * 1000)),
      commentsOpen: community.wall === 1 || community.wall === 2 ? this.options.commentsPerPost !== undefined || !rng.chance(0.05) : false,
      likes: Math.round(popularity * rng.next() * 0.8),
      reposts: Math.round(popularity * rng.next() * 0.1),
      views: Math.round(popularity * (5 + rng.next() * 30)),
    };
  }

  /** All comments ever written under a post (the caller filters by the clock), in id order. */
  commentsOf(community: SimCommunity, post: SimPost): SimComment[] {
    const key = `${community.id}:${post.id}`;
    let list = this.comments.get(key);
    if (!list) {
      list = this.generateComments(community, post);
      if (this.comments.size > 20_000) this.comments.delete(this.comments.keys().next().value as string);
      this.comments.set(key, list);
    }
    return list;
  }

  private generateComments(community: SimCommunity, post: SimPost): SimComment[] {
    if (!post.commentsOpen) return [];
    const rng = rngFor(this.options.seed, 'comments', community.id, post.id);
    const target = Math.min(999, this.options.commentsPerPost ?? defaultCommentCount(community, rng));
    interface Draft {
      fromId: number;
      date: number;
      text: string;
      parent: Draft | null;
      root: Draft | null;
      deletedAt: number | null;
      id: number;
    }
    const drafts: Draft[] = [];
    const citizen = (): number => rng.int(1_000_000, 850_000_000);
    while (drafts.length < target) {
      const category = rng.weighted<CommentCategory>([
        ['question', 35],
        ['complaint', 20],
        ['thanks', 15],
        ['opinion', 22],
        ['spam', 8],
      ]);
      const delay = rng.weighted([
        [rng.int(60, 3600), 6],
        [rng.int(3600, 12 * 3600), 3],
        [rng.int(12 * 3600, 3 * DAY), 1],
      ] as const);
      const root: Draft = { fromId: citizen(), date: post.date + delay, text: citizenText(category, rng), parent: null, root: null, deletedAt: null, id: 0 };
      if (category === 'spam' && rng.chance(0.6)) root.deletedAt = root.date + rng.int(3600, 12 * 3600);
      drafts.push(root);
      const followups = rng.chance(0.07)
        ? rng.int(11, 16)
        : rng.weighted([
            [0, 6],
            [1, 2],
            [2, 1],
            [3, 1],
          ] as const);
      let last: Draft = root;
      for (let i = 0; i < followups && drafts.length < target; i++) {
        const parent = rng.chance(0.7) ? root : last;
        const reply: Draft = { fromId: citizen(), date: last.date + rng.int(120, 6 * 3600), text: citizenFollowup(rng), parent, root, deletedAt: null, id: 0 };
        drafts.push(reply);
        last = reply;
      }
      const pageAnswers = category === 'question' || category === 'complaint' ? true : category !== 'spam' && rng.chance(0.2);
      if (pageAnswers && drafts.length < target) {
        const when = rng.weighted(community.replyDelays);
        if (when !== 'never') {
          const seconds = when === 'minutes' ? rng.int(120, 3599) : when === 'hours' ? rng.int(3600, 23 * 3600) : rng.int(25 * 3600, 5 * DAY);
          drafts.push({ fromId: -community.id, date: root.date + seconds, text: pageReplyText(category, rng), parent: root, root, deletedAt: null, id: 0 });
        }
      }
    }
    drafts.sort((a, b) => a.date - b.date);
    drafts.forEach((draft, index) => {
      draft.id = post.id * 1000 + index + 1;
    });
    return drafts.map((draft) => ({
      id: draft.id,
      postId: post.id,
      fromId: draft.fromId,
      date: draft.date,
      text: draft.text,
      replyToComment: draft.parent?.id ?? null,
      replyToUser: draft.parent?.fromId ?? null,
      threadRootId: draft.root?.id ?? null,
      deletedAt: draft.deletedAt,
    }));
  }
}

function postsOnDay(pattern: PostingPattern, day: number, anchorDay: number, rng: Rng, id: number): number {
  switch (pattern) {
    case 'daily':
      return rng.weighted([
        [0, 1],
        [1, 5],
        [2, 3],
        [3, 1],
      ] as const);
    case 'weekly':
      return (day + id) % 7 === 0 || ((day + id) % 7 === 3 && rng.chance(0.4)) ? 1 : 0;
    case 'irregular':
      return rng.chance(0.18) ? rng.int(1, 4) : 0;
    case 'dormant':
      return day < anchorDay - 100 && rng.chance(0.12) ? 1 : 0;
  }
}

function defaultCommentCount(community: SimCommunity, rng: Rng): number {
  const scale = Math.min(1, community.membersCount / 10_000);
  return rng.weighted([
    [0, 4],
    [rng.int(1, 3), 4],
    [rng.int(4, 10), 2 + scale * 3],
    [rng.int(11, 40), 0.5 + scale * 2],
  ] as const);
}
