import { slaDeadline, slaElapsedMs } from './clock';
import { findFirstReply, type SlaComment } from './first-reply';
import type { SlaPolicy } from './policy';

export const SLA_STATES = ['answered_in_time', 'answered_late', 'open_within_window', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** A monitor's mark on a page reply: a real answer, or an intermediate one («передано специалистам»). */
export type ResponseKind = 'substantive' | 'intermediate';

export interface QuestionOutcome {
  questionId: string;
  postId: string;
  askedAt: Date;
  deadline: Date | null;
  state: SlaState;
  firstReplyId: string | null;
  firstReplyAt: Date | null;
  /** Time to the first reply counted by the policy's clock (working ms for working hours). */
  firstResponseMs: number | null;
  /** Present only when a monitor marked at least one page reply of this question. */
  substantive: { replyId: string | null; responseMs: number | null; state: SlaState } | null;
}

export interface ExcludedQuestion {
  questionId: string;
  reason: 'deleted';
}

/** A "me too" comment inside a question's thread: not a question of its own, it joins that one. */
export interface JoinedQuestion {
  questionId: string;
  joinedQuestionId: string;
}

export interface SlaEvaluation {
  outcomes: QuestionOutcome[];
  excluded: ExcludedQuestion[];
  joined: JoinedQuestion[];
}

export interface EvaluateSlaInput {
  /** All comments of the posts concerned: questions, citizens' follow-ups and page replies. */
  comments: readonly SlaComment[];
  /** Ids of comments classified as needing an answer. */
  questionIds: ReadonlySet<string>;
  policy: SlaPolicy;
  /** The evaluation instant: replies after it are not seen yet; open questions are judged against it. */
  evaluatedAt: Date;
  /** Monitor marks on page replies, by reply id. */
  responseKinds?: ReadonlyMap<string, ResponseKind>;
}

/** A question's SLA state: by its first reply when there is one, else by the time elapsed at the evaluation instant. */
export function slaStateFor(policy: SlaPolicy, askedAt: number, replyAt: number | null, evaluatedAt: number): SlaState {
  const durationMs = policy.durationMinutes * 60_000;
  if (replyAt !== null) return slaElapsedMs(policy, askedAt, replyAt) <= durationMs ? 'answered_in_time' : 'answered_late';
  return slaElapsedMs(policy, askedAt, evaluatedAt) <= durationMs ? 'open_within_window' : 'breached';
}

const byTimeThenId = (a: SlaComment, b: SlaComment) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id, 'en', { numeric: true });

/**
 * The question a "me too" comment joins: the earliest question of the same thread (its root or a
 * reply in it) asked before it that is not itself a "me too". Null when it joins nothing, e.g. at
 * the top level or in a thread without a question; then it is measured as a question of its own.
 * The SQL measurement applies the same rule (db scoring/measure.ts `JOINS_THREAD_QUESTION`).
 */
export function joinedQuestionOf(comment: SlaComment, questions: readonly SlaComment[]): SlaComment | null {
  if (!comment.meToo || comment.fromPage || comment.threadRootId === null) return null;
  let found: SlaComment | null = null;
  for (const other of questions) {
    if (other.id === comment.id || other.fromPage || other.meToo || other.postId !== comment.postId) continue;
    if (other.id !== comment.threadRootId && other.threadRootId !== comment.threadRootId) continue;
    if (byTimeThenId(other, comment) >= 0) continue;
    if (found === null || byTimeThenId(other, found) < 0) found = other;
  }
  return found;
}

/**
 * SLA state of every question. Rules documented here because they decide scores:
 * - the deadline is inclusive: elapsed ≤ duration is in time (a reply at exactly 24:00:00 counts);
 * - deleted questions are excluded from the sample (their text cannot be checked) and reported
 *   in `excluded` so a pattern of deletions stays visible;
 * - questions asked after `evaluatedAt` are ignored (not yet asked at that instant);
 * - a "me too" comment inside a question's thread joins that question (`joined`): it is not a
 *   question of its own, so the page's answer to the thread answers it.
 */
export function evaluateSla(input: EvaluateSlaInput): SlaEvaluation {
  const { policy, questionIds } = input;
  const evaluatedAt = input.evaluatedAt.getTime();
  const byId = new Map<string, SlaComment>();
  const pageByPost = new Map<string, SlaComment[]>();
  for (const comment of input.comments) {
    byId.set(comment.id, comment);
    if (!comment.fromPage) continue;
    const list = pageByPost.get(comment.postId);
    if (list) list.push(comment);
    else pageByPost.set(comment.postId, [comment]);
  }

  const outcomes: QuestionOutcome[] = [];
  const excluded: ExcludedQuestion[] = [];
  const joined: JoinedQuestion[] = [];
  const sorted = [...input.comments].filter((c) => questionIds.has(c.id) && !c.fromPage);
  sorted.sort(byTimeThenId);
  for (const question of sorted) {
    const askedAt = question.createdAt.getTime();
    if (askedAt > evaluatedAt) continue;
    const joins = joinedQuestionOf(question, sorted);
    if (joins) {
      joined.push({ questionId: question.id, joinedQuestionId: joins.id });
      continue;
    }
    if (question.deleted) {
      excluded.push({ questionId: question.id, reason: 'deleted' });
      continue;
    }
    const replies = pageByPost.get(question.postId) ?? [];
    const first = findFirstReply(question, replies, byId, evaluatedAt);
    const firstAt = first ? first.createdAt.getTime() : null;
    const deadline = slaDeadline(policy, askedAt);

    let substantive: QuestionOutcome['substantive'] = null;
    const kinds = input.responseKinds;
    if (kinds && kinds.size > 0) {
      const marked = replies.some((r) => kinds.has(r.id) && findFirstReply(question, [r], byId, evaluatedAt) !== null);
      if (marked) {
        const real = findFirstReply(question, replies, byId, evaluatedAt, (r) => kinds.get(r.id) === 'substantive');
        const realAt = real ? real.createdAt.getTime() : null;
        substantive = {
          replyId: real?.id ?? null,
          responseMs: realAt === null ? null : slaElapsedMs(policy, askedAt, realAt),
          state: slaStateFor(policy, askedAt, realAt, evaluatedAt),
        };
      }
    }

    outcomes.push({
      questionId: question.id,
      postId: question.postId,
      askedAt: question.createdAt,
      deadline: Number.isFinite(deadline) ? new Date(deadline) : null,
      state: slaStateFor(policy, askedAt, firstAt, evaluatedAt),
      firstReplyId: first?.id ?? null,
      firstReplyAt: first?.createdAt ?? null,
      firstResponseMs: firstAt === null ? null : slaElapsedMs(policy, askedAt, firstAt),
      substantive,
    });
  }
  return { outcomes, excluded, joined };
}
