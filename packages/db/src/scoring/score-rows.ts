import {
  buildRecommendations,
  PAGE_UNREAD_REASONS,
  statusFor,
  type CriterionOverride,
  type ManualScore,
  type Methodology,
  type Period,
  type PostInput,
  type QuestionEvidence,
  type ScoreResult,
  type SlaState,
} from '@most/domain';
import type { Network, OrganizationKind, Sector } from '@most/shared';
import type { Queryable } from '../client';
import { chunked } from '../crawl/text';
import { profileInput, type StoredProfile } from './inputs';

/** Median ERpost / ERview per sector, the inputs of ER_POST / ER_VIEW. */
export type SectorPeers = Record<string, { erPostMedian: number | null; erViewMedian: number | null }>;

/** Seconds (as stored) to milliseconds (as the domain counts). */
export const toMs = (seconds: number | null) => (seconds === null ? null : seconds * 1000);

export interface AccountRow {
  id: number;
  organizationId: number;
  network: Network;
  kind: OrganizationKind;
  sector: Sector;
}

export interface SlaRow {
  accountId: number;
  inTime: number;
  late: number;
  breached: number;
  open: number;
  deleted: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  subAssessed: number;
  subAnswered: number;
  subInTime: number;
  subMedianSeconds: number | null;
}

/** What organization aggregation keeps of each account's result (evidence is dropped to save memory). */
export interface AccountTotal {
  ok: boolean;
  total: number | null;
  decided: number;
  criteria: Map<string, { points: number; maxPoints: number }>;
}

/**
 * Refreshes a table's planner statistics (a bulk rescore fills tables that had none). For the
 * partitioned posts and comments this samples the whole table and each month's partition: autovacuum
 * never analyzes a partitioned table itself, and lags behind a partition the crawler has just filled.
 */
export async function refreshStatistics(sql: Queryable, table: 'comment_classifications' | 'question_measurements' | 'posts' | 'comments'): Promise<void> {
  await sql`ANALYZE ${sql(table)}`;
}

/** The methodology versions an account's period was already scored under. */
export async function scoredVersions(sql: Queryable, accountId: number, periodKind: string, periodStart: string): Promise<number[]> {
  const rows = await sql<{ version: number }[]>`
    SELECT DISTINCT methodology_version AS version FROM account_scores
    WHERE account_id = ${accountId} AND period_kind = ${periodKind} AND period_start = ${periodStart}::date`;
  return rows.map((r) => r.version);
}

/** Accounts in scope, widened to every account of the organizations concerned. */
export async function loadAccounts(sql: Queryable, accountIds?: readonly number[]): Promise<AccountRow[]> {
  return sql<AccountRow[]>`
    SELECT a.id, a.organization_id AS "organizationId", a.network, o.kind, o.sector
    FROM accounts a JOIN organizations o ON o.id = a.organization_id
    WHERE a.removed_at IS NULL
      ${accountIds ? sql`AND a.organization_id IN (SELECT organization_id FROM accounts WHERE id = ANY(${accountIds as number[]}::bigint[]))` : sql``}
    ORDER BY a.id`;
}

/** Accounts of the scope that were not asked for (the other accounts of their organizations). */
export const siblingIds = (scope: readonly AccountRow[], asked: readonly number[]): number[] => {
  const wanted = new Set(asked);
  return scope.filter((a) => !wanted.has(a.id)).map((a) => a.id);
};

/** What organization aggregation needs of accounts already scored for the period, from their stored rows. */
export async function loadStoredTotals(sql: Queryable, ids: number[], period: Period, version: number): Promise<Map<number, AccountTotal>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ accountId: number; status: string; total: string | null; decided: number; criteria: [string, number, number][] }[]>`
    SELECT s.account_id AS "accountId", s.status, s.total::text AS total, s.decided_questions AS decided,
      COALESCE((SELECT json_agg(json_build_array(c.criterion_code, c.points, c.max_points)) FROM account_criterion_scores c
                WHERE c.account_id = s.account_id AND c.period_kind = s.period_kind AND c.period_start = s.period_start
                  AND c.methodology_version = s.methodology_version), '[]') AS criteria
    FROM account_scores s
    WHERE s.account_id = ANY(${ids}::bigint[]) AND s.period_kind = ${period.kind} AND s.period_start = ${period.start}::date AND s.methodology_version = ${version}`;
  return new Map(
    rows.map((r) => [
      r.accountId,
      {
        ok: r.status === 'ok',
        total: r.total === null ? null : Number(r.total),
        decided: r.decided,
        criteria: new Map(r.criteria.map(([code, points, maxPoints]) => [code, { points, maxPoints }])),
      },
    ]),
  );
}

