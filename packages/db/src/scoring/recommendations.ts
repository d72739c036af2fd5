import { recommendationMoveRefusal, type RecommendationStatus } from '@most/domain';
import { AppError } from '@most/shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../client';
import type { ScoringActor } from './actor';

export type { RecommendationStatus };

export interface StoredRecommendation {
  id: number;
  accountId: number;
  periodKind: string;
  periodStart: string;
  methodologyVersion: number;
  criterionCode: string;
  /** The monitor's edit when present, else the generated text. */
  text: string;
  generatedText: string;
  edited: boolean;
  evidence: unknown[];
  potentialPoints: number;
  status: RecommendationStatus;
  statusChangedAt: Date;
}

export async function listRecommendations(sql: Queryable, filter: { accountId?: number; status?: RecommendationStatus; limit?: number }): Promise<StoredRecommendation[]> {
  return sql<StoredRecommendation[]>`
    SELECT id, account_id AS "accountId", period_kind AS "periodKind", period_start::text AS "periodStart", methodology_version AS "methodologyVersion",
           criterion_code AS "criterionCode", COALESCE(edited_text, generated_text) AS text, generated_text AS "generatedText", edited_text IS NOT NULL AS edited,
           evidence, potential_points AS "potentialPoints", status, status_changed_at AS "statusChangedAt"
    FROM recommendations
    WHERE true ${filter.accountId ? sql`AND account_id = ${filter.accountId}` : sql``} ${filter.status ? sql`AND status = ${filter.status}` : sql``}
    ORDER BY period_start DESC, account_id, potential_points DESC, criterion_code
    LIMIT ${Math.min(filter.limit ?? 200, 1000)}`;
}

/** A monitor rewrites a recommendation; regeneration never overwrites the edit. */
export async function editRecommendation(sql: Queryable, id: number, text: string, actor: ScoringActor): Promise<void> {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 5000) throw new AppError('BAD_REQUEST', 'Текст рекомендации должен быть от 1 до 5000 символов');
  const updated = await sql`UPDATE recommendations SET edited_text = ${trimmed}, edited_by = ${actor.id}, edited_at = now(), updated_at = now() WHERE id = ${id}`;
  if (updated.count === 0) throw new AppError('NOT_FOUND', 'Рекомендация не найдена');
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'recommendation.edit', entityType: 'recommendation', entityId: String(id) });
}

/**
 * Manual transitions (the domain's recommendationActions): new → sent (monitor), new or sent →
 * acknowledged (agency). resolved / not_resolved are set by the next measurement; the database
 * trigger refuses anything else.
 */
export async function setRecommendationStatus(sql: Queryable, id: number, status: 'sent' | 'acknowledged', actor: ScoringActor): Promise<void> {
  const [row] = await sql<{ status: RecommendationStatus }[]>`SELECT status FROM recommendations WHERE id = ${id}`;
  if (!row) throw new AppError('NOT_FOUND', 'Рекомендация не найдена');
  const refusal = recommendationMoveRefusal(row.status, status, status === 'sent' ? 'monitor' : 'agency');
  if (refusal) throw new AppError('CONFLICT', refusal);
  await sql`UPDATE recommendations SET status = ${status}, updated_at = now() WHERE id = ${id}`;
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: `recommendation.${status}`, entityType: 'recommendation', entityId: String(id), details: { from: row.status } });
}
