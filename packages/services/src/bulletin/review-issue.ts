import { AppError } from '@most/shared';
import type { IssueState } from '@most/domain';
import { auditBy, inTransaction, ISSUE_COLUMNS, lockIssue, toIssueSummary, type Actor, type IssueRow, type IssueSummary, type Queryable } from '@most/db';

/** The editorial workflow of an issue: which state each step starts from and the refusal otherwise. */
export const ISSUE_TRANSITIONS: Record<'submit' | 'return' | 'publish', { from: IssueState; to: IssueState; message: string }> = {
  submit: { from: 'draft', to: 'in_review', message: 'На проверку можно отправить только черновик' },
  return: { from: 'in_review', to: 'draft', message: 'Вернуть в черновик можно только выпуск на проверке' },
  publish: { from: 'in_review', to: 'published', message: 'Опубликовать можно только выпуск, прошедший проверку' },
};

/** draft → in_review. */
export const submitIssueForReview = (sql: Queryable, issueId: number, actor: Actor) => transition(sql, issueId, actor, 'submit');
/** in_review → draft (the reviewer sends it back). */
export const returnIssueToDraft = (sql: Queryable, issueId: number, actor: Actor) => transition(sql, issueId, actor, 'return');

async function transition(sql: Queryable, issueId: number, actor: Actor, name: 'submit' | 'return'): Promise<IssueSummary> {
  const rule = ISSUE_TRANSITIONS[name];
  return inTransaction(sql, async (tx) => {
    const row = await lockIssue(tx, issueId);
    if (row.state !== rule.from) throw new AppError('CONFLICT', rule.message);
    const [updated] = await tx<IssueRow[]>`
      UPDATE bulletin_issues SET state = ${rule.to}, updated_at = now(),
        submitted_at = ${name === 'submit' ? tx`now()` : tx`submitted_at`}
      WHERE id = ${issueId} RETURNING ${tx.unsafe(ISSUE_COLUMNS)}`;
    await auditBy(tx, actor, { action: `bulletin.${name}`, entityType: 'bulletin_issue', entityId: issueId, details: { slug: row.slug, from: rule.from, to: rule.to } });
    return toIssueSummary(updated!);
  });
}