export async function loadSla(sql: Queryable, ids: number[], from: Date, to: Date): Promise<Map<number, SlaRow>> {
  const rows = await sql<SlaRow[]>`
    SELECT account_id AS "accountId",
      count(*) FILTER (WHERE state = 'answered_in_time')::int AS "inTime",
      count(*) FILTER (WHERE state = 'answered_late')::int AS late,
      count(*) FILTER (WHERE state = 'breached')::int AS breached,
      count(*) FILTER (WHERE state = 'open_within_window')::int AS open,
      count(*) FILTER (WHERE excluded_reason = 'deleted')::int AS deleted,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_seconds) FILTER (WHERE state IN ('answered_in_time', 'answered_late')) AS "medianSeconds",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_seconds) FILTER (WHERE state IN ('answered_in_time', 'answered_late')) AS "p90Seconds",
      count(*) FILTER (WHERE substantive_state IN ('answered_in_time', 'answered_late', 'breached'))::int AS "subAssessed",
      count(*) FILTER (WHERE substantive_state IN ('answered_in_time', 'answered_late'))::int AS "subAnswered",
      count(*) FILTER (WHERE substantive_state = 'answered_in_time')::int AS "subInTime",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY substantive_seconds) FILTER (WHERE substantive_seconds IS NOT NULL AND substantive_state <> 'open_within_window') AS "subMedianSeconds"
    FROM question_measurements
    WHERE account_id = ANY(${ids}::bigint[]) AND asked_at >= ${from} AND asked_at < ${to}
    GROUP BY account_id`;
  return new Map(rows.map((r) => [r.accountId, r]));
}

export async function loadQuestionEvidence(sql: Queryable, ids: number[], from: Date, to: Date): Promise<Map<number, QuestionEvidence[]>> {
  const rows = await sql<{ accountId: number; id: number; url: string; state: SlaState; seconds: number | null; askedAt: Date }[]>`
    SELECT x.account_id AS "accountId", x.question_id AS id, c.url, x.state, x.first_response_seconds AS seconds, x.asked_at AS "askedAt"
    FROM (
      SELECT qm.*, row_number() OVER (PARTITION BY qm.account_id ORDER BY qm.asked_at, qm.question_id) AS n
      FROM question_measurements qm
      WHERE qm.account_id = ANY(${ids}::bigint[]) AND qm.asked_at >= ${from} AND qm.asked_at < ${to} AND qm.state IN ('breached', 'answered_late')
    ) x JOIN comments c ON c.id = x.question_id
    WHERE x.n <= 40
    ORDER BY x.account_id, x.asked_at, x.question_id`;
  const map = new Map<number, QuestionEvidence[]>();
  for (const r of rows) {
    const list = map.get(r.accountId) ?? [];
    list.push({ questionId: String(r.id), url: r.url, state: r.state, firstResponseMs: toMs(r.seconds), askedAt: r.askedAt });
    map.set(r.accountId, list);
  }
  return map;
}

export async function loadPosts(sql: Queryable, ids: number[], from: Date, to: Date): Promise<Map<number, PostInput[]>> {
  const rows = await sql<{ accountId: number; id: number; url: string; publishedAt: Date; likes: number; reposts: number; comments: number; views: number | null }[]>`
    SELECT account_id AS "accountId", id, url, published_at AS "publishedAt", likes, reposts, comments_count AS comments, views
    FROM posts WHERE account_id = ANY(${ids}::bigint[]) AND published_at >= ${from} AND published_at < ${to} AND NOT is_ad
    ORDER BY account_id, published_at, id`;
  const map = new Map<number, PostInput[]>();
  for (const r of rows) {
    const list = map.get(r.accountId) ?? [];
    list.push({ id: String(r.id), url: r.url, publishedAt: r.publishedAt, likes: r.likes, reposts: r.reposts, comments: r.comments, views: r.views });
    map.set(r.accountId, list);
  }
  return map;
}

