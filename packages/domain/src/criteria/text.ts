import type { CriterionDefinition, ProfileField } from '../methodology/types';
import { numberRu, quantityRu } from '../locale/russian';
import { percentRu } from '../recommendations/plural';
import { criterionReasonRu } from './reasons';
import type { CriterionStatus, EvidenceRef } from './types';

/**
 * The Russian texts of a criterion, generated from the same definition (parameters and thresholds)
 * that scores it: the rule, the norm, the measured value with its unit, and the one-line result
 * «45 % при норме ≥ 90 %». Every screen, recommendation and bulletin uses these functions.
 */
export type CriterionTextSource = Pick<CriterionDefinition, 'code' | 'title' | 'evaluation' | 'thresholds'>;

export interface CriterionResultInput {
  status: CriterionStatus | string;
  value: number | null;
  evidence?: readonly EvidenceRef[] | readonly unknown[];
  reason?: string | null;
}

type Gender = 'm' | 'f' | 'n' | 'pl';
const FIELDS: Record<ProfileField, { noun: string; gender: Gender; where: string }> = {
  description: { noun: 'описание организации', gender: 'n', where: 'в профиле' },
  website: { noun: 'адрес официального сайта', gender: 'm', where: 'в профиле' },
  phone: { noun: 'контактный телефон', gender: 'm', where: 'в профиле' },
  email: { noun: 'адрес электронной почты', gender: 'm', where: 'в профиле' },
  workingHours: { noun: 'режим работы', gender: 'm', where: 'в профиле' },
  postalAddress: { noun: 'почтовый адрес', gender: 'm', where: 'в профиле' },
  headAccountUrl: { noun: 'ссылка на аккаунт руководителя', gender: 'f', where: 'в профиле' },
  avatarAndCover: { noun: 'аватар и обложка', gender: 'pl', where: 'у страницы' },
};
const SET: Record<Gender, string> = { m: 'указан', f: 'указана', n: 'указано', pl: 'установлены' };

/** «указан» / «указана» / «указано» / «установлены» for a profile field, optionally negated. */
export function profileFieldStateRu(field: ProfileField, present: boolean): string {
  const word = SET[FIELDS[field].gender];
  return present ? word : `не ${word}`;
}

/** The profile noun of a field («режим работы»). */
export const profileFieldNounRu = (field: ProfileField) => FIELDS[field].noun;

const capitalize = (text: string) => (text === '' ? text : text[0]!.toUpperCase() + text.slice(1));
const param = (c: CriterionTextSource, name: string, fallback: number) =>
  c.evaluation.kind === 'automatic' && c.evaluation.parameters[name] !== undefined ? Number(c.evaluation.parameters[name]) : fallback;
const fieldOf = (c: CriterionTextSource): ProfileField | null =>
  c.evaluation.kind === 'automatic' && c.evaluation.metric === 'profile_field' ? (String(c.evaluation.parameters.field) as ProfileField) : null;
const asEvidence = (items: CriterionResultInput['evidence']): EvidenceRef[] => (items ?? []).filter((e): e is EvidenceRef => typeof e === 'object' && e !== null) as EvidenceRef[];
const figure = (evidence: readonly EvidenceRef[], field: string): number | null => {
  const found = evidence.find((e) => e.kind === 'figure' && e.field === field);
  return typeof found?.value === 'number' ? found.value : null;
};
const snapshotFlag = (evidence: readonly EvidenceRef[], field: string): boolean | null => {
  const found = evidence.find((e) => e.kind === 'snapshot' && e.field === field);
  return typeof found?.value === 'boolean' ? found.value : null;
};

/** Criteria whose value is yes/no: the result reads «не указан; норма — указан». */
function isBinary(c: CriterionTextSource): boolean {
  if (c.evaluation.kind === 'manual') return false;
  return c.evaluation.metric === 'profile_field' || c.evaluation.metric === 'website_backlink' || c.evaluation.metric === 'comments_open';
}

const hours = (x: number) => `${numberRu(x, 1)}\u00a0ч`;
/** Nominative: «2,1 публикации», «65,3 дня». */
const posts = (x: number) => quantityRu(x, ['публикация', 'публикации', 'публикаций']);
const days = (x: number) => quantityRu(x, ['день', 'дня', 'дней']);
/** Genitive, after «не менее» / «дольше»: «3 публикаций», «7 дней», «1 дня». */
const postsGen = (x: number) => quantityRu(x, ['публикации', 'публикаций', 'публикаций', 'публикации']);
const daysGen = (x: number) => quantityRu(x, ['дня', 'дней', 'дней', 'дня']);

