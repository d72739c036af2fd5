/** One public comment as the SLA engine sees it; citizens appear only as keyed pseudonyms. */
export interface SlaComment {
  id: string;
  postId: string;
  /** True when the page itself wrote the comment (VK: from_id == -group_id). */
  fromPage: boolean;
  /** Pseudonym of the citizen author; null for the page. */
  authorKey: string | null;
  createdAt: Date;
  /** Id of the top-level comment of the thread for nested comments; null for top-level ones. */
  threadRootId: string | null;
  replyToCommentId: string | null;
  /** Pseudonym of the citizen the comment is addressed to (VK reply_to_user). */
  replyToUserKey: string | null;
  deleted: boolean;
  /** The citizen joins another's question («тоже интересует», see question/me-too.ts). */
  meToo?: boolean;
}

/**
 * Whom a page comment is addressed to: the explicit reply_to_user, else the author of the
 * comment it replies to. `null` means "not addressed to a citizen" (or unknown).
 */
function addressee(reply: SlaComment, byId: ReadonlyMap<string, SlaComment>): string | null {
  if (reply.replyToUserKey !== null) return reply.replyToUserKey;
  if (reply.replyToCommentId !== null) return byId.get(reply.replyToCommentId)?.authorKey ?? null;
  return null;
}

/**
 * Does this page comment answer the question? Rules, in order:
 * 1. it replies to the question itself (reply_to_comment);
 * 2. it is addressed to the question's author (reply_to_user, or replying to another of
 *    their comments) — anywhere under the same post;
 * 3. it sits in the question's thread without being addressed to anybody in particular.
 * A page reply addressed to another citizen never answers this question.
 */
export function isPageReplyTo(question: SlaComment, reply: SlaComment, byId: ReadonlyMap<string, SlaComment>): boolean {
  if (!reply.fromPage || reply.deleted || reply.postId !== question.postId || reply.id === question.id) return false;
  if (reply.replyToCommentId === question.id) return true;
  const to = addressee(reply, byId);
  if (to !== null) return question.authorKey !== null && to === question.authorKey;
  const questionThread = question.threadRootId ?? question.id;
  return reply.threadRootId !== null && reply.threadRootId === questionThread;
}

/**
 * The first page reply to a question at or after the question's time and not after
 * `notAfterMs`. Replies timed before the question (the question was edited or re-posted)
 * are ignored. Ties on the same instant are broken by id for determinism.
 */
export function findFirstReply(
  question: SlaComment,
  pageCommentsOfPost: readonly SlaComment[],
  byId: ReadonlyMap<string, SlaComment>,
  notAfterMs: number,
  accept: (reply: SlaComment) => boolean = () => true,
): SlaComment | null {
  const askedAt = question.createdAt.getTime();
  let best: SlaComment | null = null;
  for (const reply of pageCommentsOfPost) {
    const at = reply.createdAt.getTime();
    if (at < askedAt || at > notAfterMs) continue;
    if (!isPageReplyTo(question, reply, byId) || !accept(reply)) continue;
    if (best === null || at < best.createdAt.getTime() || (at === best.createdAt.getTime() && reply.id < best.id)) best = reply;
  }
  return best;
}
