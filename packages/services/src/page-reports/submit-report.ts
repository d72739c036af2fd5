import { createHash } from 'node:crypto';
import { countPageReportsSince, inTransaction, insertPageReport, lockPageReporter, type Queryable } from '@most/db';
import { isHoneypotFilled, normalizeAccountUrl, PAGE_REPORT_LIMITS, pageReportInputSchema, type PageReportInput } from '@most/domain';
import { AppError } from '@most/shared';

const HOUR_MS = 3_600_000;

/** The client's address is never stored: only this hash, which changes every UTC day. */
export const reporterHash = (clientAddress: string, now: Date = new Date()): string =>
  createHash('sha256')
    .update(`page-report|${now.toISOString().slice(0, 10)}|${clientAddress}`)
    .digest('hex');

/**
 * Files a visitor's report in the monitors' queue. Refused with 429 past the hourly limit per
 * client; a report with the honeypot filled is answered like any other and not stored.
 */
export async function submitPageReport(sql: Queryable, raw: PageReportInput, clientAddress: string, now: Date = new Date()): Promise<{ received: true }> {
  const input = pageReportInputSchema.parse(raw);
  if (isHoneypotFilled(input)) return { received: true };
  const hash = reporterHash(clientAddress, now);
  const normalized = normalizeAccountUrl(input.url);
  await inTransaction(sql, async (tx) => {
    // One client's reports are counted under a lock on its hash, so parallel requests cannot slip past the limit.
    await lockPageReporter(tx, hash);
    if ((await countPageReportsSince(tx, hash, new Date(now.getTime() - HOUR_MS))) >= PAGE_REPORT_LIMITS.perClientPerHour) {
      throw new AppError('TOO_MANY_REQUESTS', 'Слишком много сообщений с этого адреса: попробуйте через час', { details: { perHour: PAGE_REPORT_LIMITS.perClientPerHour } });
    }
    await insertPageReport(tx, {
      url: input.url,
      canonicalUrl: normalized.ok ? normalized.account.canonicalUrl : null,
      network: normalized.ok ? normalized.account.network : null,
      reason: input.reason,
      reporterHash: hash,
      createdAt: now,
    });
  });
  return { received: true };
}
