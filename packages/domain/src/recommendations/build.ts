import type { EvidenceRef, CriterionScore, ScoreResult } from '../criteria/types';
import type { CriterionDefinition, Methodology, ProfileField } from '../methodology/types';
import { quoteCitizenText } from '../privacy/redact';
import { criterionNormRu, criterionResultRu, criterionValueRu, profileFieldNounRu, profileFieldStateRu } from '../criteria/text';
import { quantityRu } from '../locale/russian';
import { percentRu, pluralRu } from './plural';

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

/** What to do about each unmet criterion; the "what was found" part comes from the criterion text generator. */
const ADVICE: Record<string, string> = {
  PROFILE_AVATAR_COVER: 'Установите аватар с гербом или логотипом организации и обложку с её официальным названием.',
  WEBSITE_BACKLINK: 'Разместите ссылку на страницу в шапке или подвале главной страницы сайта.',
  COMMENTS_OPEN: 'Откройте комментарии: это основной канал обратной связи с жителями.',
  POSTING_REGULARITY: 'Составьте контент-план и публикуйте записи равномерно.',
  ER_POST: 'Публикуйте больше полезных для жителей материалов, задавайте вопросы аудитории, используйте фото и видео.',
  ER_VIEW: 'Публикуйте больше полезных для жителей материалов, задавайте вопросы аудитории, используйте фото и видео.',
  MEDIAN_FIRST_RESPONSE: 'Проверяйте комментарии несколько раз в день.',
};

function textFor(criterion: CriterionDefinition, result: CriterionScore, context: RecommendationContext): string {
  const hours = context.slaHours ?? 24;
  const found = criterionResultRu(criterion, result);
  const evaluation = criterion.evaluation;
  if (evaluation.kind === 'automatic' && evaluation.metric === 'profile_field') {
    const field = String(evaluation.parameters.field) as ProfileField;
    const advice = ADVICE[criterion.code] ?? 'Добавьте эти сведения в описание или раздел контактов страницы.';
    const what =
      field === 'avatarAndCover'
        ? `У страницы: ${criterionValueRu(criterion, result.value ?? 0, result.evidence)}`
        : `В профиле страницы ${profileFieldStateRu(field, false)} ${profileFieldNounRu(field)}`;
    return `${what}. ${advice}`;
  }
  switch (criterion.code) {
    case 'WEBSITE_BACKLINK': {
      const site = result.evidence.find((e) => e.kind === 'website')?.url;
      return `${found}${site ? ` (проверен сайт ${site})` : ''}. ${ADVICE.WEBSITE_BACKLINK}`;
    }
    case 'POSTING_REGULARITY': {
      const count = figure(result, 'posts');
      const lead = count !== null ? `За период ${quantityRu(count, ['публикация', 'публикации', 'публикаций', 'публикации'], 0)}: ` : '';
      return `${lead}${lead ? found[0]!.toLowerCase() + found.slice(1) : found}. ${ADVICE.POSTING_REGULARITY}`;
    }
    case 'RESPONSE_RATE': {
      const { count, list } = listQuestions(result, context, ['breached']);
      return `Страница ответила на ${percentRu(result.value ?? 0)} вопросов, жалоб и просьб жителей при норме ${criterionNormRu(criterion)}. ${count} ${pluralRu(count, 'вопрос остался', 'вопроса остались', 'вопросов остались')} без ответа${count > 0 ? `: ${list}` : ''}. Отвечайте на каждое обращение в комментариях.`;
    }
    case 'SLA_WITHIN_24H': {
      const { count, list } = listQuestions(result, context, ['breached', 'answered_late']);
      return `${count} ${pluralRu(count, 'вопрос остался', 'вопроса остались', 'вопросов остались')} без ответа более ${hours} ${pluralRu(hours, 'часа', 'часов', 'часов', 'часа')}${count > 0 ? `: ${list}` : ''}. В срок отвечено ${percentRu(result.value ?? 0)} вопросов при норме ${criterionNormRu(criterion)}; назначьте ответственного за ответы в выходные дни.`;
    }
    default: {
      const advice = ADVICE[criterion.code];
      if (advice) return `${found}. ${advice}`;
      const guidance = evaluation.kind === 'manual' ? ` Шкала оценки: ${evaluation.guidance.ru}` : '';
      return `Критерий «${criterion.title.ru}» не выполнен: ${found}.${guidance}`;
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
