import { evaluateSla, ME_TOO_REASON, slaDeadline, slaElapsedMs, slaStateFor, type ResponseKind, type SlaComment, type SlaPolicy } from '@most/domain';
import type { Queryable } from '../client';
import { chunked } from '../crawl/text';

/** Replies later than this after a question never change its state, so old periods stay stable. */
export const MEASUREMENT_HORIZON_DAYS = 7;

export interface MeasureScope {
  /** Questions asked in [from, to). */
  from: Date;
  to: Date;
  accountIds?: readonly number[];
}

export interface MeasureResult {
  measured: number;
  removed: number;
}

/**
 * The first-reply rules of @most/domain `isPageReplyTo`, as SQL over `q` (the question) and
 * `r` (a page reply) with `t` the comment `r` replies to.
 */
export const REPLY_MATCH = `
  r.post_id = q.post_id AND r.from_page AND r.deleted_at IS NULL AND r.id <> q.id
  AND r.published_at >= q.asked_at AND r.published_at <= q.evaluated_at
  AND (r.reply_to_comment_id = q.id
       OR COALESCE(r.reply_to_user_pseudonym, CASE WHEN t.from_page THEN NULL ELSE t.author_pseudonym END) = q.author_pseudonym
       OR (COALESCE(r.reply_to_user_pseudonym, CASE WHEN t.from_page THEN NULL ELSE t.author_pseudonym END) IS NULL
           AND r.thread_root_id IS NOT NULL AND r.thread_root_id = q.thread))`;

/**
 * The "me too" rule of @most/domain `joinedQuestionOf`, as SQL over `c` (a citizen comment) and
 * `cc` (its classification): true when the comment joins an earlier question of its thread
 * (the root or a reply in it, itself not a "me too"), so it is not a question of its own.
 */
export const JOINS_THREAD_QUESTION = `
  CASE WHEN '${ME_TOO_REASON}' = ANY(cc.reasons) AND c.thread_root_id IS NOT NULL THEN EXISTS (
    SELECT 1 FROM comments o JOIN comment_classifications oc ON oc.comment_id = o.id AND oc.effective_needs_answer
    WHERE o.post_id = c.post_id AND (o.id = c.thread_root_id OR o.thread_root_id = c.thread_root_id) AND NOT o.from_page
      AND NOT ('${ME_TOO_REASON}' = ANY(oc.reasons)) AND (o.published_at, o.id) < (c.published_at, c.id))
  ELSE false END`;

/**
 * Rows whose outcome did not change are left alone (re-runs write nothing). Substantive columns
 * count as changed when set, since measureSubstantive recomputes them right after.
 */
const UNCHANGED_GUARD_SQL = `WHERE (question_measurements.state, question_measurements.excluded_reason, question_measurements.clock, question_measurements.deadline_at,
         question_measurements.first_reply_id, question_measurements.first_reply_at, question_measurements.first_response_seconds, question_measurements.evaluated_at)
       IS DISTINCT FROM (EXCLUDED.state, EXCLUDED.excluded_reason, EXCLUDED.clock, EXCLUDED.deadline_at, EXCLUDED.first_reply_id, EXCLUDED.first_reply_at,
         EXCLUDED.first_response_seconds, EXCLUDED.evaluated_at)
       OR question_measurements.substantive_state IS NOT NULL`;

function questionsCte(sql: Queryable, scope: MeasureScope, now: Date) {
  return sql`
    SELECT c.id, c.account_id, c.post_id, c.published_at AS asked_at, c.author_pseudonym, COALESCE(c.thread_root_id, c.id) AS thread,
           c.deleted_at IS NOT NULL AS deleted, x.reason AS excluded_reason,
           LEAST(${now}::timestamptz, c.published_at + make_interval(days => ${MEASUREMENT_HORIZON_DAYS})) AS evaluated_at
    FROM comments c
    JOIN comment_classifications cc ON cc.comment_id = c.id AND cc.effective_needs_answer
    LEFT JOIN question_exclusions x ON x.comment_id = c.id
    WHERE NOT c.from_page AND c.published_at >= ${scope.from} AND c.published_at < ${scope.to} AND c.published_at <= ${now}
      AND NOT ${sql.unsafe(JOINS_THREAD_QUESTION)}
      ${scope.accountIds ? sql`AND c.account_id = ANY(${scope.accountIds as number[]}::bigint[])` : sql``}`;
}

function firstReplyJoin(sql: Queryable) {
  return sql.unsafe(`LEFT JOIN LATERAL (
      SELECT r.id, r.published_at FROM comments r LEFT JOIN comments t ON t.id = r.reply_to_comment_id
      WHERE ${REPLY_MATCH}
      ORDER BY r.published_at, r.id LIMIT 1) fr ON NOT q.deleted AND q.excluded_reason IS NULL`);
}

