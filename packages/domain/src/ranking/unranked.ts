import { pluralRu } from '../recommendations/plural';

/** Why an organization has no rank in an edition (machine code; the text says it in Russian). */
export const UNRANKED_REASON_CODES = ['no_accounts', 'below_minimum_sample', 'low_coverage', 'not_enough_data'] as const;
export type UnrankedReasonCode = (typeof UNRANKED_REASON_CODES)[number];

export interface UnrankedReason {
  code: UnrankedReasonCode;
  text: string;
}

/** What an edition keeps of an organization's result. */
export interface RankedFigures {
  enoughData: boolean;
  /** Decided questions (answered, or unanswered past the deadline) over all the organization's pages. */
  sampleSize: number;
  accountsTotal: number;
}

/** The methodology's rules that withhold a score: the SLA's minimum sample and the minimum coverage of criteria. */
export interface RankingRules {
  minimumSample: number;
  minimumCoverage: number;
}

const questions = (n: number) => `${n} ${pluralRu(n, 'вопрос', 'вопроса', 'вопросов')}`;

/**
 * Null for a ranked organization; otherwise why it is not ranked. Below the SLA's minimum sample
 * the response-time criteria are not measured, which is what usually leaves too few criteria.
 * Without the methodology's rules the reason stays general rather than guessed.
 */
export function unrankedReason(row: RankedFigures, rules: RankingRules | null): UnrankedReason | null {
  if (row.enoughData) return null;
  if (row.accountsTotal === 0) return { code: 'no_accounts', text: 'У организации нет официальных страниц в реестре' };
  if (rules === null) return { code: 'not_enough_data', text: 'Данных за период недостаточно для оценки' };
  if (row.sampleSize < rules.minimumSample) {
    return {
      code: 'below_minimum_sample',
      text: `Мало вопросов жителей: за период ${questions(row.sampleSize)} с ответом или с истёкшим сроком ответа, нужно не меньше ${rules.minimumSample}; без скорости ответов измерено слишком мало критериев для оценки`,
    };
  }
  return {
    code: 'low_coverage',
    text: `Измерено слишком мало критериев для оценки: нужно не меньше ${Math.round(rules.minimumCoverage * 100)} % их веса`,
  };
}
