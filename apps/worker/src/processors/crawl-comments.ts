import { clearCrawlFailures, getCrawlAccounts, upsertComments, type CrawledComment } from '@most/db';
import type { Network } from '@most/shared';
import type { CrawlJobName, ParsedJob } from '@most/queue';
import { SourceError, type SourceComment } from '@most/sources';
import { accountRef, networkCrawl, type CrawlContext } from '../crawl/context';
import { failOnSourceError } from '../crawl/source-errors';
import type { Pseudonymise } from '../crawl/pseudonym';

/** Raw author ids end here: only their pseudonyms go further. */
export function toStoredComment(network: Network, comment: SourceComment, pseudonymise: Pseudonymise): CrawledComment {
  return {
    externalId: comment.externalId,
    url: comment.url,
    authorPseudonym: pseudonymise(network, comment.authorId),
    fromPage: comment.fromPage,
    publishedAt: comment.publishedAt,
    text: comment.text,
    threadRootExternalId: comment.threadRootId,
    replyToCommentExternalId: comment.replyToCommentId,
    replyToUserPseudonym: comment.replyToUserId === null ? null : pseudonymise(network, comment.replyToUserId),
    deleted: comment.deleted,
  };
}

/** VK 212: comments of this one post are closed to outsiders; the account itself is fine. */
const postCommentsClosed = (error: unknown) => error instanceof SourceError && error.kind === 'account_unavailable' && error.details.code === 212;

/** All comments of one post (one request unless a thread or the list is long), stored statement by statement. */
export async function processComments(job: ParsedJob<CrawlJobName<'comments'>>, ctx: CrawlContext) {
  const data = job.data;
  const { source } = networkCrawl(ctx, data.network);
  const [account] = await getCrawlAccounts(ctx.sql, [data.accountId]);
  if (!account) return { skipped: 'account removed' };
  if (account.status !== 'active') return { skipped: `account is ${account.status}` };
  let comments: SourceComment[];
  try {
    comments = await source.getComments(accountRef(account), data.postExternalId);
  } catch (error) {
    if (postCommentsClosed(error)) return { skipped: 'comments of this post are closed' };
    return failOnSourceError(ctx, data.network, account.id, 'comments', error);
  }
  const seenAt = ctx.settings.now();
  const stored = comments.map((comment) => toStoredComment(data.network, comment, ctx.settings.pseudonymise));
  // The posts job records the run's success; here only a failure streak is ended (the row is not touched otherwise).
  // No transaction around them: each statement is idempotent and commits alone, so the account's
  // change mark (locked by the comments' insert) is held for one statement, not for the job's round
  // trips; a job stopped half-way is completed by its retry or by the next read.
  const [outcome] = await Promise.all([
    upsertComments(ctx.sql, { postId: data.postId, postPublishedAt: data.postPublishedAt === undefined ? undefined : new Date(data.postPublishedAt), accountId: account.id, comments: stored, seenAt }),
    account.failing ? clearCrawlFailures(ctx.sql, account.id, seenAt) : undefined,
  ]);
  return { accountId: account.id, postExternalId: data.postExternalId, comments: comments.length, ...outcome };
}
