import { z } from 'zod';
import { BULLETIN_PERIOD_KINDS, type BulletinPeriodKind } from '@most/domain';
import { AppError } from '@most/shared';
import type { Queryable } from '../client';
import { appendAudit } from '../audit';
import type { BulletinActor } from './common';

export interface BulletinSettings {
  schedulePattern: string;
  scheduleTimezone: string;
  scheduleEnabled: boolean;
  /** What each scheduled issue reports on: the last full month or quarter. */
  periodKind: BulletinPeriodKind;
}

/** Five-field cron: minute hour day-of-month month day-of-week. */
const CRON = /^(\S+\s+){4}\S+$/;

export const bulletinSettingsSchema = z.object({
  schedulePattern: z.string().trim().regex(CRON, 'must be a five-field cron pattern, e.g. "0 6 1 * *"').max(100),
  scheduleTimezone: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'is not a time zone'),
  scheduleEnabled: z.boolean(),
  /** Left out: unchanged. */
  periodKind: z.enum(BULLETIN_PERIOD_KINDS).optional(),
});

export async function getBulletinSettings(sql: Queryable): Promise<BulletinSettings> {
  const [row] = await sql<{ schedule_pattern: string; schedule_timezone: string; schedule_enabled: boolean; period_kind: BulletinPeriodKind }[]>`
    SELECT schedule_pattern, schedule_timezone, schedule_enabled, period_kind FROM bulletin_settings`;
  if (!row) return { schedulePattern: '0 6 1 * *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: true, periodKind: 'month' };
  return { schedulePattern: row.schedule_pattern, scheduleTimezone: row.schedule_timezone, scheduleEnabled: row.schedule_enabled, periodKind: row.period_kind };
}

export async function updateBulletinSettings(sql: Queryable, input: z.input<typeof bulletinSettingsSchema>, actor: BulletinActor): Promise<BulletinSettings> {
  const parsed = bulletinSettingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  const s = parsed.data;
  await sql`
    INSERT INTO bulletin_settings (id, schedule_pattern, schedule_timezone, schedule_enabled, period_kind)
    VALUES (true, ${s.schedulePattern}, ${s.scheduleTimezone}, ${s.scheduleEnabled}, ${s.periodKind ?? 'month'})
    ON CONFLICT (id) DO UPDATE SET schedule_pattern = EXCLUDED.schedule_pattern, schedule_timezone = EXCLUDED.schedule_timezone,
      schedule_enabled = EXCLUDED.schedule_enabled, period_kind = COALESCE(${s.periodKind ?? null}, bulletin_settings.period_kind), updated_at = now()`;
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'bulletin.settings.update', entityType: 'bulletin_settings', entityId: null, details: { ...s } });
  return getBulletinSettings(sql);
}
