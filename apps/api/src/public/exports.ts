import type { Comparison } from '@most/domain';
import type { EditionView, EditionViewRow, TableCell, XlsxSheet } from '@most/services';
import { toCsv } from './csv';
import { KIND_LABELS, SECTOR_LABELS } from './labels';

/** A table for people (XLSX, Excel CSV): Russian headers, numbers as numbers. */
export interface HumanTable {
  headers: string[];
  rows: TableCell[][];
  /** Columns holding scores (one decimal). */
  scoreColumns: number[];
}

export interface EditionColumn {
  /** The standard CSV's header, for programs. */
  csv: string;
  /** The header people read (XLSX, Excel CSV); absent: the column is for programs only. */
  human?: string;
  value: (row: EditionViewRow, notEnoughData: boolean) => TableCell | boolean;
  /** A score: one decimal in the workbook. */
  score?: true;
}

/**
 * The fixed columns of an edition's files, each a header beside its value: a new column is one
 * line here, and every format (CSV, Excel CSV, XLSX) follows. Criterion columns come after them.
 */
export const EDITION_COLUMNS: readonly EditionColumn[] = [
  { csv: 'rank', human: 'Место', value: (r) => r.rank },
  { csv: 'overall_rank', human: 'Место в общем рейтинге', value: (r) => r.overallRank },
  { csv: 'organization_code', human: 'Код организации', value: (r) => r.organizationCode },
  { csv: 'organization_name', human: 'Организация', value: (r) => r.organizationName },
  { csv: 'kind', human: 'Тип', value: (r) => KIND_LABELS[r.kind] },
  { csv: 'sector', human: 'Сфера', value: (r) => SECTOR_LABELS[r.sector] },
  { csv: 'municipality_code', human: 'Код муниципалитета', value: (r) => r.municipalityCode },
  { csv: 'municipality_name', human: 'Муниципалитет', value: (r) => r.municipalityName },
  { csv: 'score', human: 'Балл', value: (r) => r.score, score: true },
  { csv: 'rank_change', human: 'Изменение места', value: (r) => r.rankChange },
  { csv: 'score_change', human: 'Изменение балла', value: (r) => r.scoreChange, score: true },
  { csv: 'accounts_scored', human: 'Страниц оценено', value: (r) => r.coverage.accountsScored },
  { csv: 'accounts_total', human: 'Страниц всего', value: (r) => r.coverage.accountsTotal },
  { csv: 'sample_size', human: 'Вопросов в выборке', value: (r) => r.sampleSize },
  { csv: 'not_enough_data', human: 'Недостаточно данных', value: (_r, notEnough) => notEnough },
  { csv: 'unranked_reason', value: (r) => r.unranked?.code ?? null },
  { csv: 'unranked_reason_text', human: 'Причина', value: (r) => r.unranked?.text ?? null },
];

export const criterionHeader = (c: { code: string; name: string }) => c.name || c.code;

type Audience = 'programs' | 'people';

/** Every organization of an edition (ranked first, then those without enough data), for programs or for people. */
export function editionTable(view: EditionView, audience: Audience): HumanTable {
  const columns = audience === 'people' ? EDITION_COLUMNS.filter((c) => c.human !== undefined) : EDITION_COLUMNS;
  const yesNo = audience === 'people' ? (['да', 'нет'] as const) : (['yes', 'no'] as const);
  const cell = (value: TableCell | boolean): TableCell => (typeof value === 'boolean' ? yesNo[value ? 0 : 1] : value);
  const headers = [...columns.map((c) => (audience === 'people' ? c.human! : c.csv)), ...view.criteria.map((c) => (audience === 'people' ? criterionHeader(c) : `criterion_${c.code}`))];
  const row = (r: EditionViewRow, notEnough: boolean): TableCell[] => [
    ...columns.map((c) => cell(c.value(r, notEnough))),
    ...view.criteria.map((c) => r.criteria.find((x) => x.code === c.code)?.score ?? null),
  ];
  const scoreColumns = [...columns.flatMap((c, i) => (c.score ? [i] : [])), ...view.criteria.map((_, i) => columns.length + i)];
  return { headers, rows: [...view.ranked.rows.map((r) => row(r, false)), ...view.notEnoughData.map((r) => row(r, true))], scoreColumns };
}

/**
 * 2–5 organizations or municipalities side by side, criterion by criterion: one row per measure,
 * one column per compared item; a criterion not measured for one of them is an empty cell, not a zero.
 */
export function comparisonTable(comparison: Comparison): HumanTable {
  const measure = (label: string, values: TableCell[]): TableCell[] => [label, ...values];
  return {
    headers: ['Показатель', ...comparison.columns.map((c) => c.name)],
    rows: [
      measure(
        'Место',
        comparison.columns.map((c) => c.rank),
      ),
      measure(
        'Балл',
        comparison.columns.map((c) => c.score),
      ),
      measure(
        'Причина, по которой не ранжирована',
        comparison.columns.map((c) => c.unranked),
      ),
      ...comparison.criteria.map((criterion) =>
        measure(
          criterionHeader(criterion),
          criterion.cells.map((cell) => (cell.status === 'measured' ? cell.score : null)),
        ),
      ),
    ],
    scoreColumns: [],
  };
}

/** The standard CSV (for programs) of a table. */
export const tableCsv = (table: HumanTable): string => toCsv(table.headers, table.rows);

export function tableSheet(name: string, table: HumanTable): XlsxSheet {
  return { name, headers: table.headers, rows: table.rows, numberFormats: Object.fromEntries(table.scoreColumns.map((i) => [i, '0.0'])) };
}