export async function loadSnapshots(sql: Queryable, ids: number[], to: Date) {
  const rows = await sql<{ accountId: number; id: number; capturedAt: Date; profile: StoredProfile }[]>`
    SELECT DISTINCT ON (account_id) account_id AS "accountId", id, captured_at AS "capturedAt", profile
    FROM account_snapshots WHERE account_id = ANY(${ids}::bigint[]) AND captured_at < ${to}
    ORDER BY account_id, captured_at DESC, id DESC`;
  return new Map(rows.map((r) => [r.accountId, profileInput(r.id, r.capturedAt, r.profile)]));
}

export async function loadManual(sql: Queryable, ids: number[], periodEnd: string): Promise<Map<number, Record<string, ManualScore>>> {
  const rows = await sql<{ accountId: number; code: string; id: number; score: number | null; note: string | null }[]>`
    SELECT DISTINCT ON (account_id, criterion_code) account_id AS "accountId", criterion_code AS code, id, score, note
    FROM manual_assessments WHERE account_id = ANY(${ids}::bigint[]) AND valid_from < ${periodEnd}::date
    ORDER BY account_id, criterion_code, valid_from DESC, id DESC`;
  const map = new Map<number, Record<string, ManualScore>>();
  for (const r of rows) {
    const entry = map.get(r.accountId) ?? {};
    entry[r.code] = { assessmentId: String(r.id), score: r.score, note: r.note };
    map.set(r.accountId, entry);
  }
  return map;
}

export async function loadBacklinks(sql: Queryable, ids: number[], to: Date) {
  const rows = await sql<{ accountId: number; checkedAt: Date; pageUrl: string; found: boolean; matchedHref: string | null }[]>`
    SELECT DISTINCT ON (account_id) account_id AS "accountId", checked_at AS "checkedAt", page_url AS "pageUrl", found, matched_href AS "matchedHref"
    FROM website_checks WHERE account_id = ANY(${ids}::bigint[]) AND checked_at < ${to} AND error IS NULL
    ORDER BY account_id, checked_at DESC, id DESC`;
  return new Map(rows.map((r) => [r.accountId, { checkedAt: r.checkedAt, pageUrl: r.pageUrl, found: r.found, matchedHref: r.matchedHref }]));
}

export async function loadOverrides(sql: Queryable, ids: number[], period: Period) {
  const rows = await sql<({ accountId: number; code: string } & CriterionOverride)[]>`
    SELECT account_id AS "accountId", criterion_code AS code, status, dispute_id AS "disputeId" FROM criterion_overrides
    WHERE account_id = ANY(${ids}::bigint[]) AND period_kind = ${period.kind} AND period_start = ${period.start}::date`;
  const map = new Map<number, Map<string, CriterionOverride>>();
  for (const r of rows) {
    const entry = map.get(r.accountId) ?? new Map();
    entry.set(r.code, { status: r.status, disputeId: r.disputeId });
    map.set(r.accountId, entry);
  }
  return map;
}

/** Median ERpost / ERview per sector over accounts with posts in the period (inputs of ER_POST / ER_VIEW). */
export async function sectorPeers(sql: Queryable, from: Date, to: Date): Promise<SectorPeers> {
  const rows = await sql<{ sector: string; erPost: number | null; erView: number | null }[]>`
    WITH followers AS (
      SELECT DISTINCT ON (account_id) account_id, NULLIF((profile ->> 'membersCount')::double precision, 0) AS followers
      FROM account_snapshots WHERE captured_at < ${to} ORDER BY account_id, captured_at DESC, id DESC
    ), per_account AS (
      SELECT p.account_id,
        avg((p.likes + p.reposts + p.comments_count) / f.followers * 100) AS er_post,
        avg((p.likes + p.reposts + p.comments_count)::double precision / NULLIF(p.views, 0) * 100) AS er_view
      FROM posts p LEFT JOIN followers f ON f.account_id = p.account_id
      WHERE p.published_at >= ${from} AND p.published_at < ${to} AND NOT p.is_ad
      GROUP BY p.account_id
    )
    SELECT o.sector, percentile_cont(0.5) WITHIN GROUP (ORDER BY pa.er_post) AS "erPost", percentile_cont(0.5) WITHIN GROUP (ORDER BY pa.er_view) AS "erView"
    FROM per_account pa JOIN accounts a ON a.id = pa.account_id JOIN organizations o ON o.id = a.organization_id
    GROUP BY o.sector`;
  return Object.fromEntries(rows.map((r) => [r.sector, { erPostMedian: r.erPost, erViewMedian: r.erView }]));
}

