const NUMBER_FORMATS = new Map<number, Intl.NumberFormat>();

/**
 * Russian plural form for a count: 1 вопрос, 2 вопроса, 5 вопросов. A fractional number takes the
 * genitive singular, which in the nominative is the "few" form (65,3 дня, 1,5 публикации); after a
 * governing word («не менее», «дольше») pass the genitive forms and the genitive singular as `fraction`.
 */
export function pluralRu(count: number, one: string, few: string, many: string, fraction = few): string {
  if (!Number.isInteger(count)) return fraction;
  const n = Math.abs(count);
  const mod100 = n % 100;
  const mod10 = n % 10;
  if (mod100 >= 11 && mod100 <= 14) return many;
  if (mod10 === 1) return one;
  if (mod10 >= 2 && mod10 <= 4) return few;
  return many;
}

/** A number in Russian notation (ru-RU: decimal comma, spaces between thousands), at most `digits` decimals. */
export function numberRu(value: number, digits = 1): string {
  let format = NUMBER_FORMATS.get(digits);
  if (!format) NUMBER_FORMATS.set(digits, (format = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: digits, useGrouping: true })));
  return format.format(Math.round(value * 10 ** digits) / 10 ** digits);
}

/** A number with its noun in the right form, as it is printed: «65,3 дня», «5 дней». */
export function countRu(value: number, one: string, few: string, many: string, fraction = few, digits = 1): string {
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  return `${numberRu(rounded, digits)} ${pluralRu(rounded, one, few, many, fraction)}`;
}

/** A share 0–1 as a whole percentage: «45 %». */
export const percentRu = (share: number) => `${numberRu(share * 100, 0)}\u00a0%`;
