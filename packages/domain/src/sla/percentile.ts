/**
 * The one definition of a percentile for every SLA figure (screens, score, bulletin, API):
 * linear interpolation between the closest ranks, as PostgreSQL's `percentile_cont` and
 * Excel's PERCENTILE.INC compute it. The median is its 50th percentile, so an even sample's
 * median is the mean of the two middle values (1 h and 1 h 30 min → 1 h 15 min).
 * SQL that aggregates response times must use `percentile_cont(p / 100)`; tests in @most/db
 * check that both agree on random data.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const position = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lower = Math.floor(position);
  const below = sortedAscending[lower]!;
  const above = sortedAscending[Math.min(lower + 1, n - 1)]!;
  return below + (above - below) * (position - lower);
}

/** Median of an ascending array: `percentile(…, 50)`. */
export function median(sortedAscending: readonly number[]): number | null {
  return percentile(sortedAscending, 50);
}
