import type { QuestionOutcome, SlaState } from './evaluate';
import { median, percentile } from './percentile';

export interface SlaFigures {
  /** Questions whose outcome is decided: answered, or breached. */
  decided: number;
  answered: number;
  answeredInTime: number;
  answeredLate: number;
  breached: number;
  /** answered / decided. */
  responseRate: number;
  /** answeredInTime / decided. */
  shareWithinSla: number;
  /** Over answered questions, by the policy's clock. */
  medianFirstResponseMs: number | null;
  p90FirstResponseMs: number | null;
}

export interface SubstantiveFigures {
  /** Questions with at least one monitor-marked reply. */
  assessed: number;
  answered: number;
  shareWithinSla: number;
  medianResponseMs: number | null;
}

export type SlaAggregate =
  | {
      status: 'ok';
      questions: number;
      openWithinWindow: number;
      excludedDeleted: number;
      minimumSample: number;
      figures: SlaFigures;
      substantive: SubstantiveFigures | null;
    }
  | {
      /** Too few decided questions: the period gets no SLA figures and no score. */
      status: 'not_enough_data';
      questions: number;
      openWithinWindow: number;
      excludedDeleted: number;
      minimumSample: number;
    };

/** Counts of one account's (or organization's) outcomes in a period, e.g. as summed by SQL. */
export interface SlaCounts {
  answeredInTime: number;
  answeredLate: number;
  breached: number;
  openWithinWindow: number;
  excludedDeleted: number;
  medianFirstResponseMs: number | null;
  p90FirstResponseMs: number | null;
  substantive: SubstantiveFigures | null;
}

/** The same rules as `aggregateSla`, from pre-computed counts (the database's set-based path). */
export function aggregateFromCounts(counts: SlaCounts, minimumSample: number): SlaAggregate {
  const { answeredInTime: inTime, answeredLate: late, breached } = counts;
  const decided = inTime + late + breached;
  const common = { questions: decided + counts.openWithinWindow, openWithinWindow: counts.openWithinWindow, excludedDeleted: counts.excludedDeleted, minimumSample };
  if (decided < minimumSample) return { status: 'not_enough_data', ...common };
  return {
    status: 'ok',
    ...common,
    figures: {
      decided,
      answered: inTime + late,
      answeredInTime: inTime,
      answeredLate: late,
      breached,
      responseRate: (inTime + late) / decided,
      shareWithinSla: inTime / decided,
      medianFirstResponseMs: counts.medianFirstResponseMs,
      p90FirstResponseMs: counts.p90FirstResponseMs,
    },
    substantive: counts.substantive,
  };
}

const ANSWERED: ReadonlySet<SlaState> = new Set(['answered_in_time', 'answered_late']);

/**
 * Aggregates one account's (or organization's) outcomes for one period. Open questions still
 * inside their window are not decided yet and stay out of rates; the minimum sample counts
 * decided questions only.
 */
export function aggregateSla(outcomes: readonly QuestionOutcome[], options: { minimumSample: number; excludedDeleted?: number }): SlaAggregate {
  let inTime = 0;
  let late = 0;
  let breached = 0;
  let open = 0;
  const times: number[] = [];
  let assessed = 0;
  let substantiveAnswered = 0;
  let substantiveInTime = 0;
  const substantiveTimes: number[] = [];
  for (const outcome of outcomes) {
    if (outcome.state === 'answered_in_time') inTime += 1;
    else if (outcome.state === 'answered_late') late += 1;
    else if (outcome.state === 'breached') breached += 1;
    else open += 1;
    if (outcome.firstResponseMs !== null) times.push(outcome.firstResponseMs);
    const s = outcome.substantive;
    if (s && s.state !== 'open_within_window') {
      assessed += 1;
      if (ANSWERED.has(s.state)) substantiveAnswered += 1;
      if (s.state === 'answered_in_time') substantiveInTime += 1;
      if (s.responseMs !== null) substantiveTimes.push(s.responseMs);
    }
  }
  times.sort((a, b) => a - b);
  substantiveTimes.sort((a, b) => a - b);
  return aggregateFromCounts(
    {
      answeredInTime: inTime,
      answeredLate: late,
      breached,
      openWithinWindow: open,
      excludedDeleted: options.excludedDeleted ?? 0,
      medianFirstResponseMs: median(times),
      p90FirstResponseMs: percentile(times, 90),
      substantive: assessed === 0 ? null : { assessed, answered: substantiveAnswered, shareWithinSla: substantiveInTime / assessed, medianResponseMs: median(substantiveTimes) },
    },
    options.minimumSample,
  );
}
