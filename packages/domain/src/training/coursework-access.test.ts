import { describe, expect, it } from 'vitest';
import { courseworkAccess, deadlineProblems, regionDate, startsOnEnrolment } from './coursework-access';

const cohort = { startsOn: '2026-12-01', endsOn: '2026-12-20' };

describe('coursework access follows the enrolment and the cohort dates', () => {
  it('opens for active trainees and for enrolled trainees of a running cohort', () => {
    expect(courseworkAccess('active', cohort, '2026-12-05')).toEqual({ open: true, reason: null });
    expect(courseworkAccess('enrolled', cohort, '2026-12-01')).toEqual({ open: true, reason: null });
    expect(courseworkAccess('enrolled', cohort, '2026-12-20')).toEqual({ open: true, reason: null });
  });
  it('closes with a reason otherwise', () => {
    expect(courseworkAccess('enrolled', cohort, '2026-11-30')).toEqual({ open: false, reason: 'not_started' });
    expect(courseworkAccess('enrolled', cohort, '2026-12-21')).toEqual({ open: false, reason: 'cohort_ended' });
    expect(courseworkAccess('applied', cohort, '2026-12-05')).toEqual({ open: false, reason: 'awaiting_enrolment' });
    expect(courseworkAccess('suspended', cohort, '2026-12-05')).toEqual({ open: false, reason: 'suspended' });
    for (const state of ['completed', 'failed', 'withdrawn'] as const) expect(courseworkAccess(state, cohort, '2026-12-05').reason).toBe('finished');
  });
  it('an enrolment into a running cohort starts at once', () => {
    expect(startsOnEnrolment(cohort, '2026-11-30')).toBe(false);
    expect(startsOnEnrolment(cohort, '2026-12-01')).toBe(true);
    expect(startsOnEnrolment(cohort, '2026-12-21')).toBe(false);
  });
});

describe('region date and deadlines', () => {
  it('uses Saratov time (UTC+4) for the calendar day', () => {
    expect(regionDate(new Date('2026-12-05T19:59:00Z'))).toBe('2026-12-05');
    expect(regionDate(new Date('2026-12-05T20:00:00Z'))).toBe('2026-12-06');
  });
  it('names an assignment due after the cohort ends', () => {
    expect(deadlineProblems(cohort, [{ title: 'Эссе', dueDay: 19 }])).toEqual([]);
    expect(deadlineProblems(cohort, [{ title: 'Эссе', dueDay: 20 }])).toEqual([
      'Срок задания «Эссе» (20-й день от начала, 21.12.2026) позже окончания потока (20.12.2026): продлите поток или сократите срок задания',
    ]);
  });
});
