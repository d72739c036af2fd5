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
