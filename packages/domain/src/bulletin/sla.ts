import { quantityRu } from '../locale/russian';
import { aggregateFromCounts, type SlaFigures } from '../sla/aggregate';
import type { BulletinSlaStats } from './dataset';

/**
 * A bulletin's SLA figures by the domain's one rule (`aggregateFromCounts`, as the public headline's
 * `slaSummary`): shares over decided questions, open questions still inside their window left out.
 * Null when no question is decided yet: a share of nothing is never stated.
 */
export function bulletinSlaFigures(stats: BulletinSlaStats): SlaFigures | null {
  const aggregate = aggregateFromCounts(
    {
      answeredInTime: stats.answeredWithin24h,
      answeredLate: stats.answered - stats.answeredWithin24h,
      breached: stats.decided - stats.answered,
      openWithinWindow: stats.questions - stats.decided,
      excludedDeleted: 0,
      medianFirstResponseMs: stats.medianMinutes === null ? null : stats.medianMinutes * 60_000,
      p90FirstResponseMs: stats.p90Minutes === null ? null : stats.p90Minutes * 60_000,
      substantive: null,
    },
    1,
  );
  return aggregate.status === 'ok' ? aggregate.figures : null;
}

/**
 * What a bulletin may say about answers to citizens' questions on measured pages: figures only when
 * some question's outcome is decided; otherwise why the answer time was not measured.
 */
export type BulletinSlaState<S extends BulletinSlaStats = BulletinSlaStats> =
  /** Questions were not counted for the period at all, and why. */
  | { kind: 'not_counted'; reason: string }
  /** Comments were read and no citizen's question was found. */
  | { kind: 'no_questions' }
  /** Every question found is still inside its answer window. */
  | { kind: 'none_decided'; questions: number }
  | { kind: 'measured'; stats: S; figures: SlaFigures };
export type BulletinSlaNotMeasured = Exclude<BulletinSlaState, { kind: 'measured' }>;

/** The state of `stats` (no stats: no question found); `notCountedReason` set means questions were not counted. */
export function bulletinSlaState<S extends BulletinSlaStats>(stats: S | undefined, notCountedReason: string | null): BulletinSlaState<S> {
  if (notCountedReason !== null) return { kind: 'not_counted', reason: notCountedReason };
  if (!stats || stats.questions === 0) return { kind: 'no_questions' };
  const figures = bulletinSlaFigures(stats);
  return figures ? { kind: 'measured', stats, figures } : { kind: 'none_decided', questions: stats.questions };
}

/** «1 вопрос», «3 вопроса», «10 вопросов». */
export const questionCountRu = (count: number): string => quantityRu(count, ['вопрос', 'вопроса', 'вопросов'], 0);

const NOT_MEASURED = 'доля ответов в течение 24 часов и время ответа не измерялись';

/** Why a bulletin states no SLA figures, as a sentence without its full stop. */
export function slaNotMeasuredText(state: BulletinSlaNotMeasured): string {
  switch (state.kind) {
    case 'not_counted':
      return `Вопросы жителей за период не подсчитывались: ${state.reason} — ${NOT_MEASURED}`;
    case 'no_questions':
      return `Вопросов жителей в комментариях за период не найдено — ${NOT_MEASURED}`;
    case 'none_decided':
      return `На ${questionCountRu(state.questions)} жителей срок ответа ещё не истёк — ${NOT_MEASURED}`;
  }
}
