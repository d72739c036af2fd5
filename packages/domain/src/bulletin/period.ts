import type { BulletinPeriod } from './dataset';

/** How often the bulletin appears: each issue reports on one calendar month or quarter. */
export const BULLETIN_PERIOD_KINDS = ['month', 'quarter'] as const;
export type BulletinPeriodKind = (typeof BULLETIN_PERIOD_KINDS)[number];

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const QUARTERS = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar month `month` (1–12) of `year` as a bulletin period. */
export function monthlyPeriod(year: number, month: number): BulletinPeriod {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Not a month: ${year}-${month}`);
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return {
    key: `${year}-${pad(month)}`,
    start: `${year}-${pad(month)}-01`,
    end: `${nextYear}-${pad(nextMonth)}-01`,
    label: `${MONTHS[month - 1]} ${year}`,
  };
}

/** The calendar quarter `quarter` (1–4) of `year` as a bulletin period (key `2026-q4`). */
export function quarterlyPeriod(year: number, quarter: number): BulletinPeriod {
  if (!Number.isInteger(year) || !Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`Not a quarter: ${year}-q${quarter}`);
  const first = (quarter - 1) * 3 + 1;
  return {
    key: `${year}-q${quarter}`,
    start: `${year}-${pad(first)}-01`,
    end: quarter === 4 ? `${year + 1}-01-01` : `${year}-${pad(first + 3)}-01`,
    label: `${QUARTERS[quarter - 1]} квартал ${year}`,
  };
}

/** Parses a monthly key `YYYY-MM`. */
export function parseMonthlyPeriodKey(key: string): BulletinPeriod {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match) throw new RangeError(`Not a monthly period key: ${key}`);
  return monthlyPeriod(Number(match[1]), Number(match[2]));
}

/** Parses a bulletin period key: `YYYY-MM` for a month or `YYYY-qN` for a quarter. */
export function parseBulletinPeriodKey(key: string): BulletinPeriod {
  const quarter = /^(\d{4})-q([1-4])$/i.exec(key);
  if (quarter) return quarterlyPeriod(Number(quarter[1]), Number(quarter[2]));
  return parseMonthlyPeriodKey(key);
}

/** Whether a bulletin period is a month or a quarter (periods of other lengths have neither). */
export function bulletinPeriodKind(period: Pick<BulletinPeriod, 'key'>): BulletinPeriodKind | null {
  if (/^\d{4}-\d{2}$/.test(period.key)) return 'month';
  if (/^\d{4}-q[1-4]$/.test(period.key)) return 'quarter';
  return null;
}

const SARATOV_YEAR_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Saratov', year: 'numeric', month: '2-digit' });

function saratovYearMonth(now: Date): { year: number; month: number } {
  const parts = Object.fromEntries(SARATOV_YEAR_MONTH.formatToParts(now).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month) };
}

/** The last full month before `now` in Europe/Saratov: what a bulletin prepared at `now` reports on. */
export function lastFullMonth(now: Date): BulletinPeriod {
  const { year, month } = saratovYearMonth(now);
  return month === 1 ? monthlyPeriod(year - 1, 12) : monthlyPeriod(year, month - 1);
}

/** The last full month or quarter before `now` in Europe/Saratov. */
export function lastFullPeriod(kind: BulletinPeriodKind, now: Date): BulletinPeriod {
  if (kind === 'month') return lastFullMonth(now);
  const { year, month } = saratovYearMonth(now);
  const current = Math.floor((month - 1) / 3) + 1;
  return current === 1 ? quarterlyPeriod(year - 1, 4) : quarterlyPeriod(year, current - 1);
}

/** The month before a monthly period. */
export function previousMonth(period: BulletinPeriod): BulletinPeriod {
  const current = parseMonthlyPeriodKey(period.key);
  const [year, month] = current.key.split('-').map(Number) as [number, number];
  return month === 1 ? monthlyPeriod(year - 1, 12) : monthlyPeriod(year, month - 1);
}

/** The period of the same kind just before a month or a quarter; null for other periods. */
export function previousPeriod(period: BulletinPeriod): BulletinPeriod | null {
  const kind = bulletinPeriodKind(period);
  if (kind === 'month') return previousMonth(period);
  if (kind !== 'quarter') return null;
  const [year, quarter] = period.key.split('-q').map(Number) as [number, number];
  return quarter === 1 ? quarterlyPeriod(year - 1, 4) : quarterlyPeriod(year, quarter - 1);
}

/** The last day (YYYY-MM-DD) of a period whose end is exclusive, as editions and the SLA counts name it. */
export function lastDayOfPeriod(exclusiveEnd: string): string {
  const date = new Date(`${exclusiveEnd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
