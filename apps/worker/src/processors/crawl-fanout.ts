import { listCrawlAccounts, setNextCrawl } from '@most/db';
import { crawlJobName, type ParsedJob } from '@most/queue';
import { regionTurnPriority } from '@most/domain/crawl-schedule';
import { NETWORK_SOURCES } from '@most/sources';
import { enqueueMany, type CrawlContext } from '../crawl/context';
import { crawlJobIds } from '../crawl/job-ids';

/**
 * One page of a crawl run of one network: takes the next accounts by id, enqueues their jobs on the
 * network's queue and, when there may be more, a continuation of itself. Makes no network request.
 * Profile runs enqueue one job per batch the network reads at once (VK: 500 pages a request) and
 * visit every account, so a page that was private or deleted is noticed when it comes back. Posts
 * runs visit active accounts (a page not resolved to its network id yet is read by its handle).
 * A run of a network this worker does not read is skipped.
 */
export async function processCrawlFanout(job: ParsedJob<'crawl-fanout'>, ctx: CrawlContext) {
  const data = job.data;
  const { network } = data;
  const runAt = data.runAt ?? job.timestamp;
  if (!ctx.settings.sources[network]) return { part: data.part, network, runAt, skipped: `no ${network} source is configured` };
  const { fanoutPageSize } = ctx.settings;
  const accounts = await listCrawlAccounts(ctx.sql, {
    network,
    afterId: data.afterId,
    limit: fanoutPageSize,
    statuses: data.part === 'posts' ? ['active'] : undefined,
  });
  if (data.everyMs !== undefined)
    await setNextCrawl(
      ctx.sql,
      accounts.map((a) => a.id),
      new Date(runAt + data.everyMs),
    );
  if (data.part === 'profiles') {
    const perJob = NETWORK_SOURCES[network].profilesPerJob;
    const batches: number[][] = [];
    for (let i = 0; i < accounts.length; i += perJob) batches.push(accounts.slice(i, i + perJob).map((a) => a.id));
    await enqueueMany(
      ctx.queue,
      crawlJobName(network, 'profiles'),
      batches.map((ids) => ({ jobId: crawlJobIds.profiles(network, ids[0]!, ids.at(-1)!, runAt), data: { network, accountIds: ids, runAt, thenPosts: false } })),
    );
  } else {
    // Regions take turns: every region's first page before any region's second, whatever their sizes.
    await enqueueMany(
      ctx.queue,
      crawlJobName(network, 'posts'),
      accounts.map((account) => ({
        jobId: crawlJobIds.posts(network, account.id, runAt, 0),
        data: { network, accountId: account.id, runAt, cursor: null, page: 0, newest: null },
        priority: regionTurnPriority(account.regionRank),
      })),
    );
  }
  const last = accounts.at(-1);
  const more = accounts.length === fanoutPageSize && last !== undefined;
  if (more) {
    await enqueueMany(ctx.queue, 'crawl-fanout', [{ jobId: crawlJobIds.fanout(data.part, network, runAt, last.id), data: { ...data, runAt, afterId: last.id } }]);
  }
  const summary = { part: data.part, network, runAt, accounts: accounts.length, afterId: data.afterId, lastId: last?.id ?? null, more };
  await job.updateProgress(summary);
  return summary;
}
