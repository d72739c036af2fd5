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