/**
 * Measures the SLA of every question in scope. Under the calendar clock everything happens in
 * one set-based INSERT … SELECT; under working hours the database finds first replies and the
 * domain clock turns them into states. Questions no longer needing an answer (overrides) or that
 * now join a thread's question ("me too") lose their measurement. Idempotent: the same inputs and `now` give the same rows.
 */
export async function measureQuestions(sql: Queryable, policy: SlaPolicy, scope: MeasureScope, now = new Date()): Promise<MeasureResult> {
  const removed = await sql`
    DELETE FROM question_measurements qm
    WHERE qm.asked_at >= ${scope.from} AND qm.asked_at < ${scope.to}
      ${scope.accountIds ? sql`AND qm.account_id = ANY(${scope.accountIds as number[]}::bigint[])` : sql``}
      AND NOT EXISTS (SELECT 1 FROM comments c JOIN comment_classifications cc ON cc.comment_id = c.id AND cc.effective_needs_answer
                      WHERE c.id = qm.question_id AND NOT ${sql.unsafe(JOINS_THREAD_QUESTION)})`;
  const measured = policy.clock === 'calendar' ? await measureCalendar(sql, policy, scope, now) : await measureWorkingHours(sql, policy, scope, now);
  await measureSubstantive(sql, policy, scope, now);
  return { measured, removed: removed.count };
}

async function measureCalendar(sql: Queryable, policy: SlaPolicy, scope: MeasureScope, now: Date): Promise<number> {
  const UNCHANGED_GUARD = sql.unsafe(UNCHANGED_GUARD_SQL);
  const minutes = policy.durationMinutes;
  const result = await sql`
    WITH q AS (${questionsCte(sql, scope, now)})
    INSERT INTO question_measurements (question_id, account_id, post_id, asked_at, state, excluded_reason, clock, deadline_at,
      first_reply_id, first_reply_at, first_response_seconds, substantive_reply_id, substantive_state, substantive_seconds, evaluated_at, measured_at)
    SELECT q.id, q.account_id, q.post_id, q.asked_at,
      CASE WHEN q.deleted OR q.excluded_reason IS NOT NULL THEN 'excluded'
           WHEN fr.id IS NOT NULL THEN CASE WHEN fr.published_at - q.asked_at <= make_interval(mins => ${minutes}) THEN 'answered_in_time' ELSE 'answered_late' END
           WHEN q.evaluated_at - q.asked_at <= make_interval(mins => ${minutes}) THEN 'open_within_window'
           ELSE 'breached' END,
      CASE WHEN q.deleted THEN 'deleted' ELSE q.excluded_reason END,
      'calendar', q.asked_at + make_interval(mins => ${minutes}),
      fr.id, fr.published_at, EXTRACT(EPOCH FROM fr.published_at - q.asked_at)::double precision, NULL, NULL, NULL, q.evaluated_at, ${now}
    FROM q ${firstReplyJoin(sql)}
    ON CONFLICT (question_id) DO UPDATE SET state = EXCLUDED.state, excluded_reason = EXCLUDED.excluded_reason, clock = EXCLUDED.clock,
      deadline_at = EXCLUDED.deadline_at, first_reply_id = EXCLUDED.first_reply_id, first_reply_at = EXCLUDED.first_reply_at,
      first_response_seconds = EXCLUDED.first_response_seconds, substantive_reply_id = NULL, substantive_state = NULL, substantive_seconds = NULL,
      evaluated_at = EXCLUDED.evaluated_at, measured_at = EXCLUDED.measured_at
    ${UNCHANGED_GUARD}`;
  return result.count;
}

async function measureWorkingHours(sql: Queryable, policy: SlaPolicy, scope: MeasureScope, now: Date): Promise<number> {
  const UNCHANGED_GUARD = sql.unsafe(UNCHANGED_GUARD_SQL);
  const rows = await sql<
    { id: number; accountId: number; postId: number; askedAt: Date; deleted: boolean; excludedReason: string | null; evaluatedAt: Date; replyId: number | null; replyAt: Date | null }[]
  >`
    WITH q AS (${questionsCte(sql, scope, now)})
    SELECT q.id, q.account_id AS "accountId", q.post_id AS "postId", q.asked_at AS "askedAt", q.deleted, q.excluded_reason AS "excludedReason",
           q.evaluated_at AS "evaluatedAt", fr.id AS "replyId", fr.published_at AS "replyAt"
    FROM q ${firstReplyJoin(sql)}`;
  let written = 0;
  for (const chunk of chunked(rows, 5_000)) {
    const records = chunk.map((row) => {
      const asked = row.askedAt.getTime();
      const reply = row.replyAt ? row.replyAt.getTime() : null;
      const excluded = row.deleted ? 'deleted' : row.excludedReason;
      const deadline = slaDeadline(policy, asked);
      return {
        question_id: row.id,
        account_id: row.accountId,
        post_id: row.postId,
        asked_at: row.askedAt,
        state: excluded ? 'excluded' : slaStateFor(policy, asked, reply, row.evaluatedAt.getTime()),
        excluded_reason: excluded,
        clock: 'working_hours',
        deadline_at: Number.isFinite(deadline) ? new Date(deadline) : null,
        first_reply_id: row.replyId,
        first_reply_at: row.replyAt,
        first_response_seconds: reply === null ? null : slaElapsedMs(policy, asked, reply) / 1000,
        evaluated_at: row.evaluatedAt,
        measured_at: now,
      };
    });
    const result = await sql`
      INSERT INTO question_measurements ${sql(records)}
      ON CONFLICT (question_id) DO UPDATE SET state = EXCLUDED.state, excluded_reason = EXCLUDED.excluded_reason, clock = EXCLUDED.clock,
        deadline_at = EXCLUDED.deadline_at, first_reply_id = EXCLUDED.first_reply_id, first_reply_at = EXCLUDED.first_reply_at,
        first_response_seconds = EXCLUDED.first_response_seconds, substantive_reply_id = NULL, substantive_state = NULL, substantive_seconds = NULL,
        evaluated_at = EXCLUDED.evaluated_at, measured_at = EXCLUDED.measured_at
      ${UNCHANGED_GUARD}`;
    written += result.count;
  }
  return written;
}

