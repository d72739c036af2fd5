import { AppError } from '@most/shared';
import type { Queryable } from '@most/db';
import type { EditionCriterion, OrganizationScore } from './types';

export interface ScoresQuery {
  periodStart: string;
  /** The period's last day, as editions name it (scoring stores the first day after the period). */
  periodEnd: string;
  /** The methodology version as editions store it: "1" (a leading "v" is accepted). */
  methodologyVersion: string;
}

const versionNumber = (version: string): number => {
  const n = Number(version.replace(/^v/i, ''));
  if (!Number.isInteger(n) || n <= 0) throw new AppError('BAD_REQUEST', 'Неизвестная версия методики', { details: { methodologyVersion: 'must be a version number' } });
  return n;
};

/**
 * Organization scores for exactly this period and methodology version (organization_scores,
 * written by scoring), with the version's criteria names and weights. Answers UNAVAILABLE when
 * scoring has stored nothing for that period, rather than building an empty edition.
 */
export async function loadOrganizationScores(sql: Queryable, query: ScoresQuery): Promise<{ criteria: EditionCriterion[]; scores: OrganizationScore[] }> {
  const [present] = await sql<{ present: boolean }[]>`SELECT to_regclass('organization_scores') IS NOT NULL AND to_regclass('methodology_versions') IS NOT NULL AS present`;
  if (!present?.present) throw new AppError('UNAVAILABLE', 'Оценки организаций ещё не рассчитаны', { details: { scores: 'scoring is not installed' } });
  const version = versionNumber(query.methodologyVersion);
  const [methodology] = await sql<{ definition: { criteria: { code: string; title: { ru: string }; weight: number }[] } }[]>`
    SELECT definition FROM methodology_versions WHERE version = ${version}`;
  if (!methodology) throw new AppError('NOT_FOUND', 'Версия методики не найдена', { details: { methodologyVersion: 'unknown version' } });
  const rows = await sql<
    {
      organization_id: number;
      score: string | null;
      enough_data: boolean;
      accounts_scored: number;
      accounts_total: number;
      sample_size: number;
      criteria: { code: string; score: number | null; weight: number }[];
    }[]
  >`
    SELECT organization_id, score, enough_data, accounts_scored, accounts_total, sample_size, criteria
    FROM organization_scores
    WHERE period_start = ${query.periodStart}::date AND period_end = ${query.periodEnd}::date + 1 AND methodology_version = ${version}`;
  if (rows.length === 0) {
    throw new AppError('UNAVAILABLE', 'За этот период оценки ещё не рассчитаны', {
      details: { periodStart: query.periodStart, periodEnd: query.periodEnd, methodologyVersion: query.methodologyVersion },
    });
  }
  return {
    criteria: methodology.definition.criteria.map((c) => ({ code: c.code, name: c.title.ru, weight: c.weight })),
    scores: rows.map((r) => ({
      organizationId: r.organization_id,
      score: r.score === null ? null : Number(r.score),
      enoughData: r.enough_data && r.score !== null,
      criteria: (r.criteria ?? [])
        .filter((c): c is { code: string; score: number; weight: number } => typeof c.score === 'number' && Number.isFinite(c.score))
        .map((c) => ({ code: c.code, score: Math.max(0, Math.min(100, c.score)), weight: c.weight })),
      accountsScored: r.accounts_scored,
      accountsTotal: r.accounts_total,
      sampleSize: r.sample_size,
    })),
  };
}