export async function writeAccountScores(
  sql: Queryable,
  results: { account: AccountRow; result: ScoreResult }[],
  period: Period,
  version: number,
  sla: Map<number, SlaRow>,
  now: Date,
  analyze: boolean,
) {
  const scores = results.map(({ account, result }) => {
    const s = sla.get(account.id);
    const decided = s ? s.inTime + s.late + s.breached : 0;
    return {
      account_id: account.id,
      period_kind: period.kind,
      period_start: period.start,
      period_end: period.end,
      methodology_version: version,
      status: result.status,
      total: result.total,
      earned: result.earned,
      possible: result.possible,
      coverage: result.coverage,
      questions: decided + (s?.open ?? 0),
      decided_questions: decided,
      computed_at: now,
      reason: result.reason ?? null,
    };
  });
  for (const chunk of chunked(scores, 2_000)) {
    await sql`
      INSERT INTO account_scores ${sql(chunk)}
      ON CONFLICT (account_id, period_kind, period_start, methodology_version) DO UPDATE SET period_end = EXCLUDED.period_end, status = EXCLUDED.status,
        total = EXCLUDED.total, earned = EXCLUDED.earned, possible = EXCLUDED.possible, coverage = EXCLUDED.coverage, questions = EXCLUDED.questions,
        decided_questions = EXCLUDED.decided_questions, computed_at = EXCLUDED.computed_at, reason = EXCLUDED.reason`;
  }
  // Criterion rows reference account_scores: let their foreign-key checks use its primary key.
  if (analyze) await sql`ANALYZE account_scores`;
  const criteria = results.flatMap(({ account, result }) =>
    result.criteria.map((c) => ({
      account_id: account.id,
      period_kind: period.kind,
      period_start: period.start,
      methodology_version: version,
      criterion_code: c.code,
      status: c.status,
      value: c.value,
      points: c.points,
      max_points: c.maxPoints,
      evidence: c.evidence,
      reason: c.reason ?? null,
      overridden: c.overridden === true,
    })),
  );
  for (const chunk of chunked(criteria, 5_000)) {
    // One JSON parameter: far cheaper to send and parse than eleven arrays of escaped strings.
    await sql`
      INSERT INTO account_criterion_scores (account_id, period_kind, period_start, methodology_version, criterion_code, status, value, points, max_points, evidence, overridden, reason)
      SELECT account_id, period_kind, period_start, methodology_version, criterion_code, status, value, points, max_points, evidence, overridden, reason
      FROM jsonb_to_recordset(${sql.json(chunk as never)})
        AS t(account_id bigint, period_kind text, period_start date, methodology_version int, criterion_code text, status text, value double precision,
             points double precision, max_points double precision, evidence jsonb, overridden boolean, reason text)
      ON CONFLICT (account_id, period_kind, period_start, methodology_version, criterion_code) DO UPDATE SET status = EXCLUDED.status, value = EXCLUDED.value,
        points = EXCLUDED.points, max_points = EXCLUDED.max_points, evidence = EXCLUDED.evidence, overridden = EXCLUDED.overridden, reason = EXCLUDED.reason
      WHERE (account_criterion_scores.status, account_criterion_scores.value, account_criterion_scores.points, account_criterion_scores.max_points, account_criterion_scores.evidence, account_criterion_scores.overridden, account_criterion_scores.reason)
        IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.value, EXCLUDED.points, EXCLUDED.max_points, EXCLUDED.evidence, EXCLUDED.overridden, EXCLUDED.reason)`;
  }
}

