import { describe, expect, it } from 'vitest';
import { aggregateFromCounts, aggregateSla } from './aggregate';
import { median, percentile } from './percentile';
import { localDateOf, slaDeadline, slaElapsedMs, workingMsBetween } from './clock';
import { evaluateSla, type QuestionOutcome, type ResponseKind } from './evaluate';
import type { SlaComment } from './first-reply';
import { periodBounds, periodOf } from './period';
import { DEFAULT_SLA_POLICY, slaPolicy } from './policy';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Saratov local time "YYYY-MM-DDTHH:MM:SS" → Date (UTC+4). */
const saratov = (local: string) => new Date(`${local}+04:00`);

let seq = 0;
function comment(partial: Partial<SlaComment> & { createdAt: Date }): SlaComment {
  seq += 1;
  return {
    id: `c${seq}`,
    postId: 'p1',
    fromPage: false,
    authorKey: 'citizen-a',
    threadRootId: null,
    replyToCommentId: null,
    replyToUserKey: null,
    deleted: false,
    ...partial,
  };
}
const pageReply = (to: SlaComment, at: Date, extra: Partial<SlaComment> = {}) =>
  comment({ fromPage: true, authorKey: null, createdAt: at, threadRootId: to.threadRootId ?? to.id, replyToCommentId: to.id, replyToUserKey: to.authorKey, ...extra });

function evaluate(comments: SlaComment[], questions: SlaComment[], evaluatedAt: Date, policy = DEFAULT_SLA_POLICY, responseKinds?: Map<string, ResponseKind>) {
  return evaluateSla({ comments, questionIds: new Set(questions.map((q) => q.id)), policy, evaluatedAt, responseKinds });
}
const only = (result: ReturnType<typeof evaluate>): QuestionOutcome => {
  expect(result.outcomes).toHaveLength(1);
  return result.outcomes[0]!;
};

