import type { PageReportDecision, PageReportStatus } from '@most/domain';
import type { Network } from '@most/shared';
import type { Queryable } from '../client';

export interface PageReport {
  id: number;
  url: string;
  canonicalUrl: string | null;
  network: Network | null;
  reason: string;
  status: PageReportStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string;
  /** The page as the registry knows it today (by its canonical address). */
  registry: { official: boolean; organizationCode: string; organizationName: string } | null;
}

/** Reports filed under this reporter hash since `since` (the hourly limit). */
export async function countPageReportsSince(sql: Queryable, reporterHash: string, since: Date): Promise<number> {
  const [counted] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM page_reports WHERE reporter_hash = ${reporterHash} AND created_at > ${since}`;
  return counted?.n ?? 0;
}

/** Serialises one reporter's filings until the end of the caller's transaction. */
export async function lockPageReporter(sql: Queryable, reporterHash: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${reporterHash}))`;
}

export async function insertPageReport(
  sql: Queryable,
  report: { url: string; canonicalUrl: string | null; network: Network | null; reason: string; reporterHash: string; createdAt: Date },
): Promise<void> {
  await sql`
    INSERT INTO page_reports (url, canonical_url, network, reason, reporter_hash, created_at)
    VALUES (${report.url}, ${report.canonicalUrl}, ${report.network}, ${report.reason}, ${report.reporterHash}, ${report.createdAt})`;
}

/** The report's status, locked for a decision in the caller's transaction; null when there is no such report. */
export async function lockPageReportStatus(sql: Queryable, id: number): Promise<PageReportStatus | null> {
  const [row] = await sql<{ status: PageReportStatus }[]>`SELECT status FROM page_reports WHERE id = ${id} FOR UPDATE`;
  return row?.status ?? null;
}

export async function setPageReportDecision(sql: Queryable, decision: { id: number; status: PageReportDecision; note: string; decidedBy: number | null }): Promise<void> {
  await sql`
    UPDATE page_reports SET status = ${decision.status}, decided_at = now(), decided_by = ${decision.decidedBy}, decision_note = ${decision.note}
    WHERE id = ${decision.id}`;
}

interface ReportRow {
  id: string;
  url: string;
  canonical_url: string | null;
  network: Network | null;
  reason: string;
  status: PageReportStatus;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decision_note: string;
  official: boolean | null;
  organization_code: string | null;
  organization_name: string | null;
}

/** The monitors' queue: new reports first (oldest first), then decided ones (newest decision first). */
export async function listPageReports(sql: Queryable, filter: { status?: PageReportStatus | undefined; limit?: number } = {}): Promise<PageReport[]> {
  const rows = await sql<ReportRow[]>`
    SELECT r.id::text, r.url, r.canonical_url, r.network, r.reason, r.status, r.created_at, r.decided_at, u.email AS decided_by, r.decision_note,
           a.is_official AS official, o.code AS organization_code, o.short_name AS organization_name
    FROM page_reports r
    LEFT JOIN users u ON u.id = r.decided_by
    LEFT JOIN LATERAL (SELECT * FROM accounts a WHERE a.canonical_url = r.canonical_url AND a.removed_at IS NULL ORDER BY a.is_official DESC, a.id LIMIT 1) a ON true
    LEFT JOIN organizations o ON o.id = a.organization_id
    WHERE ${filter.status ? sql`r.status = ${filter.status}` : sql`true`}
    ORDER BY (r.status = 'new') DESC, CASE WHEN r.status = 'new' THEN r.created_at END ASC, r.decided_at DESC, r.id DESC
    LIMIT ${Math.min(Math.max(filter.limit ?? 200, 1), 500)}`;
  return rows.map((r) => ({
    id: Number(r.id),
    url: r.url,
    canonicalUrl: r.canonical_url,
    network: r.network,
    reason: r.reason,
    status: r.status,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    registry: r.organization_code === null ? null : { official: r.official === true, organizationCode: r.organization_code, organizationName: r.organization_name ?? '' },
  }));
}
