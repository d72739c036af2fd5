/** One organization that moved, with its change between the two editions or periods. */
export interface Moved<T> {
  item: T;
  change: number;
}

export interface MoversSplit<T> {
  improved: Moved<T>[];
  fallen: Moved<T>[];
  /** Items with a change at all: scored in both editions or periods. */
  compared: number;
}

/**
 * The one rule for "most improved / biggest fall" between two editions or periods: only items with
 * a change (scored in both) are compared; rises largest first, falls deepest first, no change is
 * neither; equal changes in name order. The public headline and the bulletin both use it.
 */
export function splitMovers<T>(items: readonly T[], changeOf: (item: T) => number | null, byName: (a: T, b: T) => number, limit: number): MoversSplit<T> {
  const compared = items.flatMap((item) => {
    const change = changeOf(item);
    return change === null ? [] : [{ item, change }];
  });
  const improved = compared.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || byName(a.item, b.item));
  const fallen = compared.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || byName(a.item, b.item));
  return { improved: improved.slice(0, limit), fallen: fallen.slice(0, limit), compared: compared.length };
}