describe('SLA states (24 calendar hours)', () => {
  const asked = saratov('2025-03-03T10:00:00');
  const later = saratov('2025-03-20T00:00:00');

  it('a reply at exactly 24:00:00 is in time (the deadline is inclusive), one second later is late', () => {
    const q = comment({ createdAt: asked });
    const onTheDot = pageReply(q, new Date(asked.getTime() + 24 * HOUR));
    expect(only(evaluate([q, onTheDot], [q], later)).state).toBe('answered_in_time');
    expect(only(evaluate([q, onTheDot], [q], later)).firstResponseMs).toBe(24 * HOUR);

    const q2 = comment({ createdAt: asked });
    const late = pageReply(q2, new Date(asked.getTime() + 24 * HOUR + 1000));
    expect(only(evaluate([q2, late], [q2], later)).state).toBe('answered_late');
  });

  it('an unanswered question is open inside the window and breached after it', () => {
    const q = comment({ createdAt: asked });
    expect(only(evaluate([q], [q], new Date(asked.getTime() + 24 * HOUR))).state).toBe('open_within_window');
    expect(only(evaluate([q], [q], new Date(asked.getTime() + 24 * HOUR + 1))).state).toBe('breached');
  });

  it('replies after the evaluation instant are not seen yet', () => {
    const q = comment({ createdAt: asked });
    const reply = pageReply(q, new Date(asked.getTime() + 5 * HOUR));
    expect(only(evaluate([q, reply], [q], new Date(asked.getTime() + 2 * HOUR))).state).toBe('open_within_window');
    expect(only(evaluate([q, reply], [q], new Date(asked.getTime() + 30 * HOUR))).state).toBe('answered_in_time');
  });

  it('ignores page replies timed before the question (the question was edited/re-posted)', () => {
    const q = comment({ createdAt: asked });
    const earlier = pageReply(q, new Date(asked.getTime() - 10 * MINUTE));
    const outcome = only(evaluate([q, earlier], [q], later));
    expect(outcome.state).toBe('breached');
    expect(outcome.firstReplyId).toBeNull();
  });

  it('finds a reply in a nested thread and picks the earliest one', () => {
    const root = comment({ createdAt: asked, authorKey: 'citizen-b' });
    const q = comment({ createdAt: new Date(asked.getTime() + HOUR), threadRootId: root.id, replyToCommentId: root.id, replyToUserKey: 'citizen-b' });
    const second = pageReply(q, new Date(asked.getTime() + 5 * HOUR));
    const first = pageReply(q, new Date(asked.getTime() + 3 * HOUR));
    const outcome = only(evaluate([root, q, second, first], [q], later));
    expect(outcome.firstReplyId).toBe(first.id);
    expect(outcome.firstResponseMs).toBe(2 * HOUR);
  });

  it('a page reply in the thread without an addressee counts; one addressed to another citizen does not', () => {
    const q = comment({ createdAt: asked });
    const other = comment({ createdAt: new Date(asked.getTime() + HOUR), authorKey: 'citizen-b', threadRootId: q.id, replyToCommentId: q.id, replyToUserKey: 'citizen-a' });
    const toOther = comment({ fromPage: true, authorKey: null, createdAt: new Date(asked.getTime() + 2 * HOUR), threadRootId: q.id, replyToCommentId: other.id, replyToUserKey: 'citizen-b' });
    expect(only(evaluate([q, other, toOther], [q], later)).state).toBe('breached');

    const plainInThread = comment({ fromPage: true, authorKey: null, createdAt: new Date(asked.getTime() + 3 * HOUR), threadRootId: q.id });
    const outcome = only(evaluate([q, other, toOther, plainInThread], [q], later));
    expect(outcome.firstReplyId).toBe(plainInThread.id);
  });

  it('a top-level page comment addressed to the citizen answers them (reply_to_user)', () => {
    const q = comment({ createdAt: asked });
    const topLevel = comment({ fromPage: true, authorKey: null, createdAt: new Date(asked.getTime() + HOUR), replyToUserKey: 'citizen-a' });
    const unaddressed = comment({ fromPage: true, authorKey: null, createdAt: new Date(asked.getTime() + 30 * MINUTE) });
    const outcome = only(evaluate([q, unaddressed, topLevel], [q], later));
    expect(outcome.firstReplyId).toBe(topLevel.id);
  });

  it('a page reply on another post never answers', () => {
    const q = comment({ createdAt: asked });
    const elsewhere = pageReply(q, new Date(asked.getTime() + HOUR), { postId: 'p2' });
    expect(only(evaluate([q, elsewhere], [q], later)).state).toBe('breached');
  });

  it('excludes deleted questions from the sample and reports them', () => {
    const q = comment({ createdAt: asked, deleted: true });
    const kept = comment({ createdAt: asked, authorKey: 'citizen-c' });
    const result = evaluate([q, kept], [q, kept], later);
    expect(result.outcomes.map((o) => o.questionId)).toEqual([kept.id]);
    expect(result.excluded).toEqual([{ questionId: q.id, reason: 'deleted' }]);
  });

  it('a deleted page reply does not count as an answer', () => {
    const q = comment({ createdAt: asked });
    const removed = pageReply(q, new Date(asked.getTime() + HOUR), { deleted: true });
    expect(only(evaluate([q, removed], [q], later)).state).toBe('breached');
  });

  it('separates the first response from the substantive one when a monitor marked replies', () => {
    const q = comment({ createdAt: asked });
    const intermediate = pageReply(q, new Date(asked.getTime() + HOUR));
    const real = pageReply(q, new Date(asked.getTime() + 30 * HOUR));
    const marks = new Map<string, ResponseKind>([
      [intermediate.id, 'intermediate'],
      [real.id, 'substantive'],
    ]);
    const outcome = only(evaluate([q, intermediate, real], [q], later, DEFAULT_SLA_POLICY, marks));
    expect(outcome.state).toBe('answered_in_time');
    expect(outcome.firstReplyId).toBe(intermediate.id);
    expect(outcome.substantive).toEqual({ replyId: real.id, responseMs: 30 * HOUR, state: 'answered_late' });
  });
});

describe('working-hours clock', () => {
  const policy = slaPolicy({ clock: 'working_hours', durationMinutes: 9 * 60, holidays: ['2025-03-10'] });

  it('skips the weekend: Friday 17:00 + 9 working hours = Monday 17:00', () => {
    const friday = saratov('2025-03-07T17:00:00');
    expect(new Date(slaDeadline(policy, friday.getTime()))).toEqual(saratov('2025-03-11T17:00:00')); // Monday 10.03 is a holiday
    const noHoliday = slaPolicy({ clock: 'working_hours', durationMinutes: 9 * 60 });
    expect(new Date(slaDeadline(noHoliday, friday.getTime()))).toEqual(saratov('2025-03-10T17:00:00'));
  });

  it('skips a holiday: a question on Friday evening answered Tuesday 12:00 has 4 working hours', () => {
    const asked = saratov('2025-03-07T19:30:00');
    const reply = saratov('2025-03-11T12:00:00');
    expect(workingMsBetween(policy, asked.getTime(), reply.getTime())).toBe(3 * HOUR);
    const q = comment({ createdAt: asked });
    const r = pageReply(q, reply);
    const outcome = only(evaluate([q, r], [q], saratov('2025-03-20T00:00:00'), policy));
    expect(outcome.state).toBe('answered_in_time');
    expect(outcome.firstResponseMs).toBe(3 * HOUR);
  });

  it('breaches across a weekend and a holiday exactly after the working duration', () => {
    const asked = saratov('2025-03-07T10:00:00'); // Friday: 8 working hours left that day
    const q = comment({ createdAt: asked });
    // Sat, Sun off, Mon 10.03 holiday; the ninth hour ends Tuesday 10:00.
    expect(only(evaluate([q], [q], saratov('2025-03-11T10:00:00'), policy)).state).toBe('open_within_window');
    expect(only(evaluate([q], [q], saratov('2025-03-11T10:00:01'), policy)).state).toBe('breached');
  });

  it('counts a transferred working Saturday', () => {
    const withSaturday = slaPolicy({ clock: 'working_hours', durationMinutes: 60, extraWorkingDays: ['2025-03-08'] });
    expect(new Date(slaDeadline(withSaturday, saratov('2025-03-07T18:30:00').getTime()))).toEqual(saratov('2025-03-08T10:00:00'));
  });

  it('counts nothing outside working hours and calendar time under the calendar clock', () => {
    const sat = saratov('2025-03-08T09:00:00').getTime();
    expect(slaElapsedMs(policy, sat, sat + 20 * HOUR)).toBe(0);
    expect(slaElapsedMs(DEFAULT_SLA_POLICY, sat, sat + 20 * HOUR)).toBe(20 * HOUR);
    expect(slaElapsedMs(DEFAULT_SLA_POLICY, sat, sat - HOUR)).toBe(0);
  });
});

