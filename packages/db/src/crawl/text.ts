/** Longest citizen comment kept; longer ones are cut and marked `text_truncated`. */
export const COMMENT_TEXT_LIMIT = 4_000;
/** Longest post text kept (the page's own text; bounded all the same). */
export const POST_TEXT_LIMIT = 20_000;

export interface BoundedText {
  text: string;
  truncated: boolean;
}

/**
 * Untrusted text made storable: NUL characters (refused by PostgreSQL) removed and the length
 * bounded in code points, so a surrogate pair is never cut in half.
 */
export function boundText(value: string, limit: number): BoundedText {
  const clean = value.includes('\u0000') ? value.replace(/\u0000/g, '') : value;
  if (clean.length <= limit) return { text: clean, truncated: false };
  const codePoints = Array.from(clean);
  if (codePoints.length <= limit) return { text: clean, truncated: false };
  return { text: codePoints.slice(0, limit).join(''), truncated: true };
}

export const chunked = <T>(items: T[], size = 500): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
