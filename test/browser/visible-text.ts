/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/**
 * What a Russian reader must never see: raw identifiers, English words, ISO dates and wrong plural
 * forms. Pure functions over text, plus the collection of a page's visible text in Chromium.
 */

/** Latin words a Russian interface may show: names of networks, formats and software, metric names (Roman numerals too). */
const ALLOWED_LATIN = new Set(
  [
    'VK',
    'OK',
    'Telegram',
    'CSV',
    'JSON',
    'XLSX',
    'PDF',
    'RSS',
    'Atom',
    'API',
    'URL',
    'HTML',
    'QR',
    'SLA',
    'ER',
    'ERR',
    'ERpost',
    'ERview',
    'OpenAPI',
    'SMM',
    'XML',
    'cron',
    'PostgreSQL',
    'Redis',
    'Excel',
  ].map((w) => w.toLowerCase()),
);
const ROMAN = /^[IVXLC]+$/;

const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+|\b[\w.-]+@[\w-]+(?:\.[\w-]+)+|\b(?:[a-z0-9-]+\.)+(?:ru|com|org|net|me|рф|local|test|example)(?:\/\S*)?/giu;
/** Dates and times an ISO formatter or a raw column would print. */
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;
const ISO_PERIOD = /\b\d{4}-(?:0[1-9]|1[0-2]|Q[1-4]|W\d{2})(?![-\d])/g;
const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
const CAMEL = /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g;
/** A decimal point where Russian writes a comma (45.5 %); dotted dates (05.12.2026) are not matched. */
const DECIMAL_POINT = /(?<![\d.])\d+\.\d+(?![\d.])/g;
/** Request ids and other UUIDs are machine text; they are left out so their hex digits do not read as words. */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** «e-mail» is how Russian interfaces spell the word; it is not English prose. */
const E_MAIL = /\be-mail\b/giu;
const LATIN_WORD = /(?<![\p{L}\p{N}_])[A-Za-z]{2,}(?![\p{L}\p{N}_])/gu;

/** Nouns whose form after a number is checked: [one, few (also fractions), many]. */
const NOUNS: [string, string, string][] = [
  ['день', 'дня', 'дней'],
  ['час', 'часа', 'часов'],
  ['минута', 'минуты', 'минут'],
  ['публикация', 'публикации', 'публикаций'],
  ['вопрос', 'вопроса', 'вопросов'],
  ['страница', 'страницы', 'страниц'],
  ['организация', 'организации', 'организаций'],
  ['балл', 'балла', 'баллов'],
  ['комментарий', 'комментария', 'комментариев'],
  ['запись', 'записи', 'записей'],
  ['неделя', 'недели', 'недель'],
];
const NUMBER_NOUN = /(?<![\p{L}\p{N},.])(\d[\d\u00a0\u202f ]*(?:,\d+)?)\s+(\p{L}+)/gu;
const plurals = new Intl.PluralRules('ru-RU');

/** A form that is wrong in every grammatical case for that number ("65,3 дней", "5 день", "21 дней"). */
function wrongPlural(numberText: string, word: string): boolean {
  const lower = word.toLowerCase();
  const forms = NOUNS.find((f) => f.includes(lower));
  if (!forms) return false;
  const value = Number(numberText.replace(/[\u00a0\u202f ]/g, '').replace(',', '.'));
  if (!Number.isFinite(value)) return false;
  const category = plurals.select(value);
  const [one, few, many] = forms;
  if (category === 'other') return lower !== few; // fractions: 65,3 дня
  if (category === 'one') return lower === many; // 21 день / 21 дня, never 21 дней
  if (category === 'many') return lower === one || (lower === few && few !== one); // 5 дней
  return lower === one; // 2 дня / 2 дней
}

export interface Offence {
  kind: 'identifier' | 'english' | 'iso-date' | 'plural' | 'number';
  match: string;
  context: string;
}

const around = (text: string, index: number, length: number) =>
  text
    .slice(Math.max(0, index - 40), index + length + 40)
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The offences in one piece of visible text. `codes` are identifiers the registry itself assigns
 * (organization codes, like an ИНН): shown as data, they are not words to translate.
 */
export function findOffences(raw: string, codes: ReadonlySet<string> = new Set()): Offence[] {
  const offences: Offence[] = [];
  const text = raw
    .replace(URL_LIKE, (m) => ' '.repeat(m.length))
    .replace(UUID, (m) => ' '.repeat(m.length))
    .replace(E_MAIL, (m) => ' '.repeat(m.length));
  const add = (kind: Offence['kind'], re: RegExp, accept: (m: RegExpExecArray) => boolean = () => true) => {
    for (const m of text.matchAll(re)) if (!codes.has(m[0]) && accept(m)) offences.push({ kind, match: m[0], context: around(text, m.index!, m[0].length) });
  };
  add('iso-date', ISO_DATE);
  add('iso-date', ISO_PERIOD);
  add('identifier', SNAKE);
  add('identifier', CAMEL);
  add('english', LATIN_WORD, (m) => !ALLOWED_LATIN.has(m[0].toLowerCase()) && !ROMAN.test(m[0]) && !/^[a-z]+(?:[A-Z]|_)/.test(m[0]));
  add('number', DECIMAL_POINT);
  add('plural', NUMBER_NOUN, (m) => wrongPlural(m[1]!.trim(), m[2]!));
  return offences;
}

/**
 * The text a reader sees on the page: visible text nodes, placeholders, visible controls' options,
 * and the tab title. Text marked as another language (the language switch) is left out.
 */
export async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const foreign = (el: Element | null) => {
      const lang = el?.closest('[lang]')?.getAttribute('lang');
      return lang !== undefined && lang !== null && !lang.startsWith('ru');
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const value = node.textContent?.trim();
      if (!parent || !value || foreign(parent)) continue;
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
      if (parent.tagName === 'OPTION') {
        const select = parent.closest('select');
        if (select?.checkVisibility()) out.push(value);
        continue;
      }
      if (parent.checkVisibility({ visibilityProperty: true, opacityProperty: true } as never)) out.push(value);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder], [title], [aria-label]')) {
      if (foreign(el) || !el.checkVisibility()) continue;
      for (const attr of ['placeholder', 'title', 'aria-label']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}
