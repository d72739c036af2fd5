import type { Job } from 'bullmq';
import { getCrawlAccounts, recordCrawlSuccess, recordProfileSnapshot, setAccountExternalId, setAccountStatus, type Sql } from '@most/db';
import { parseJobPayload } from '@most/queue';
import type { SourceProfile } from '@most/sources';
import { accountRef, enqueueMany, type CrawlContext } from '../crawl/context';
import { crawlJobIds } from '../crawl/job-ids';
import { failOnSourceError } from '../crawl/source-errors';

/** The profile as the criteria see it: everything but the raw answer (kept beside it as evidence). */
export function normaliseProfile(profile: SourceProfile): Record<string, unknown> {
  const { raw: _raw, ...normalised } = profile;
  return normalised;
}

/** One groups.getById request: a profile snapshot (when changed or on a new day), the page's id and status. */
export async function processVkProfile(job: Job, ctx: CrawlContext) {
  const data = parseJobPayload('vk-profile', job.data);
  const [account] = await getCrawlAccounts(ctx.sql, [data.accountId]);
  if (!account) return { skipped: 'account removed' };
  let profile: SourceProfile;
  try {
    profile = await ctx.settings.vk.getProfile(accountRef(account));
  } catch (error) {
    return failOnSourceError(ctx, account.id, 'profile', error);
  }
  const at = ctx.settings.now();
  const snapshot = await ctx.sql.begin(async (transaction) => {
    const tx = transaction as unknown as Sql;
    const outcome = await recordProfileSnapshot(tx, { accountId: account.id, status: profile.status, profile: normaliseProfile(profile), raw: profile.raw, observedAt: at });
    await setAccountExternalId(tx, account.id, profile.externalId);
    await setAccountStatus(tx, account.id, profile.status, at);
    await recordCrawlSuccess(tx, account.id, 'profile', at);
    return outcome;
  });
  if (data.thenPosts && profile.status === 'active') {
    await enqueueMany(ctx.queue, 'vk-posts', [
      { jobId: crawlJobIds.vkPosts(account.id, data.runAt, 0), data: { accountId: account.id, runAt: data.runAt, cursor: null, page: 0, newest: null } },
    ]);
  }
  return { accountId: account.id, status: profile.status, snapshot };
}