export async function writeRecommendations(sql: Queryable, methodology: Methodology, results: { account: AccountRow; result: ScoreResult }[], period: Period): Promise<number> {
  const questionIds = new Set<number>();
  for (const { result } of results) {
    for (const c of result.criteria) {
      if (c.status !== 'fail' && c.status !== 'partial') continue;
      for (const e of c.evidence) if (e.kind === 'comment' && e.id) questionIds.add(Number(e.id));
    }
  }
  const texts = new Map<string, string>();
  if (questionIds.size > 0) {
    const rows = await sql<{ id: number; text: string }[]>`SELECT id, text FROM comments WHERE id = ANY(${[...questionIds]}::bigint[]) AND text <> ''`;
    for (const r of rows) texts.set(String(r.id), r.text);
  }
  const records = results.flatMap(({ account, result }) =>
    buildRecommendations(methodology, result, { questionTexts: texts }).map((r) => ({
      account_id: account.id,
      criterion_code: r.criterionCode,
      generated_text: r.text,
      evidence: r.evidence,
      potential_points: r.potentialPoints,
    })),
  );
  const ids = results.map((r) => r.account.id);
  // Criteria met again before anything was sent: their fresh recommendations disappear.
  const keep = records.map((r) => `${r.account_id}|${r.criterion_code}`);
  await sql`
    DELETE FROM recommendations WHERE account_id = ANY(${ids}::bigint[]) AND period_kind = ${period.kind} AND period_start = ${period.start}::date
      AND methodology_version = ${methodology.version} AND status = 'new' AND NOT (account_id::text || '|' || criterion_code = ANY(${keep}::text[]))`;
  for (const chunk of chunked(records, 2_000)) {
    await sql`
      INSERT INTO recommendations (account_id, period_kind, period_start, methodology_version, criterion_code, generated_text, evidence, potential_points)
      SELECT account_id, ${period.kind}, ${period.start}::date, ${methodology.version}, criterion_code, generated_text, evidence, potential_points
      FROM jsonb_to_recordset(${sql.json(chunk as never)}) AS t(account_id bigint, criterion_code text, generated_text text, evidence jsonb, potential_points double precision)
      ON CONFLICT (account_id, period_kind, period_start, methodology_version, criterion_code) DO UPDATE SET generated_text = EXCLUDED.generated_text,
        evidence = EXCLUDED.evidence, potential_points = EXCLUDED.potential_points, updated_at = now()
      WHERE (recommendations.generated_text, recommendations.evidence, recommendations.potential_points)
        IS DISTINCT FROM (EXCLUDED.generated_text, EXCLUDED.evidence, EXCLUDED.potential_points)`;
  }
  // Standing ones whose criterion this period could not measure (the page, or the part it needs, was never read) are withdrawn.
  await sql`
    UPDATE recommendations r SET status = 'withdrawn', updated_at = now()
    FROM account_criterion_scores s
    WHERE r.account_id = ANY(${ids}::bigint[]) AND r.period_kind = ${period.kind} AND r.period_start = ${period.start}::date
      AND r.methodology_version = ${methodology.version} AND r.status IN ('new', 'sent', 'acknowledged')
      AND s.account_id = r.account_id AND s.period_kind = r.period_kind AND s.period_start = r.period_start
      AND s.methodology_version = r.methodology_version AND s.criterion_code = r.criterion_code AND s.reason = ANY(${[...PAGE_UNREAD_REASONS]}::text[])`;
  return records.length;
}

/**
 * An organization's score is the mean of its accounts' totals with enough data; per criterion the
 * mean share of points (0–100) over accounts where it was measured.
 */
