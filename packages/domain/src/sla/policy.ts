import { z } from 'zod';

/** Opening hours of one local day, in minutes after local midnight ([open, close)). */
export const dayHoursSchema = z
  .object({ openMinute: z.number().int().min(0).max(1440), closeMinute: z.number().int().min(0).max(1440) })
  .refine((hours) => hours.closeMinute > hours.openMinute, 'closeMinute must be after openMinute');
export type DayHours = z.infer<typeof dayHoursSchema>;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/**
 * The response deadline as data. Saratov's agreed rule is 24 calendar hours; other regions
 * count working hours (Sevastopol: 9 working hours), so both clocks are supported.
 *
 * The timezone is a fixed UTC offset: Europe/Saratov has been UTC+4 without DST since
 * 2016-12-04, and a fixed offset keeps the engine pure and fast. `timezone` is kept for display.
 */
export const slaPolicySchema = z.object({
  durationMinutes: z.number().int().positive(),
  clock: z.enum(['calendar', 'working_hours']),
  timezone: z.string().min(1),
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Monday first; null = day off. Used only by the working-hours clock. */
  week: z.array(dayHoursSchema.nullable()).length(7),
  /** Local dates that are days off even if the weekday is a working day. */
  holidays: z.array(localDate),
  /** Local dates that are working days even if the weekday is off (transferred Saturdays). */
  extraWorkingDays: z.array(localDate),
  /** Hours used on an extra working day. */
  extraWorkingDayHours: dayHoursSchema,
  /** Below this many decided questions in a period the result is "not enough data". */
  minimumSample: z.number().int().positive(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

const NINE_TO_SIX: DayHours = { openMinute: 9 * 60, closeMinute: 18 * 60 };

/** The Saratov programme's rule: 24 calendar hours, Saratov time, minimum sample 10 questions. */
export const DEFAULT_SLA_POLICY: SlaPolicy = Object.freeze({
  durationMinutes: 24 * 60,
  clock: 'calendar',
  timezone: 'Europe/Saratov',
  utcOffsetMinutes: 4 * 60,
  week: [NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, null, null],
  holidays: [],
  extraWorkingDays: [],
  extraWorkingDayHours: NINE_TO_SIX,
  minimumSample: 10,
}) as SlaPolicy;

/** Builds a policy from partial data, validating the result. */
export function slaPolicy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return slaPolicySchema.parse({ ...DEFAULT_SLA_POLICY, ...overrides });
}
