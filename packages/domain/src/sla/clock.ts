import type { DayHours, SlaPolicy } from './policy';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Guard against schedules without any working time (e.g. every day a holiday). */
const MAX_DAYS_SCANNED = 3_700;

/** Local calendar date (YYYY-MM-DD) of an instant under a fixed UTC offset. */
export function localDateOf(instantMs: number, utcOffsetMinutes: number): string {
  return new Date(instantMs + utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** UTC instant of the local midnight that starts the local day containing `instantMs`. */
export function localDayStart(instantMs: number, utcOffsetMinutes: number): number {
  const shifted = instantMs + utcOffsetMinutes * MINUTE;
  return shifted - (((shifted % DAY) + DAY) % DAY) - utcOffsetMinutes * MINUTE;
}

/** 0 = Monday … 6 = Sunday, for the local day starting at `dayStartMs`. */
function localWeekday(dayStartMs: number, utcOffsetMinutes: number): number {
  const utcDay = new Date(dayStartMs + utcOffsetMinutes * MINUTE).getUTCDay();
  return (utcDay + 6) % 7;
}

/** A compiled view of a policy's calendar so hot loops avoid array scans. */
export interface WorkingCalendar {
  readonly utcOffsetMinutes: number;
  hoursOn(dayStartMs: number): DayHours | null;
}

const calendars = new WeakMap<SlaPolicy, WorkingCalendar>();

export function workingCalendar(policy: SlaPolicy): WorkingCalendar {
  const cached = calendars.get(policy);
  if (cached) return cached;
  const holidays = new Set(policy.holidays);
  const extra = new Set(policy.extraWorkingDays);
  const calendar: WorkingCalendar = {
    utcOffsetMinutes: policy.utcOffsetMinutes,
    hoursOn(dayStartMs) {
      if (holidays.size > 0 || extra.size > 0) {
        const date = localDateOf(dayStartMs, policy.utcOffsetMinutes);
        if (holidays.has(date)) return null;
        if (extra.has(date)) return policy.extraWorkingDayHours;
      }
      return policy.week[localWeekday(dayStartMs, policy.utcOffsetMinutes)] ?? null;
    },
  };
  calendars.set(policy, calendar);
  return calendar;
}

/** Working milliseconds in [fromMs, toMs) under the policy's schedule; 0 when to ≤ from. */
export function workingMsBetween(policy: SlaPolicy, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  const calendar = workingCalendar(policy);
  let total = 0;
  let dayStart = localDayStart(fromMs, policy.utcOffsetMinutes);
  for (let scanned = 0; dayStart < toMs && scanned < MAX_DAYS_SCANNED; scanned += 1, dayStart += DAY) {
    const hours = calendar.hoursOn(dayStart);
    if (!hours) continue;
    const open = Math.max(fromMs, dayStart + hours.openMinute * MINUTE);
    const close = Math.min(toMs, dayStart + hours.closeMinute * MINUTE);
    if (close > open) total += close - open;
  }
  return total;
}

/** Milliseconds counted by the policy's clock between two instants (never negative). */
export function slaElapsedMs(policy: SlaPolicy, fromMs: number, toMs: number): number {
  if (policy.clock === 'calendar') return Math.max(0, toMs - fromMs);
  return workingMsBetween(policy, fromMs, toMs);
}

/**
 * The deadline instant: the earliest moment at which `durationMinutes` of the policy's clock
 * have elapsed since `fromMs`. A reply at exactly this instant is in time (inclusive).
 */
export function slaDeadline(policy: SlaPolicy, fromMs: number): number {
  const durationMs = policy.durationMinutes * MINUTE;
  if (policy.clock === 'calendar') return fromMs + durationMs;
  const calendar = workingCalendar(policy);
  let remaining = durationMs;
  let dayStart = localDayStart(fromMs, policy.utcOffsetMinutes);
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned += 1, dayStart += DAY) {
    const hours = calendar.hoursOn(dayStart);
    if (!hours) continue;
    const open = Math.max(fromMs, dayStart + hours.openMinute * MINUTE);
    const close = dayStart + hours.closeMinute * MINUTE;
    if (close <= open) continue;
    if (close - open >= remaining) return open + remaining;
    remaining -= close - open;
  }
  return Number.POSITIVE_INFINITY;
}
