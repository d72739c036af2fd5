/** Dates are shown in the region's own time zone (Europe/Saratov, UTC+4, no DST). */
export const REGION_TIME_ZONE = 'Europe/Saratov';

export function formatDateTime(value: Date | string, locale: 'ru' | 'en' = 'ru'): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: REGION_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function formatDate(value: Date | string, locale: 'ru' | 'en' = 'ru'): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: REGION_TIME_ZONE, dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number | null | undefined, locale: 'ru' | 'en' = 'ru', digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/** A duration as "5 h 07 min" with the locale's unit words; negative values are shown as their magnitude. */
export function formatDuration(ms: number, units: { hours: string; minutes: string }): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours > 0 ? `${hours} ${units.hours} ${String(minutes).padStart(2, '0')} ${units.minutes}` : `${minutes} ${units.minutes}`;
}

/** A countdown as H:MM:SS (hours not wrapped at 24); negative values are shown as their magnitude. */
export function formatCountdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

/**
 * A scoring period as people name it, from its kind and first day (YYYY-MM-DD): "ноябрь 2026 г.",
 * "IV квартал 2026 г.", "неделя с 2 нояб. 2026 г."; any other kind as its first day.
 * `words` are the locale's templates: quarter "{quarter} квартал {year} г.", week "неделя с {date}".
 */
export function formatPeriod(kind: string | null | undefined, start: string, words: { quarter: string; week: string }, locale: 'ru' | 'en' = 'ru'): string {
  const date = new Date(`${start.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return start;
  const tag = locale === 'ru' ? 'ru-RU' : 'en-GB';
  if (kind === 'month') return new Intl.DateTimeFormat(tag, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(date);
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  if (kind === 'quarter') return fill(words.quarter, { quarter: ROMAN_QUARTERS[Math.floor(date.getUTCMonth() / 3)]!, year: String(date.getUTCFullYear()) });
  const day = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', dateStyle: 'medium' }).format(date);
  return kind === 'week' ? fill(words.week, { date: day }) : day;
}

/**
 * A period as a chart names it: its month ("окт. 2026"), or first and last month. Never the
 * period's last day, which lies in the future while the period runs.
 */
export function formatPeriodMonths(start: string, end: string, locale: 'ru' | 'en' = 'ru'): string {
  const month = (day: string) => new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
  return start.slice(0, 7) === end.slice(0, 7) ? month(start) : `${month(start)} – ${month(end)}`;
}
