import { pluralRu } from '../locale/russian';
import { quoteCitizenText } from '../privacy/redact';
import { ALERT_KIND_DEFINITIONS, type AlertKind } from './rules';

const MINUTE = 60_000;

/** A duration in Russian words, rounded down to minutes: «5 часов 40 минут», «1 час», «меньше минуты». */
export function durationRu(ms: number, working = false): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes === 0) return 'меньше минуты';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourWord = working ? pluralRu(hours, 'рабочий час', 'рабочих часа', 'рабочих часов') : pluralRu(hours, 'час', 'часа', 'часов');
  const parts = [hours > 0 ? `${hours} ${hourWord}` : '', rest > 0 ? `${rest} ${pluralRu(rest, 'минута', 'минуты', 'минут')}` : ''];
  return parts.filter(Boolean).join(' ');
}

/** «осталось 6 часов» / «осталась 1 минута»: the verb agrees with the leading number. */
export function timeLeftRu(ms: number, working = false): string {
  const text = durationRu(ms, working);
  const leading = Number(/^\d+/.exec(text)?.[0] ?? NaN);
  const word = text.split(' ')[1] ?? '';
  const verb = leading % 10 === 1 && leading % 100 !== 11 ? (word.startsWith('минут') ? 'осталась' : 'остался') : 'осталось';
  return `${verb} ${text}`;
}

/** What a question alert needs to say. */
export interface QuestionAlertFacts {
  pageUrl: string;
  organizationName: string;
  /** Raw citizen text: redacted here, whoever calls. */
  questionText: string;
  commentUrl: string;
  askedAtLabel: string;
  /** Milliseconds left by the policy's clock (negative when overdue). */
  leftMs: number;
  working: boolean;
}

export interface AlertMessage {
  title: string;
  body: string;
  /** Where to act: the comment on the network, or a page of the platform. */
  link: string;
}

/** The warning's headline; re-rendered at sending time when quiet hours held it. */
export const warningTitle = (leftMs: number, working: boolean) => `Ответьте на вопрос: ${timeLeftRu(leftMs, working)}`;

/** The alert for a question: what to do first, then the page, the redacted question and the link to answer it. */
export function questionAlertMessage(kind: 'deadline_warning' | 'deadline_breach', facts: QuestionAlertFacts): AlertMessage {
  const quote = quoteCitizenText(facts.questionText, 400);
  const title =
    kind === 'deadline_warning'
      ? warningTitle(facts.leftMs, facts.working)
      : `Срок ответа истёк ${durationRu(-facts.leftMs, facts.working)} назад`.replace('истёк меньше минуты назад', 'только что истёк');
  const body = [
    `${facts.organizationName}, страница ${facts.pageUrl}`,
    `Вопрос от ${facts.askedAtLabel}: «${quote}»`,
    kind === 'deadline_warning' ? 'Ответьте в комментариях под постом — по существу: что будет сделано и когда.' : 'Ответ всё ещё нужен жителю: ответьте по существу, даже с опозданием.',
    `Ответить: ${facts.commentUrl}`,
  ].join('\n');
  return { title, body, link: facts.commentUrl };
}

/** The morning digest: how many questions are open, the most urgent first. */
export function digestMessage(items: readonly { pageUrl: string; questionText: string; commentUrl: string; leftMs: number; working: boolean }[], link: string): AlertMessage {
  const count = items.length;
  const title = `Открытых вопросов без ответа: ${count}`;
  const lines = items.slice(0, 10).map((item, index) => {
    const when = item.leftMs >= 0 ? timeLeftRu(item.leftMs, item.working) : 'срок истёк';
    return `${index + 1}. ${when} — «${quoteCitizenText(item.questionText, 160)}»\n   ${item.commentUrl}`;
  });
  const more = count > 10 ? [`…и ещё ${count - 10} ${pluralRu(count - 10, 'вопрос', 'вопроса', 'вопросов')}: ${link}`] : [];
  return { title, body: [`Доброе утро! ${pluralRu(count, 'Ждёт', 'Ждут', 'Ждут')} ответа ${count} ${pluralRu(count, 'вопрос', 'вопроса', 'вопросов')} жителей:`, ...lines, ...more].join('\n'), link };
}

/** A one-line notice for the other kinds (recommendations, disputes, monitors' operations). */
export function noticeMessage(kind: Exclude<AlertKind, 'deadline_warning' | 'deadline_breach' | 'morning_digest'>, detail: string, link: string): AlertMessage {
  return { title: ALERT_KIND_DEFINITIONS[kind].title, body: detail, link };
}

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** A local date and time in Russian words: «7 декабря, 10:05» (the policy's UTC offset: Saratov time). */
export function localDateTimeRu(ms: number, utcOffsetMinutes: number): string {
  const local = new Date(ms + utcOffsetMinutes * MINUTE);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCDate()} ${MONTHS_GENITIVE[local.getUTCMonth()]}, ${hh}:${mm}`;
}
