/**
 * Russian numbers and plural forms, shared by every output (dashboard, bulletin, feeds, texts):
 * ru-RU separators (decimal comma, non-breaking space between thousands) and the noun form a
 * number takes: 1 день, 2 дня, 5 дней, 21 день, 65,3 дня.
 */

/** One, few, many; and, after a governing word («не менее»), the genitive singular a fraction takes. */
export type PluralForms = readonly [one: string, few: string, many: string, fraction?: string];

const RULES = new Intl.PluralRules('ru-RU');
const FORMATTERS = new Map<number, Intl.NumberFormat>();

/** A number in Russian notation with at most `digits` decimals ("1 234,5"). */
export function numberRu(value: number, digits = 1): string {
  let format = FORMATTERS.get(digits);
  if (!format) FORMATTERS.set(digits, (format = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: digits })));
  return format.format(value);
}

/**
 * The noun form for a count; fractions take the genitive singular, which in the nominative is the
 * "few" form (65,3 дня); after a governing word («не менее») pass the genitive singular as `fraction`.
 */
export function pluralRu(count: number, one: string, few: string, many: string, fraction = few): string {
  if (!Number.isInteger(count)) return fraction;
  const category = RULES.select(count);
  return category === 'one' ? one : category === 'many' ? many : few;
}

/** A number with its noun, the form chosen by the number as shown ("65,3 дня", "7 дней", "1 234 вопроса"). */
export function quantityRu(value: number, forms: PluralForms, digits = 1): string {
  const shown = numberRu(value, digits);
  const rounded = Number(shown.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  return `${shown} ${pluralRu(rounded, ...forms)}`;
}
