import { appendAudit, inTransaction, lockPageReportStatus, setPageReportDecision, type Actor, type Queryable } from '@most/db';
import type { PageReportDecision } from '@most/domain';
import { AppError } from '@most/shared';

/** A monitor's decision on one report, with an audit entry; deciding again replaces the decision (and is audited too). */
export async function decidePageReport(sql: Queryable, input: { id: number; decision: PageReportDecision; note: string }, actor: Actor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const before = await lockPageReportStatus(tx, input.id);
    if (!before) throw new AppError('NOT_FOUND', 'Сообщение не найдено', { details: { id: input.id } });
    await setPageReportDecision(tx, { id: input.id, status: input.decision, note: input.note, decidedBy: actor.id });
    await appendAudit(tx, {
      actorId: actor.id,
      actorLabel: actor.label,
      action: 'page_report.decide',
      entityType: 'page_report',
      entityId: String(input.id),
      details: { from: before, to: input.decision, note: input.note },
    });
  });
}