/** A number on the criterion's own scale, with its unit: «45 %», «12,5 ч», «80 % медианы отрасли», «1 из 2». */
export function criterionAmountRu(c: CriterionTextSource, x: number): string {
  if (c.evaluation.kind === 'manual') return `${numberRu(x, 0)} из ${c.evaluation.scale.max}`;
  switch (c.evaluation.metric) {
    case 'response_rate':
    case 'share_within_sla':
      return percentRu(x);
    case 'median_first_response_hours':
      return hours(x);
    case 'er_post_vs_peers':
    case 'er_view_vs_peers':
      return `${percentRu(x)} медианы отрасли`;
    case 'posting_regularity':
      return `${numberRu(x, 0)} из 2 условий`;
    default:
      return numberRu(x, 2);
  }
}

const sign = (direction: 'higher' | 'lower') => (direction === 'higher' ? '≥' : '≤');

function regularityConditions(c: CriterionTextSource) {
  const perWeek = param(c, 'postsPerWeek', 3);
  const maxGap = param(c, 'maxGapDays', 7);
  return { perWeek: `в среднем не менее ${postsGen(perWeek)} в неделю`, gap: `ни одного перерыва дольше ${daysGen(maxGap)}` };
}

const CONDITIONS_MET = (n: number) => (n >= 2 ? 'оба условия' : n >= 1 ? 'одно из двух условий' : 'ни одного условия');

/** The pass norm, short: «≥ 90 %», «указан», «не менее 3 публикаций в неделю, перерывы не дольше 7 дней». */
export function criterionNormRu(c: CriterionTextSource): string {
  const t = c.thresholds;
  const field = fieldOf(c);
  if (field) return profileFieldStateRu(field, true);
  if (c.evaluation.kind === 'automatic') {
    if (c.evaluation.metric === 'website_backlink') return 'ссылка есть';
    if (c.evaluation.metric === 'comments_open') return 'открыты';
    if (c.evaluation.metric === 'posting_regularity') {
      const r = regularityConditions(c);
      return t.pass >= 2 ? `${r.perWeek} и ${r.gap}` : `${r.perWeek} или ${r.gap}`;
    }
  }
  return `${sign(t.direction)} ${criterionAmountRu(c, t.pass)}`;
}

/** The whole rule, with the partial band, generated from parameters and thresholds. */
export function criterionRuleRu(c: CriterionTextSource): string {
  const t = c.thresholds;
  const field = fieldOf(c);
  if (field) {
    const f = FIELDS[field];
    return `Выполнен, если ${f.where} ${profileFieldStateRu(field, true)} ${f.noun}.`;
  }
  if (c.evaluation.kind === 'manual') {
    const { min, max } = c.evaluation.scale;
    const partial = t.partial < t.pass ? `; частично — при оценке ${numberRu(t.partial, 0)}` : '';
    return `Оценивает мониторинг по шкале от ${min} до ${max} (${c.evaluation.guidance.ru.replace(/\.$/, '')}). Выполнен при оценке не ниже ${numberRu(t.pass, 0)}${partial}.`;
  }
  switch (c.evaluation.metric) {
    case 'website_backlink':
      return 'Выполнен, если на официальном сайте организации найдена ссылка на страницу.';
    case 'comments_open':
      return 'Выполнен, если комментарии к записям открыты.';
    case 'posting_regularity': {
      const r = regularityConditions(c);
      const main = t.pass >= 2 ? `${r.perWeek} и ${r.gap}` : `${r.perWeek} или ${r.gap}`;
      const partial = t.partial < t.pass ? `; частично — если выполнено ${CONDITIONS_MET(t.partial)}` : '';
      return `Выполнен, если за период ${main}${partial}.`;
    }
    default: {
      const lead = c.evaluation.metric === 'er_post_vs_peers' || c.evaluation.metric === 'er_view_vs_peers' ? 'Выполнен, если показатель' : 'Выполнен при значении';
      const partial = t.partial !== t.pass ? `; частично — ${sign(t.direction)} ${criterionAmountRu(c, t.partial)}` : '';
      return `${lead} ${sign(t.direction)} ${criterionAmountRu(c, t.pass)}${partial}.`;
    }
  }
}

