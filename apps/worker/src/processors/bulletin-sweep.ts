import { listResentDeliveries, type Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';
import type { BulletinWorkerOptions } from './bulletin-options';
import { syncBulletinSchedule } from './bulletin-schedule';

/** Issues published within this window are (re)offered for distribution; job ids make it once each. */
const DISTRIBUTION_WINDOW_DAYS = 7;
/** The settings row's last change this process applied to the queue's schedulers. */
let appliedSettingsAt: string | undefined;

/**
 * A transactional outbox over the issues table: publishing only commits state, and this sweep
 * queues the distribution of every recently published issue (a repeated offer is a no-op thanks to
 * the deterministic job id). It also applies a changed draft schedule.
 */
export async function processBulletinSweep(sql: Sql, queue: QueueBackend, options: Pick<BulletinWorkerOptions, 'emailRetry'>): Promise<{ offered: number; resent: number; scheduleSynced: boolean }> {
  const issues = await sql<{ id: number }[]>`
    SELECT id FROM bulletin_issues
    WHERE state = 'published' AND published_at > now() - make_interval(days => ${DISTRIBUTION_WINDOW_DAYS})
    ORDER BY published_at`;
  for (const issue of issues) {
    await queue.enqueue('bulletin-distribute', { issueId: issue.id }, { jobId: `bulletin-distribute-${issue.id}` });
  }
  // Failed deliveries a monitor asked to resend: a new job per round of attempts.
  const resent = await listResentDeliveries(sql);
  for (const delivery of resent) {
    await queue.enqueue(
      'bulletin-email',
      { deliveryId: delivery.id },
      { jobId: `bulletin-email-${delivery.id}-a${delivery.attempts}`, attempts: options.emailRetry.attempts, backoff: { type: 'exponential', delay: options.emailRetry.backoffMs } },
    );
  }
  const [settings] = await sql<{ updated_at: Date }[]>`SELECT updated_at FROM bulletin_settings`;
  const changedAt = settings?.updated_at.toISOString();
  const scheduleSynced = changedAt !== undefined && changedAt !== appliedSettingsAt;
  if (scheduleSynced) {
    await syncBulletinSchedule(sql, queue);
    appliedSettingsAt = changedAt;
  }
  return { offered: issues.length, resent: resent.length, scheduleSynced };
}
