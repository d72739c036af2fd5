import type { EvidenceRef, CriterionScore, ScoreResult } from '../criteria/types';
import type { CriterionDefinition, Methodology } from '../methodology/types';
import { quoteCitizenText } from '../privacy/redact';
import { numberRu, percentRu, pluralRu } from './plural';
import { quantityRu } from '../locale/russian';

export interface Recommendation {
  criterionCode: string;
  /** Russian text for the agency; quotes are redacted, citizens are never named. */
  text: string;
  evidence: EvidenceRef[];
  /** Points the page would gain by meeting the criterion. */
  potentialPoints: number;
}

export interface RecommendationContext {
  /** Question texts by comment id, to quote (they are redacted here). */
  questionTexts?: ReadonlyMap<string, string>;
  /** SLA duration in hours, for the wording. */
  slaHours?: number;
}

const MAX_LISTED = 5;
const figure = (result: CriterionScore, field: string): number | null => {
  const found = result.evidence.find((e) => e.kind === 'figure' && e.field === field);
  return typeof found?.value === 'number' ? found.value : null;
};

function listQuestions(result: CriterionScore, context: RecommendationContext, states: readonly string[]): { count: number; list: string } {
  const questions = result.evidence.filter((e) => e.kind === 'comment' && states.includes(e.note ?? ''));
  const lines = questions.slice(0, MAX_LISTED).map((q) => {
    const text = q.id ? context.questionTexts?.get(q.id) : undefined;
    const quote = text ? `«${quoteCitizenText(text, 100)}»` : 'вопрос';
    return q.url ? `${quote} (${q.url})` : quote;
  });
  const more = questions.length > MAX_LISTED ? `; и еще ${questions.length - MAX_LISTED}` : '';
  return { count: questions.length, list: lines.join('; ') + more };
}

const PROFILE_WORDS: Record<string, string> = {
  PROFILE_DESCRIPTION: 'описание организации',
  PROFILE_WEBSITE: 'адрес официального сайта',
  PROFILE_PHONE: 'контактный телефон',
  PROFILE_EMAIL: 'адрес электронной почты',
  PROFILE_WORKING_HOURS: 'режим работы',
  PROFILE_POSTAL_ADDRESS: 'почтовый адрес',
  PROFILE_HEAD_LINK: 'ссылка на официальный аккаунт руководителя',
};

function textFor(criterion: CriterionDefinition, result: CriterionScore, context: RecommendationContext): string {
  const hours = context.slaHours ?? 24;
  const profileWord = PROFILE_WORDS[criterion.code];
  if (profileWord) return `В профиле страницы не указано: ${profileWord}. Добавьте эти сведения в описание или раздел контактов страницы.`;
  switch (criterion.code) {
    case 'PROFILE_AVATAR_COVER':
      return 'У страницы нет аватара или обложки. Установите аватар с гербом или логотипом организации и обложку с её официальным названием.';
    case 'WEBSITE_BACKLINK': {
      const site = result.evidence.find((e) => e.kind === 'website')?.url;
      return `На официальном сайте${site ? ` (${site})` : ''} не найдена ссылка на эту страницу. Разместите ссылку на страницу в шапке или подвале главной страницы сайта.`;
    }
    case 'COMMENTS_OPEN':
      return 'Комментарии к записям закрыты. Откройте комментарии: это основной канал обратной связи с жителями.';
    case 'POSTING_REGULARITY': {
      const posts = figure(result, 'posts') ?? 0;
      const perWeek = figure(result, 'postsPerWeek') ?? 0;
      const gap = figure(result, 'longestGapDays') ?? 0;
      const norm = Number(criterion.evaluation.kind === 'automatic' ? (criterion.evaluation.parameters.postsPerWeek ?? 3) : 3);
      const maxGap = Number(criterion.evaluation.kind === 'automatic' ? (criterion.evaluation.parameters.maxGapDays ?? 7) : 7);
      return (
        `За период ${posts} ${pluralRu(posts, 'публикация', 'публикации', 'публикаций')} — ${numberRu(perWeek)} в неделю при норме не менее ${norm}; ` +
        `самый длинный перерыв — ${quantityRu(gap, ['день', 'дня', 'дней'])} (допустимо не более ${maxGap}). Составьте контент-план и публикуйте записи равномерно.`
      );
    }
    case 'ER_POST':
    case 'ER_VIEW': {
      const name = criterion.code === 'ER_POST' ? 'erPost' : 'erView';
      const value = figure(result, name);
      const median = figure(result, `${name}SectorMedian`);
      const label = criterion.code === 'ER_POST' ? 'ERpost' : 'ERview';
      return `Вовлеченность ${label} — ${numberRu(value ?? 0, 2)}% при медиане страниц отрасли ${numberRu(median ?? 0, 2)}%. Публикуйте больше полезных для жителей материалов, задавайте вопросы аудитории, используйте фото и видео.`;
    }
    case 'RESPONSE_RATE': {
      const { count, list } = listQuestions(result, context, ['breached']);
      const share = result.value ?? 0;
      return `Страница ответила на ${percentRu(share)} вопросов, жалоб и просьб жителей. ${count} ${pluralRu(count, 'вопрос остался', 'вопроса остались', 'вопросов остались')} без ответа${count > 0 ? `: ${list}` : ''}. Отвечайте на каждое обращение в комментариях.`;
    }
    case 'SLA_WITHIN_24H': {
      const { count, list } = listQuestions(result, context, ['breached', 'answered_late']);
      return `${count} ${pluralRu(count, 'вопрос остался', 'вопроса остались', 'вопросов остались')} без ответа более ${hours} ${pluralRu(hours, 'часа', 'часов', 'часов')}${count > 0 ? `: ${list}` : ''}. В срок отвечено ${percentRu(result.value ?? 0)} вопросов; назначьте ответственного за ответы в выходные дни.`;
    }
    case 'MEDIAN_FIRST_RESPONSE': {
      const limit = criterion.thresholds.pass;
      return `Медианное время первого ответа — ${numberRu(result.value ?? 0)} ч при ориентире не более ${numberRu(limit)} ч. Проверяйте комментарии несколько раз в день.`;
    }
    default: {
      const guidance = criterion.evaluation.kind === 'manual' ? ` Оценка мониторинга: ${result.value ?? '—'} (${criterion.evaluation.guidance.ru})` : '';
      return `Критерий «${criterion.title.ru}» не выполнен: ${criterion.description.ru}${guidance}`;
    }
  }
}

/**
 * One recommendation per unmet (fail or partial) criterion, in methodology order, each with
 * the evidence it rests on. Criteria without data or not applicable produce none.
 */
export function buildRecommendations(methodology: Methodology, score: ScoreResult, context: RecommendationContext = {}): Recommendation[] {
  const definitions = new Map(methodology.criteria.map((c) => [c.code, c]));
  const out: Recommendation[] = [];
  for (const result of score.criteria) {
    if (result.status !== 'fail' && result.status !== 'partial') continue;
    const criterion = definitions.get(result.code);
    if (!criterion) continue;
    out.push({
      criterionCode: result.code,
      text: textFor(criterion, result, { slaHours: Math.round(methodology.sla.durationMinutes / 60), ...context }),
      evidence: result.evidence,
      potentialPoints: Math.round((result.maxPoints - result.points) * 100) / 100,
    });
  }
  return out;
}
