import type { EditionRow } from '../../api/public';

export type RankingSort = 'rank' | 'score' | 'name' | 'change';

export interface RankingView {
  category?: string;
  sector?: string;
  municipality?: string;
  search?: string;
  sort?: RankingSort;
}

const collator = new Intl.Collator('ru');

/** Filters and sorts an edition's rows the way the ranking page shows them (pure, for tests). */
export function viewRows(rows: readonly EditionRow[], view: RankingView): EditionRow[] {
  const needle = view.search?.trim().toLocaleLowerCase('ru') ?? '';
  const filtered = rows.filter(
    (row) =>
      (!view.category || row.category === view.category) &&
      (!view.sector || row.sector === view.sector) &&
      (!view.municipality || row.municipality === view.municipality) &&
      (!needle || row.organizationName.toLocaleLowerCase('ru').includes(needle)),
  );
  const byRank = (a: EditionRow, b: EditionRow) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || collator.compare(a.organizationName, b.organizationName);
  const compare: Record<RankingSort, (a: EditionRow, b: EditionRow) => number> = {
    rank: byRank,
    score: (a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || byRank(a, b),
    name: (a, b) => collator.compare(a.organizationName, b.organizationName),
    change: (a, b) => (b.rankChange ?? -Infinity) - (a.rankChange ?? -Infinity) || byRank(a, b),
  };
  return filtered.sort(compare[view.sort ?? 'rank']);
}

/** Distinct non-empty values of a column, sorted for a select box. */
export function distinct(rows: readonly EditionRow[], pick: (row: EditionRow) => string | null): string[] {
  return [...new Set(rows.map(pick).filter((value): value is string => !!value))].sort(collator.compare);
}