/** The measured value with its unit, as a reader sees it: «45 %», «режим работы не указан», «2,1 публикации в неделю…». */
export function criterionValueRu(c: CriterionTextSource, value: number, evidenceItems: CriterionResultInput['evidence'] = []): string {
  const evidence = asEvidence(evidenceItems);
  const field = fieldOf(c);
  if (field === 'avatarAndCover') {
    const avatar = snapshotFlag(evidence, 'hasAvatar');
    const cover = snapshotFlag(evidence, 'hasCover');
    if (avatar !== null && cover !== null && avatar !== cover) return avatar ? 'аватар установлен, обложки нет' : 'обложка установлена, аватара нет';
    return `аватар и обложка ${profileFieldStateRu(field, value >= 1)}`;
  }
  if (field) return `${FIELDS[field].noun} ${profileFieldStateRu(field, value >= 1)}`;
  if (c.evaluation.kind === 'automatic') {
    switch (c.evaluation.metric) {
      case 'website_backlink':
        return value >= 1 ? 'ссылка на страницу на сайте найдена' : 'ссылки на страницу на сайте нет';
      case 'comments_open':
        return value >= 1 ? 'комментарии открыты' : 'комментарии закрыты';
      case 'posting_regularity': {
        const perWeek = figure(evidence, 'postsPerWeek');
        const gap = figure(evidence, 'longestGapDays');
        if (perWeek === null || gap === null) return `выполнено ${CONDITIONS_MET(value)}`;
        return `${posts(perWeek)} в неделю, самый длинный перерыв — ${days(gap)}`;
      }
      case 'er_post_vs_peers':
      case 'er_view_vs_peers': {
        const name = c.evaluation.metric === 'er_post_vs_peers' ? 'erPost' : 'erView';
        const own = figure(evidence, name);
        const median = figure(evidence, `${name}SectorMedian`);
        const label = name === 'erPost' ? 'ERpost' : 'ERview';
        const detail = own !== null && median !== null ? ` (${label} ${numberRu(own, 2)}\u00a0% при медиане ${numberRu(median, 2)}\u00a0%)` : '';
        return `${criterionAmountRu(c, value)}${detail}`;
      }
      default:
        break;
    }
  }
  return criterionAmountRu(c, value);
}

/** The status word: «Выполнен», «Не выполнен», «Не измерялся», «Ещё не оценивался»… */
export function criterionStatusRu(status: string, reason?: string | null): string {
  switch (status) {
    case 'pass':
      return 'Выполнен';
    case 'partial':
      return 'Выполнен частично';
    case 'fail':
      return 'Не выполнен';
    case 'not_applicable':
      return 'Не применяется';
    case 'not_enough_data':
      return 'Мало данных';
    default:
      return reason === 'not_assessed' ? 'Ещё не оценивался' : 'Не измерялся';
  }
}

/** Why there is too little data, with the figures when the evidence has them. */
function notEnoughDataRu(reason: string | null | undefined, evidence: readonly EvidenceRef[]): string {
  const questions = figure(evidence, 'questions');
  const minimum = figure(evidence, 'minimumSample');
  if (reason === 'small_sample' && questions !== null && minimum !== null) {
    return `вопросов за период ${numberRu(questions, 0)} при минимальной выборке ${numberRu(minimum, 0)}`;
  }
  return criterionReasonRu(reason);
}

/**
 * One line for a criterion result: «45 % при норме ≥ 90 %», «режим работы не указан; норма — указан»,
 * «не измерялся: страница не читалась», «критерий ещё не оценивался». The verdict always follows the value.
 */
export function criterionResultRu(c: CriterionTextSource, result: CriterionResultInput): string {
  const evidence = asEvidence(result.evidence);
  switch (result.status) {
    case 'pass':
    case 'partial':
    case 'fail': {
      if (result.value === null) return `${criterionStatusRu(result.status).toLowerCase()} (значение не сохранено); норма — ${criterionNormRu(c)}`;
      const value = criterionValueRu(c, result.value, evidence);
      return isBinary(c) ? `${capitalize(value)}; норма — ${criterionNormRu(c)}` : `${capitalize(value)} при норме ${criterionNormRu(c)}`;
    }
    case 'not_applicable':
      return `Не применяется: ${criterionReasonRu(result.reason ?? 'criterion_scope')}`;
    case 'not_enough_data':
      return `Мало данных: ${notEnoughDataRu(result.reason, evidence)}`;
    default:
      return result.reason === 'not_assessed' ? 'Критерий ещё не оценивался' : `Не измерялся: ${criterionReasonRu(result.reason)}`;
  }
}

