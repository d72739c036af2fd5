/**
 * "Me too" comments: a citizen who joins someone else's question («тоже интересует»,
 * «присоединяюсь к вопросу», «+1») rather than asking a new one. Inside a question's thread such
 * a comment is not a separate question: the SLA engine lets it join the thread's question, so the
 * page's answer in the thread answers it (see sla/evaluate.ts and db scoring/measure.ts).
 */

/** The reason code the classifier adds to such comments; the SQL measurement looks for it. */
export const ME_TOO_REASON = 'me_too';

const B = '(?<![а-яa-z\\d-])';
const E = '(?![а-яa-z\\d-])';
const MARKERS = [
  'и (?:меня|нас) (?:тоже |также )?(?:интересует|интересуют|волнует)',
  '(?:меня|нас) (?:тоже|также) (?:интересует|интересуют|волнует)',
  '(?:и )?мне (?:тоже|также) (?:интересно|нужно знать|хотелось бы знать)',
  'и мне интересно',
  'тоже (?:интересует|интересно|волнует|хочу (?:знать|узнать)|хотел[аи]? бы (?:знать|узнать)|жд(?:у|ем) ответа?|актуально|вопрос)',
  'присоединя(?:юсь|емся)',
  'поддерживаю (?:вопрос|предыдущ[а-я]*)',
  '(?:тот|такой) же вопрос',
  'аналогичный вопрос',
  'вопрос (?:тоже |также )?актуален',
  'плюсую',
];
const MARKER = new RegExp(`${B}(?:${MARKERS.join('|')})${E}`);
/** "+1", "+", "++" opening the comment. */
const PLUS = /^\+(?:1|\+)?(?!\d)/;
const MENTION = /\[(?:id|club|public)\d+\|[^\]]*\]/g;
/** A joining comment may say a little more («тоже интересует, когда включат воду?»), not a new question. */
const MAX_EXTRA_WORDS = 8;

const words = (text: string) => text.split(/[^а-яa-z\d]+/).filter((w) => w !== '').length;

/** Does this comment join another citizen's question rather than ask its own? */
export function isMeToo(raw: string): boolean {
  const text = raw.slice(0, 1_000).toLowerCase().replace(/ё/g, 'е').replace(MENTION, ' ').replace(/\s+/g, ' ').trim();
  if (PLUS.test(text)) return words(text.replace(PLUS, ' ')) <= MAX_EXTRA_WORDS;
  const found = MARKER.exec(text);
  if (!found) return false;
  const rest = `${text.slice(0, found.index)} ${text.slice(found.index + found[0].length)}`;
  return words(rest) <= MAX_EXTRA_WORDS;
}
