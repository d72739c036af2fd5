import { localDateOf } from './clock';

export const PERIOD_KINDS = ['week', 'month', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First local date of the period, YYYY-MM-DD (weeks start on Monday). */
  start: string;
  /** First local date after the period. */
  end: string;
  /** Stable key, e.g. 2025-W07, 2025-02, 2025-Q1. */
  key: string;
}

const DAY = 86_400_000;

function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** ISO week number and week-year of a local date. */
function isoWeek(date: Date): { year: number; week: number } {
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return { year: thursday.getUTCFullYear(), week: 1 + Math.floor((thursday.getTime() - yearStart) / (7 * DAY)) };
}

/** The period of the given kind that contains a local date (YYYY-MM-DD). */
export function periodOfLocalDate(kind: PeriodKind, localDate: string): Period {
  const date = utcDate(localDate);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (kind === 'week') {
    const start = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY);
    const { year: weekYear, week } = isoWeek(date);
    return { kind, start: iso(start), end: iso(new Date(start.getTime() + 7 * DAY)), key: `${weekYear}-W${String(week).padStart(2, '0')}` };
  }
  if (kind === 'month') {
    return { kind, start: iso(new Date(Date.UTC(year, month, 1))), end: iso(new Date(Date.UTC(year, month + 1, 1))), key: `${year}-${String(month + 1).padStart(2, '0')}` };
  }
  const quarter = Math.floor(month / 3);
  return { kind, start: iso(new Date(Date.UTC(year, quarter * 3, 1))), end: iso(new Date(Date.UTC(year, quarter * 3 + 3, 1))), key: `${year}-Q${quarter + 1}` };
}

/** The period containing an instant, in local time of the given UTC offset. */
export function periodOf(kind: PeriodKind, instant: Date, utcOffsetMinutes: number): Period {
  return periodOfLocalDate(kind, localDateOf(instant.getTime(), utcOffsetMinutes));
}

/** UTC bounds [from, to) of a period under a fixed UTC offset. */
export function periodBounds(period: Pick<Period, 'start' | 'end'>, utcOffsetMinutes: number): { from: Date; to: Date } {
  const shift = utcOffsetMinutes * 60_000;
  return { from: new Date(utcDate(period.start).getTime() - shift), to: new Date(utcDate(period.end).getTime() - shift) };
}
