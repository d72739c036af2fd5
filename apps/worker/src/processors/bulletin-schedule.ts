import { getBulletinSettings, type Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';

export const BULLETIN_SCHEDULER_ID = 'bulletin-generate';

/** Makes the queue's job scheduler match the stored schedule (cron pattern in a time zone, or off). */
export async function syncBulletinSchedule(sql: Sql, queue: QueueBackend): Promise<{ enabled: boolean; pattern: string; timezone: string }> {
  const settings = await getBulletinSettings(sql);
  const system = queue.queue('system');
  if (!settings.scheduleEnabled) {
    await system.removeJobScheduler(BULLETIN_SCHEDULER_ID);
  } else {
    await system.upsertJobScheduler(
      BULLETIN_SCHEDULER_ID,
      { pattern: settings.schedulePattern, tz: settings.scheduleTimezone },
      { name: 'bulletin-generate', data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
    );
  }
  return { enabled: settings.scheduleEnabled, pattern: settings.schedulePattern, timezone: settings.scheduleTimezone };
}
