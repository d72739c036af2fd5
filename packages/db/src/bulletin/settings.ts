import { z } from 'zod';
import { AppError } from '@most/shared';
import type { Queryable } from '../client';
import { appendAudit } from '../audit';
import type { BulletinActor } from './common';

export interface BulletinSettings {
  schedulePattern: string;
  scheduleTimezone: string;
  scheduleEnabled: boolean;
}

/** Five-field cron: minute hour day-of-month month day-of-week. */
const CRON = /^(\S+\s+){4}\S+$/;

export const bulletinSettingsSchema = z.object({
  schedulePattern: z.string().trim().regex(CRON, 'must be a five-field cron pattern, e.g. "0 6 1 * *"').max(100),
  scheduleTimezone: z.string().trim().min(1).max(60).refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'is not a time zone'),
  scheduleEnabled: z.boolean(),
});

export async function getBulletinSettings(sql: Queryable): Promise<BulletinSettings> {
  const [row] = await sql<{ schedule_pattern: string; schedule_timezone: string; schedule_enabled: boolean }[]>`
    SELECT schedule_pattern, schedule_timezone, schedule_enabled FROM bulletin_settings`;
  if (!row) return { schedulePattern: '0 6 1 * *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: true };
  return { schedulePattern: row.schedule_pattern, scheduleTimezone: row.schedule_timezone, scheduleEnabled: row.schedule_enabled };
}

export async function updateBulletinSettings(sql: Queryable, input: BulletinSettings, actor: BulletinActor): Promise<BulletinSettings> {
  const parsed = bulletinSettingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  const s = parsed.data;
  await sql`
    INSERT INTO bulletin_settings (id, schedule_pattern, schedule_timezone, schedule_enabled)
    VALUES (true, ${s.schedulePattern}, ${s.scheduleTimezone}, ${s.scheduleEnabled})
    ON CONFLICT (id) DO UPDATE SET schedule_pattern = EXCLUDED.schedule_pattern, schedule_timezone = EXCLUDED.schedule_timezone,
      schedule_enabled = EXCLUDED.schedule_enabled, updated_at = now()`;
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'bulletin.settings.update', entityType: 'bulletin_settings', entityId: null, details: { ...s } });
  return s;
}
