import { UnrecoverableError } from 'bullmq';
import { getIssue, planBulletinDeliveries, type Sql } from '@most/db';
import type { QueueBackend, ParsedJob } from '@most/queue';
import type { BulletinWorkerOptions } from './bulletin-options';

/**
 * After publication: print the PDF and queue one e-mail per recipient. Deterministic job ids make
 * a repeated distribution a no-op for what was already queued.
 */
export async function processBulletinDistribute(job: ParsedJob<'bulletin-distribute'>, sql: Sql, queue: QueueBackend, options: BulletinWorkerOptions): Promise<{ issueId: number; emails: number }> {
  const { issueId } = job.data;
  const issue = await getIssue(sql, { id: issueId });
  if (!issue) throw new UnrecoverableError(`Bulletin issue ${issueId} does not exist`);
  if (issue.state !== 'published') throw new UnrecoverableError(`Bulletin issue ${issue.slug} is not published`);
  await queue.enqueue('bulletin-pdf', { issueId }, { jobId: `bulletin-pdf-${issueId}`, attempts: 3 });
  const pending = await planBulletinDeliveries(sql, issueId);
  for (const delivery of pending) {
    await queue.enqueue(
      'bulletin-email',
      { deliveryId: delivery.id },
      { jobId: `bulletin-email-${delivery.id}`, attempts: options.emailRetry.attempts, backoff: { type: 'exponential', delay: options.emailRetry.backoffMs } },
    );
  }
  return { issueId, emails: pending.length };
}
