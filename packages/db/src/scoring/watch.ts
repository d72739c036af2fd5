import { isApplicable, pseudonymLabel, quoteCitizenText, slaDeadline, slaDistribution, type SlaDistribution } from '@most/domain';
import type { Network, OrganizationKind, Sector } from '@most/shared';
import type { Queryable } from '../client';
import { JOINS_THREAD_QUESTION, MEASUREMENT_HORIZON_DAYS, REPLY_MATCH } from './measure';
import { loadMethodology } from './methodology';

/** One citizen question of an organization's pages that no page reply has answered yet. */
export interface OpenQuestion {
  questionId: number;
  accountId: number;
  accountUrl: string;
  network: string;
  /** The public post and the comment on the network itself. */
  postUrl: string;
  commentUrl: string;
  /** A short label of the author's pseudonym; never a name or a profile link. */
  citizen: string;
  /** The question, redacted (contacts and profile references removed) and bounded. */
  text: string;
  category: string;
  /** A monitor confirmed the detection (otherwise it is the classifier's). */
  confirmed: boolean;
  askedAt: Date;
  /** By the methodology's SLA policy (24 h on the calendar clock in v1). */
  deadlineAt: Date;
}

/**
 * Open questions of one organization: citizen comments that need an answer (detected or confirmed),
 * not deleted or excluded, not a "me too" joining a thread's question, asked in the last `days` days, with no page reply yet as of `now`
 * (the same reply-matching rules as the SLA measurement). Most urgent (earliest deadline) first.
 */
export async function listOpenQuestions(sql: Queryable, organizationId: number, options: { now?: Date; days?: number; limit?: number } = {}): Promise<OpenQuestion[]> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - (options.days ?? MEASUREMENT_HORIZON_DAYS) * 86_400_000);
  const { methodology } = await loadMethodology(sql);
  const rows = await sql<
    { id: number; accountId: number; accountUrl: string; network: string; postUrl: string; url: string; author: string; text: string; category: string; confirmed: boolean; askedAt: Date }[]
  >`
    WITH q AS (${watchQuestions(sql, organizationId, since, now)})
    SELECT q.id, q.account_id AS "accountId", q.canonical_url AS "accountUrl", q.network, q.post_url AS "postUrl", q.url,
           q.author_pseudonym AS author, q.text, q.category, q.confirmed, q.asked_at AS "askedAt"
    FROM q
    WHERE NOT EXISTS (SELECT 1 FROM comments r LEFT JOIN comments t ON t.id = r.reply_to_comment_id WHERE ${sql.unsafe(REPLY_MATCH)})
    ORDER BY q.asked_at, q.id
    LIMIT ${Math.min(options.limit ?? 500, 2000)}`;
  return rows
    .map((r) => ({
      questionId: r.id,
      accountId: r.accountId,
      accountUrl: r.accountUrl,
      network: r.network,
      postUrl: r.postUrl,
      commentUrl: r.url,
      citizen: pseudonymLabel(r.author),
      text: quoteCitizenText(r.text, 280),
      category: r.category,
      confirmed: r.confirmed,
      askedAt: r.askedAt,
      deadlineAt: new Date(slaDeadline(methodology.sla, r.askedAt.getTime())),
    }))
    .sort((a, b) => a.deadlineAt.getTime() - b.deadlineAt.getTime() || a.questionId - b.questionId);
}

/**
 * Citizen comments of an organization's pages that need an answer, asked in [since, now]: not
 * deleted, not excluded, not a "me too" joining a thread's question. Columns as REPLY_MATCH needs.
 */
export function watchQuestions(sql: Queryable, organizationId: number, since: Date, now: Date) {
  return sql`
      SELECT c.id, c.account_id, c.post_id, c.published_at AS asked_at, c.author_pseudonym, COALESCE(c.thread_root_id, c.id) AS thread,
             ${now}::timestamptz AS evaluated_at, c.url, c.text, p.url AS post_url, a.canonical_url, a.network,
             cc.effective_category AS category, cc.overridden_at IS NOT NULL AS confirmed
      FROM comments c
      JOIN accounts a ON a.id = c.account_id AND a.organization_id = ${organizationId} AND a.removed_at IS NULL
      JOIN posts p ON p.id = c.post_id
      JOIN comment_classifications cc ON cc.comment_id = c.id AND cc.effective_needs_answer
      WHERE NOT c.from_page AND c.deleted_at IS NULL AND c.published_at >= ${since} AND c.published_at <= ${now}
        AND NOT EXISTS (SELECT 1 FROM question_exclusions x WHERE x.comment_id = c.id)
        AND NOT ${sql.unsafe(JOINS_THREAD_QUESTION)}`;
}

