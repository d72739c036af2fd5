/**
 * The fresh pass: between hourly passes, comments of recent posts are re-read often enough that a new
 * question is known within minutes. Pure rules: which post is due when, in what order, and how much of
 * the network's request budget one tick of the pass may take (the rest stays with the hourly pass).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface FreshPassPolicy {
  /** Posts younger than this are re-read by the fresh pass (older ones only by the hourly pass). */
  windowMs: number;
  /** How often the pass is planned. */
  tickMs: number;
  /** Share of the network's request budget one tick may use (0..1]; the hourly pass keeps the rest. */
  budgetShare: number;
  /** Re-read interval by post age: the first tier whose `maxAgeMs` the post's age does not exceed. */
  tiers: readonly { maxAgeMs: number; everyMs: number }[];
  /** How often the newest page of posts of a page that posted within the window is read (a new post, new questions under it). */
  postsEveryMs: number;
  /** Share of a tick's requests those newest-posts reads may take while comment re-reads also wait (either takes what the other leaves). */
  postsShare: number;
}

export const DEFAULT_FRESH_PASS_POLICY: FreshPassPolicy = {
  windowMs: 72 * HOUR,
  tickMs: MINUTE,
  budgetShare: 0.3,
  tiers: [
    { maxAgeMs: 3 * HOUR, everyMs: 2 * MINUTE },
    { maxAgeMs: 24 * HOUR, everyMs: 10 * MINUTE },
    { maxAgeMs: 72 * HOUR, everyMs: 30 * MINUTE },
  ],
  postsEveryMs: 10 * MINUTE,
  postsShare: 0.25,
};

/** A recent post as the planner sees it. */
export interface FreshCandidate {
  postId: number;
  accountId: number;
  publishedAt: number;
  /** When its comments were last read (by either pass); null = never. */
  commentsReadAt: number | null;
  /** The page has a citizen's comment no page reply followed yet. */
  openQuestion: boolean;
}

/** A page that posted within the fresh window, as the planner sees it. */
export interface FreshPageCandidate {
  accountId: number;
  /** When its newest page of posts was last read (by either pass); null = never. */
  postsReadAt: number | null;
  /** The page has a citizen's comment no page reply followed yet. */
  openQuestion: boolean;
}

/**
 * The pages behind the recent posts: each page's newest posts page was read when its most recently
 * seen recent post was (every read of that page stamps the posts on it).
 */
export function freshPagesOf(posts: readonly (Pick<FreshCandidate, 'accountId' | 'openQuestion'> & { seenAt: number })[]): FreshPageCandidate[] {
  const pages = new Map<number, FreshPageCandidate>();
  for (const post of posts) {
    const page = pages.get(post.accountId);
    if (!page) pages.set(post.accountId, { accountId: post.accountId, postsReadAt: post.seenAt, openQuestion: post.openQuestion });
    else {
      page.postsReadAt = Math.max(page.postsReadAt ?? 0, post.seenAt);
      page.openQuestion ||= post.openQuestion;
    }
  }
  return [...pages.values()];
}

/** When the page's newest posts are due to be read again. */
export function freshPostsDueAt(policy: FreshPassPolicy, page: FreshPageCandidate, now: number): number {
  return page.postsReadAt === null ? now : page.postsReadAt + policy.postsEveryMs;
}

/**
 * How often a post is re-read, by its age; null when it is outside the fresh window (or not published
 * yet). An open question changes the order of re-reads, not their pace: the budget share stays the cap.
 */
export function freshIntervalMs(policy: FreshPassPolicy, post: Pick<FreshCandidate, 'publishedAt'>, now: number): number | null {
  const age = now - post.publishedAt;
  if (age < 0 || age > policy.windowMs) return null;
  return policy.tiers.find((t) => age <= t.maxAgeMs)?.everyMs ?? policy.tiers.at(-1)?.everyMs ?? policy.windowMs;
}

/** When the post's comments are due to be re-read; null when the fresh pass leaves it alone. */
export function freshDueAt(policy: FreshPassPolicy, post: FreshCandidate, now: number): number | null {
  const every = freshIntervalMs(policy, post, now);
  if (every === null) return null;
  return post.commentsReadAt === null ? post.publishedAt : post.commentsReadAt + every;
}

