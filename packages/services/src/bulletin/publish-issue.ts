import { AppError } from '@most/shared';
import { auditBy, INSERT_CHUNK, inTransaction, ISSUE_COLUMNS, lockIssue, newLinkToken, toIssueSummary, type Actor, type IssueRow, type IssueSummary, type Queryable, type Sql } from '@most/db';
import { markRecommendationsSent } from './recommendation-loop';
import { ISSUE_TRANSITIONS } from './review-issue';

export interface PublishedIssue {
  issue: IssueSummary;
  /** Recommendations carried by the issue, now "sent". */
  recommendationIds: number[];
}

/**
 * in_review → published. Creates the agencies' acknowledgement links and marks the carried
 * recommendations as sent (the scoring workflow's status update, or `markSent`), all in one
 * transaction. After this the issue cannot change.
 */
export async function publishIssue(
  sql: Queryable,
  input: { issueId: number; actor: Actor; markSent?: (tx: Sql, recommendationIds: number[], actor: Actor) => Promise<void> },
): Promise<PublishedIssue> {
  return inTransaction(sql, async (tx) => {
    const row = await lockIssue(tx, input.issueId);
    if (row.state !== 'in_review') throw new AppError('CONFLICT', ISSUE_TRANSITIONS.publish.message);
    const agencies = await tx<{ organization_id: number }[]>`
      SELECT organization_id FROM bulletin_sections WHERE issue_id = ${row.id} AND audience = 'agency' ORDER BY position`;
    const links = agencies.map((a) => ({ issue_id: row.id, organization_id: a.organization_id, token: newLinkToken() }));
    for (let i = 0; i < links.length; i += INSERT_CHUNK) {
      await tx`INSERT INTO bulletin_acknowledgements ${tx(links.slice(i, i + INSERT_CHUNK))} ON CONFLICT DO NOTHING`;
    }
    const carried = await tx<{ recommendation_id: number }[]>`
      SELECT recommendation_id FROM bulletin_issue_recommendations WHERE issue_id = ${row.id} ORDER BY recommendation_id`;
    const recommendationIds = carried.map((c) => c.recommendation_id);
    if (recommendationIds.length > 0) await (input.markSent ?? markRecommendationsSent)(tx, recommendationIds, input.actor);
    const [updated] = await tx<IssueRow[]>`
      UPDATE bulletin_issues SET state = 'published', published_at = now(), published_by = ${input.actor.id}, updated_at = now()
      WHERE id = ${row.id} RETURNING ${tx.unsafe(ISSUE_COLUMNS)}`;
    await auditBy(tx, input.actor, {
      action: 'bulletin.publish',
      entityType: 'bulletin_issue',
      entityId: row.id,
      details: { slug: row.slug, revision: row.revision, agencies: links.length, recommendations: recommendationIds.length },
    });
    return { issue: toIssueSummary(updated!), recommendationIds };
  });
}
