import { appendAudit, type Queryable } from '@most/db';
import { type ScoringActor, writeRecommendationText } from '@most/db/scoring';
import { AppError } from '@most/shared';

/** A monitor rewrites a recommendation; regeneration never overwrites the edit. */
export async function editRecommendation(sql: Queryable, id: number, text: string, actor: ScoringActor): Promise<void> {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 5000) throw new AppError('BAD_REQUEST', 'Текст рекомендации должен быть от 1 до 5000 символов');
  if (!(await writeRecommendationText(sql, id, trimmed, actor.id))) throw new AppError('NOT_FOUND', 'Рекомендация не найдена');
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'recommendation.edit', entityType: 'recommendation', entityId: String(id) });
}
