import { getCrawlAccounts, recordCrawlSuccesses, recordPagesUnavailable, recordProfileSnapshots, setAccountStatesBulk, type CrawlAccount, inTransaction } from '@most/db';
import { crawlJobName, type CrawlJobName, type ParsedJob } from '@most/queue';
import { SourceError, type AccountRef, type ProfileOutcome, type SocialSource, type SourceProfile } from '@most/sources';
import { accountRef, enqueueMany, networkCrawl, type CrawlContext } from '../crawl/context';
import { crawlJobIds } from '../crawl/job-ids';
import { failOnSourceError } from '../crawl/source-errors';

/** The profile as the criteria see it: everything but the raw answer (kept beside it as evidence). */
export function normaliseProfile(profile: SourceProfile): Record<string, unknown> {
  const { raw: _raw, ...normalised } = profile;
  return normalised;
}

/**
 * A profile run's batch: the profiles of the job's accounts, read in as few requests as the network
 * allows (VK: up to 500 in one groups.getById). Pages that are private, deleted, blocked or missing get
 * their status; nothing is written when the request as a whole fails (it is retried, or stops on a
 * rejected token, as any step).
 */
export async function processProfiles(job: ParsedJob<CrawlJobName<'profiles'>>, ctx: CrawlContext) {
  const data = job.data;
  const { source } = networkCrawl(ctx, data.network);
  const accounts = await getCrawlAccounts(ctx.sql, data.accountIds);
  if (accounts.length === 0) return { accounts: 0, skipped: 'accounts removed' };
  const refs = accounts.map(accountRef);
  let outcomes: ProfileOutcome[];
  try {
    outcomes = await readProfiles(source, refs);
  } catch (error) {
    return failOnSourceError(
      ctx,
      data.network,
      accounts.map((a) => a.id),
      'profile',
      error,
    );
  }
  const byRef = new Map(refs.map((ref, i) => [ref, accounts[i]!]));
  const at = ctx.settings.now();
  const read = outcomes.flatMap((o) => ('profile' in o ? [{ account: byRef.get(o.account) as CrawlAccount, profile: o.profile }] : []));
  const unavailable = outcomes.flatMap((o) => ('error' in o ? [{ account: byRef.get(o.account) as CrawlAccount, error: o.error }] : []));
  // A few statements for the whole batch, not a few per account: the next batch's request is not kept waiting.
  const snapshots = await inTransaction(ctx.sql, async (tx) => {
    const created = await recordProfileSnapshots(
      tx,
      read.map(({ account, profile }) => ({ accountId: account.id, status: profile.status, profile: normaliseProfile(profile), raw: profile.raw, observedAt: at })),
    );
    await setAccountStatesBulk(
      tx,
      [
        ...read.map(({ account, profile }) => ({ accountId: account.id, status: profile.status, externalId: profile.externalId })),
        ...unavailable.map(({ account, error }) => ({ accountId: account.id, status: error.details.accountStatus ?? ('not_found' as const), externalId: null })),
      ],
      at,
    );
    await recordCrawlSuccesses(
      tx,
      read.map(({ account }) => account.id),
      'profile',
      at,
    );
    await recordPagesUnavailable(
      tx,
      unavailable.map(({ account }) => account.id),
      at,
    );
    return created;
  });
  if (data.thenPosts) {
    const active = read.filter(({ profile }) => profile.status === 'active').map(({ account }) => account.id);
    await enqueueMany(
      ctx.queue,
      crawlJobName(data.network, 'posts'),
      active.map((id) => ({ jobId: crawlJobIds.posts(data.network, id, data.runAt, 0), data: { network: data.network, accountId: id, runAt: data.runAt, cursor: null, page: 0, newest: null } })),
    );
  }
  const statuses: Record<string, number> = {};
  for (const { profile } of read) statuses[profile.status] = (statuses[profile.status] ?? 0) + 1;
  for (const { error } of unavailable) statuses[error.details.accountStatus ?? 'not_found'] = (statuses[error.details.accountStatus ?? 'not_found'] ?? 0) + 1;
  const summary = { network: data.network, accounts: accounts.length, snapshots: [...snapshots.values()].filter((o) => o === 'created').length, unavailable: unavailable.length, statuses };
  await job.updateProgress(summary);
  return summary;
}

/** Batched when the source can; otherwise one request per account, unavailable pages as outcomes. */
async function readProfiles(source: SocialSource, refs: AccountRef[]): Promise<ProfileOutcome[]> {
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
