import { UnrecoverableError, Worker } from 'bullmq';
import { raiseCrawlAlert, recordCrawlFailures, recordPagesUnavailable, setAccountStatus, type CrawlPart, type Sql, inTransaction } from '@most/db';
import { SourceError } from '@most/sources';
import type { Network } from '@most/shared';
import { NETWORK_SOURCES } from '@most/sources';
import { networkCrawl, type CrawlContext } from './context';

/**
 * Turns a failed source call into what BullMQ should do, after recording what the dashboard
 * needs. Nothing of the job's data has been written at this point (the call comes first).
 * - rate_limited: hold back the network's whole queue and put the job back without using an attempt;
 * - auth: alert, pause the network's queue (every job would fail the same way), no retry;
 * - account_unavailable: record the account's status, no retry;
 * - transient: retry with exponential backoff (the job's attempts);
 * - malformed / not_supported: fail with a clear message, no retry.
 */
export async function failOnSourceError(ctx: CrawlContext, network: Network, accountIds: number | readonly number[], part: CrawlPart, error: unknown): Promise<never> {
  const at = ctx.settings.now();
  const { label } = NETWORK_SOURCES[network];
  const { tokenFingerprint } = networkCrawl(ctx, network);
  const ids = typeof accountIds === 'number' ? [accountIds] : accountIds;
  const accountId = ids.length === 1 ? ids[0]! : undefined;
  /** The failure concerns every account of the job (one request read them all). */
  const recordFailure = async (sql: Sql, failure: { kind: string; message: string }) => {
    await recordCrawlFailures(sql, ids, { ...failure, at });
  };
  if (!(error instanceof SourceError)) {
    await recordFailure(ctx.sql, { kind: 'internal', message: describe(error) });
    throw error;
  }
  switch (error.kind) {
    case 'rate_limited': {
      const waitMs = error.details.retryAfterMs ?? 1_000;
      ctx.log(`${label} rate limit answered; holding the queue back`, { network, accountIds: ids, part, waitMs, message: error.message });
      await ctx.rateLimit(network, waitMs);
      throw Worker.RateLimitError();
    }
    case 'auth': {
      await raiseCrawlAlert(ctx.sql, { kind: 'auth', network, tokenFingerprint, message: error.message, at });
      await recordFailure(ctx.sql, { kind: 'auth', message: error.message });
      await ctx.queue.queue(network).pause();
      ctx.log(`${label} rejected the token; ${label} crawling paused until the token is replaced`, { network, token: tokenFingerprint });
      throw new UnrecoverableError(`${label} rejected the token ${tokenFingerprint}: ${error.message}. ${label} crawling is paused until the token is replaced.`);
    }
    case 'account_unavailable': {
      const status = error.details.accountStatus ?? 'not_found';
      await inTransaction(ctx.sql, async (tx) => {
        for (const id of ids) await setAccountStatus(tx, id, status, at);
        await recordPagesUnavailable(tx, ids, at);
      });
      throw new UnrecoverableError(`${error.message} (${accountId !== undefined ? `account ${accountId} is` : `accounts ${ids.join(', ')} are`} now ${status}; not retried)`);
    }
    case 'transient':
      await recordFailure(ctx.sql, { kind: 'transient', message: error.message });
      throw error;
    case 'malformed':
      await recordFailure(ctx.sql, { kind: 'malformed', message: error.message });
      throw new UnrecoverableError(`${label} answered malformed data, nothing was written: ${error.message}`);
    case 'not_supported':
      await raiseCrawlAlert(ctx.sql, { kind: 'not_supported', network, tokenFingerprint, message: error.message, at });
      await recordFailure(ctx.sql, { kind: 'not_supported', message: error.message });
      throw new UnrecoverableError(error.message);
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