describe('Saratov time without DST', () => {
  it('uses UTC+4 in winter and summer, agreeing with the IANA database', () => {
    for (const iso of ['2025-01-15T20:30:00Z', '2025-07-15T20:30:00Z', '2025-03-30T22:00:00Z', '2025-10-26T21:00:00Z']) {
      const instant = new Date(iso);
      const viaIntl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Saratov', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
      expect(localDateOf(instant.getTime(), DEFAULT_SLA_POLICY.utcOffsetMinutes)).toBe(viaIntl);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Saratov', hour: '2-digit', hourCycle: 'h23' }).format(instant));
      expect(hour).toBe((instant.getUTCHours() + 4) % 24);
    }
  });

  it('assigns periods by Saratov local date', () => {
    const lateNightUtc = new Date('2025-03-31T21:00:00Z'); // 01:00 on 1 April in Saratov
    expect(periodOf('month', lateNightUtc, 240).key).toBe('2025-04');
    expect(periodOf('quarter', lateNightUtc, 240).key).toBe('2025-Q2');
    expect(periodOf('week', new Date('2025-01-01T12:00:00Z'), 240)).toMatchObject({ key: '2025-W01', start: '2024-12-30', end: '2025-01-06' });
    expect(periodBounds({ start: '2025-04-01', end: '2025-05-01' }, 240).from.toISOString()).toBe('2025-03-31T20:00:00.000Z');
  });
});

describe('"me too" replies join the thread\'s question', () => {
  const asked = saratov('2025-03-03T10:00:00');
  const later = saratov('2025-03-20T00:00:00');
  const meToo = (root: SlaComment, author: string, minutes: number) =>
    comment({ createdAt: new Date(asked.getTime() + minutes * MINUTE), authorKey: author, threadRootId: root.id, replyToCommentId: root.id, replyToUserKey: root.authorKey, meToo: true });

  it('a question, two "me too" replies and a page reply in 2 h count as one question answered in 2 h', () => {
    const q = comment({ createdAt: asked, authorKey: 'asker' });
    const first = meToo(q, 'neighbour-1', 20);
    const second = meToo(q, 'neighbour-2', 50);
    // The page answers the asker by name (reply_to_user): before, the two neighbours stayed unanswered.
    const reply = pageReply(q, new Date(asked.getTime() + 2 * HOUR));
    const result = evaluate([q, first, second, reply], [q, first, second], later);
    const outcome = only(result);
    expect(outcome).toMatchObject({ questionId: q.id, state: 'answered_in_time', firstResponseMs: 2 * HOUR, firstReplyId: reply.id });
    expect(result.joined).toEqual([
      { questionId: first.id, joinedQuestionId: q.id },
      { questionId: second.id, joinedQuestionId: q.id },
    ]);
    const figures = aggregateSla(result.outcomes, { minimumSample: 1 });
    expect(figures.status === 'ok' && figures.figures).toMatchObject({ decided: 1, answered: 1, medianFirstResponseMs: 2 * HOUR });
  });

  it('an unanswered thread stays one breached question, not three', () => {
    const q = comment({ createdAt: asked, authorKey: 'asker' });
    const joiners = [meToo(q, 'n1', 5), meToo(q, 'n2', 9)];
    const result = evaluate([q, ...joiners], [q, ...joiners], later);
    expect(only(result).state).toBe('breached');
    expect(result.joined).toHaveLength(2);
  });

  it('a "me too" with no question to join (top level, or a thread without a question) is measured on its own', () => {
    const top = comment({ createdAt: asked, authorKey: 'n1', meToo: true });
    expect(only(evaluate([top], [top], later)).questionId).toBe(top.id);
    const statement = comment({ createdAt: asked, authorKey: 'author' });
    const lone = meToo(statement, 'n2', 10);
    const result = evaluate([statement, lone], [lone], later);
    expect(only(result).questionId).toBe(lone.id);
    expect(result.joined).toEqual([]);
  });
});

