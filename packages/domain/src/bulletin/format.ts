import { redactPersonalData } from '../privacy/redact';
/** Russian number formats used by every output of the bulletin (decimal comma, signed changes). */

/** Scores are shown with one decimal, rounded half away from zero; changes are computed from the shown values. */
export const formatScore = (value: number | null): string => (value === null ? 'нет данных' : roundTo(value, 1).toFixed(1).replace('.', ','));

export function formatDelta(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return '—';
  const delta = scoreDelta(current, previous) ?? 0;
  if (delta === 0) return '0,0';
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(1).replace('.', ',')}`;
}

export const scoreDelta = (current: number | null, previous: number | null): number | null => (current === null || previous === null ? null : roundTo(roundTo(current, 1) - roundTo(previous, 1), 1));

export function formatPercent(part: number, whole: number): string {
  return formatShare(whole === 0 ? null : part / whole);
}

/** A share (0..1) as «62,5 %»; a dash when it is not stated. */
export function formatShare(share: number | null): string {
  if (share === null) return '—';
  return `${roundTo(share * 100, 1)
    .toFixed(1)
    .replace('.', ',')} %`;
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} мин`;
  return rest === 0 ? `${hours} ч` : `${hours} ч ${rest} мин`;
}

export const roundTo = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor * (1 + Number.EPSILON)) / factor;
  return value < 0 ? -rounded : rounded;
};

const RECOMMENDATION_STATUS_LABELS: Record<string, string> = {
  draft: 'черновик',
  new: 'новая',
  open: 'новая',
  sent: 'направлена',
  acknowledged: 'принята к сведению',
  in_progress: 'в работе',
  remeasured: 'перепроверена',
  resolved: 'выполнена',
  dismissed: 'снята',
};
export const recommendationStatusLabel = (status: string): string => RECOMMENDATION_STATUS_LABELS[status] ?? status;

/** Text that may quote citizens: the one redaction rule (phones, e-mails, mentions and profile links). */
export const redactContacts = (text: string): string => redactPersonalData(text);

const SARATOV_DATE = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Saratov', day: '2-digit', month: '2-digit', year: 'numeric' });
/** A date as people in the region read it: DD.MM.YYYY in Europe/Saratov. */
export const formatSaratovDate = (instant: Date | string): string => SARATOV_DATE.format(typeof instant === 'string' ? new Date(instant) : instant);
