import { KIND_LABELS, SECTOR_LABELS } from './labels';
import type { EditionView, EditionViewRow, TableCell, XlsxSheet } from '@most/services';

/** A table for people (XLSX, Excel CSV): Russian headers, numbers as numbers. */
export interface HumanTable {
  headers: string[];
  rows: TableCell[][];
  /** Columns holding scores (one decimal). */
  scoreColumns: number[];
}

const criterionHeader = (c: { code: string; name: string }) => c.name || c.code;

/** Every organization of an edition (ranked first, then those without enough data), in Russian. */
export function editionTable(view: EditionView): HumanTable {
  const headers = [
    'Место',
    'Место в общем рейтинге',
    'Код организации',
    'Организация',
    'Тип',
    'Сфера',
    'Код муниципалитета',
    'Муниципалитет',
    'Балл',
    'Изменение места',
    'Изменение балла',
    'Страниц оценено',
    'Страниц всего',
    'Вопросов в выборке',
    'Недостаточно данных',
    'Причина',
    ...view.criteria.map(criterionHeader),
  ];
  const row = (r: EditionViewRow, notEnough: boolean): TableCell[] => [
    r.rank,
    r.overallRank,
    r.organizationCode,
    r.organizationName,
    KIND_LABELS[r.kind],
    SECTOR_LABELS[r.sector],
    r.municipalityCode,
    r.municipalityName,
    r.score,
    r.rankChange,
    r.scoreChange,
    r.coverage.accountsScored,
    r.coverage.accountsTotal,
    r.sampleSize,
    notEnough ? 'да' : 'нет',
    r.unranked?.text ?? null,
    ...view.criteria.map((c) => r.criteria.find((x) => x.code === c.code)?.score ?? null),
  ];
  const scoreColumns = [8, 10, ...view.criteria.map((_, i) => 16 + i)];
  return { headers, rows: [...view.ranked.rows.map((r) => row(r, false)), ...view.notEnoughData.map((r) => row(r, true))], scoreColumns };
}

/**
 * 2–5 organizations side by side, criterion by criterion: one row per measure, one column per
 * organization. An organization absent from the edition shows empty cells, not zeros.
 */
export function comparisonTable(view: EditionView, codes: readonly string[]): HumanTable {
  const all = [...view.ranked.rows, ...view.notEnoughData];
  const picked = codes.map((code) => all.find((r) => r.organizationCode === code) ?? null);
  const headers = ['Показатель', ...picked.map((r, i) => r?.organizationName ?? `${codes[i]} (нет в выпуске)`)];
  const measure = (label: string, value: (r: EditionViewRow) => TableCell): TableCell[] => [label, ...picked.map((r) => (r ? value(r) : null))];
  const rows: TableCell[][] = [
    measure('Место', (r) => r.overallRank),
    measure('Балл', (r) => r.score),
    measure('Изменение места', (r) => r.rankChange),
    measure('Изменение балла', (r) => r.scoreChange),
    measure('Муниципалитет', (r) => r.municipalityName),
    measure('Страниц оценено', (r) => r.coverage.accountsScored),
    measure('Страниц всего', (r) => r.coverage.accountsTotal),
    measure('Вопросов в выборке', (r) => r.sampleSize),
    measure('Причина, по которой не ранжирована', (r) => r.unranked?.text ?? null),
    ...view.criteria.map((c) => measure(criterionHeader(c), (r) => r.criteria.find((x) => x.code === c.code)?.score ?? null)),
  ];
  return { headers, rows, scoreColumns: [] };
}

export function tableSheet(name: string, table: HumanTable): XlsxSheet {
  return { name, headers: table.headers, rows: table.rows, numberFormats: Object.fromEntries(table.scoreColumns.map((i) => [i, '0.0'])) };
}
