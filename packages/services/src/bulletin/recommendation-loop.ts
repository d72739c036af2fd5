import type { Actor, Sql } from '@most/db';
import { setRecommendationStatus } from '../scoring/set-recommendation-status';

/**
 * Published issue → its new recommendations become "sent" through the scoring workflow's own
 * transition (recommendations already further along are left as they are: a correction or a
 * later issue may carry them again).
 */
export async function markRecommendationsSent(tx: Sql, recommendationIds: number[], actor: Actor): Promise<void> {
  if (recommendationIds.length === 0) return;
  const rows = await tx<{ id: number }[]>`SELECT id FROM recommendations WHERE id = ANY(${recommendationIds}::bigint[]) AND status = 'new' ORDER BY id FOR UPDATE`;
  for (const row of rows) await setRecommendationStatus(tx, row.id, 'sent', actor);
}

/** The agency acknowledged the issue → its sent recommendations become "acknowledged". */
export async function markRecommendationsAcknowledged(tx: Sql, recommendationIds: number[], actor: Actor): Promise<void> {
  if (recommendationIds.length === 0) return;
  const rows = await tx<{ id: number }[]>`SELECT id FROM recommendations WHERE id = ANY(${recommendationIds}::bigint[]) AND status = 'sent' ORDER BY id FOR UPDATE`;
  for (const row of rows) await setRecommendationStatus(tx, row.id, 'acknowledged', actor);
}
