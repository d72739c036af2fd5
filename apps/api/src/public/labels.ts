import type { OrganizationKind, Sector } from '@most/shared';

export const KIND_LABELS: Record<OrganizationKind, string> = {
  regional_executive: 'Органы исполнительной власти',
  local_government: 'Органы местного самоуправления',
  subordinate_institution: 'Подведомственные учреждения',
};

export const SECTOR_LABELS: Record<Sector, string> = {
  education: 'Образование',
  health: 'Здравоохранение',
  social_protection: 'Социальная защита',
  culture: 'Культура',
  sport: 'Спорт',
  housing_utilities: 'ЖКХ',
  roads_transport: 'Дороги и транспорт',
  other: 'Другое',
};

const dateFormat = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Saratov', day: 'numeric', month: 'long', year: 'numeric' });
/** A calendar date (YYYY-MM-DD) in Russian, e.g. «1 октября 2026 г.» */
export const formatDate = (isoDate: string) => dateFormat.format(new Date(`${isoDate}T12:00:00Z`));
export const formatPeriod = (start: string, end: string) => `${formatDate(start)} — ${formatDate(end)}`;
/** The Saratov calendar day of an instant, in Russian. */
export const formatDay = (instant: Date) => dateFormat.format(instant);
