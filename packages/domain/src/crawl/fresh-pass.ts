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

export interface FreshPlan<C extends FreshCandidate> {
  /** Posts to re-read this tick, highest priority first. */
  selected: (C & { dueAt: number })[];
  /** Posts due now (selected or not). */
  due: number;
  /** Due posts left for a later tick because the tick's share of the budget is used up. */
  deferred: number;
  capacity: number;
}

/** One tick of the fresh pass: the due posts in priority order, cut at the tick's budget share. */
export function planFreshPass<C extends FreshCandidate>(policy: FreshPassPolicy, candidates: readonly C[], options: { now: number; requestsPerSecond: number }): FreshPlan<C> {
  const capacity = freshCapacity(policy, options.requestsPerSecond);
  const due = candidates
    .map((post) => ({ ...post, dueAt: freshDueAt(policy, post, options.now) }))
    .filter((post): post is C & { dueAt: number } => post.dueAt !== null && post.dueAt <= options.now)
    .sort(compareFreshPriority);
  const selected = due.slice(0, capacity);
  return { selected, due: due.length, deferred: due.length - selected.length, capacity };
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
