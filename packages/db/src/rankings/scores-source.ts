import { AppError } from '@most/shared';
import type { Queryable } from '../client';
import type { OrganizationScore } from './types';

export interface ScoresQuery {
  periodStart: string;
  periodEnd: string;
  methodologyVersion: string;
}

/**
 * Organization scores for a period and methodology version, read from the scoring results.
 * Until scoring has stored results this answers UNAVAILABLE rather than building an empty edition.
 */
export async function loadOrganizationScores(
  _sql: Queryable,
  query: ScoresQuery,
): Promise<{ criteria: { code: string; name: string; weight: number }[]; scores: OrganizationScore[] }> {
  throw new AppError('UNAVAILABLE', 'Оценки организаций ещё не рассчитаны', { details: { scores: 'no scoring results yet', ...query } });
}
