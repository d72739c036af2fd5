import type { Job } from 'bullmq';
import {
  getCrawlAccounts,
  recordCrawlSuccess,
  recordCrawlSuccesses,
  recordProfileSnapshot,
  recordProfileSnapshots,
  recordPagesUnavailable,
  setAccountExternalId,
  setAccountStatesBulk,
  setAccountStatus,
  type CrawlAccount,
  type Sql,
} from '@most/db';
import { parseJobPayload } from '@most/queue';
import { SourceError, type ProfileOutcome, type SourceProfile } from '@most/sources';
import { accountRef, enqueueMany, type CrawlContext } from '../crawl/context';
import { crawlJobIds } from '../crawl/job-ids';
import { failOnSourceError } from '../crawl/source-errors';

/** The profile as the criteria see it: everything but the raw answer (kept beside it as evidence). */
export function normaliseProfile(profile: SourceProfile): Record<string, unknown> {
  const { raw: _raw, ...normalised } = profile;
  return normalised;
}

/** A snapshot (when changed or on a new day), the page's network id and status, and the step's success. */
async function storeProfile(tx: Sql, accountId: number, profile: SourceProfile, at: Date) {
  const outcome = await recordProfileSnapshot(tx, { accountId, status: profile.status, profile: normaliseProfile(profile), raw: profile.raw, observedAt: at });
  await setAccountExternalId(tx, accountId, profile.externalId);
  await setAccountStatus(tx, accountId, profile.status, at);
  await recordCrawlSuccess(tx, accountId, 'profile', at);
  return outcome;
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
  const snapshot = await ctx.sql.begin((transaction) => storeProfile(transaction as unknown as Sql, account.id, profile, at));
  if (data.thenPosts && profile.status === 'active') {
    await enqueueMany(ctx.queue, 'vk-posts', [
      { jobId: crawlJobIds.vkPosts(account.id, data.runAt, 0), data: { accountId: account.id, runAt: data.runAt, cursor: null, page: 0, newest: null } },
    ]);
  }
  return { accountId: account.id, status: profile.status, snapshot };
}

/**
 * A profile run's batch: the profiles of up to 500 accounts read with one groups.getById request
 * (plus one each for pages the batch does not answer for: deleted or missing ones). Pages that are
 * private, deleted, blocked or missing get their status; nothing is written when the request as a
 * whole fails (it is retried, or stops on a rejected token, as any step).
 */
export async function processVkProfiles(job: Job, ctx: CrawlContext) {
  const data = parseJobPayload('vk-profiles', job.data);
  const accounts = await getCrawlAccounts(ctx.sql, data.accountIds);
  if (accounts.length === 0) return { accounts: 0, skipped: 'accounts removed' };
  const refs = accounts.map(accountRef);
  let outcomes: ProfileOutcome[];
  try {
    outcomes = await readProfiles(ctx, refs);
  } catch (error) {
    return failOnSourceError(ctx, accounts.map((a) => a.id), 'profile', error);
  }
  const byRef = new Map(refs.map((ref, i) => [ref, accounts[i]!]));
  const at = ctx.settings.now();
  const read = outcomes.flatMap((o) => ('profile' in o ? [{ account: byRef.get(o.account) as CrawlAccount, profile: o.profile }] : []));
  const unavailable = outcomes.flatMap((o) => ('error' in o ? [{ account: byRef.get(o.account) as CrawlAccount, error: o.error }] : []));
  // A few statements for the whole batch, not a few per account: the next batch's request is not kept waiting.
  const snapshots = await ctx.sql.begin(async (transaction) => {
    const tx = transaction as unknown as Sql;
    const created = await recordProfileSnapshots(
      tx,
      read.map(({ account, profile }) => ({ accountId: account.id, status: profile.status, profile: normaliseProfile(profile), raw: profile.raw, observedAt: at })),
    );
    await setAccountStatesBulk(tx, [
      ...read.map(({ account, profile }) => ({ accountId: account.id, status: profile.status, externalId: profile.externalId })),
      ...unavailable.map(({ account, error }) => ({ accountId: account.id, status: error.details.accountStatus ?? ('not_found' as const), externalId: null })),
    ], at);
    await recordCrawlSuccesses(tx, read.map(({ account }) => account.id), 'profile', at);
    await recordPagesUnavailable(tx, unavailable.map(({ account }) => account.id), at);
    return created;
  });
  const statuses: Record<string, number> = {};
  for (const { profile } of read) statuses[profile.status] = (statuses[profile.status] ?? 0) + 1;
  for (const { error } of unavailable) statuses[error.details.accountStatus ?? 'not_found'] = (statuses[error.details.accountStatus ?? 'not_found'] ?? 0) + 1;
  const summary = { accounts: accounts.length, snapshots: [...snapshots.values()].filter((o) => o === 'created').length, unavailable: unavailable.length, statuses };
  await job.updateProgress(summary);
  return summary;
}

/** Batched when the source can; otherwise one request per account, unavailable pages as outcomes. */
async function readProfiles(ctx: CrawlContext, refs: ReturnType<typeof accountRef>[]): Promise<ProfileOutcome[]> {
  const source = ctx.settings.vk;
  if (source.getProfiles) return source.getProfiles(refs);
  const outcomes: ProfileOutcome[] = [];
  for (const account of refs) {
    try {
      outcomes.push({ account, profile: await source.getProfile(account) });
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'account_unavailable') outcomes.push({ account, error });
      else throw error;
    }
  }
  return outcomes;
}
