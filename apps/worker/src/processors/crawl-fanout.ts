import type { Job } from 'bullmq';
import { listCrawlAccounts, setNextCrawl } from '@most/db';
import { parseJobPayload } from '@most/queue';
import { VK_GROUPS_PER_REQUEST } from '@most/sources';
import { enqueueMany, type CrawlContext } from '../crawl/context';
import { crawlJobIds } from '../crawl/job-ids';

/**
 * One page of a crawl run: takes the next accounts by id, enqueues their per-account jobs and,
 * when there may be more, a continuation of itself. Makes no network request.
 * Profile runs enqueue one job per 500 accounts (one groups.getById request reads them all).
 * Posts runs visit active accounts (a page not resolved to its network id yet is read by its
 * handle). Profile runs visit every account, so a page that was private or deleted is noticed
 * when it comes back.
 */
export async function processCrawlFanout(job: Job, ctx: CrawlContext) {
  const data = parseJobPayload('crawl-fanout', job.data);
  const runAt = data.runAt ?? job.timestamp;
  const { fanoutPageSize } = ctx.settings;
  const accounts = await listCrawlAccounts(ctx.sql, {
    network: data.network,
    afterId: data.afterId,
    limit: fanoutPageSize,
    statuses: data.part === 'posts' ? ['active'] : undefined,
  });
  if (data.everyMs !== undefined) await setNextCrawl(ctx.sql, accounts.map((a) => a.id), new Date(runAt + data.everyMs));

  if (data.part === 'profiles') {
    // groups.getById reads up to 500 pages a request: one job (one request) per batch.
    const batches: number[][] = [];
    for (let i = 0; i < accounts.length; i += VK_GROUPS_PER_REQUEST) batches.push(accounts.slice(i, i + VK_GROUPS_PER_REQUEST).map((a) => a.id));
    await enqueueMany(
      ctx.queue,
      'vk-profiles',
      batches.map((ids) => ({ jobId: crawlJobIds.vkProfiles(ids[0]!, ids.at(-1)!, runAt), data: { accountIds: ids, runAt } })),
    );
  } else {
    await enqueueMany(
      ctx.queue,
      'vk-posts',
      accounts.map((account) => ({ jobId: crawlJobIds.vkPosts(account.id, runAt, 0), data: { accountId: account.id, runAt, cursor: null, page: 0, newest: null } })),
    );
  }

  const last = accounts.at(-1);
  const more = accounts.length === fanoutPageSize && last !== undefined;
  if (more) {
    await enqueueMany(ctx.queue, 'crawl-fanout', [
      { jobId: crawlJobIds.fanout(data.part, data.network, runAt, last.id), data: { ...data, runAt, afterId: last.id } },
    ]);
  }
  const summary = { part: data.part, runAt, accounts: accounts.length, afterId: data.afterId, lastId: last?.id ?? null, more };
  await job.updateProgress(summary);
  return summary;
}
