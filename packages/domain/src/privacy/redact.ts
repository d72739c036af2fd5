/**
 * Removes contact details and account references from citizens' text before it is quoted
 * anywhere (recommendations, exports, UI). Over-redaction is preferred to a leak.
 */
export const REDACTED_PHONE = '[телефон скрыт]';
export const REDACTED_EMAIL = '[e-mail скрыт]';
export const REDACTED_USER = '[пользователь]';

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.[\p{L}]{2,}/gu;
/** Russian numbers: +7/7/8 then 10 digits in any grouping with spaces, dashes, dots or brackets. */
const FULL_PHONE = /(?<![\d])(?:\+\s*7|8|7)[\s\-.(]*\d{3,5}[\s\-.)]*\d{1,3}[\s\-.]*\d{2}[\s\-.]*\d{2}(?![\d])/g;
/** Bare 10-digit mobile numbers (9171234567) and local numbers written like 22-33-44 / 222-33-44. */
const BARE_MOBILE = /(?<![\d])9\d{9}(?![\d])/g;
const LOCAL_PHONE = /(?<![\d\-.])\d{2,3}[\s-]\d{2}[\s-]\d{2}(?![\d\-.])/g;
/** VK mentions and links to personal profiles. */
const MENTION = /\[(?:id)\d+\|[^\]]{0,80}\]/g;
const PROFILE_LINK = /(?:https?:\/\/)?(?:m\.)?vk\.(?:com|ru)\/id\d+/gi;

function digitsCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch >= '0' && ch <= '9') n += 1;
  return n;
}

export function redactPersonalData(text: string): string {
  return text
    .replace(MENTION, REDACTED_USER)
    .replace(PROFILE_LINK, REDACTED_USER)
    .replace(EMAIL, REDACTED_EMAIL)
    .replace(FULL_PHONE, (match) => (digitsCount(match) === 11 ? REDACTED_PHONE : match))
    .replace(BARE_MOBILE, REDACTED_PHONE)
    .replace(LOCAL_PHONE, REDACTED_PHONE);
}

/** A short redacted quote for evidence: bounded, single-line. */
export function quoteCitizenText(text: string, maxChars = 160): string {
  const redacted = redactPersonalData(text).replace(/\s+/g, ' ').trim();
  return redacted.length <= maxChars ? redacted : `${redacted.slice(0, maxChars - 1).trimEnd()}…`;
}

/**
 * A short stable label for a citizen's pseudonym (a sha-256 hex): the first 6 hex digits.
 * Enough to tell two citizens of one thread apart, useless to identify anyone.
 */
export function pseudonymLabel(pseudonymHex: string): string {
  return pseudonymHex.slice(0, 6).toUpperCase();
}
