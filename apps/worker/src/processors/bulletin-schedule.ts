import { getBulletinSettings, type Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';

export const BULLETIN_SCHEDULER_ID = 'bulletin-generate';
export const BULLETIN_SWEEP_SCHEDULER_ID = 'bulletin-sweep';
const SWEEP_EVERY_MS = 60_000;

/**
 * Makes the queue's job schedulers match the stored settings: the draft schedule (a cron pattern
 * in a time zone, or off) and the one-minute sweep that distributes published issues.
 */
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
  await system.upsertJobScheduler(
    BULLETIN_SWEEP_SCHEDULER_ID,
    { every: SWEEP_EVERY_MS, startDate: Date.now() + SWEEP_EVERY_MS },
    { name: 'bulletin-sweep', data: {}, opts: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } } },
  );
  return { enabled: settings.scheduleEnabled, pattern: settings.schedulePattern, timezone: settings.scheduleTimezone };
}