/**
 * First vs substantive response: only posts where a monitor marked a page reply need it, so
 * they go through the domain engine post by post.
 */
async function measureSubstantive(sql: Queryable, policy: SlaPolicy, scope: MeasureScope, now: Date): Promise<void> {
  const comments = await sql<
    {
      id: number;
      postId: number;
      fromPage: boolean;
      author: string;
      publishedAt: Date;
      threadRootId: number | null;
      replyToCommentId: number | null;
      replyToUser: string | null;
      deleted: boolean;
      mark: ResponseKind | null;
    }[]
  >`
    WITH marked_posts AS (
      SELECT DISTINCT qm.post_id FROM question_measurements qm
      JOIN comments r ON r.post_id = qm.post_id JOIN response_marks m ON m.comment_id = r.id
      WHERE qm.asked_at >= ${scope.from} AND qm.asked_at < ${scope.to} AND qm.state <> 'excluded'
        ${scope.accountIds ? sql`AND qm.account_id = ANY(${scope.accountIds as number[]}::bigint[])` : sql``})
    SELECT c.id, c.post_id AS "postId", c.from_page AS "fromPage", c.author_pseudonym AS author, c.published_at AS "publishedAt",
           c.thread_root_id AS "threadRootId", c.reply_to_comment_id AS "replyToCommentId", c.reply_to_user_pseudonym AS "replyToUser",
           c.deleted_at IS NOT NULL AS deleted, m.kind AS mark
    FROM comments c JOIN marked_posts mp ON mp.post_id = c.post_id LEFT JOIN response_marks m ON m.comment_id = c.id
    ORDER BY c.id`;
  if (comments.length === 0) return;
  const measured = await sql<{ id: number; evaluatedAt: Date }[]>`
    SELECT question_id AS id, evaluated_at AS "evaluatedAt" FROM question_measurements
    WHERE post_id = ANY(${[...new Set(comments.map((c) => c.postId))]}::bigint[]) AND state <> 'excluded'
      AND asked_at >= ${scope.from} AND asked_at < ${scope.to}`;
  const slaComments: SlaComment[] = comments.map((c) => ({
    id: String(c.id),
    postId: String(c.postId),
    fromPage: c.fromPage,
    authorKey: c.fromPage ? null : c.author,
    createdAt: c.publishedAt,
    threadRootId: c.threadRootId === null ? null : String(c.threadRootId),
    replyToCommentId: c.replyToCommentId === null ? null : String(c.replyToCommentId),
    replyToUserKey: c.replyToUser,
    deleted: c.deleted,
  }));
  const kinds = new Map(comments.filter((c) => c.mark !== null).map((c) => [String(c.id), c.mark!]));
  const updates: { id: number; replyId: number | null; state: string; seconds: number | null }[] = [];
  for (const question of measured) {
    const { outcomes } = evaluateSla({ comments: slaComments, questionIds: new Set([String(question.id)]), policy, evaluatedAt: question.evaluatedAt, responseKinds: kinds });
    const substantive = outcomes[0]?.substantive;
    if (!substantive) continue;
    updates.push({
      id: question.id,
      replyId: substantive.replyId === null ? null : Number(substantive.replyId),
      state: substantive.state,
      seconds: substantive.responseMs === null ? null : substantive.responseMs / 1000,
    });
  }
  if (updates.length === 0) return;
  await sql`
    UPDATE question_measurements qm SET substantive_reply_id = u.reply_id, substantive_state = u.state, substantive_seconds = u.seconds, measured_at = ${now}
    FROM unnest(${updates.map((u) => u.id)}::bigint[], ${updates.map((u) => u.replyId) as number[]}::bigint[], ${updates.map((u) => u.state)}::text[],
                ${updates.map((u) => u.seconds) as number[]}::double precision[]) AS u(id, reply_id, state, seconds)
    WHERE qm.question_id = u.id`;
}
