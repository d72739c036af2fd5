/**
 * Fair shares of a network's request budget: across regions (a large region cannot starve a small one)
 * and across the tokens of a pool (each used in proportion to its own budget).
 */

/** BullMQ's highest priority value; lower runs first. */
const MAX_QUEUE_PRIORITY = 2_097_152;

/**
 * Queue priority of an account's job from its rank among its region's accounts (0 = first): every
 * region's first page runs before any region's second one, so regions take turns whatever their size.
 */
export function regionTurnPriority(rankInRegion: number): number {
  return Math.min(MAX_QUEUE_PRIORITY, 1 + Math.max(0, Math.floor(rankInRegion)));
}

export interface PoolToken {
  id: string;
  requestsPerSecond: number;
  /** Requests sent on it so far. */
  used: number;
  /** Refused by the network: out of the pool for good. */
  refused: boolean;
}

/** The token the next request goes out on: the least used relative to its budget; null when none is left. */
export function pickPoolToken<T extends PoolToken>(tokens: readonly T[]): T | null {
  let best: T | null = null;
  for (const token of tokens) {
    if (token.refused || !(token.requestsPerSecond > 0)) continue;
    if (!best || token.used / token.requestsPerSecond < best.used / best.requestsPerSecond) best = token;
  }
  return best;
}
