import { createHash } from 'node:crypto';
import { isHoneypotFilled, normalizeAccountUrl, PAGE_REPORT_LIMITS, pageReportInputSchema, type PageReportDecision, type PageReportInput, type PageReportStatus } from '@most/domain';
import { AppError, type Network } from '@most/shared';
import type { Actor } from '../actor';
import { appendAudit } from '../audit';
import type { Queryable } from '../client';
import { inTransaction } from '../transaction';

/** The client's address is never stored: only this hash, which changes every UTC day. */
export const reporterHash = (clientAddress: string, now: Date = new Date()): string =>
  createHash('sha256')
    .update(`page-report|${now.toISOString().slice(0, 10)}|${clientAddress}`)
    .digest('hex');

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

/**
 * Files a visitor's report in the monitors' queue. Refused with 429 past the hourly limit per
 * client; a report with the honeypot filled is answered like any other and not stored.
 */
export async function submitPageReport(sql: Queryable, raw: PageReportInput, clientAddress: string, now: Date = new Date()): Promise<{ received: true }> {
  const input = pageReportInputSchema.parse(raw);
  if (isHoneypotFilled(input)) return { received: true };
  const hash = reporterHash(clientAddress, now);
  const normalized = normalizeAccountUrl(input.url);
  return inTransaction(sql, async (tx) => {
    // One client's reports are counted under a lock on its hash, so parallel requests cannot slip past the limit.
    await tx`SELECT pg_advisory_xact_lock(hashtext(${hash}))`;
    const [counted] = await tx<{ recent: number }[]>`
      SELECT count(*)::int AS recent FROM page_reports WHERE reporter_hash = ${hash} AND created_at > ${now}::timestamptz - interval '1 hour'`;
    if ((counted?.recent ?? 0) >= PAGE_REPORT_LIMITS.perClientPerHour) {
      throw new AppError('TOO_MANY_REQUESTS', 'Слишком много сообщений с этого адреса: попробуйте через час', { details: { perHour: PAGE_REPORT_LIMITS.perClientPerHour } });
    }
    await tx`
      INSERT INTO page_reports (url, canonical_url, network, reason, reporter_hash, created_at)
      VALUES (${input.url}, ${normalized.ok ? normalized.account.canonicalUrl : null}, ${normalized.ok ? normalized.account.network : null}, ${input.reason}, ${hash}, ${now})`;
    return { received: true as const };
  });
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

/** A monitor's decision on one report, with an audit entry; deciding again replaces the decision (and is audited too). */
export async function decidePageReport(sql: Queryable, input: { id: number; decision: PageReportDecision; note: string }, actor: Actor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const [before] = await tx<{ status: PageReportStatus }[]>`SELECT status FROM page_reports WHERE id = ${input.id} FOR UPDATE`;
    if (!before) throw new AppError('NOT_FOUND', 'Сообщение не найдено', { details: { id: input.id } });
    await tx`
      UPDATE page_reports SET status = ${input.decision}, decided_at = now(), decided_by = ${actor.id}, decision_note = ${input.note}
      WHERE id = ${input.id}`;
    await appendAudit(tx, {
      actorId: actor.id,
      actorLabel: actor.label,
      action: 'page_report.decide',
      entityType: 'page_report',
      entityId: String(input.id),
      details: { from: before.status, to: input.decision, note: input.note },
    });
  });
}