/** Requests one tick may make: the budget share of the tick's requests, at least one. */
export function freshCapacity(policy: FreshPassPolicy, requestsPerSecond: number): number {
  // The epsilon keeps 0.3 × 3 × 60 at 54, not 53.99…
  return Math.max(1, Math.floor((policy.budgetShare * requestsPerSecond * policy.tickMs) / 1000 + 1e-9));
}

/** Priority order: pages with open questions first, then the newest posts, then the longest overdue. */
export function compareFreshPriority(a: FreshCandidate & { dueAt: number }, b: FreshCandidate & { dueAt: number }): number {
  if (a.openQuestion !== b.openQuestion) return a.openQuestion ? -1 : 1;
  if (a.publishedAt !== b.publishedAt) return b.publishedAt - a.publishedAt;
  if (a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  return a.postId - b.postId;
}

export interface FreshPlan<C extends FreshCandidate, P extends FreshPageCandidate = FreshPageCandidate> {
  /** Posts to re-read this tick, highest priority first. */
  selected: (C & { dueAt: number })[];
  /** Pages whose newest posts to read this tick, open questions first, then the longest overdue. */
  pages: (P & { dueAt: number })[];
  /** Reads due now (selected or not): posts' comments and pages' newest posts. */
  due: number;
  /** Due reads left for a later tick because the tick's share of the budget is used up. */
  deferred: number;
  capacity: number;
}

const comparePagePriority = (a: FreshPageCandidate & { dueAt: number }, b: FreshPageCandidate & { dueAt: number }) =>
  a.openQuestion !== b.openQuestion ? (a.openQuestion ? -1 : 1) : a.dueAt - b.dueAt || a.accountId - b.accountId;

/**
 * One tick of the fresh pass: the due comment re-reads and newest-posts reads, each in priority order,
 * cut at the tick's budget share. Newest-posts reads take up to `postsShare` of it while comments
 * wait, and whatever the comments leave.
 */
export function planFreshPass<C extends FreshCandidate, P extends FreshPageCandidate = FreshPageCandidate>(
  policy: FreshPassPolicy,
  candidates: readonly C[],
  options: { now: number; requestsPerSecond: number; pages?: readonly P[] },
): FreshPlan<C, P> {
  const capacity = freshCapacity(policy, options.requestsPerSecond);
  const due = candidates
    .map((post) => ({ ...post, dueAt: freshDueAt(policy, post, options.now) }))
    .filter((post): post is C & { dueAt: number } => post.dueAt !== null && post.dueAt <= options.now)
    .sort(compareFreshPriority);
  const duePages = (options.pages ?? [])
    .map((page) => ({ ...page, dueAt: freshPostsDueAt(policy, page, options.now) }))
    .filter((page) => page.dueAt <= options.now)
    .sort(comparePagePriority);
  const pageSlots = Math.min(duePages.length, Math.max(Math.ceil(capacity * policy.postsShare), capacity - due.length));
  const selected = due.slice(0, capacity - pageSlots);
  const pages = duePages.slice(0, pageSlots);
  const dueCount = due.length + duePages.length;
  return { selected, pages, due: dueCount, deferred: dueCount - selected.length - pages.length, capacity };
}

/** The default policy with a configured window, tick and share (the age tiers stay, cut at the window). */
export function freshPassPolicy(overrides: Partial<Pick<FreshPassPolicy, 'windowMs' | 'tickMs' | 'budgetShare'>> = {}): FreshPassPolicy {
  const policy = { ...DEFAULT_FRESH_PASS_POLICY, ...overrides };
  if (!(policy.windowMs > 0 && policy.tickMs > 0 && policy.budgetShare > 0 && policy.budgetShare <= 1)) {
    throw new RangeError('fresh pass: window and tick must be positive, the budget share in (0, 1]');
  }
  const tiers = DEFAULT_FRESH_PASS_POLICY.tiers.filter((t) => t.maxAgeMs < policy.windowMs);
  const last = DEFAULT_FRESH_PASS_POLICY.tiers.find((t) => t.maxAgeMs >= policy.windowMs) ?? DEFAULT_FRESH_PASS_POLICY.tiers.at(-1)!;
  return { ...policy, tiers: [...tiers, { maxAgeMs: policy.windowMs, everyMs: last.everyMs }] };
}
