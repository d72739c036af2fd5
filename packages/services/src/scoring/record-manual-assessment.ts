import { appendAudit, type Queryable } from '@most/db';
import { insertManualAssessment, loadMethodology, type ScoringActor } from '@most/db/scoring';
import { AppError } from '@most/shared';

/**
 * A monitor scores a manual criterion for an account from a date on; a null score records that
 * the criterion does not apply to this page, which needs the reason in the note.
 */
export async function recordManualAssessment(
  sql: Queryable,
  input: { accountId: number; criterionCode: string; score: number | null; validFrom: string; note?: string },
  actor: ScoringActor,
): Promise<number> {
  const { methodology } = await loadMethodology(sql);
  const criterion = methodology.criteria.find((c) => c.code === input.criterionCode);
  if (criterion?.evaluation.kind !== 'manual') throw new AppError('BAD_REQUEST', `Критерий ${input.criterionCode} не оценивается вручную`);
  const { min, max } = criterion.evaluation.scale;
  if (input.score === null) {
    if (!input.note?.trim()) throw new AppError('BAD_REQUEST', 'Укажите, почему критерий не применим к этой странице', { details: { note: 'required when the criterion does not apply' } });
  } else if (!Number.isInteger(input.score) || input.score < min || input.score > max) {
    throw new AppError('BAD_REQUEST', `Оценка должна быть целым числом от ${min} до ${max}`);
  }
  const id = await insertManualAssessment(sql, { ...input, note: input.note?.slice(0, 2000) ?? null, assessedBy: actor.id });
  await appendAudit(sql, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: 'manual_assessment.record',
    entityType: 'account',
    entityId: String(input.accountId),
    details: { criterion: input.criterionCode, score: input.score },
  });
  return id;
}
