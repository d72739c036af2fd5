import type { BulletinPeriod } from './dataset';

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
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

/** Parses a monthly key `YYYY-MM`. */
export function parseMonthlyPeriodKey(key: string): BulletinPeriod {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match) throw new RangeError(`Not a monthly period key: ${key}`);
  return monthlyPeriod(Number(match[1]), Number(match[2]));
}

const SARATOV_YEAR_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Saratov', year: 'numeric', month: '2-digit' });

/** The last full month before `now` in Europe/Saratov: what a bulletin prepared at `now` reports on. */
export function lastFullMonth(now: Date): BulletinPeriod {
  const parts = Object.fromEntries(SARATOV_YEAR_MONTH.formatToParts(now).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  return month === 1 ? monthlyPeriod(year - 1, 12) : monthlyPeriod(year, month - 1);
}

/** The month before a monthly period. */
export function previousMonth(period: BulletinPeriod): BulletinPeriod {
  const current = parseMonthlyPeriodKey(period.key);
  const [year, month] = current.key.split('-').map(Number) as [number, number];
  return month === 1 ? monthlyPeriod(year - 1, 12) : monthlyPeriod(year, month - 1);
}
