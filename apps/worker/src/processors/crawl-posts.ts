import { advanceWatermark, getCrawlAccounts, getWatermark, recordCrawlSuccess, upsertPosts } from '@most/db';
import type { PostsPage } from '@most/sources';
import { crawlJobName, type CrawlJobName, type ParsedJob } from '@most/queue';
import { accountRef, enqueueMany, networkCrawl, type CrawlContext } from '../crawl/context';
import { crawlJobIds } from '../crawl/job-ids';
import { failOnSourceError } from '../crawl/source-errors';

/** Safety stop for one run of one account (100 posts a page). */
const MAX_PAGES = 50;

/**
 * One page of an account's posts (VK wall.get, OK mediatopic.getTopics, a Telegram preview page). Stores the posts and their counters, enqueues a comments job
 * for each post whose comments must be read (younger than the recent window, or never read and
 * within the history window), and a continuation for the next page until it reaches posts older
 * than the watermark (and the recent window). The last page moves the watermark.
 */
export async function processPosts(job: ParsedJob<CrawlJobName<'posts'>>, ctx: CrawlContext) {
  const data = job.data;
  const { network } = data;
  const { source } = networkCrawl(ctx, network);
  const [account] = await getCrawlAccounts(ctx.sql, [data.accountId]);
  if (!account) return { skipped: 'account removed' };
  if (account.status !== 'active') return { skipped: `account is ${account.status}` };
  let page: PostsPage;
  try {
    page = await source.getPostsPage(accountRef(account), data.cursor);
  } catch (error) {
    return failOnSourceError(ctx, network, account.id, 'posts', error);
  }

  if (data.pass === 'fresh') return storeFreshPosts(ctx, account.id, page, data.runAt);

  const now = ctx.settings.now();
  const recentSince = now.getTime() - ctx.settings.recentMs;
  const historySince = now.getTime() - ctx.settings.historyMs;
  const watermark = await getWatermark(ctx.sql, account.id);
  const stopAt = watermark ? Math.min(watermark.publishedAt.getTime(), recentSince) : historySince;
  // A pinned post sits on top whatever its age: it neither stops paging nor sets the watermark.
  const regular = page.posts.filter((post) => !post.isPinned);
  const newestOnPage = regular.reduce<(typeof regular)[number] | undefined>((best, post) => (!best || post.publishedAt > best.publishedAt ? post : best), undefined);
  const newest = data.newest ?? (newestOnPage ? { externalId: newestOnPage.externalId, publishedAt: newestOnPage.publishedAt.getTime() } : null);
  const reachedStop = regular.some((post) => post.publishedAt.getTime() < stopAt);
  const continues = page.nextCursor !== null && !reachedStop && data.page + 1 < MAX_PAGES;

  // The posts first, then the watermark and the success they allow: no transaction (its BEGIN and
  // COMMIT were a third of the page's round trips), the order keeps the watermark behind stored posts.
  const stored = await upsertPosts(ctx.sql, account.id, page.posts, new Date(data.runAt));
  if (!continues) {
    await Promise.all([
      newest ? advanceWatermark(ctx.sql, account.id, { externalId: newest.externalId, publishedAt: new Date(newest.publishedAt) }, now) : undefined,
      recordCrawlSuccess(ctx.sql, account.id, 'posts', now),
    ]);
  }

  const commentCounts = new Map(page.posts.map((post) => [post.externalId, post.comments]));
  const toRead = stored.filter((post) => {
    const published = post.publishedAt.getTime();
    const due = published >= recentSince || (post.commentsReadAt === null && published >= historySince);
    return due && ((commentCounts.get(post.externalId) ?? 0) > 0 || post.liveComments > 0);
  });
  await enqueueMany(
    ctx.queue,
    crawlJobName(network, 'comments'),
    toRead.map((post) => ({
      jobId: crawlJobIds.comments(network, account.id, post.externalId, data.runAt),
      data: { network, accountId: account.id, runAt: data.runAt, postId: post.id, postExternalId: post.externalId, postPublishedAt: post.publishedAt.getTime(), pass: 'hourly' },
    })),
  );
  if (continues) {
    const next = data.page + 1;
    await enqueueMany(ctx.queue, crawlJobName(network, 'posts'), [
      { jobId: crawlJobIds.posts(network, account.id, data.runAt, next), data: { network, accountId: account.id, runAt: data.runAt, cursor: page.nextCursor, page: next, newest } },
    ]);
  }
  const summary = { accountId: account.id, page: data.page, posts: page.posts.length, newPosts: stored.filter((p) => p.inserted).length, commentJobs: toRead.length, continues };
  await job.updateProgress(summary);
  return summary;
}

/**
 * The fresh pass's read of a page's newest posts: stores the posts inside the fresh window (a new one
 * is then re-read for comments from the next tick, in the pass's budget), without paging, the watermark
 * or the hourly run's bookkeeping.
 */
async function storeFreshPosts(ctx: CrawlContext, accountId: number, page: PostsPage, runAt: number) {
  const since = ctx.settings.now().getTime() - ctx.settings.fresh.windowMs;
  const recent = page.posts.filter((post) => post.publishedAt.getTime() >= since);
  const stored = await upsertPosts(ctx.sql, accountId, recent, new Date(runAt));
  return { accountId, pass: 'fresh', posts: recent.length, newPosts: stored.filter((p) => p.inserted).length };
}
