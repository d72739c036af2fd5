import { numberRu, pluralRu } from '../locale/russian';

export { numberRu, pluralRu };

/** A number with its noun in the right form, as it is printed: «65,3 дня», «5 дней». */
export function countRu(value: number, one: string, few: string, many: string, fraction = few, digits = 1): string {
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  return `${numberRu(rounded, digits)} ${pluralRu(rounded, one, few, many, fraction)}`;
}

/** A share 0–1 as a whole percentage: «45 %». */
export const percentRu = (share: number) => `${numberRu(share * 100, 0)}\u00a0%`;
