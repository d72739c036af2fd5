import { z } from 'zod';
import { rankEntries, unrankedReason, type UnrankedReason } from '@most/domain';
import { organizationKindSchema, sectorSchema } from '@most/shared';
import type { Edition, EditionRow, EditionSummary, EditionCriterion } from './types';

export const editionFilterSchema = z.object({
  kind: organizationKindSchema.optional(),
  sector: sectorSchema.optional(),
  municipality: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});
export type EditionFilter = z.input<typeof editionFilterSchema>;

export interface EditionViewRow {
  /** Rank within the filtered list (ties share a rank); null for "not enough data". */
  rank: number | null;
  /** Rank in the whole edition. */
  overallRank: number | null;
  organizationCode: string;
  organizationName: string;
  kind: EditionRow['kind'];
  sector: EditionRow['sector'];
  municipalityCode: string | null;
  municipalityName: string | null;
  score: number | null;
  /** Places moved since the previous edition, on the criteria both versions share (positive: up). */
  rankChange: number | null;
  scoreChange: number | null;
  coverage: { accountsScored: number; accountsTotal: number };
  /** Decided questions (answered, or unanswered past the deadline) on the organization's pages: the real count, ranked or not. */
  sampleSize: number;
  /** Why the organization is not ranked (machine code + Russian text); null when ranked. */
  unranked: UnrankedReason | null;
  criteria: { code: string; score: number }[];
}

export interface EditionView {
  edition: EditionSummary;
  criteria: EditionCriterion[];
  filters: { kind: string | null; sector: string | null; municipality: string | null };
  ranked: { total: number; page: number; pageSize: number; rows: EditionViewRow[] };
  notEnoughData: EditionViewRow[];
}

const matches = (f: z.output<typeof editionFilterSchema>) => (r: EditionRow) =>
  (!f.kind || r.kind === f.kind) && (!f.sector || r.sector === f.sector) && (!f.municipality || r.municipalityCode === f.municipality);

const toViewRow = (r: EditionRow, rank: number | null, change: { rankChange: number; scoreChange: number } | null, rules: Edition['rules'] = null): EditionViewRow => ({
  rank,
  overallRank: r.rank,
  organizationCode: r.organizationCode,
  organizationName: r.organizationName,
  kind: r.kind,
  sector: r.sector,
  municipalityCode: r.municipalityCode,
  municipalityName: r.municipalityName,
  score: r.score,
  rankChange: change?.rankChange ?? null,
  scoreChange: change?.scoreChange ?? null,
  coverage: { accountsScored: r.accountsScored, accountsTotal: r.accountsTotal },
  sampleSize: r.sampleSize,
  unranked: rank === null ? unrankedReason({ enoughData: false, sampleSize: r.sampleSize, accountsTotal: r.accountsTotal }, rules) : null,
  criteria: r.criteria.map((c) => ({ code: c.code, score: c.score })),
});

/**
 * An edition as readers see it: filtered by category, sector or municipality, re-ranked within
 * the filter (ties share a rank), change recomputed against the previous edition filtered the
 * same way, one page of ranked rows, and the "not enough data" rows apart.
 */
export function viewEdition(edition: Edition, previous: Edition | null, filter: EditionFilter = {}): EditionView {
  const f = editionFilterSchema.parse(filter);
  const keep = matches(f);
  const rows = edition.rows.filter(keep);
  const { ranked, notEnoughData } = rankEntries(rows, {
    criteriaCodes: edition.criteria.map((c) => c.code),
    previous: previous ? { criteriaCodes: previous.criteria.map((c) => c.code), entries: previous.rows.filter(keep) } : undefined,
    tieOrder: (a, b) => a.organizationName.localeCompare(b.organizationName, 'ru'),
  });
  const start = (f.page - 1) * f.pageSize;
  return {
    edition: {
      id: edition.id,
      slug: edition.slug,
      title: edition.title,
      periodStart: edition.periodStart,
      periodEnd: edition.periodEnd,
      methodologyVersion: edition.methodologyVersion,
      status: edition.status,
      previousEditionSlug: edition.previousEditionSlug,
      createdAt: edition.createdAt,
      publishedAt: edition.publishedAt,
    },
    criteria: edition.criteria,
    filters: { kind: f.kind ?? null, sector: f.sector ?? null, municipality: f.municipality ?? null },
    ranked: {
      total: ranked.length,
      page: f.page,
      pageSize: f.pageSize,
      rows: ranked.slice(start, start + f.pageSize).map(({ entry, rank, change }) => toViewRow(entry, rank, change)),
    },
    notEnoughData: notEnoughData.map((r) => toViewRow(r, null, null, edition.rules)).sort((a, b) => a.organizationName.localeCompare(b.organizationName, 'ru')),
  };
}
