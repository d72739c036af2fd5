import { describe, expect, it } from 'vitest';
import { pseudonymLabel } from '../privacy';
import { slaBucketOf, slaDistribution, slaTimeLeft, type MeasuredQuestion } from './watch';
import { METHODOLOGY_V1 } from '../methodology/v1';
import { measuresResponsesOn, slaPageReading, slaWatchState } from './watch-state';
import { PAGE_READ } from '../criteria/reasons';

const H = 3600;
const answered = (seconds: number): MeasuredQuestion => ({ state: seconds <= 24 * H ? 'answered_in_time' : 'answered_late', firstResponseSeconds: seconds });

describe('SLA distribution', () => {
  it('puts response times into buckets at the hour boundaries', () => {
    expect(slaBucketOf(null)).toBe('unanswered');
    expect(slaBucketOf(0)).toBe('under1h');
    expect(slaBucketOf(H - 1)).toBe('under1h');
    expect(slaBucketOf(H)).toBe('from1to4h');
    expect(slaBucketOf(4 * H)).toBe('from4to24h');
    expect(slaBucketOf(24 * H)).toBe('from4to24h');
    expect(slaBucketOf(24 * H + 1)).toBe('over24h');
  });

  it('counts decided questions only, with shares and interpolated percentiles (the one definition)', () => {
    const questions: MeasuredQuestion[] = [
      answered(600),
      answered(1800),
      answered(2 * H),
      answered(5 * H),
      answered(10 * H),
      answered(30 * H),
      { state: 'breached', firstResponseSeconds: null },
      { state: 'breached', firstResponseSeconds: null },
      { state: 'open_within_window', firstResponseSeconds: null },
      { state: 'excluded', firstResponseSeconds: 100 },
    ];
    const result = slaDistribution(questions);
    expect(result.decided).toBe(8);
    expect(result.pending).toBe(1);
    expect(result.counts).toEqual({ under1h: 2, from1to4h: 1, from4to24h: 2, over24h: 1, unanswered: 2 });
    expect(result.shares.under1h).toBeCloseTo(0.25);
    expect(result.shares.unanswered).toBeCloseTo(0.25);
    expect(Object.values(result.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    // Answered times sorted: 600, 1800, 7200, 18000, 36000, 108000.
    // An even sample: p50 is the mean of the two middle values.
    expect(result.percentiles).toEqual({ p50: 12600, p90: 72000, p95: 90000 });
  });

  it('is empty without decided questions', () => {
    const result = slaDistribution([{ state: 'open_within_window', firstResponseSeconds: null }]);
    expect(result.decided).toBe(0);
    expect(result.shares.under1h).toBe(0);
    expect(result.percentiles).toEqual({ p50: null, p90: null, p95: null });
  });
});

describe('SLA watch helpers', () => {
  it('reports time left and overdue', () => {
    expect(slaTimeLeft(10_000, 4_000)).toEqual({ remainingMs: 6_000, overdue: false });
    expect(slaTimeLeft(10_000, 12_000)).toEqual({ remainingMs: -2_000, overdue: true });
  });

  it('labels a pseudonym with its first hex digits only', () => {
    expect(pseudonymLabel('ab12cd'.padEnd(64, '0'))).toBe('AB12CD');
  });
});

describe('SLA watch state', () => {
  const read = { read: 'read' as const };
  const unread = { read: 'not_read' as const };
  const pending = { read: 'comments_pending' as const };

  it('claims nothing from pages that were never read or whose network is not measured', () => {
    expect(slaWatchState({ pages: [], questions: 0, open: 0 })).toBe('no_pages');
    expect(slaWatchState({ pages: [{ read: 'not_measured' }], questions: 0, open: 0 })).toBe('not_measured');
    expect(slaWatchState({ pages: [{ read: 'not_measured' }, unread], questions: 0, open: 0 })).toBe('not_read');
    expect(slaWatchState({ pages: [unread], questions: 0, open: 0 })).toBe('not_read');
    expect(slaWatchState({ pages: [unread, pending], questions: 0, open: 0 })).toBe('not_read');
  });

  it('says "no questions" only when a page was read, "all answered" only when there were questions', () => {
    expect(slaWatchState({ pages: [read, unread], questions: 0, open: 0 })).toBe('no_questions');
    expect(slaWatchState({ pages: [read], questions: 3, open: 0 })).toBe('all_answered');
    expect(slaWatchState({ pages: [read], questions: 3, open: 1 })).toBe('open');
    expect(slaWatchState({ pages: [pending], questions: 2, open: 0 })).toBe('all_answered');
  });

  it('reads a page as scoring does: posts never read is "not read", whatever else was read', () => {
    const profileOnly = { ...PAGE_READ, postsRead: false, commentsRead: false };
    expect(slaPageReading(profileOnly, true, false)).toBe('not_read');
    expect(slaPageReading(PAGE_READ, true, false)).toBe('read');
    expect(slaPageReading(PAGE_READ, true, true)).toBe('comments_pending');
    expect(slaPageReading(PAGE_READ, false, true)).toBe('not_measured');
  });
});

describe('networks where responses are measured', () => {
  it('follows the 24-hour criterion of the methodology: VK and OK, not Telegram', () => {
    expect(measuresResponsesOn(METHODOLOGY_V1, 'vk')).toBe(true);
    expect(measuresResponsesOn(METHODOLOGY_V1, 'ok')).toBe(true);
    expect(measuresResponsesOn(METHODOLOGY_V1, 'telegram')).toBe(false);
  });
});
