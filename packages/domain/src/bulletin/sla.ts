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
