import type { IssueView } from '@most/domain';
import type { Queryable } from '../client';
import { toIso } from './common';
import { loadIssueView } from './issues';

export interface AgencyIssue {
  id: number;
  slug: string;
  title: string;
  periodLabel: string;
  revision: number;
  publishedAt: string;
  acknowledgedAt: string | null;
}

/** Published issues that carry a section for this organization, newest first ("my bulletins"). */
export async function listAgencyIssues(sql: Queryable, organizationId: number): Promise<AgencyIssue[]> {
  const rows = await sql<{ id: number; slug: string; title: string; period_label: string; revision: number; published_at: Date; acknowledged_at: Date | null }[]>`
    SELECT i.id, i.slug, i.title, i.period_label, i.revision, i.published_at, a.acknowledged_at
    FROM bulletin_issues i
    JOIN bulletin_sections s ON s.issue_id = i.id AND s.organization_id = ${organizationId}
    LEFT JOIN bulletin_acknowledgements a ON a.issue_id = i.id AND a.organization_id = ${organizationId}
    WHERE i.state = 'published'
    ORDER BY i.published_at DESC, i.id DESC`;
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    periodLabel: r.period_label,
    revision: r.revision,
    publishedAt: toIso(r.published_at)!,
    acknowledgedAt: toIso(r.acknowledged_at),
  }));
}

/** A published issue as one agency sees it: the public edition followed by its own section only. */
export async function loadAgencyIssueView(sql: Queryable, slug: string, organizationId: number): Promise<(IssueView & { id: number }) | null> {
  const view = await loadIssueView(sql, { slug }, ['public', `org-${organizationId}`]);
  if (view?.state !== 'published' || !view.sections.some((s) => s.organizationId === organizationId)) return null;
  return view;
}
