import { AppError } from '@most/shared';
import { sanitizeMarkdown } from '@most/domain';
import { auditBy, inTransaction, ISSUE_COLUMNS, lockIssue, toIssueSummary, type Actor, type IssueRow, type IssueSummary, type Queryable } from '@most/db';

/**
 * Starts a correction of a published issue: a new draft revision with the same content and a
 * visible note, published through the same workflow. Only the latest published revision can be corrected.
 */
export async function createCorrection(sql: Queryable, input: { issueId: number; note: string; actor: Actor }): Promise<IssueSummary> {
  const note = sanitizeMarkdown(input.note);
  if (note.length === 0 || note.length > 5_000) throw new AppError('BAD_REQUEST', 'Укажите примечание к исправлению (до 5000 символов)');
  return inTransaction(sql, async (tx) => {
    const original = await lockIssue(tx, input.issueId);
    if (original.state !== 'published') throw new AppError('CONFLICT', 'Исправить можно только опубликованный выпуск; черновик редактируется напрямую');
    const [latest] = await tx<{ revision: number; open: boolean }[]>`
      SELECT max(revision)::int AS revision, bool_or(state <> 'published') AS open FROM bulletin_issues WHERE period_key = ${original.period_key}`;
    if (latest?.open) throw new AppError('CONFLICT', 'Исправление этого выпуска уже готовится');
    if (latest && latest.revision !== original.revision) throw new AppError('CONFLICT', 'Исправлять нужно последнюю редакцию выпуска');
    const revision = original.revision + 1;
    const [created] = await tx<IssueRow[]>`
      INSERT INTO bulletin_issues (period_key, period_start, period_end, period_label, revision, slug, title, dataset,
                                   corrects_issue_id, correction_note, created_by)
      SELECT period_key, period_start, period_end, period_label, ${revision}, ${`${original.period_key}-r${revision}`}, title, dataset,
             id, ${note}, ${input.actor.id}
      FROM bulletin_issues WHERE id = ${original.id}
      RETURNING ${tx.unsafe(ISSUE_COLUMNS)}`;
    const issueId = created!.id;
    await tx`
      INSERT INTO bulletin_sections (issue_id, key, position, audience, organization_id, title)
      SELECT ${issueId}, key, position, audience, organization_id, title FROM bulletin_sections WHERE issue_id = ${original.id}`;
    await tx`
      INSERT INTO bulletin_blocks (issue_id, section_key, key, position, kind, content, origin, edited_by, edited_at)
      SELECT ${issueId}, section_key, key, position, kind, content, origin, edited_by, edited_at FROM bulletin_blocks WHERE issue_id = ${original.id}`;
    await tx`
      INSERT INTO bulletin_issue_recommendations (issue_id, recommendation_id, organization_id)
      SELECT ${issueId}, recommendation_id, organization_id FROM bulletin_issue_recommendations WHERE issue_id = ${original.id}`;
    await auditBy(tx, input.actor, { action: 'bulletin.correction.create', entityType: 'bulletin_issue', entityId: issueId, details: { slug: created!.slug, corrects: original.slug } });
    return toIssueSummary(created!);
  });
}
