import { appendAudit, type Queryable } from '@most/db';
import type { ScoringActor } from '@most/db/scoring';
import { AppError } from '@most/shared';

/** A monitor rewrites a recommendation; regeneration never overwrites the edit. */
export async function editRecommendation(sql: Queryable, id: number, text: string, actor: ScoringActor): Promise<void> {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 5000) throw new AppError('BAD_REQUEST', 'Текст рекомендации должен быть от 1 до 5000 символов');
  const updated = await sql`UPDATE recommendations SET edited_text = ${trimmed}, edited_by = ${actor.id}, edited_at = now(), updated_at = now() WHERE id = ${id}`;
  if (updated.count === 0) throw new AppError('NOT_FOUND', 'Рекомендация не найдена');
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'recommendation.edit', entityType: 'recommendation', entityId: String(id) });
}