export async function writeOrganizationScores(sql: Queryable, methodology: Methodology, period: Period, accounts: AccountRow[], totals: Map<number, AccountTotal>, now: Date): Promise<number> {
  const byOrganization = new Map<number, AccountRow[]>();
  for (const account of accounts) {
    const list = byOrganization.get(account.organizationId) ?? [];
    list.push(account);
    byOrganization.set(account.organizationId, list);
  }
  const rows = [...byOrganization.entries()].map(([organizationId, list]) => {
    const scored = list.map((a) => totals.get(a.id)!).filter((t) => t.ok);
    const criteria = methodology.criteria.map((definition) => {
      const measured = list.flatMap((a) => totals.get(a.id)!.criteria.get(definition.code) ?? []).filter((c) => c.maxPoints > 0);
      const share = measured.length === 0 ? null : measured.reduce((s, c) => s + c.points / c.maxPoints, 0) / measured.length;
      const status = share === null ? 'not_enough_data' : statusFor(share, { direction: 'higher', pass: 1, partial: Number.EPSILON });
      return {
        code: definition.code,
        name: definition.title.ru,
        weight: definition.weight,
        status,
        score: share === null ? null : Math.round(share * 10_000) / 100,
        accounts: measured.length,
      };
    });
    const score = scored.length === 0 ? null : Math.round((scored.reduce((s, t) => s + (t.total ?? 0), 0) / scored.length) * 100) / 100;
    return {
      organization_id: organizationId,
      period_kind: period.kind,
      period_start: period.start,
      period_end: period.end,
      methodology_version: methodology.version,
      score,
      enough_data: score !== null,
      accounts_scored: scored.length,
      accounts_total: list.length,
      sample_size: list.reduce((s, a) => s + totals.get(a.id)!.decided, 0),
      criteria: JSON.stringify(criteria.filter((c) => c.score !== null)),
    };
  });
  for (const chunk of chunked(rows, 2_000)) {
    await sql`
      INSERT INTO organization_scores (organization_id, period_kind, period_start, period_end, methodology_version, score, enough_data, accounts_scored, accounts_total, sample_size, criteria, computed_at)
      SELECT organization_id, period_kind, period_start, period_end, methodology_version, score, enough_data::boolean, accounts_scored, accounts_total, sample_size, criteria::jsonb, ${now}::timestamptz
      FROM unnest(${chunk.map((r) => r.organization_id)}::bigint[], ${chunk.map((r) => r.period_kind)}::text[], ${chunk.map((r) => r.period_start)}::date[],
                  ${chunk.map((r) => r.period_end)}::date[], ${chunk.map((r) => r.methodology_version)}::int[], ${chunk.map((r) => r.score) as number[]}::numeric[],
                  ${chunk.map((r) => (r.enough_data ? 't' : 'f'))}::text[], ${chunk.map((r) => r.accounts_scored)}::int[], ${chunk.map((r) => r.accounts_total)}::int[],
                  ${chunk.map((r) => r.sample_size)}::int[], ${chunk.map((r) => r.criteria)}::text[])
        AS t(organization_id, period_kind, period_start, period_end, methodology_version, score, enough_data, accounts_scored, accounts_total, sample_size, criteria)
      ON CONFLICT (organization_id, period_kind, period_start, methodology_version) DO UPDATE SET period_end = EXCLUDED.period_end, score = EXCLUDED.score,
        enough_data = EXCLUDED.enough_data, accounts_scored = EXCLUDED.accounts_scored, accounts_total = EXCLUDED.accounts_total,
        sample_size = EXCLUDED.sample_size, criteria = EXCLUDED.criteria, computed_at = EXCLUDED.computed_at`;
  }
  return rows.length;
}

/**
 * After a new measurement, sent or acknowledged recommendations of earlier periods of the same
 * kind are settled by this period's result: the criterion passes → resolved, otherwise not resolved.
 */
export async function settleRecommendations(sql: Queryable, period: Period, version: number, accountIds?: readonly number[]): Promise<void> {
  await sql`
    UPDATE recommendations r SET status = CASE WHEN s.status = 'pass' THEN 'resolved' ELSE 'not_resolved' END, updated_at = now()
    FROM account_criterion_scores s
    WHERE r.status IN ('sent', 'acknowledged') AND r.period_kind = ${period.kind} AND r.period_start < ${period.start}::date AND r.methodology_version = ${version}
      AND s.account_id = r.account_id AND s.period_kind = r.period_kind AND s.period_start = ${period.start}::date
      AND s.methodology_version = ${version} AND s.criterion_code = r.criterion_code AND s.status IN ('pass', 'partial', 'fail')
      ${accountIds ? sql`AND r.account_id = ANY(${accountIds as number[]}::bigint[])` : sql``}`;
}
