import type { Queryable, Sql } from '../client';
import { appendAudit } from '../audit';
import { inTransaction, toIso, type BulletinActor } from './common';
import { markRecommendationsAcknowledged } from './recommendation-loop';

export interface AcknowledgementLink {
  issueId: number;
  issueSlug: string;
  issueTitle: string;
  organizationId: number;
  organizationName: string;
  acknowledgedAt: string | null;
}

export async function findAcknowledgement(sql: Queryable, token: string): Promise<AcknowledgementLink | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const [row] = await sql<{ issue_id: number; slug: string; title: string; organization_id: number; section_title: string; acknowledged_at: Date | null }[]>`
    SELECT a.issue_id, i.slug, i.title, a.organization_id, s.title AS section_title, a.acknowledged_at
    FROM bulletin_acknowledgements a
    JOIN bulletin_issues i ON i.id = a.issue_id
    JOIN bulletin_sections s ON s.issue_id = a.issue_id AND s.organization_id = a.organization_id
    WHERE a.token = ${token}`;
  if (!row) return null;
  return {
    issueId: row.issue_id,
    issueSlug: row.slug,
    issueTitle: row.title,
    organizationId: row.organization_id,
    organizationName: row.section_title,
    acknowledgedAt: toIso(row.acknowledged_at),
  };
}

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
    actor: BulletinActor;
    markAcknowledged?: (tx: Sql, recommendationIds: number[], actor: BulletinActor) => Promise<void>;
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
      await appendAudit(tx, {
        actorId: input.actor.id,
        actorLabel: input.actor.label,
        action: 'bulletin.acknowledge',
        entityType: 'bulletin_issue',
        entityId: String(row.issue_id),
        details: { organizationId: row.organization_id, recommendations: carried.length },
      });
    }
    const link = await findAcknowledgement(tx, row.token);
    return link ? { ...link, alreadyAcknowledged: already } : null;
  });
}

/** Per agency of an issue: whether it confirmed receipt (for the editor's delivery view). */
export async function listBulletinAcknowledgements(sql: Queryable, issueId: number): Promise<{ organizationId: number; organizationName: string; acknowledgedAt: string | null }[]> {
  const rows = await sql<{ organization_id: number; title: string; acknowledged_at: Date | null }[]>`
    SELECT a.organization_id, s.title, a.acknowledged_at
    FROM bulletin_acknowledgements a
    JOIN bulletin_sections s ON s.issue_id = a.issue_id AND s.organization_id = a.organization_id
    WHERE a.issue_id = ${issueId} ORDER BY s.position`;
  return rows.map((r) => ({ organizationId: r.organization_id, organizationName: r.title, acknowledgedAt: toIso(r.acknowledged_at) }));
}
