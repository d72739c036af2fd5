import type { Queryable } from '../client';
import { toIso } from './common';

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

/** Per agency of an issue: whether it confirmed receipt (for the editor's delivery view). */
export async function listBulletinAcknowledgements(sql: Queryable, issueId: number): Promise<{ organizationId: number; organizationName: string; acknowledgedAt: string | null }[]> {
  const rows = await sql<{ organization_id: number; title: string; acknowledged_at: Date | null }[]>`
    SELECT a.organization_id, s.title, a.acknowledged_at
    FROM bulletin_acknowledgements a
    JOIN bulletin_sections s ON s.issue_id = a.issue_id AND s.organization_id = a.organization_id
    WHERE a.issue_id = ${issueId} ORDER BY s.position`;
  return rows.map((r) => ({ organizationId: r.organization_id, organizationName: r.title, acknowledgedAt: toIso(r.acknowledged_at) }));
}