/** The SLA distribution and response-time percentiles of an organization's questions asked in [from, to). */
export async function organizationSlaDistribution(sql: Queryable, organizationId: number, range: { from: Date; to: Date }): Promise<SlaDistribution> {
  const rows = await sql<{ state: 'answered_in_time' | 'answered_late' | 'open_within_window' | 'breached' | 'excluded'; firstResponseSeconds: number | null }[]>`
    SELECT qm.state, qm.first_response_seconds AS "firstResponseSeconds"
    FROM question_measurements qm JOIN accounts a ON a.id = qm.account_id
    WHERE a.organization_id = ${organizationId} AND qm.asked_at >= ${range.from} AND qm.asked_at < ${range.to}`;
  return slaDistribution(rows);
}

/** An account as the manual-scoring screen lists it: how many of its applicable manual criteria are scored. */
export interface ManualScoringAccount {
  accountId: number;
  organizationId: number;
  organizationName: string;
  network: string;
  canonicalUrl: string;
  /** Codes of the manual criteria that apply to this account (network, organization kind, sector). */
  applicableCodes: string[];
  applicable: number;
  assessed: number;
  lastAssessedAt: Date | null;
}

/** Accounts with the manual criteria that apply to them; those still awaiting scores first. */
export async function listManualScoringAccounts(sql: Queryable, options: { search?: string; limit?: number } = {}): Promise<ManualScoringAccount[]> {
  const { methodology } = await loadMethodology(sql);
  const manual = methodology.criteria.filter((c) => c.evaluation.kind === 'manual');
  const pattern = options.search ? `%${options.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const rows = await sql<
    {
      accountId: number;
      organizationId: number;
      organizationName: string;
      network: Network;
      canonicalUrl: string;
      kind: OrganizationKind;
      sector: Sector;
      codes: string[];
      lastAssessedAt: Date | null;
    }[]
  >`
    SELECT a.id AS "accountId", o.id AS "organizationId", o.short_name AS "organizationName", a.network, a.canonical_url AS "canonicalUrl",
           o.kind, o.sector,
           COALESCE((SELECT array_agg(DISTINCT m.criterion_code) FROM manual_assessments m WHERE m.account_id = a.id), '{}') AS codes,
           (SELECT max(m.assessed_at) FROM manual_assessments m WHERE m.account_id = a.id) AS "lastAssessedAt"
    FROM accounts a JOIN organizations o ON o.id = a.organization_id
    WHERE a.removed_at IS NULL
      ${pattern ? sql`AND (o.short_name ILIKE ${pattern} OR o.full_name ILIKE ${pattern} OR a.canonical_url ILIKE ${pattern} OR o.code ILIKE ${pattern})` : sql``}
    ORDER BY o.short_name, a.canonical_url
    LIMIT ${Math.min(options.limit ?? 200, 1000)}`;
  return rows
    .map((r) => {
      const applicable = manual.filter((c) => isApplicable(c, { network: r.network, organizationKind: r.kind, sector: r.sector }));
      const done = new Set(r.codes);
      return {
        accountId: r.accountId,
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        network: r.network,
        canonicalUrl: r.canonicalUrl,
        applicableCodes: applicable.map((c) => c.code),
        applicable: applicable.length,
        assessed: applicable.filter((c) => done.has(c.code)).length,
        lastAssessedAt: r.lastAssessedAt,
      };
    })
    .sort((a, b) => b.applicable - b.assessed - (a.applicable - a.assessed));
}

/** The latest manual assessment of each criterion of one account, with who made it. */
export async function listAccountManualAssessments(sql: Queryable, accountId: number) {
  return sql<{ id: number; criterionCode: string; score: number | null; note: string | null; validFrom: string; assessedAt: Date; assessedBy: string | null }[]>`
    SELECT DISTINCT ON (m.criterion_code) m.id, m.criterion_code AS "criterionCode", m.score, m.note, m.valid_from::text AS "validFrom",
           m.assessed_at AS "assessedAt", u.email AS "assessedBy"
    FROM manual_assessments m LEFT JOIN users u ON u.id = m.assessed_by
    WHERE m.account_id = ${accountId}
    ORDER BY m.criterion_code, m.valid_from DESC, m.id DESC`;
}