const FIGURES: Record<string, (x: number) => string> = {
  posts: (x) => `публикаций за период: ${numberRu(x, 0)}`,
  postsPerWeek: (x) => `в среднем в неделю: ${numberRu(x, 2)}`,
  longestGapDays: (x) => `самый длинный перерыв: ${days(x)}`,
  erPost: (x) => `ERpost страницы: ${numberRu(x, 2)}\u00a0%`,
  erPostSectorMedian: (x) => `медиана ERpost по отрасли: ${numberRu(x, 2)}\u00a0%`,
  erPostPosts: (x) => `записей в расчёте ERpost: ${numberRu(x, 0)}`,
  erView: (x) => `ERview страницы: ${numberRu(x, 2)}\u00a0%`,
  erViewSectorMedian: (x) => `медиана ERview по отрасли: ${numberRu(x, 2)}\u00a0%`,
  erViewPosts: (x) => `записей в расчёте ERview: ${numberRu(x, 0)}`,
  questions: (x) => `вопросов за период: ${numberRu(x, 0)}`,
  minimumSample: (x) => `минимальная выборка: ${numberRu(x, 0)}`,
  answered: (x) => `с ответом страницы: ${numberRu(x, 0)}`,
  answeredInTime: (x) => `с ответом в срок: ${numberRu(x, 0)}`,
  decided: (x) => `вопросов с известным исходом: ${numberRu(x, 0)}`,
  p90FirstResponseHours: (x) => `90-й процентиль времени первого ответа: ${hours(x)}`,
};
const NOTES: Record<string, string> = {
  gap_start: 'последняя запись перед самым длинным перерывом',
  gap_end: 'первая запись после самого длинного перерыва',
  breached: 'вопрос остался без ответа дольше срока',
  answered_late: 'ответ дан позже срока',
  answered_in_time: 'ответ дан в срок',
  open_within_window: 'срок ответа ещё не истёк',
  dispute_accepted: 'результат изменён по принятому спору',
};
const SNAPSHOT_FIELDS: Record<string, ProfileField | 'commentsOpen' | 'hasAvatar' | 'hasCover'> = {
  description: 'description',
  website: 'website',
  phone: 'phone',
  email: 'email',
  workingHours: 'workingHours',
  postalAddress: 'postalAddress',
  headAccountUrl: 'headAccountUrl',
  commentsOpen: 'commentsOpen',
  hasAvatar: 'hasAvatar',
  hasCover: 'hasCover',
};

/** One piece of evidence in Russian, without raw keys: «самый длинный перерыв: 65,3 дня», «телефон не указан». */
export function evidenceRu(item: { kind?: string; field?: string; value?: EvidenceRef['value']; note?: string }): string {
  if (item.kind === 'figure') {
    const format = item.field ? FIGURES[item.field] : undefined;
    if (format && typeof item.value === 'number') return format(item.value);
    if (format && item.value === null) return `${format(0).split(':')[0]}: нет данных`;
    return 'показатель';
  }
  if (item.kind === 'snapshot') {
    const field = item.field ? SNAPSHOT_FIELDS[item.field] : undefined;
    if (field === 'hasAvatar') return item.value === true ? 'аватар установлен' : 'аватар не установлен';
    if (field === 'hasCover') return item.value === true ? 'обложка установлена' : 'обложка не установлена';
    if (field === 'commentsOpen') return item.value === true ? 'комментарии открыты' : 'комментарии закрыты';
    if (field && field !== 'avatarAndCover') {
      const present = item.value !== null && item.value !== undefined && item.value !== false && String(item.value).trim() !== '';
      return `${capitalize(FIELDS[field].noun)} ${profileFieldStateRu(field, present)}${present && typeof item.value === 'string' && item.value !== 'указан' ? `: ${item.value}` : ''}`;
    }
    return 'состояние профиля страницы';
  }
  if (item.kind === 'website') return item.value === true ? 'на сайте найдена ссылка на страницу' : 'на сайте нет ссылки на страницу';
  if (item.kind === 'manual') {
    if (item.note && NOTES[item.note]) return NOTES[item.note]!;
    const score = typeof item.value === 'number' ? `оценка мониторинга: ${numberRu(item.value, 0)}` : 'решение мониторинга';
    return item.note ? `${score} — ${item.note}` : score;
  }
  if (item.kind === 'post') return item.note && NOTES[item.note] ? NOTES[item.note]! : 'запись';
  if (item.kind === 'comment') return item.note && NOTES[item.note] ? NOTES[item.note]! : 'комментарий';
  return item.note && NOTES[item.note] ? NOTES[item.note]! : 'сведения';
}
