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
/**
 * Mentions and profile links of VK, OK and Telegram, with the names inside them:
 * VK's `[id123|Имя]`, `[id123:bp-1_2|Имя]`, `[club123|…]`, `[durov|…]`; the shorthand
 * `@id123 (Имя Фамилия)`, `*id123 (Имя)`, `@durov`; links to vk.com / vk.ru / vk.me / ok.ru /
 * odnoklassniki.ru / t.me / telegram.me with any path; a bare `id123456`.
 */
const BRACKET_MENTION = /\[[\p{L}\d_.:-]{1,64}\|[^\]\n]{0,200}\]/gu;
const NETWORK_LINK =
  /(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:vk\.(?:com|ru|me|cc)|vkontakte\.ru|ok\.ru|odnoklassniki\.ru|t\.me|telegram\.(?:me|dog)|tg:\/\/resolve)[/?](?:[^\s<>«»"'()[\]]*[^\s<>«»"'()[\].,;:!?])?/giu;
/** `@name`, `@id1 (Имя Фамилия)`: with the name in brackets after it (never the middle of an e-mail). */
const AT_MENTION = /(?<![\p{L}\d._%+\-@])@[\p{L}\d_.]*[\p{L}\d_](?:\s{0,2}\([^)\n]{0,100}\))?/gu;
/** `*id1 (Имя)`, `*club1`, `*durov (Павел)`: the star form (a plain `*слово*` is emphasis, kept). */
const STAR_MENTION = /(?<![\p{L}\d_])\*(?:(?:id|club|public|event)\d+(?:\s{0,2}\([^)\n]{0,100}\))?|[\p{L}\d_.]{2,64}\s{0,2}\([^)\n]{0,100}\))/gu;
const BARE_ID = /(?<![\p{L}\d_])id\d{3,}(?![\p{L}\d_])/giu;

function digitsCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch >= '0' && ch <= '9') n += 1;
  return n;
}

/**
 * Only the mentions and profile links (names inside them too): for text written by staff, where
 * contact details are the page's own and mentions can only be people.
 */
export function redactAccountMentions(text: string): string {
  return text.replace(BRACKET_MENTION, REDACTED_USER).replace(NETWORK_LINK, REDACTED_USER).replace(AT_MENTION, REDACTED_USER).replace(STAR_MENTION, REDACTED_USER).replace(BARE_ID, REDACTED_USER);
}

export function redactPersonalData(text: string): string {
  return redactAccountMentions(text)
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
