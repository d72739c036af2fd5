/** One criterion's result for an organization: score 0–100 and its weight in the methodology. */
export interface RankingCriterionScore {
  code: string;
  score: number;
  weight: number;
}

export interface RankingEntry {
  organizationId: number;
  /** Overall score 0–100; null when there is not enough data. */
  score: number | null;
  enoughData: boolean;
  criteria: RankingCriterionScore[];
}

/** Scores are compared at this many decimals, so 71.004 and 70.996 tie as the 71.00 both display. */
export const SCORE_DECIMALS = 2;
export const roundScore = (score: number): number => Math.round(score * 10 ** SCORE_DECIMALS) / 10 ** SCORE_DECIMALS;

/**
 * Standard competition ranking ("1224"): sorted by score descending, equal scores share a rank
 * and the next rank skips as many places as were shared: 1, 2, 2, 4. Ties keep the given order
 * of `tieOrder` (e.g. by name) for display only.
 */
export function competitionRanks<T>(items: readonly T[], score: (item: T) => number, tieOrder?: (a: T, b: T) => number): { item: T; rank: number }[] {
  const sorted = [...items].sort((a, b) => roundScore(score(b)) - roundScore(score(a)) || (tieOrder ? tieOrder(a, b) : 0));
  const ranked: { item: T; rank: number }[] = [];
  let previous: number | undefined;
  let rank = 0;
  sorted.forEach((item, index) => {
    const value = roundScore(score(item));
    if (previous === undefined || value !== previous) rank = index + 1;
    previous = value;
    ranked.push({ item, rank });
  });
  return ranked;
}

/** Weighted mean of the criteria, limited to `codes` when given; null when nothing (or no weight) is left. */
export function weightedScore(criteria: readonly RankingCriterionScore[], codes?: ReadonlySet<string>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    if (codes && !codes.has(c.code)) continue;
    if (!(c.weight > 0) || !Number.isFinite(c.score)) continue;
    weighted += c.score * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : weighted / weights;
}

export const commonCriteria = (a: readonly string[], b: readonly string[]): Set<string> => {
  const right = new Set(b);
  return new Set(a.filter((code) => right.has(code)));
};

export interface Change {
  /** Positive: moved up that many places. */
  rankChange: number;
  /** Current minus previous, both on the common criteria only. */
  scoreChange: number;
  previousRank: number;
  previousScore: number;
}

/**
 * Change against the previous edition, measured only on the criteria both methodology versions
 * have: each side's score is recomputed on those criteria, organizations are re-ranked on it in
 * each edition, and the differences are returned. Organizations ranked in only one edition get no
 * change; no common criterion means nothing is comparable.
 */
export function changesAgainstPrevious(
  current: { criteriaCodes: readonly string[]; entries: readonly RankingEntry[] },
  previous: { criteriaCodes: readonly string[]; entries: readonly RankingEntry[] },
): Map<number, Change> {
  const common = commonCriteria(current.criteriaCodes, previous.criteriaCodes);
  const changes = new Map<number, Change>();
  if (common.size === 0) return changes;
  const comparable = (entries: readonly RankingEntry[]) => {
    const scored = entries
      .filter((e) => e.enoughData)
      .map((e) => ({ id: e.organizationId, score: weightedScore(e.criteria, common) }))
      .filter((e): e is { id: number; score: number } => e.score !== null);
    return new Map(competitionRanks(scored, (e) => e.score).map(({ item, rank }) => [item.id, { rank, score: item.score }]));
  };
  const now = comparable(current.entries);
  const before = comparable(previous.entries);
  for (const [id, { rank, score }] of now) {
    const old = before.get(id);
    if (!old) continue;
    changes.set(id, { rankChange: old.rank - rank, scoreChange: roundScore(score - old.score), previousRank: old.rank, previousScore: roundScore(old.score) });
  }
  return changes;
}

export interface RankedRow<T> {
  entry: T;
  rank: number;
  change: Change | null;
}

/**
 * Ranks the entries with enough data (ties share a rank) and lists the rest apart, unranked.
 * With a previous edition, each ranked row carries its change on the common criteria.
 */
export function rankEntries<T extends RankingEntry>(
  entries: readonly T[],
  options: { criteriaCodes: readonly string[]; previous?: { criteriaCodes: readonly string[]; entries: readonly RankingEntry[] }; tieOrder?: (a: T, b: T) => number },
): { ranked: RankedRow<T>[]; notEnoughData: T[] } {
  const rankable = entries.filter((e) => e.enoughData && e.score !== null);
  const notEnoughData = entries.filter((e) => !(e.enoughData && e.score !== null));
  const changes = options.previous ? changesAgainstPrevious({ criteriaCodes: options.criteriaCodes, entries: rankable }, options.previous) : new Map<number, Change>();
  const ranked = competitionRanks(rankable, (e) => e.score!, options.tieOrder).map(({ item, rank }) => ({
    entry: item,
    rank,
    change: changes.get(item.organizationId) ?? null,
  }));
  return { ranked, notEnoughData };
}
