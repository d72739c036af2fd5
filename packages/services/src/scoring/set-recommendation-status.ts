import { appendAudit, type Queryable } from '@most/db';
import { recommendationStatusOf, type ScoringActor, writeRecommendationStatus } from '@most/db/scoring';
import { recommendationMoveRefusal } from '@most/domain';
import { AppError } from '@most/shared';

/**
 * Manual transitions (the domain's recommendationActions): new → sent (monitor), new or sent →
 * acknowledged (agency). resolved / not_resolved are set by the next measurement; the database
 * trigger refuses anything else.
 */
export async function setRecommendationStatus(sql: Queryable, id: number, status: 'sent' | 'acknowledged', actor: ScoringActor): Promise<void> {
  const current = await recommendationStatusOf(sql, id);
  if (!current) throw new AppError('NOT_FOUND', 'Рекомендация не найдена');
  const refusal = recommendationMoveRefusal(current, status, status === 'sent' ? 'monitor' : 'agency');
  if (refusal) throw new AppError('CONFLICT', refusal);
  await writeRecommendationStatus(sql, id, status);
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: `recommendation.${status}`, entityType: 'recommendation', entityId: String(id), details: { from: current } });
}
