import { listFreshPosts, recordFreshTick } from '@most/db';
import { freshPagesOf, planFreshPass } from '@most/domain/crawl-schedule';
import { crawlJobName, type ParsedJob } from '@most/queue';
import { enqueueMany, type CrawlContext } from '../crawl/context';
import { crawlJobIds } from '../crawl/job-ids';

/**
 * One tick of a network's fresh pass: re-reads the comments of recent posts that are due by their age,
 * pages with an open question and the newest posts first, and the newest page of posts of the pages
 * that posted recently (a post published since the last hourly run is found, and its comments are
 * re-read from the next tick on), no more than the tick's share of the network's budget. The jobs go
 * to the front of the network's queue (LIFO, added lowest priority first) so a running hourly pass
 * does not hold them up, and their ids name the post (or the page) only: a read still waiting is not
 * enqueued twice. Makes no network request.
 */
export async function processCrawlFresh(job: ParsedJob<'crawl-fresh'>, ctx: CrawlContext) {
  const data = job.data;
  const { network } = data;
  const crawl = ctx.settings.sources[network];
  if (!crawl) return { network, skipped: `no ${network} source is configured` };
  const tickAt = data.tickAt ?? job.timestamp;
  const now = ctx.settings.now();
  const policy = ctx.settings.fresh;
  const posts = await listFreshPosts(ctx.sql, { network, since: new Date(now.getTime() - policy.windowMs), now });
  const plan = planFreshPass(policy, posts, { now: now.getTime(), requestsPerSecond: crawl.requestsPerSecond, pages: freshPagesOf(posts) });
  const enqueued = plan.selected.length + plan.pages.length;
  // Recorded before the jobs exist, so every job's request is counted into its tick.
  await recordFreshTick(ctx.sql, { network, tickAt: new Date(tickAt), due: plan.due, enqueued, deferred: plan.deferred, capacity: plan.capacity, plannedAt: now });
  await enqueueMany(
    ctx.queue,
    crawlJobName(network, 'comments'),
    [...plan.selected].reverse().map((post) => ({
      jobId: crawlJobIds.freshComments(network, post.accountId, post.postExternalId),
      data: { network, accountId: post.accountId, runAt: tickAt, postId: post.postId, postExternalId: post.postExternalId, postPublishedAt: post.publishedAt, pass: 'fresh' as const },
    })),
    FRESH_JOB_OPTIONS,
  );
  await enqueueMany(
    ctx.queue,
    crawlJobName(network, 'posts'),
    [...plan.pages].reverse().map((page) => ({
      jobId: crawlJobIds.freshPosts(network, page.accountId),
      data: { network, accountId: page.accountId, runAt: tickAt, cursor: null, page: 0, newest: null, pass: 'fresh' as const },
    })),
    FRESH_JOB_OPTIONS,
  );
  const summary = { network, tickAt, due: plan.due, enqueued, deferred: plan.deferred, capacity: plan.capacity };
  await job.updateProgress(summary);
  return summary;
}

/** At the front of the queue; gone once done, so the post's id is free for its next re-read (failures are in crawl health). */
const FRESH_JOB_OPTIONS = { lifo: true, attempts: 2, removeOnComplete: true, removeOnFail: true } as const;
