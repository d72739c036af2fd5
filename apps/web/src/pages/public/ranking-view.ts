import type { EditionRow } from '../../api/public';

export type RankingSort = 'rank' | 'score' | 'name' | 'change';
export const RANKING_SORTS: RankingSort[] = ['rank', 'score', 'name', 'change'];

const collator = new Intl.Collator('ru');

/**
 * Search and sort of an edition's rows as the ranking page shows them. Filters by kind, sector
 * and municipality are applied by the API, which also re-ranks within the filtered list.
 */
export function viewRows(rows: readonly EditionRow[], view: { search?: string; sort?: RankingSort }): EditionRow[] {
  const needle = view.search?.trim().toLocaleLowerCase('ru') ?? '';
  const found = needle ? rows.filter((row) => row.organizationName.toLocaleLowerCase('ru').includes(needle)) : [...rows];
  const byRank = (a: EditionRow, b: EditionRow) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || collator.compare(a.organizationName, b.organizationName);
  const compare: Record<RankingSort, (a: EditionRow, b: EditionRow) => number> = {
    rank: byRank,
    score: (a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || byRank(a, b),
    name: (a, b) => collator.compare(a.organizationName, b.organizationName),
    change: (a, b) => (b.rankChange ?? -Infinity) - (a.rankChange ?? -Infinity) || byRank(a, b),
  };
  return found.sort(compare[view.sort ?? 'rank']);
}

/** Distinct options (value → label) of a column, sorted by label for a select box. */
export function options(rows: readonly EditionRow[], pick: (row: EditionRow) => [string, string] | null): [string, string][] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const option = pick(row);
    if (option?.[0] && !seen.has(option[0])) seen.set(option[0], option[1]);
  }
  return [...seen].sort((a, b) => collator.compare(a[1], b[1]));
}
