import { AppError } from '@most/shared';
import { auditBy, inTransaction, lockIssue, type Actor, type Queryable } from '@most/db';

/** Deletes a draft that should not be published (never a published issue: the trigger refuses). */
export async function discardDraft(sql: Queryable, issueId: number, actor: Actor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const row = await lockIssue(tx, issueId);
    if (row.state === 'published') throw new AppError('CONFLICT', 'Опубликованный выпуск нельзя удалить');
    await tx`DELETE FROM bulletin_issues WHERE id = ${issueId}`;
    await auditBy(tx, actor, { action: 'bulletin.draft.discard', entityType: 'bulletin_issue', entityId: issueId, details: { slug: row.slug } });
  });
}
