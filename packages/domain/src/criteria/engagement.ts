/** The counters of one post that engagement is computed from. */
export interface EngagementPost {
  likes: number;
  reposts: number;
  comments: number;
  views: number | null;
}

/** Which engagement rate: per follower (ERpost) or per view (ERview). */
export type EngagementKind = 'post' | 'view';

/**
 * A post's engagement rate in percent: (likes + reposts + comments) / base × 100, the base being the
 * page's followers (ERpost) or the post's views (ERview); null without a positive base. The sector
 * medians repeat this in SQL (`sectorPeers`); an agreement test keeps the two the same.
 */
export function engagementRate(post: EngagementPost, kind: EngagementKind, followers: number | null): number | null {
  const base = kind === 'post' ? followers : post.views;
  if (base === null || base <= 0) return null;
  return ((post.likes + post.reposts + post.comments) / base) * 100;
}

/** The rates of the posts that have one (posts without a base leave the average). */
export function engagementRates(posts: readonly EngagementPost[], kind: EngagementKind, followers: number | null): number[] {
  return posts.map((post) => engagementRate(post, kind, followers)).filter((rate): rate is number => rate !== null);
}

/** The page's average engagement rate over its posts; null when no post has a base. */
export function averageEngagementRate(posts: readonly EngagementPost[], kind: EngagementKind, followers: number | null): number | null {
  const rates = engagementRates(posts, kind, followers);
  return rates.length === 0 ? null : rates.reduce((sum, r) => sum + r, 0) / rates.length;
}
