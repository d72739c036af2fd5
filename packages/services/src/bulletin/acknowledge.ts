import { auditBy, findAcknowledgement, inTransaction, type AcknowledgementLink, type Actor, type Queryable, type Sql } from '@most/db';
import { markRecommendationsAcknowledged } from './recommendation-loop';

/**
 * The agency confirms it received the issue's recommendations (through the e-mail link or while
 * signed in). `markAcknowledged` moves the carried recommendations on in the scoring workflow.
 */
export async function acknowledgeBulletin(
  sql: Queryable,
  input: {
    token?: string;
    issueId?: number;
    organizationId?: number;
    actor: Actor;
    markAcknowledged?: (tx: Sql, recommendationIds: number[], actor: Actor) => Promise<void>;
  },
): Promise<(AcknowledgementLink & { alreadyAcknowledged: boolean }) | null> {
  return inTransaction(sql, async (tx) => {
    const [row] = input.token
      ? await tx<{ issue_id: number; organization_id: number; token: string; acknowledged_at: Date | null }[]>`
          SELECT issue_id, organization_id, token, acknowledged_at FROM bulletin_acknowledgements WHERE token = ${input.token} FOR UPDATE`
      : await tx<{ issue_id: number; organization_id: number; token: string; acknowledged_at: Date | null }[]>`
          SELECT issue_id, organization_id, token, acknowledged_at FROM bulletin_acknowledgements
          WHERE issue_id = ${input.issueId ?? 0} AND organization_id = ${input.organizationId ?? 0} FOR UPDATE`;
    if (!row) return null;
    const already = row.acknowledged_at !== null;
    if (!already) {
      await tx`
        UPDATE bulletin_acknowledgements SET acknowledged_at = now(), acknowledged_by = ${input.actor.id}
        WHERE issue_id = ${row.issue_id} AND organization_id = ${row.organization_id}`;
      const carried = await tx<{ recommendation_id: number }[]>`
        SELECT recommendation_id FROM bulletin_issue_recommendations
        WHERE issue_id = ${row.issue_id} AND organization_id = ${row.organization_id} ORDER BY recommendation_id`;
      if (carried.length > 0)
        await (input.markAcknowledged ?? markRecommendationsAcknowledged)(
          tx,
          carried.map((c) => c.recommendation_id),
          input.actor,
        );
      await auditBy(tx, input.actor, {
        action: 'bulletin.acknowledge',
        entityType: 'bulletin_issue',
        entityId: row.issue_id,
        details: { organizationId: row.organization_id, recommendations: carried.length },
      });
    }
    const link = await findAcknowledgement(tx, row.token);
    return link ? { ...link, alreadyAcknowledged: already } : null;
  });
}
