import { appendAudit, type Queryable } from '@most/db';
import type { ScoringActor } from '@most/db/scoring';
import { recommendationMoveRefusal, type RecommendationStatus } from '@most/domain';
import { AppError } from '@most/shared';

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
