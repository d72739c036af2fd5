import type { Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';
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
export async function processBulletinSweep(sql: Sql, queue: QueueBackend): Promise<{ offered: number; scheduleSynced: boolean }> {
  const issues = await sql<{ id: number }[]>`
    SELECT id FROM bulletin_issues
    WHERE state = 'published' AND published_at > now() - make_interval(days => ${DISTRIBUTION_WINDOW_DAYS})
    ORDER BY published_at`;
  for (const issue of issues) {
    await queue.enqueue('bulletin-distribute', { issueId: issue.id }, { jobId: `bulletin-distribute-${issue.id}` });
  }
  const [settings] = await sql<{ updated_at: Date }[]>`SELECT updated_at FROM bulletin_settings`;
  const changedAt = settings?.updated_at.toISOString();
  const scheduleSynced = changedAt !== undefined && changedAt !== appliedSettingsAt;
  if (scheduleSynced) {
    await syncBulletinSchedule(sql, queue);
    appliedSettingsAt = changedAt;
  }
  return { offered: issues.length, scheduleSynced };
}
