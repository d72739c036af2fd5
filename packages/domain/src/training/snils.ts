/** СНИЛС: 11 digits, the last two a checksum of the first nine (numbers up to 001-001-998 carry no checksum). */
export function normalizeSnils(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{11}$/.test(digits) ? digits : null;
}

export function snilsChecksum(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(firstNine[i]) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const rest = sum % 101;
  return rest === 100 ? 0 : rest;
}

export function isValidSnils(input: string): boolean {
  const digits = normalizeSnils(input);
  if (!digits) return false;
  const body = digits.slice(0, 9);
  // The oldest numbers were issued before the checksum existed.
  if (Number(body) <= 1_001_998) return Number(body) > 0;
  return snilsChecksum(body) === Number(digits.slice(9));
}

/** "XXX-XXX-XXX YY", the way the registry and people write it. */
export function formatSnils(input: string): string | null {
  const d = normalizeSnils(input);
  return d ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}` : null;
}
