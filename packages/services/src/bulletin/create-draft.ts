import { AppError } from '@most/shared';
import { generateBulletinDraft, type BulletinDataset, type GenerateOptions } from '@most/domain';
import {
  auditBy,
  inTransaction,
  insertCarriedRecommendations,
  insertIssueContent,
  ISSUE_COLUMNS,
  selectIssue,
  toIssueSummary,
  type Actor,
  type IssueRow,
  type IssueSummary,
  type Queryable,
} from '@most/db';

export interface CreatedDraft {
  created: boolean;
  issue: IssueSummary;
}

/**
 * Generates the draft of a period's first revision from its dataset and stores it. Idempotent:
 * when the period already has an issue, that issue is returned unchanged.
 */
export async function createDraftIssue(sql: Queryable, input: { dataset: BulletinDataset; actor: Actor; options?: GenerateOptions }): Promise<CreatedDraft> {
  const draft = generateBulletinDraft(input.dataset, input.options);
  const { period } = input.dataset;
  return inTransaction(sql, async (tx) => {
    const [row] = await tx<IssueRow[]>`
      INSERT INTO bulletin_issues (period_key, period_start, period_end, period_label, revision, slug, title, dataset, created_by)
      VALUES (${period.key}, ${period.start}, ${period.end}, ${period.label}, 1, ${period.key}, ${draft.title},
              ${tx.json(input.dataset as never)}, ${input.actor.id})
      ON CONFLICT (period_key, revision) DO NOTHING
      RETURNING ${tx.unsafe(ISSUE_COLUMNS)}`;
    if (!row) {
      const existing = await selectIssue(tx, { slug: period.key });
      if (!existing) throw new AppError('CONFLICT', `Выпуск за период ${period.key} уже существует`);
      return { created: false, issue: toIssueSummary(existing) };
    }
    await insertIssueContent(tx, row.id, draft.sections, 'generated');
    await insertCarriedRecommendations(tx, row.id, draft.recommendationIds);
    await auditBy(tx, input.actor, {
      action: 'bulletin.draft.create',
      entityType: 'bulletin_issue',
      entityId: row.id,
      details: { slug: row.slug, sections: draft.sections.length, recommendations: draft.recommendationIds.length },
    });
    return { created: true, issue: toIssueSummary(row) };
  });
}