describe('aggregates', () => {
  const base = saratov('2025-03-03T10:00:00').getTime();
  function outcomes(responseHours: Array<number | null>, openCount = 0): QuestionOutcome[] {
    const list: QuestionOutcome[] = responseHours.map((hours, i) => ({
      questionId: `q${i}`,
      postId: 'p',
      askedAt: new Date(base),
      deadline: new Date(base + 24 * HOUR),
      state: hours === null ? 'breached' : hours <= 24 ? 'answered_in_time' : 'answered_late',
      firstReplyId: hours === null ? null : `r${i}`,
      firstReplyAt: hours === null ? null : new Date(base + hours * HOUR),
      firstResponseMs: hours === null ? null : hours * HOUR,
      substantive: null,
    }));
    for (let i = 0; i < openCount; i += 1) list.push({ ...list[0]!, questionId: `o${i}`, state: 'open_within_window', firstReplyId: null, firstReplyAt: null, firstResponseMs: null });
    return list;
  }

  it('returns not_enough_data below the minimum sample, with no figures', () => {
    const result = aggregateSla(outcomes([1, 2, 3, null, 30, 4, 5, 6, 7], 5), { minimumSample: 10 });
    expect(result.status).toBe('not_enough_data');
    expect(result).not.toHaveProperty('figures');
    expect(result.questions).toBe(14);
  });

  it('computes rate, share within SLA, median and p90 over decided questions', () => {
    const result = aggregateSla(outcomes([1, 2, 3, null, 30, 4, 5, 6, 7, 48, null], 2), { minimumSample: 10 });
    if (result.status !== 'ok') throw new Error('expected figures');
    expect(result.figures).toMatchObject({ decided: 11, answered: 9, answeredInTime: 7, answeredLate: 2, breached: 2 });
    expect(result.figures.responseRate).toBeCloseTo(9 / 11);
    expect(result.figures.shareWithinSla).toBeCloseTo(7 / 11);
    expect(result.figures.medianFirstResponseMs).toBe(5 * HOUR);
    // Answered, sorted: 1 2 3 4 5 6 7 30 48 h; p90 sits at rank 7.2 (0-based): 30 + 0.2 × 18.
    expect(result.figures.p90FirstResponseMs).toBeCloseTo(33.6 * HOUR, 3);
    expect(result.openWithinWindow).toBe(2);
  });

  it('median and percentiles interpolate between the closest ranks (one definition, PostgreSQL percentile_cont)', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(percentile([], 90)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 9], 0)).toBe(1);
    expect(percentile([1, 9], 100)).toBe(9);
  });

  it('an even sample: 1 h and 1 h 30 min have a median of 1 h 15 min (not 1 h by nearest rank)', () => {
    const times = [HOUR, 1.5 * HOUR];
    expect(median(times)).toBe(1.25 * HOUR);
    const even = outcomes([1, 1, 1, 1, 1, 1.5, 1.5, 1.5, 1.5, 1.5]);
    const result = aggregateSla(even, { minimumSample: 10 });
    if (result.status !== 'ok') throw new Error('expected figures');
    expect(result.figures.medianFirstResponseMs).toBe(1.25 * HOUR);
  });
});

describe('aggregateFromCounts', () => {
  it('agrees with aggregateSla', () => {
    const at = new Date('2025-03-03T06:00:00Z');
    const outcomes: QuestionOutcome[] = [1, 2, 30, null, 3, 4, 5, 6, 7, 8, null].map((h, i) => ({
      questionId: `q${i}`,
      postId: 'p',
      askedAt: at,
      deadline: null,
      state: h === null ? 'breached' : h <= 24 ? 'answered_in_time' : 'answered_late',
      firstReplyId: null,
      firstReplyAt: null,
      firstResponseMs: h === null ? null : h * HOUR,
      substantive: null,
    }));
    const times = outcomes.flatMap((o) => (o.firstResponseMs === null ? [] : [o.firstResponseMs])).sort((a, b) => a - b);
    const fromCounts = aggregateFromCounts(
      { answeredInTime: 8, answeredLate: 1, breached: 2, openWithinWindow: 0, excludedDeleted: 0, medianFirstResponseMs: median(times), p90FirstResponseMs: percentile(times, 90), substantive: null },
      10,
    );
    expect(fromCounts).toEqual(aggregateSla(outcomes, { minimumSample: 10 }));
  });
});
