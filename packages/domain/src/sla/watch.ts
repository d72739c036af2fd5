import { percentile } from './percentile';
import type { SlaState } from './evaluate';

const HOUR_S = 3600;

/** Buckets of the SLA distribution chart, in display order. */
export const SLA_BUCKETS = ['under1h', 'from1to4h', 'from4to24h', 'over24h', 'unanswered'] as const;
export type SlaBucket = (typeof SLA_BUCKETS)[number];

/** One measured question: its state and, when answered, the first-response time by the policy's clock. */
export interface MeasuredQuestion {
  state: SlaState | 'excluded';
  firstResponseSeconds: number | null;
}

export interface SlaDistribution {
  /** Decided questions: answered, or breached without an answer. */
  decided: number;
  /** Questions still inside their window: not in the shares yet. */
  pending: number;
  counts: Record<SlaBucket, number>;
  /** counts / decided (0 when nothing is decided). */
  shares: Record<SlaBucket, number>;
  /** First-response percentiles over answered questions, in seconds (`percentile`, interpolated); null when none. */
  percentiles: { p50: number | null; p90: number | null; p95: number | null };
}

/** The bucket of a response time (seconds); null means no answer yet. */
export function slaBucketOf(firstResponseSeconds: number | null): SlaBucket {
  if (firstResponseSeconds === null) return 'unanswered';
  if (firstResponseSeconds < HOUR_S) return 'under1h';
  if (firstResponseSeconds < 4 * HOUR_S) return 'from1to4h';
  if (firstResponseSeconds <= 24 * HOUR_S) return 'from4to24h';
  return 'over24h';
}

/**
 * Shares of questions answered within 1 h, 1–4 h, 4–24 h, later, or not at all, and p50/p90/p95
 * of the first-response time. Excluded questions (deleted, accepted disputes) are left out;
 * open questions still inside their window count as pending only.
 */
export function slaDistribution(questions: readonly MeasuredQuestion[]): SlaDistribution {
  const counts: Record<SlaBucket, number> = { under1h: 0, from1to4h: 0, from4to24h: 0, over24h: 0, unanswered: 0 };
  const times: number[] = [];
  let pending = 0;
  for (const q of questions) {
    if (q.state === 'excluded') continue;
    if (q.state === 'open_within_window') {
      pending += 1;
      continue;
    }
    const answered = q.state === 'answered_in_time' || q.state === 'answered_late';
    const seconds = answered ? q.firstResponseSeconds : null;
    counts[slaBucketOf(seconds)] += 1;
    if (seconds !== null) times.push(seconds);
  }
  const decided = SLA_BUCKETS.reduce((sum, b) => sum + counts[b], 0);
  const shares = Object.fromEntries(SLA_BUCKETS.map((b) => [b, decided === 0 ? 0 : counts[b] / decided])) as Record<SlaBucket, number>;
  times.sort((a, b) => a - b);
  return { decided, pending, counts, shares, percentiles: { p50: percentile(times, 50), p90: percentile(times, 90), p95: percentile(times, 95) } };
}

/** Time left before a deadline (negative when overdue). */
export function slaTimeLeft(deadlineMs: number, nowMs: number): { remainingMs: number; overdue: boolean } {
  const remainingMs = deadlineMs - nowMs;
  return { remainingMs, overdue: remainingMs < 0 };
}
