/** Russian plural form for a count: (1 вопрос, 2 вопроса, 5 вопросов). */
export function pluralRu(count: number, one: string, few: string, many: string): string {
  const n = Math.abs(Math.trunc(count));
  const mod100 = n % 100;
  const mod10 = n % 10;
  if (mod100 >= 11 && mod100 <= 14) return many;
  if (mod10 === 1) return one;
  if (mod10 >= 2 && mod10 <= 4) return few;
  return many;
}

/** A number in Russian notation: decimal comma, at most `digits` decimals. */
export function numberRu(value: number, digits = 1): string {
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  return String(rounded).replace('.', ',');
}

export const percentRu = (share: number) => `${Math.round(share * 100)}%`;
